/**
 * Media types parsed, not substring-matched (RFC 9110 §8.3.1 Content-Type, §12.5.1 Accept): a client
 * sending `Accept: application/json;q=0` plus a full wildcard does not accept JSON, and `text/event-streamx` is not SSE.
 */

export interface MediaType {
  /** Lower-cased `type/subtype`. */
  readonly essence: string
  readonly type: string
  readonly subtype: string
  /** Parameter names lower-cased, values unquoted. */
  readonly params: ReadonlyMap<string, string>
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** Parses `type/subtype; name=value; ...`; undefined when it is not a media type. */
export function parseMediaType(value: string): MediaType | undefined {
  const [head = '', ...rest] = splitOutsideQuotes(value, ';')
  const [type = '', subtype = '', extra] = head.trim().toLowerCase().split('/')
  if (extra !== undefined || !TOKEN.test(type) || !TOKEN.test(subtype)) return undefined
  const params = new Map<string, string>()
  for (const part of rest) {
    const at = part.indexOf('=')
    if (at < 1) continue
    params.set(part.slice(0, at).trim().toLowerCase(), unquote(part.slice(at + 1).trim()))
  }
  return { essence: `${type}/${subtype}`, type, subtype, params }
}

interface MediaRange {
  readonly type: string
  readonly subtype: string
  readonly q: number
}

/** Clients send the same few `Accept` values on every request: their parses are kept (bounded). */
const acceptCache = new Map<string, readonly MediaRange[]>()
const ACCEPT_CACHE_SIZE = 64

/** The ranges of an `Accept` header; malformed ranges and ranges with an invalid `q` are skipped. */
export function parseAccept(header: string): readonly MediaRange[] {
  let ranges = acceptCache.get(header)
  if (ranges === undefined) {
    if (acceptCache.size >= ACCEPT_CACHE_SIZE) acceptCache.clear()
    ranges = Object.freeze(parseRanges(header))
    acceptCache.set(header, ranges)
  }
  return ranges
}

function parseRanges(header: string): MediaRange[] {
  const ranges: MediaRange[] = []
  for (const item of splitOutsideQuotes(header, ',')) {
    const media = parseMediaType(item)
    if (media === undefined || (media.type === '*' && media.subtype !== '*')) continue
    const q = parseWeight(media.params.get('q'))
    if (q !== undefined) ranges.push({ type: media.type, subtype: media.subtype, q })
  }
  return ranges
}

/**
 * Whether `header` accepts `mediaType` (an essence such as `text/event-stream`): the most specific
 * matching range decides (`text/event-stream`, then `text/*`, then the full wildcard), and it must have q > 0. A
 * missing header accepts nothing here, because MCP clients MUST send one (2025-11-25 transports).
 */
export function accepts(header: string | null | undefined, mediaType: string): boolean {
  if (!header) return false
  const [type, subtype] = mediaType.toLowerCase().split('/')
  let best: { specificity: number; q: number } | undefined
  for (const range of parseAccept(header)) {
    const specificity = matchSpecificity(range, type, subtype)
    if (specificity < 0) continue
    if (!best || specificity > best.specificity || (specificity === best.specificity && range.q > best.q)) {
      best = { specificity, q: range.q }
    }
  }
  return best !== undefined && best.q > 0
}

function matchSpecificity(range: MediaRange, type: string | undefined, subtype: string | undefined): number {
  if (range.type === '*') return 0
  if (range.type !== type) return -1
  if (range.subtype === '*') return 1
  return range.subtype === subtype ? 2 : -1
}

/** RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ). */
function parseWeight(value: string | undefined): number | undefined {
  if (value === undefined) return 1
  return /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : undefined
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i)
    if (quoted && char === '\\' && i + 1 < value.length) {
      current += char + value.charAt(++i)
      continue
    }
    if (char === '"') quoted = !quoted
    if (char === separator && !quoted) {
      parts.push(current)
      current = ''
    } else {
      current += char
    }
  }
  parts.push(current)
  return parts
}

function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value
  return value.slice(1, -1).replace(/\\(.)/g, '$1')
}

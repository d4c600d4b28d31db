/**
 * Turning a value a handler returned into JSON data that can always be sent: a deep-frozen copy of
 * exactly what `JSON.stringify` would write (toJSON applied, undefined and functions dropped, boxed
 * primitives unwrapped), its size in UTF-8 bytes, or the reason it cannot be sent and where.
 *
 * Why a copy: the value is read once, here, inside a try. A getter, a toJSON or a Proxy trap runs
 * exactly once and its throw is caught; the copy has none of them, so freezing, storing and writing
 * it later cannot throw. Why limits: `JSON.stringify` itself recurses per level (about 10,000 levels
 * overflow the stack) and follows shared references every time they appear (a DAG of 64 levels can
 * stand for 2^64 nodes), so depth and bytes are counted as the copy is made and it stops at either.
 */

import { errorText } from './errors.ts'

/** Levels of nesting (objects and arrays inside each other) accepted by default. */
export const DEFAULT_MAX_JSON_DEPTH = 64
/** The largest depth limit that may be configured: the walk below recurses once per level. */
export const MAX_JSON_DEPTH = 1_000

export interface JsonLimits {
  /** Nesting levels allowed; the top-level object or array is level 1. */
  readonly maxDepth: number
  /** UTF-8 bytes of the JSON text allowed. */
  readonly maxBytes: number
}

/** Why a value cannot be sent. `path` is where, as `content[0].value` (empty at the top level). */
export type JsonProblem =
  | { readonly kind: 'unencodable'; readonly path: string; readonly reason: string }
  | { readonly kind: 'too-deep'; readonly path: string; readonly limit: number }
  | { readonly kind: 'too-large'; readonly limit: number }

export type Sealed =
  | { readonly ok: true; readonly value: unknown; readonly bytes: number }
  | { readonly ok: false; readonly problem: JsonProblem }

interface SealedInfo {
  /** UTF-8 bytes of its JSON text. */
  readonly bytes: number
  /** Levels of nesting, itself included. */
  readonly height: number
}

/**
 * What sealJson returned, by identity: frozen all the way down, so size and height can never change.
 * A sealed value met again (a sealed result inside a new envelope) is taken as it is, not walked.
 */
const sealed = new WeakMap<object, SealedInfo>()

/** The JSON byte size of a value sealJson returned (undefined for anything else). */
export function sealedBytes(value: unknown): number | undefined {
  return typeof value === 'object' && value !== null ? sealed.get(value)?.bytes : undefined
}

/** Seals `value`; never throws. A value sealed before is returned as it is, at no cost. */
export function sealJson(value: unknown, limits: JsonLimits): Sealed {
  const sealer = new Sealer(limits)
  try {
    const copy = sealer.top(value)
    if (typeof copy === 'object' && copy !== null && !sealed.has(copy)) {
      sealed.set(copy, { bytes: sealer.bytes, height: sealer.height })
    }
    return { ok: true, value: copy, bytes: sealer.bytes }
  } catch (error) {
    if (error instanceof SealFailure) return { ok: false, problem: error.problem }
    // Not ours: something the walk itself could not survive (say, a stack overflow in a Proxy trap).
    return { ok: false, problem: { kind: 'unencodable', path: '', reason: `it threw (${messageOf(error)})` } }
  }
}

/** A person-readable line for a problem, e.g. "a BigInt at content[0].value". */
export function describeJsonProblem(problem: JsonProblem): string {
  if (problem.kind === 'too-large') return `it is larger than ${problem.limit} bytes as JSON`
  const where = problem.path === '' ? 'at the top level' : `at ${truncatedPath(problem.path)}`
  if (problem.kind === 'too-deep') return `it nests deeper than ${problem.limit} levels ${where}`
  return `${problem.reason} ${where}`
}

class SealFailure extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.kind)
  }
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const OMIT = Symbol('omit')

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** What an assignment would have made of an own data property. */
const OWN = { enumerable: true, writable: true, configurable: true } as const

/**
 * Anything but printable ASCII other than `"` and `\\`: the characters JSON escapes, and those that
 * take more than one byte in UTF-8 (DEL is included though it needs neither; it only costs the slow path).
 */
const NOT_PLAIN_ASCII = /[^\x20\x21\x23-\x5b\x5d-\x7e]/

/** Bytes of a string as a JSON string literal, quotes included; plain ASCII needs no escaping pass. */
const quotedBytes = (text: string): number =>
  NOT_PLAIN_ASCII.test(text) ? utf8Bytes(JSON.stringify(text)) : text.length + 2

class Sealer {
  bytes = 0
  /** Height of the value #value copied last: 0 for a primitive, else its levels of nesting. */
  height = 0
  readonly #limits: JsonLimits
  /**
   * The containers being copied, outermost first. A cycle always ends at the depth limit, so the
   * stack is searched only there, to tell a cycle from a value that is merely deep.
   */
  readonly #ancestors: object[] = []
  /** Keys from the top to the value being copied; turned into a string only on failure. */
  readonly #path: (string | number)[] = []

  constructor(limits: JsonLimits) {
    this.#limits = limits
  }

  top(value: unknown): unknown {
    const copy = this.#value('', value, 0)
    if (copy === OMIT) this.#fail('a value JSON cannot represent (undefined, a function or a symbol)')
    return copy
  }

  /** One value as JSON.stringify's SerializeJSONProperty sees it, `depth` containers down. */
  #value(key: string, input: unknown, depth: number): unknown {
    this.height = 0
    const value = this.#unwrapped(this.#toJSON(key, input))
    switch (typeof value) {
      case 'string':
        // A string longer than what is left cannot fit: say so before escaping a copy of it.
        if (this.bytes + value.length + 2 > this.#limits.maxBytes) this.#add(value.length + 2)
        this.#add(quotedBytes(value))
        return value
      case 'number':
        // JSON has no NaN or Infinity: JSON.stringify writes null, and so does the copy.
        if (!Number.isFinite(value)) return this.#null()
        this.#add(String(value).length)
        return value
      case 'boolean':
        this.#add(value ? 4 : 5)
        return value
      case 'bigint':
        return this.#fail('a BigInt (JSON has no BigInt; send it as a string)')
      case 'object':
        return value === null ? this.#null() : this.#container(value, depth + 1)
      default:
        return OMIT
    }
  }

  #toJSON(key: string, value: unknown): unknown {
    if ((typeof value !== 'object' || value === null) && typeof value !== 'bigint') return value
    const toJSON = this.#read(value as Record<string, unknown>, 'toJSON', 'reading toJSON')
    if (typeof toJSON !== 'function') return value
    try {
      return toJSON.call(value, key)
    } catch (error) {
      return this.#fail(`toJSON threw (${messageOf(error)})`)
    }
  }

  /** Number, String and Boolean objects are written as their primitive, as JSON.stringify does. */
  #unwrapped(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value
    if (value instanceof Number || value instanceof String || value instanceof Boolean) return value.valueOf()
    if (value instanceof BigInt) return value.valueOf()
    return value
  }

  #null(): null {
    this.#add(4)
    return null
  }

  #container(value: object, depth: number): unknown {
    if (depth > this.#limits.maxDepth) {
      this.#failIfCycle()
      throw new SealFailure({ kind: 'too-deep', path: this.#where(), limit: this.#limits.maxDepth })
    }
    // Only frozen values can have been sealed; isFrozen is cheaper than the lookup.
    const known = Object.isFrozen(value) ? sealed.get(value) : undefined
    if (known !== undefined) return this.#reuse(value, known, depth)
    this.#ancestors.push(value)
    const copy = this.#isArray(value) ? this.#array(value, depth) : this.#object(value, depth)
    // On a throw the whole walk is abandoned, so the stack needs no unwinding then.
    this.#ancestors.pop()
    return Object.freeze(copy)
  }

  /** A value sealed before: frozen, so its size and height still hold; only the limits are checked. */
  #reuse(value: object, known: SealedInfo, depth: number): object {
    if (depth + known.height - 1 > this.#limits.maxDepth) {
      throw new SealFailure({ kind: 'too-deep', path: this.#where(), limit: this.#limits.maxDepth })
    }
    this.#add(known.bytes)
    this.height = known.height
    return value
  }

  #array(value: unknown[], depth: number): unknown[] {
    // Only a Proxy can report an odd length; treat it as JSON.stringify's ToLength would.
    const reported = Number(this.#read(value, 'length', 'reading its length'))
    const length = Number.isFinite(reported) && reported > 0 ? Math.floor(reported) : 0
    const copy: unknown[] = []
    let height = 1
    this.#add(2 + Math.max(0, length - 1))
    for (let index = 0; index < length; index++) {
      this.#path.push(index)
      const item = this.#value(String(index), this.#read(value, index, 'reading it'), depth)
      height = Math.max(height, this.height + 1)
      copy.push(item === OMIT ? this.#null() : item)
      this.#path.pop()
    }
    this.height = height
    return copy
  }

  #object(value: object, depth: number): Record<string, unknown> {
    const copy: Record<string, unknown> = {}
    let keys: string[]
    try {
      keys = Object.keys(value)
    } catch (error) {
      return this.#fail(`listing its keys threw (${messageOf(error)})`)
    }
    this.#add(2)
    let written = 0
    let height = 1
    for (const key of keys) {
      this.#path.push(key)
      const item = this.#value(key, this.#read(value as Record<string, unknown>, key, 'reading it'), depth)
      height = Math.max(height, this.height + 1)
      if (item !== OMIT) {
        this.#add(quotedBytes(key) + 1 + (written > 0 ? 1 : 0))
        written++
        // A key named __proto__ would set the copy's prototype if assigned: define it instead.
        if (key === '__proto__') Object.defineProperty(copy, key, { ...OWN, value: item })
        else copy[key] = item
      }
      this.#path.pop()
    }
    this.height = height
    return copy
  }

  #isArray(value: object): value is unknown[] {
    try {
      return Array.isArray(value)
    } catch (error) {
      // A revoked Proxy.
      return this.#fail(`it threw (${messageOf(error)})`)
    }
  }

  /** A property read, which runs getters and Proxy traps: their throw is the value's problem. */
  #read(holder: object, key: string | number, what: string): unknown {
    try {
      return (holder as Record<string | number, unknown>)[key]
    } catch (error) {
      return this.#fail(`${what} threw (${messageOf(error)})`)
    }
  }

  #add(bytes: number): void {
    this.bytes += bytes
    if (this.bytes > this.#limits.maxBytes) {
      throw new SealFailure({ kind: 'too-large', limit: this.#limits.maxBytes })
    }
  }

  #fail(reason: string): never {
    throw new SealFailure({ kind: 'unencodable', path: this.#where(), reason })
  }

  /** A cycle is reported where it first closes: the first container met a second time. */
  #failIfCycle(): void {
    const seen = new Set<object>()
    const closes = this.#ancestors.findIndex((item) => seen.size === seen.add(item).size)
    if (closes < 0) return
    throw new SealFailure({ kind: 'unencodable', path: this.#where(closes), reason: 'a circular reference' })
  }

  #where(length = this.#path.length): string {
    let path = ''
    for (const key of this.#path.slice(0, length)) {
      if (typeof key === 'number') path += `[${key}]`
      else if (IDENTIFIER.test(key)) path += path === '' ? key : `.${key}`
      else path += `[${JSON.stringify(key)}]`
    }
    return path
  }
}

/** Paths of deep values are long; the start and the end say where. */
function truncatedPath(path: string): string {
  return path.length <= 120 ? path : `${path.slice(0, 60)}…${path.slice(-40)}`
}

function messageOf(error: unknown): string {
  const text = errorText(error)
  return text.length <= 200 ? text : `${text.slice(0, 200)}…`
}

/** UTF-8 bytes of a string, without encoding it. */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

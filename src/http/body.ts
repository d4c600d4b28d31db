/**
 * Reads a POST body as JSON within a byte limit. The limit is checked on `Content-Length` before
 * reading and again while reading, because a chunked body announces no length.
 */
import { ErrorCode } from '../protocol/errors.ts'
import { reject } from './responses.ts'

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response }

/** Stateless between calls (no `stream` option), so one decoder serves every request. */
const utf8 = new TextDecoder('utf-8', { fatal: true })

export async function readJsonBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes) return { ok: false, response: tooLarge(maxBytes) }
  // A declared length within the limit bounds the body, so it is read whole: `arrayBuffer()` lets
  // @hono/node-server read the socket directly instead of building a web Request and stream for it.
  const bytes = Number.isSafeInteger(declared)
    ? new Uint8Array(await request.arrayBuffer())
    : await readLimited(request.body, maxBytes)
  if (!bytes || bytes.byteLength > maxBytes) return { ok: false, response: tooLarge(maxBytes) }
  let text: string
  try {
    // JSON-RPC messages MUST be UTF-8 (2025-11-25 transports); a fatal decoder refuses anything else.
    text = utf8.decode(bytes)
  } catch {
    return { ok: false, response: parseError('the body is not valid UTF-8') }
  }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, response: parseError((error as Error).message) }
  }
}

/** The whole body, or undefined as soon as it grows past `maxBytes` (the rest is not read). */
async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  if (!body) return new Uint8Array()
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

const tooLarge = (maxBytes: number): Response =>
  reject(413, `Request body too large: the limit is ${maxBytes} bytes (maxBodyBytes); send a smaller message`)

const parseError = (reason: string): Response =>
  reject(400, `Parse error: the body must be one JSON-RPC message in JSON (${reason})`, {
    code: ErrorCode.ParseError,
  })

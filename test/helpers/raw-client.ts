/**
 * A tiny raw MCP client over `fetch` for on-the-wire tests. It sends exactly the headers and bodies a
 * test asks for and hands back every message the server wrote, whether the POST was answered as JSON
 * or upgraded to SSE. It knows nothing of taskwire's internals: only the 2025-11-25 wire.
 */
import { request as httpRequest } from 'node:http'
import {
  isObject,
  type JsonObject,
  type JsonRpcError,
  type JsonRpcMessage,
  MessageStream,
  pump,
  type RequestId,
} from './messages.ts'

export type {
  JsonObject,
  JsonRpcError,
  JsonRpcMessage,
  RequestId,
  SseEvent,
  WaitOptions,
} from './messages.ts'
export { isNotification, isObject, MessageStream, SseParser, WAIT_MS } from './messages.ts'

export const LATEST_VERSION = '2025-11-25'
export const ACCEPT_BOTH = 'application/json, text/event-stream'
export const RELATED_TASK = 'io.modelcontextprotocol/related-task'
export interface RawResponse {
  readonly status: number
  readonly headers: Headers
  readonly contentType: string
  /** Every message, in order: the SSE messages, or the single JSON body. */
  readonly messages: JsonRpcMessage[]
  /** The JSON-RPC response to the request (or the transport's error, whose id may be null). */
  readonly response: JsonRpcMessage | undefined
}

/** A request whose answer a test awaits later (a parked `tasks/result`, a held tool call). */
export class PendingRequest {
  readonly id: RequestId | undefined
  readonly stream = new MessageStream()
  /** Resolves with the HTTP response head (status and headers), before the body is read. */
  readonly opened: Promise<Response>
  readonly done: Promise<RawResponse>
  #settled = false
  readonly #controller = new AbortController()

  constructor(url: string, body: unknown, headers: Record<string, string>, id: RequestId | undefined) {
    this.id = id
    this.opened = rawPost(url, body, headers, this.#controller.signal)
    this.done = this.opened.then(async (response) => {
      await pump(response, this.stream)
      this.#settled = true
      const messages = this.stream.messages
      const answer = messages.find((m) => (m.result !== undefined || m.error !== undefined) && m.id === id)
      return {
        status: response.status,
        headers: response.headers,
        contentType: response.headers.get('content-type') ?? '',
        messages,
        response: answer ?? messages.find((m) => m.error !== undefined && m.id === null),
      }
    })
    // Whoever awaits still sees a failure; an abandoned request must not become an unhandled rejection.
    this.opened.catch(() => {})
    this.done.catch(() => {})
  }

  /** Whether the whole answer has been read. */
  get settled(): boolean {
    return this.#settled
  }

  /** Drops the connection, as a client that goes away does. */
  abort(): void {
    this.#controller.abort()
  }
}

/** A POST with the headers a well-behaved client sends, unless `headers` overrides them. */
export function rawPost(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
) {
  return fetch(url, {
    method: 'POST',
    headers: { accept: ACCEPT_BOTH, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  })
}

/** A raw HTTP/1.1 request for what `fetch` will not send (no Accept header at all). */
export function rawHttp(url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(url, { method, headers }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
      })
      req.on('error', reject)
      req.end(body)
    },
  )
}

export interface InitializeOptions {
  protocolVersion?: string
  /** Sent with every request of the session (e.g. `authorization`). */
  headers?: Record<string, string>
}

export interface RequestOptions {
  id?: RequestId
  /** Extra or overriding headers for this request only. */
  headers?: Record<string, string>
}

export class RawSession {
  readonly url: string
  readonly sessionId: string
  readonly protocolVersion: string
  readonly initializeResult: JsonObject
  readonly #extra: Record<string, string>
  readonly #streams: GetStream[] = []
  #nextId = 1

  constructor(url: string, sessionId: string, initializeResult: JsonObject, extra: Record<string, string>) {
    this.url = url
    this.sessionId = sessionId
    this.initializeResult = initializeResult
    this.protocolVersion = String(initializeResult.protocolVersion)
    this.#extra = extra
  }

  /** The headers every request of this session carries. */
  get headers(): Record<string, string> {
    return { ...this.#extra, 'mcp-session-id': this.sessionId, 'mcp-protocol-version': this.protocolVersion }
  }

  /** Sends a request and returns at once; await `done` for the answer. */
  start(method: string, params?: JsonObject, options: RequestOptions = {}): PendingRequest {
    const id = options.id ?? this.#nextId++
    const body =
      params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params }
    return new PendingRequest(this.url, body, { ...this.headers, ...options.headers }, id)
  }

  request(method: string, params?: JsonObject, options: RequestOptions = {}): Promise<RawResponse> {
    return this.start(method, params, options).done
  }

  notify(method: string, params?: JsonObject): Promise<RawResponse> {
    const body = params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params }
    return new PendingRequest(this.url, body, this.headers, undefined).done
  }

  /** POSTs any body (valid JSON-RPC or not) with this session's headers. */
  post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return rawPost(this.url, body, { ...this.headers, ...headers })
  }

  /** Opens the standalone GET stream; it collects messages until `close()` or the server ends it. */
  async openGetStream(): Promise<GetStream> {
    const controller = new AbortController()
    const response = await fetch(this.url, {
      headers: { ...this.headers, accept: 'text/event-stream' },
      signal: controller.signal,
    })
    if (response.status !== 200) throw new Error(`GET failed: ${response.status} ${await response.text()}`)
    const stream = new GetStream(response, controller)
    this.#streams.push(stream)
    return stream
  }

  /** Ends the session with DELETE and drops its GET streams; resolves with the DELETE status. */
  async close(): Promise<number> {
    const response = await fetch(this.url, { method: 'DELETE', headers: this.headers })
    await response.arrayBuffer()
    for (const stream of this.#streams) stream.close()
    return response.status
  }
}

/** The standalone SSE stream of a session. */
export class GetStream extends MessageStream {
  readonly response: Response
  readonly #controller: AbortController

  constructor(response: Response, controller: AbortController) {
    super()
    this.response = response
    this.#controller = controller
    pump(response, this).catch(() => {})
  }

  close(): void {
    this.#controller.abort()
    this.end()
  }
}

/** Opens a session: initialize, then notifications/initialized, as a client does. */
export async function initialize(url: string, options: InitializeOptions = {}): Promise<RawSession> {
  const { protocolVersion = LATEST_VERSION, headers = {} } = options
  const params = { protocolVersion, capabilities: {}, clientInfo: { name: 'raw-client', version: '0.0.0' } }
  const response = await rawPost(url, { jsonrpc: '2.0', id: 0, method: 'initialize', params }, headers)
  const text = await response.text()
  const body: unknown = text === '' ? undefined : JSON.parse(text)
  const sessionId = response.headers.get('mcp-session-id')
  if (response.status !== 200 || sessionId === null || !isObject(body) || !isObject(body.result)) {
    throw new Error(`initialize failed: HTTP ${response.status} ${text}`)
  }
  const session = new RawSession(url, sessionId, body.result, headers)
  const initialized = await session.notify('notifications/initialized')
  if (initialized.status !== 202) throw new Error(`notifications/initialized got HTTP ${initialized.status}`)
  return session
}

/** The `result` of a response; fails the test with the error when there is none. */
export function resultOf(raw: RawResponse): JsonObject {
  const result = raw.response?.result
  if (result === undefined) {
    throw new Error(
      `expected a result, got HTTP ${raw.status}: ${JSON.stringify(raw.response ?? raw.messages)}`,
    )
  }
  return result
}

/** The `error` of a response; fails the test with the result when there is none. */
export function errorOf(raw: RawResponse): JsonRpcError {
  const error = raw.response?.error
  if (error === undefined) {
    throw new Error(
      `expected an error, got HTTP ${raw.status}: ${JSON.stringify(raw.response ?? raw.messages)}`,
    )
  }
  return error
}

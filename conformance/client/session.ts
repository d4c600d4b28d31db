/**
 * One MCP session over Streamable HTTP, spoken raw with `fetch` so that every status, header and
 * byte can be checked. It answers JSON or SSE alike, keeps every message the server sent (on a POST
 * stream or the GET stream) in `inbox`, and answers the server's own requests with a pluggable handler.
 */
import {
  type Answer,
  DEFAULT_TIMEOUT_MS,
  decode,
  type Endpoint,
  essence,
  fieldsOf,
  HEADERS_TIMEOUT_MS,
  LATEST_VERSION,
  type OpenOptions,
  parseBody,
  type Received,
  type Reply,
  type RequestHandler,
  type RequestOptions,
  RequestTimeout,
  type Via,
} from './http.ts'
import { brief, isRequest, type JsonObject, type JsonRpcMessage, type RequestId } from './json.ts'
import { readEvents, type SseEvent } from './sse.ts'

const refuse: RequestHandler = (message) =>
  message.method === 'ping'
    ? { result: {} }
    : { error: { code: -32601, message: `The conformance client does not serve ${message.method}` } }

export class McpSession {
  readonly inbox: Received[] = []
  sessionId: string | undefined
  protocolVersion: string | undefined
  initializeResult: JsonObject | undefined
  readonly endpoint: Endpoint
  readonly #closed = new AbortController()
  readonly #listeners = new Set<() => void>()
  #nextId = 1
  #handler: RequestHandler = refuse

  constructor(endpoint: Endpoint) {
    this.endpoint = endpoint
  }

  /** initialize + notifications/initialized. Throws when the server refuses to initialize. */
  static async open(endpoint: Endpoint, options: OpenOptions = {}): Promise<McpSession> {
    const session = new McpSession(endpoint)
    const { protocolVersion = LATEST_VERSION, capabilities = {} } = options
    const reply = await session.request('initialize', {
      protocolVersion,
      capabilities,
      clientInfo: { name: 'taskwire-conformance', version: '0.1.0' },
    })
    if (reply.result === undefined) {
      throw new Error(`initialize failed (HTTP ${reply.status}): ${brief(reply.error ?? reply.body)}`)
    }
    session.initializeResult = reply.result
    const version = reply.result.protocolVersion
    session.protocolVersion = typeof version === 'string' ? version : protocolVersion
    await session.notify('notifications/initialized')
    return session
  }

  get capabilities(): JsonObject {
    const capabilities = this.initializeResult?.capabilities
    return typeof capabilities === 'object' && capabilities !== null && !Array.isArray(capabilities)
      ? capabilities
      : {}
  }

  /** Where the server's own requests (elicitation, sampling, tasks/*) go; the default refuses them. */
  onRequest(handler: RequestHandler): void {
    this.#handler = handler
  }

  headers(extra: Record<string, string | undefined> = {}): Record<string, string> {
    const headers: Record<string, string | undefined> = {
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
      ...this.endpoint.headers,
      ...(this.sessionId === undefined ? {} : { 'mcp-session-id': this.sessionId }),
      ...(this.protocolVersion === undefined ? {} : { 'mcp-protocol-version': this.protocolVersion }),
      ...extra,
    }
    return Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
    )
  }

  request(method: string, params?: JsonObject, options: RequestOptions = {}): Promise<Reply> {
    const id = this.#nextId++
    const message = { jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }
    return this.#exchange(message, id, options)
  }

  async notify(method: string, params?: JsonObject): Promise<number> {
    return this.#send({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) })
  }

  /** Answers a request the server sent; resolves with the HTTP status (202 expected). */
  respond(id: RequestId, answer: Answer): Promise<number> {
    return this.#send({ jsonrpc: '2.0', id, ...answer })
  }

  /** Opens the standalone GET stream; its messages land in `inbox` with `via: 'get'`. */
  async openGetStream(): Promise<{ status: number; close: () => void }> {
    const stop = new AbortController()
    const timer = setTimeout(() => stop.abort(), HEADERS_TIMEOUT_MS)
    try {
      const response = await fetch(this.endpoint.url, {
        method: 'GET',
        headers: this.headers({ accept: 'text/event-stream', 'content-type': undefined }),
        signal: AbortSignal.any([this.#closed.signal, stop.signal]),
      })
      clearTimeout(timer)
      if (
        response.ok &&
        essence(response.headers.get('content-type')) === 'text/event-stream' &&
        response.body
      ) {
        void readEvents(response.body, (event) => this.#onEvent(event, 'get'))
      } else {
        await response.body?.cancel()
      }
      return { status: response.status, close: () => stop.abort() }
    } catch {
      return { status: 0, close: () => stop.abort() }
    } finally {
      clearTimeout(timer)
    }
  }

  /** The first message received from index `from` on that matches, or undefined after `timeoutMs`. */
  waitFor(
    predicate: (received: Received) => boolean,
    timeoutMs: number,
    from = 0,
  ): Promise<Received | undefined> {
    return new Promise((resolve) => {
      const find = () => this.inbox.slice(from).find(predicate)
      const early = find()
      if (early !== undefined) return resolve(early)
      const listener = () => {
        const found = find()
        if (found === undefined) return
        done()
        resolve(found)
      }
      const timer = setTimeout(() => {
        done()
        resolve(undefined)
      }, timeoutMs)
      const done = () => {
        clearTimeout(timer)
        this.#listeners.delete(listener)
      }
      this.#listeners.add(listener)
    })
  }

  /** Ends the session with DELETE; resolves with the HTTP status. */
  async delete(): Promise<number> {
    const response = await fetch(this.endpoint.url, {
      method: 'DELETE',
      headers: this.headers({ 'content-type': undefined }),
      signal: AbortSignal.timeout(HEADERS_TIMEOUT_MS),
    })
    await response.body?.cancel()
    return response.status
  }

  /** Drops every open stream and ends the session (best effort). */
  async close(): Promise<void> {
    this.#closed.abort()
    if (this.sessionId !== undefined) await this.delete().catch(() => 0)
  }

  async #send(message: Record<string, unknown>): Promise<number> {
    const response = await fetch(this.endpoint.url, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify(message),
      signal: AbortSignal.any([this.#closed.signal, AbortSignal.timeout(DEFAULT_TIMEOUT_MS)]),
    })
    await response.body?.cancel()
    return response.status
  }

  async #exchange(message: Record<string, unknown>, id: RequestId, options: RequestOptions): Promise<Reply> {
    const { timeoutMs = DEFAULT_TIMEOUT_MS, signal } = options
    const started = performance.now()
    const timeout = new AbortController()
    const method = String(message.method)
    const timer = setTimeout(
      () => timeout.abort(new RequestTimeout(`${method} got no answer within ${timeoutMs} ms`)),
      timeoutMs,
    )
    const signals = [this.#closed.signal, timeout.signal, ...(signal === undefined ? [] : [signal])]
    try {
      const response = await fetch(this.endpoint.url, {
        method: 'POST',
        headers: this.headers(),
        body: JSON.stringify(message),
        signal: AbortSignal.any(signals),
      })
      const sessionId = response.headers.get('mcp-session-id')
      if (method === 'initialize' && sessionId !== null) this.sessionId = sessionId
      const contentType = essence(response.headers.get('content-type'))
      const answer =
        contentType === 'text/event-stream' && response.body !== null
          ? await this.#readUntil(response.body, id)
          : parseBody(await response.text())
      if (timeout.signal.aborted) throw timeout.signal.reason
      const at = performance.now()
      return { status: response.status, contentType, ...answer, at, elapsedMs: at - started }
    } catch (error) {
      throw timeout.signal.aborted ? timeout.signal.reason : error
    } finally {
      clearTimeout(timer)
    }
  }

  /** Reads an SSE answer until the response to `id` arrives; everything else goes to the inbox. */
  #readUntil(body: ReadableStream<Uint8Array>, id: RequestId): Promise<Partial<Reply>> {
    return new Promise((resolve) => {
      let answered = false
      void readEvents(body, (event) => {
        const message = decode(event)
        if (message === undefined) return
        if (!answered && message.id === id && message.method === undefined) {
          answered = true
          resolve(fieldsOf(message))
        } else {
          this.#receive(message, 'post')
        }
      }).then(() => {
        if (!answered) resolve({ body: '(the SSE stream ended without a response)' })
      })
    })
  }

  #onEvent(event: SseEvent, via: Via): void {
    const message = decode(event)
    if (message !== undefined) this.#receive(message, via)
  }

  #receive(message: JsonRpcMessage, via: Via): void {
    this.inbox.push({ message, via, at: performance.now() })
    for (const listener of [...this.#listeners]) listener()
    if (isRequest(message)) void this.#answer(message, via)
  }

  async #answer(message: JsonRpcMessage, via: Via): Promise<void> {
    let answer: Answer
    try {
      answer = await this.#handler(message, via)
    } catch (error) {
      answer = { error: { code: -32603, message: error instanceof Error ? error.message : String(error) } }
    }
    await this.respond(message.id as RequestId, answer).catch(() => 0)
  }
}

/**
 * Test support for the HTTP transport (not exported): a fake core (`FakeFactory`), a raw-`fetch` MCP
 * client, and an SSE reader. Deliberately tiny, so the wire tests read like the spec.
 */
import { randomUUID } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import type { Incoming, JsonRpcMessage, JsonRpcResponse } from '../protocol/jsonrpc.ts'
import { LATEST_PROTOCOL_VERSION, negotiateVersion, type ProtocolVersion } from '../protocol/versions.ts'
import type { Outbound, Principal, RequestScope, SessionFactory, SessionPort } from '../server/transport.ts'

export interface Deferred<T> {
  readonly promise: Promise<T>
  resolve(value: T): void
}

export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => {}
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/**
 * One fake session. Methods: initialize, echo, slow (two notifications via the request, then the
 * answer), slow-fail (the same, ending in an error), stream (openStream, then waits for `release`), block (waits for the scope signal),
 * cancelled (no response, as for a cancelled request).
 */
export class FakeSession implements SessionPort {
  readonly id = randomUUID()
  readonly principal: Principal | undefined
  protocolVersion: ProtocolVersion | undefined
  readonly outbound: Outbound
  readonly received: Incoming[] = []
  readonly blocked = deferred<AbortSignal>()
  readonly aborted = deferred<unknown>()
  readonly release = deferred()
  closed = false
  /** How many standalone streams the transport reported opening. */
  streamsOpened = 0

  constructor(principal: Principal | undefined, outbound: Outbound) {
    this.principal = principal
    this.outbound = outbound
  }

  streamOpened(): void {
    this.streamsOpened++
  }

  /** A standalone notification, as the core would send one. */
  push(n: number): boolean {
    return this.outbound.send({ jsonrpc: '2.0', method: 'notifications/message', params: { n } })
  }

  async handle(incoming: Incoming, scope: RequestScope): Promise<JsonRpcResponse | undefined> {
    this.received.push(incoming)
    if (incoming.kind !== 'request') return undefined
    const { id, method, params = {} } = incoming.message
    const ok = (result: Record<string, unknown>): JsonRpcResponse => ({ jsonrpc: '2.0', id, result })
    switch (method) {
      case 'initialize': {
        if (params.fail) return { jsonrpc: '2.0', id, error: { code: -32602, message: 'bad initialize' } }
        this.protocolVersion = negotiateVersion(params.protocolVersion ?? LATEST_PROTOCOL_VERSION)
        return ok({
          protocolVersion: this.protocolVersion,
          capabilities: {},
          serverInfo: { name: 'fake', version: '0' },
        })
      }
      case 'echo':
        return ok({ echo: params })
      case 'slow':
        for (const step of [1, 2]) this.outbound.send(progress(step), id)
        return ok({ done: true })
      case 'slow-fail':
        this.outbound.send(progress(1), id)
        return { jsonrpc: '2.0', id, error: { code: -32000, message: 'failed after streaming' } }
      case 'cancelled':
        return undefined
      case 'stream':
        this.blocked.resolve(scope.signal)
        scope.openStream()
        await this.release.promise
        this.outbound.send(progress(1), id)
        return ok({ done: true })
      case 'block':
        this.blocked.resolve(scope.signal)
        await new Promise((resolve) => scope.signal.addEventListener('abort', resolve, { once: true }))
        this.aborted.resolve(scope.signal.reason)
        return undefined
      default:
        return { jsonrpc: '2.0', id, error: { code: -32601, message: `no method ${method}` } }
    }
  }

  close(): void {
    this.closed = true
  }
}

const progress = (step: number): JsonRpcMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/progress',
  params: { progressToken: 't', progress: step },
})

export class FakeFactory implements SessionFactory {
  readonly sessions = new Map<string, FakeSession>()

  openSession({
    principal,
    outbound,
  }: {
    principal: Principal | undefined
    outbound: Outbound
  }): SessionPort {
    const session = new FakeSession(principal, outbound)
    this.sessions.set(session.id, session)
    return session
  }

  get(id: string): FakeSession {
    const session = this.sessions.get(id)
    if (!session) throw new Error(`no fake session ${id}`)
    return session
  }
}

export const ACCEPT_BOTH = 'application/json, text/event-stream'

/** POSTs one message with the headers a well-behaved client sends. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) {
  return fetch(url, {
    method: 'POST',
    headers: { accept: ACCEPT_BOTH, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  })
}

export const request = (id: number | string, method: string, params?: Record<string, unknown>) =>
  params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params }

/** Initializes a session; returns its id and the headers later requests need. */
export async function initialize(url: string, headers: Record<string, string> = {}) {
  const response = await post(url, request(0, 'initialize', { protocolVersion: '2025-11-25' }), headers)
  if (response.status !== 200)
    throw new Error(`initialize failed: ${response.status} ${await response.text()}`)
  await response.json()
  const sessionId = response.headers.get('mcp-session-id') ?? ''
  return {
    sessionId,
    headers: { ...headers, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' },
  }
}

export interface SseEvent {
  id?: string
  event?: string
  data: string
}

/** Reads SSE events from a response body, one at a time (comments skipped). */
export class SseReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>
  readonly #decoder = new TextDecoder()
  #buffer = ''

  constructor(body: ReadableStream<Uint8Array> | null) {
    if (!body) throw new Error('no body')
    this.#reader = body.getReader()
  }

  /** Raw text up to and including `marker` (comments included), for keep-alive checks. */
  async readUntil(marker: string): Promise<string> {
    while (!this.#buffer.includes(marker)) {
      const { done, value } = await this.#reader.read()
      if (done) break
      this.#buffer += this.#decoder.decode(value, { stream: true })
    }
    return this.#buffer
  }

  /** The next event, or undefined when the stream ended. */
  async next(): Promise<SseEvent | undefined> {
    for (;;) {
      const end = this.#buffer.indexOf('\n\n')
      if (end >= 0) {
        const block = this.#buffer.slice(0, end)
        this.#buffer = this.#buffer.slice(end + 2)
        const event = parseBlock(block)
        if (event) return event
        continue
      }
      const { done, value } = await this.#reader.read()
      if (done) return undefined
      this.#buffer += this.#decoder.decode(value, { stream: true })
    }
  }

  /** The next event carrying a message (priming events skipped), parsed. */
  async message(): Promise<{ id?: string; message: Record<string, unknown> } | undefined> {
    for (;;) {
      const event = await this.next()
      if (!event) return undefined
      if (event.data !== '') return { id: event.id, message: JSON.parse(event.data) }
    }
  }

  async cancel(): Promise<void> {
    await this.#reader.cancel().catch(() => {})
  }
}

function parseBlock(block: string): SseEvent | undefined {
  const event: SseEvent = { data: '' }
  let fields = 0
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue
    const at = line.indexOf(':')
    const name = at < 0 ? line : line.slice(0, at)
    const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '')
    fields++
    if (name === 'id') event.id = value
    else if (name === 'event') event.event = value
    else if (name === 'data') event.data = event.data === '' ? value : `${event.data}\n${value}`
  }
  return fields === 0 ? undefined : event
}

/** A raw HTTP/1.1 request, for headers `fetch` will not let us set (Host). */
export function rawRequest(
  url: string,
  options: { method: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method, headers: options.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

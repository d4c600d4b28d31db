/**
 * A minimal MCP client over node:http for the load generator: one keep-alive connection per client
 * (one session), JSON-RPC over POST with the answer read as JSON or from an SSE body, and a standalone
 * GET stream for notifications. No MCP SDK: the client's own cost stays small and the same for every
 * server measured.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { SseReader } from './sse.ts'

export type Json = Record<string, unknown>

export interface RpcMessage {
  readonly jsonrpc: '2.0'
  readonly id?: number | string
  readonly method?: string
  readonly params?: Json
  readonly result?: Json
  readonly error?: { code: number; message: string }
}

export const PROTOCOL_VERSION = '2025-11-25'

interface Reply {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly message: RpcMessage | undefined
}

export class McpClient {
  readonly #url: URL
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1, noDelay: true })
  readonly #headers: Record<string, string> = {
    accept: 'application/json, text/event-stream',
    'content-type': 'application/json',
    'mcp-protocol-version': PROTOCOL_VERSION,
  }
  #nextId = 1

  constructor(url: string) {
    this.#url = new URL(url)
  }

  get sessionId(): string | undefined {
    return this.#headers['mcp-session-id']
  }

  async initialize(): Promise<void> {
    const params = {
      protocolVersion: PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'bench', version: '0' },
    }
    const reply = await this.#post({ jsonrpc: '2.0', id: this.#nextId++, method: 'initialize', params })
    const sessionId = reply.headers['mcp-session-id']
    if (typeof sessionId !== 'string') throw new Error(`initialize: no session id (HTTP ${reply.status})`)
    this.#headers['mcp-session-id'] = sessionId
    await this.notify('notifications/initialized')
  }

  /** Sends a request and resolves with its result; a JSON-RPC error rejects. */
  async request(method: string, params: Json): Promise<Json> {
    const id = this.#nextId++
    const { status, message } = await this.#post({ jsonrpc: '2.0', id, method, params })
    if (message?.result !== undefined) return message.result
    const why = message?.error?.message ?? `no response (HTTP ${status})`
    throw new Error(`${method}: ${why}`)
  }

  async notify(method: string, params?: Json): Promise<void> {
    await this.#post(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params })
  }

  /**
   * Opens the standalone GET stream and resolves once the server accepted it; every JSON-RPC message
   * on it goes to `onMessage`. The returned function closes it.
   */
  openEvents(onMessage: (message: RpcMessage) => void): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const headers = { ...this.#headers, accept: 'text/event-stream' }
      const request = httpRequest(this.#url, { method: 'GET', headers, agent: false }, (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`GET stream: HTTP ${response.statusCode}`))
          response.resume()
          return
        }
        const reader = new SseReader()
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          for (const data of reader.feed(chunk)) onMessage(JSON.parse(data) as RpcMessage)
        })
        response.on('error', () => {})
        resolve(() => request.destroy())
      })
      request.on('error', reject)
      request.end()
    })
  }

  /** Ends the session (DELETE) and the connection. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      const request = httpRequest(this.#url, { method: 'DELETE', headers: this.#headers, agent: this.#agent })
      request.on('response', (response) => response.resume().on('end', resolve))
      request.on('error', () => resolve())
      request.end()
    })
    this.#agent.destroy()
  }

  /** Drops the connection, leaving the session to the server. */
  destroy(): void {
    this.#agent.destroy()
  }

  #post(message: RpcMessage): Promise<Reply> {
    const body = JSON.stringify(message)
    const headers = { ...this.#headers, 'content-length': String(Buffer.byteLength(body)) }
    return new Promise((resolve, reject) => {
      const request = httpRequest(this.#url, { method: 'POST', headers, agent: this.#agent }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          text += chunk
        })
        response.on('end', () => {
          const status = response.statusCode ?? 0
          const sse = response.headers['content-type']?.startsWith('text/event-stream') === true
          resolve({ status, headers: response.headers, message: answerIn(text, sse, message.id) })
        })
        response.on('error', reject)
      })
      request.on('error', reject)
      request.end(body)
    })
  }
}

/** The response to request `id` in a JSON body or among the events of an SSE body. */
function answerIn(text: string, sse: boolean, id: RpcMessage['id']): RpcMessage | undefined {
  if (id === undefined || text === '') return undefined
  if (!sse) return JSON.parse(text) as RpcMessage
  for (const data of new SseReader().feed(text.endsWith('\n\n') ? text : `${text}\n\n`)) {
    const message = JSON.parse(data) as RpcMessage
    if (message.id === id && message.method === undefined) return message
  }
  return undefined
}

/**
 * The Node.js server for the transport; the only module that touches `@hono/node-server`.
 */
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createAdaptorServer, type HttpBindings } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { SessionFactory } from '../server/transport.ts'
import { createHttpTransport } from './app.ts'
import type { Hangup } from './hangup.ts'
import { DEFAULT_PATH, type HttpOptions } from './options.ts'
import type { SseOpener, SseSink } from './peer.ts'

export const DEFAULT_HOSTNAME = '127.0.0.1'
/** How long `close()` lets responses in progress finish before cutting their connections. */
const CLOSE_GRACE_MS = 2_000

export interface ServeOptions extends HttpOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number
  /** Interface to bind. Default `127.0.0.1`: local servers SHOULD bind only to localhost. */
  hostname?: string
}

export interface ServedHttp {
  /** The full MCP endpoint URL, e.g. `http://127.0.0.1:41234/mcp`. */
  readonly url: string
  readonly port: number
  /** Ends open SSE streams and sessions, then closes the server. */
  close(): Promise<void>
}

/**
 * Serves the transport over HTTP/1.1. DNS-rebinding protection defaults to on when binding a loopback
 * address (or when allowedHosts/allowedOrigins are given) and off otherwise.
 *
 * @example
 * const server = await serveHttp(factory, { port: 3000 })
 * console.log(`MCP endpoint: ${server.url}`)
 */
export async function serveHttp(factory: SessionFactory, options: ServeOptions = {}): Promise<ServedHttp> {
  const { port = 0, hostname = DEFAULT_HOSTNAME, ...httpOptions } = options
  const dnsRebindingProtection =
    httpOptions.dnsRebindingProtection ??
    (isLoopback(hostname) ||
      httpOptions.allowedHosts !== undefined ||
      httpOptions.allowedOrigins !== undefined)
  const transport = createHttpTransport(factory, { ...httpOptions, dnsRebindingProtection })
  // Without `createServer` in its options the adaptor builds a plain node:http server.
  const server = createAdaptorServer({
    // The Node response tells when the client leaves and carries SSE bodies directly (NodeLink).
    fetch: (request, bindings) => {
      const env = bindings as HttpBindings
      const link = new NodeLink(env.outgoing)
      const clientAddress = env.incoming.socket.remoteAddress
      return transport
        .fetch(request, { hangup: link, sse: link, clientAddress })
        .then((response) => closingIfUnread(response, env.incoming))
    },
  }) as Server
  const endIdleSockets = trackSockets(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, hostname, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const bound = (server.address() as AddressInfo).port
  const host = hostname.includes(':') ? `[${hostname}]` : hostname
  return {
    url: `http://${host}:${bound}${options.path ?? DEFAULT_PATH}`,
    port: bound,
    close: () => closeServer(server, endIdleSockets, transport.close),
  }
}

/**
 * The Node response of one exchange, as the transport needs it. Its `close` event, not
 * `Request.signal`, tells when a client leaves: reading the signal makes @hono/node-server build an
 * AbortController per request, and that per-request garbage costs minor-GC pauses under load on
 * Node 20 (measured in bench/). And SSE bodies are written to it directly: a web `ReadableStream`
 * and the adaptor's pump around it cost about half the heap an open GET stream holds
 * (bench/stream-heap.ts), for nothing node:http does not already do (buffering, backpressure).
 */
class NodeLink implements Hangup, SseOpener {
  readonly #response: ServerResponse

  constructor(response: ServerResponse) {
    this.#response = response
  }

  /** A response closes either when it was written out or when the client left; only the latter counts. */
  get happened(): boolean {
    return this.#response.destroyed && !this.#response.writableFinished
  }

  on(listener: () => void): () => void {
    const response = this.#response
    const onClose = () => {
      if (!response.writableFinished) listener()
    }
    // `on`, not `once`: `once` wraps the listener in one more bound function per stream.
    response.on('close', onClose)
    return () => response.off('close', onClose)
  }

  /** Writes the head now; @hono/node-server leaves a response marked as already sent alone. */
  open(headers: Record<string, string>): { sink: SseSink; response: Response } {
    this.#response.writeHead(200, headers as OutgoingHttpHeaders)
    this.#response.flushHeaders()
    return { sink: new NodeSseSink(this.#response), response: RESPONSE_ALREADY_SENT }
  }
}

class NodeSseSink implements SseSink {
  readonly #response: ServerResponse

  constructor(response: ServerResponse) {
    this.#response = response
  }

  /** What node:http holds for the client: the response's own buffer and its socket's. */
  get buffered(): number {
    return this.#response.writableLength
  }

  write(text: string): void {
    // Writing after end() would make the response emit 'error'; after the client left it is a no-op.
    if (!this.#response.writableEnded) this.#response.write(text)
  }

  end(): void {
    if (!this.#response.writableEnded) this.#response.end()
  }

  fail(): void {
    this.#response.destroy()
  }
}

/**
 * An answer given before the request body has fully arrived (a 413, or a refusal that comes before
 * the body is read) cannot leave the connection reusable as if nothing happened: the rest of the body
 * is still on its way, and @hono/node-server drains it for a while, then destroys the socket. So the
 * answer says `Connection: close`, and node:http closes the connection once it is written; the client
 * opens a new one for its next request instead of having it fail on a dead socket.
 */
function closingIfUnread(response: Response, incoming: IncomingMessage): Response {
  // An SSE answer (already sent, and shared) only ever follows a body read to its end.
  if (!incoming.complete && response !== RESPONSE_ALREADY_SENT) response.headers.set('connection', 'close')
  return response
}

async function closeServer(
  server: Server,
  endIdleSockets: () => void,
  closeTransport: () => void,
): Promise<void> {
  closeTransport()
  await new Promise<void>((resolve) => {
    // Last resort for a client that keeps its connection open after we ended everything.
    const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS)
    server.close(() => {
      clearTimeout(force)
      resolve()
    })
    endIdleSockets()
  })
}

/**
 * Counts the requests each socket is serving, so `close()` can end idle keep-alive sockets at once,
 * and the others as soon as their response is done. (Node's own `closeIdleConnections` misses a
 * socket that connected but has not sent a request yet, and `close()` would wait for it.)
 */
function trackSockets(server: Server): () => void {
  const active = new Map<Socket, number>()
  let closing = false
  const settle = (socket: Socket) => {
    if (closing && active.get(socket) === 0) socket.end()
  }
  server.on('connection', (socket: Socket) => {
    active.set(socket, 0)
    socket.once('close', () => active.delete(socket))
  })
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const { socket } = request
    active.set(socket, (active.get(socket) ?? 0) + 1)
    response.once('close', () => {
      const count = active.get(socket)
      if (count === undefined) return
      active.set(socket, count - 1)
      settle(socket)
    })
  })
  return () => {
    closing = true
    for (const socket of active.keys()) settle(socket)
  }
}

function isLoopback(hostname: string): boolean {
  const name = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name)
}

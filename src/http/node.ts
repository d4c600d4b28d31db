/**
 * The Node.js server for the transport; the only module that touches `@hono/node-server`.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { SessionFactory } from '../server/transport.ts'
import { createHttpTransport } from './app.ts'
import { hangupOfNodeResponse, type NodeResponseLike } from './hangup.ts'
import { DEFAULT_PATH, type HttpOptions } from './options.ts'

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
    // The Node response's `close` event, not `Request.signal`, tells us when a client leaves (hangup.ts).
    fetch: (request, env: NodeEnv) =>
      transport
        .fetch(request, {
          hangup: hangupOfNodeResponse(env.outgoing),
          clientAddress: env.incoming.socket.remoteAddress,
        })
        .then((response) => closingIfUnread(response, env.incoming)),
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

/** What node.ts reads of the Node request and response @hono/node-server hands along. */
interface NodeEnv {
  readonly incoming: NodeRequestLike
  readonly outgoing: NodeResponseLike
}

interface NodeRequestLike {
  /** The whole body has been received (true at once for a request without one). */
  readonly complete: boolean
  readonly socket: { readonly remoteAddress?: string | undefined }
}

/**
 * An answer given before the request body has fully arrived (a 413, or a refusal that comes before
 * the body is read) cannot leave the connection reusable as if nothing happened: the rest of the body
 * is still on its way, and @hono/node-server drains it for a while, then destroys the socket. So the
 * answer says `Connection: close`, and node:http closes the connection once it is written; the client
 * opens a new one for its next request instead of having it fail on a dead socket.
 */
function closingIfUnread(response: Response, incoming: NodeRequestLike): Response {
  if (!incoming.complete) response.headers.set('connection', 'close')
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

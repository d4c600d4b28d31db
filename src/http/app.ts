/**
 * The Streamable HTTP transport as a Hono app: one MCP endpoint answering POST, GET and DELETE
 * (2025-11-25 transports: Streamable HTTP). Web-standard throughout (`Request` in, `Response` out), so
 * it runs wherever Hono runs; `node.ts` adds the Node server.
 */

import { Hono } from 'hono'
import { ErrorCode, errorText } from '../protocol/errors.ts'
import { logError } from '../server/options.ts'
import type { SessionFactory } from '../server/transport.ts'
import type { TransportContext, TransportEnv } from './context.ts'
import { handleDelete } from './delete.ts'
import { handleGet } from './get.ts'
import { type HttpOptions, resolveOptions } from './options.ts'
import { handlePost } from './post.ts'
import { internalError, methodNotAllowed, reject } from './responses.ts'
import { SessionRegistry } from './sessions.ts'
import { SseHub } from './sse.ts'

export type { TransportEnv } from './context.ts'

export interface HttpTransport {
  /** The Hono app serving the MCP endpoint at `options.path`. */
  readonly app: Hono<{ Bindings: TransportEnv }>
  /** The app as a plain fetch handler; `env.hangup` tells it when a client leaves (node.ts gives it). */
  fetch(request: Request, env?: TransportEnv): Promise<Response>
  /** Closes every session (aborting their requests) and ends every open SSE stream; new requests get 503. */
  close(): void
}

/**
 * The transport with its lifecycle handle; `createHttpApp` and `createFetchHandler` are the short forms.
 *
 * @example
 * const transport = createHttpTransport(factory, { allowedHosts: ['mcp.example.com'] })
 * Bun.serve({ fetch: transport.fetch })
 */
export function createHttpTransport(factory: SessionFactory, options: HttpOptions = {}): HttpTransport {
  // Without a logger of its own the transport logs through the server's.
  const resolved = resolveOptions({ ...options, logger: options.logger ?? factory.logger })
  const context: TransportContext = {
    factory,
    options: resolved,
    sessions: new SessionRegistry(resolved),
    hub: new SseHub(resolved.keepAliveMs),
  }
  let closed = false
  const app = new Hono<{ Bindings: TransportEnv }>()
  app.use(resolved.path, async (_c, next) => {
    if (closed)
      return reject(503, 'The server is shutting down; try again later', { code: ErrorCode.InternalError })
    await next()
  })
  app.post(resolved.path, (c) => handlePost(c.req.raw, context, c.env))
  app.get(resolved.path, (c) => handleGet(c.req.raw, context, c.env))
  app.delete(resolved.path, (c) => handleDelete(c.req.raw, context))
  app.all(resolved.path, (c) => methodNotAllowed(c.req.method))
  app.notFound((c) => notServedHere(new URL(c.req.url).pathname, resolved.path))
  // Whatever escapes a handler (say, a throwing authenticate hook) is still a JSON-RPC answer, but
  // a generic one: the caller may be unauthenticated, and the real message is for the log only.
  app.onError((error) => {
    logError(resolved.logger, 'HTTP request failed', { error: errorText(error) })
    return internalError()
  })
  return {
    app,
    fetch: async (request, env) => app.fetch(request, env),
    close() {
      closed = true
      context.sessions.closeAll('the server is shutting down')
      context.hub.closeAll()
    },
  }
}

/** The longest part of a request path a 404 repeats back: enough to spot a prefix, never a flood. */
const MAX_ECHOED_PATH = 200

/**
 * A JSON 404 for any other path: embedders who mount the handler under a prefix (or clients with a
 * typo in the URL) learn which path it serves, instead of Hono's plain-text "404 Not Found".
 */
function notServedHere(asked: string, served: string): Response {
  const shown = asked.length > MAX_ECHOED_PATH ? `${asked.slice(0, MAX_ECHOED_PATH)}...` : asked
  return reject(
    404,
    `No MCP endpoint at ${shown}: this handler serves ${served} (its \`path\` option). ` +
      'Send MCP requests there, or pass the path the handler is reached at as `path`.',
  )
}

/**
 * A Hono app serving MCP over Streamable HTTP at `options.path` (default `/mcp`). DNS-rebinding
 * protection is on unless `dnsRebindingProtection: false`.
 *
 * @example
 * const app = new Hono()
 * app.route('/', createHttpApp(factory))
 */
export function createHttpApp(
  factory: SessionFactory,
  options: HttpOptions = {},
): Hono<{ Bindings: TransportEnv }> {
  return createHttpTransport(factory, options).app
}

/**
 * The transport as `(request) => Promise<Response>`, for embedding in any fetch-style server.
 *
 * @example
 * const handle = createFetchHandler(factory)
 * Deno.serve(handle)
 */
export function createFetchHandler(
  factory: SessionFactory,
  options: HttpOptions = {},
): (request: Request) => Promise<Response> {
  return createHttpTransport(factory, options).fetch
}

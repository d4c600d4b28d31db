/**
 * Public API of the Streamable HTTP transport. A new export here is public API.
 */

export type { HttpTransport, TransportEnv } from './app.ts'
export { createFetchHandler, createHttpApp, createHttpTransport } from './app.ts'
export type { Hangup } from './hangup.ts'
export type { ServedHttp, ServeOptions } from './node.ts'
export { DEFAULT_HOSTNAME, serveHttp } from './node.ts'
export type { Authenticate, ClientAddress, HttpOptions } from './options.ts'
export {
  DEFAULT_KEEP_ALIVE_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_EVENT_BYTES_PER_SESSION,
  DEFAULT_MAX_EVENTS_PER_SESSION,
  DEFAULT_MAX_SESSIONS,
  DEFAULT_MAX_SESSIONS_PER_REQUESTOR,
  DEFAULT_MAX_STREAMS_PER_SESSION,
  DEFAULT_PATH,
  DEFAULT_SESSION_IDLE_TIMEOUT_MS,
  DEFAULT_SSE_RETRY_MS,
  DEFAULT_WWW_AUTHENTICATE,
  LOOPBACK_HOSTNAMES,
} from './options.ts'
export type { SseOpener, SseReader, SseSink } from './peer.ts'

/**
 * Options of the Streamable HTTP transport, their defaults, and their validation. Everything else in
 * `src/http/` reads the resolved form, so a default lives in exactly one place.
 */
import { TaskwireError } from '../errors.ts'
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_PROGRESS_TOKEN_BYTES,
  DEFAULT_MAX_REQUEST_ID_BYTES,
  type MessageLimits,
} from '../protocol/message-limits.ts'
import { type Logger, silentLogger } from '../server/options.ts'
import type { Principal } from '../server/transport.ts'

export const DEFAULT_PATH = '/mcp'
export const DEFAULT_MAX_BODY_BYTES = DEFAULT_MAX_MESSAGE_BYTES
export const DEFAULT_WWW_AUTHENTICATE = 'Bearer realm="mcp"'
export const DEFAULT_MAX_SESSIONS = 10_000
/** A hundred sessions per client: plenty for tabs and agents, a hundredth of the default maxSessions. */
export const DEFAULT_MAX_SESSIONS_PER_REQUESTOR = 100
export const DEFAULT_SESSION_IDLE_TIMEOUT_MS = 30 * 60_000
export const DEFAULT_MAX_EVENTS_PER_SESSION = 1_000
/** Room for two results at the 4 MiB body limit, or a thousand progress events of 8 KiB. */
export const DEFAULT_MAX_EVENT_BYTES_PER_SESSION = 8 * 1024 * 1024
/** GET streams a session may hold open: a few per client tab or reconnect overlap, not thousands. */
export const DEFAULT_MAX_STREAMS_PER_SESSION = 8
export const DEFAULT_KEEP_ALIVE_MS = 15_000
/** The `retry` announced before the server closes an SSE stream for the client to poll back. */
export const DEFAULT_SSE_RETRY_MS = 1_000
/** Host and Origin hostnames allowed when DNS-rebinding protection is on and no list is given. */
export const LOOPBACK_HOSTNAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

/**
 * The client address a request counts under, from the request and the TCP peer's address (undefined
 * where the runtime does not tell it). Return undefined when it cannot be known.
 */
export type ClientAddress = (request: Request, socketAddress: string | undefined) => string | undefined

/** Establishes who is calling; `undefined` means "not authenticated" and becomes HTTP 401. */
export type Authenticate = (request: Request) => Principal | undefined | Promise<Principal | undefined>

export interface HttpOptions {
  /** The MCP endpoint path. Default `/mcp`. */
  path?: string
  /** Largest accepted POST body; larger bodies get HTTP 413. Default 4 MiB. */
  maxBodyBytes?: number
  /** Largest string request id in UTF-8 bytes; longer ones get -32600 (id null). Default 256. */
  maxRequestIdBytes?: number
  /** Largest string `_meta.progressToken` in UTF-8 bytes; longer ones get -32602. Default 256. */
  maxProgressTokenBytes?: number
  /** When given, every request must authenticate; the principal is bound to the session it opens. */
  authenticate?: Authenticate
  /** `WWW-Authenticate` value sent with 401. Default `Bearer realm="mcp"`. */
  wwwAuthenticate?: string
  /**
   * Rejects requests whose `Host` or `Origin` is not allowed (2025-11-25 transports: Security Warning).
   * Default for `createHttpApp`: on. `serveHttp` turns it on when it binds a loopback address or when a
   * list is given, off otherwise.
   */
  dnsRebindingProtection?: boolean
  /** Allowed `Host` values: a hostname (any port) or `host:port`. Default: loopback names. */
  allowedHosts?: string[]
  /**
   * Allowed `Origin` values: a full origin (`https://app.example`), a hostname (any port) or
   * `host:port`. Default: `allowedHosts` when given, else loopback names. Requests without `Origin` pass.
   */
  allowedOrigins?: string[]
  /** Open sessions at most; initialize beyond it gets HTTP 503. Default 10 000. */
  maxSessions?: number
  /**
   * Open sessions per requestor at most: per principal with `authenticate`, else per client address
   * (IPv6 by /64). Initialize beyond it gets HTTP 429 with `Retry-After`. Default 100.
   */
  maxSessionsPerRequestor?: number
  /**
   * The client address sessions are counted by when there is no `authenticate` hook. Default: the TCP
   * peer's address (`serve` knows it; under `createFetchHandler` only the hook can tell, and without
   * one only `maxSessions` applies). Behind a reverse proxy every client has the proxy's address:
   * return the address your proxy puts in a header it overwrites, and only when `socketAddress` is
   * the proxy's. Never trust a header a client can set, such as an `X-Forwarded-For` you did not write.
   *
   * @example
   * clientAddress: (request, socket) =>
   *   socket === '10.0.0.2' ? (request.headers.get('x-real-ip') ?? socket) : socket
   */
  clientAddress?: ClientAddress
  /** A session without requests and without open connections this long is closed. Default 30 min; 0 = never. */
  sessionIdleTimeoutMs?: number
  /** Events kept per session for `Last-Event-ID` replay, oldest dropped first. Default 1 000. */
  maxEventsPerSession?: number
  /**
   * UTF-8 bytes of event data kept per session for replay, oldest dropped first. An event larger than
   * this is delivered live but not kept, and a replay across it is refused. Default 8 MiB.
   */
  maxEventBytesPerSession?: number
  /** Standalone GET streams open at once per session; another GET gets HTTP 429. Default 8. */
  maxStreamsPerSession?: number
  /** Interval of `: keepalive` comments on open SSE streams. Default 15 s; 0 disables. */
  keepAliveMs?: number
  /** SSE `retry` (ms) sent when a handler closes its stream with `ctx.closeStream()`. Default 1 s. */
  sseRetryMs?: number
  /**
   * Receives what the transport cannot tell the client: the real error behind a 500 (a throwing
   * `authenticate` hook, say) and messages that could not be encoded. Default: the server's logger.
   */
  logger?: Logger
}

export interface RebindingPolicy {
  readonly hosts: readonly string[]
  readonly origins: readonly string[]
}

export interface ResolvedHttpOptions {
  readonly path: string
  readonly maxBodyBytes: number
  readonly messageLimits: MessageLimits
  readonly authenticate: Authenticate | undefined
  readonly wwwAuthenticate: string
  /** `undefined` when DNS-rebinding protection is off. */
  readonly rebinding: RebindingPolicy | undefined
  readonly maxSessions: number
  readonly maxSessionsPerRequestor: number
  readonly clientAddress: ClientAddress | undefined
  readonly sessionIdleTimeoutMs: number
  readonly maxEventsPerSession: number
  readonly maxEventBytesPerSession: number
  readonly maxStreamsPerSession: number
  readonly keepAliveMs: number
  readonly sseRetryMs: number
  readonly logger: Logger
}

export function resolveOptions({
  path = DEFAULT_PATH,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
  maxRequestIdBytes = DEFAULT_MAX_REQUEST_ID_BYTES,
  maxProgressTokenBytes = DEFAULT_MAX_PROGRESS_TOKEN_BYTES,
  authenticate,
  wwwAuthenticate = DEFAULT_WWW_AUTHENTICATE,
  dnsRebindingProtection = true,
  allowedHosts,
  allowedOrigins,
  maxSessions = DEFAULT_MAX_SESSIONS,
  maxSessionsPerRequestor = DEFAULT_MAX_SESSIONS_PER_REQUESTOR,
  clientAddress,
  sessionIdleTimeoutMs = DEFAULT_SESSION_IDLE_TIMEOUT_MS,
  maxEventsPerSession = DEFAULT_MAX_EVENTS_PER_SESSION,
  maxEventBytesPerSession = DEFAULT_MAX_EVENT_BYTES_PER_SESSION,
  maxStreamsPerSession = DEFAULT_MAX_STREAMS_PER_SESSION,
  keepAliveMs = DEFAULT_KEEP_ALIVE_MS,
  sseRetryMs = DEFAULT_SSE_RETRY_MS,
  logger = silentLogger,
}: HttpOptions = {}): ResolvedHttpOptions {
  if (!path.startsWith('/'))
    throw new TaskwireError('INVALID_OPTION', `HttpOptions.path must start with "/", got "${path}"`)
  positive('maxBodyBytes', maxBodyBytes)
  positive('maxRequestIdBytes', maxRequestIdBytes)
  positive('maxProgressTokenBytes', maxProgressTokenBytes)
  positive('maxSessions', maxSessions)
  positive('maxSessionsPerRequestor', maxSessionsPerRequestor)
  positive('maxEventsPerSession', maxEventsPerSession)
  positive('maxEventBytesPerSession', maxEventBytesPerSession)
  positive('maxStreamsPerSession', maxStreamsPerSession)
  nonNegative('sessionIdleTimeoutMs', sessionIdleTimeoutMs)
  nonNegative('keepAliveMs', keepAliveMs)
  nonNegative('sseRetryMs', sseRetryMs)
  const hosts = allowedHosts ?? LOOPBACK_HOSTNAMES
  const rebinding = dnsRebindingProtection ? { hosts, origins: allowedOrigins ?? hosts } : undefined
  return {
    path,
    maxBodyBytes,
    messageLimits: { maxRequestIdBytes, maxProgressTokenBytes },
    authenticate,
    wwwAuthenticate,
    rebinding,
    maxSessions,
    maxSessionsPerRequestor,
    clientAddress,
    sessionIdleTimeoutMs,
    maxEventsPerSession,
    maxEventBytesPerSession,
    maxStreamsPerSession,
    keepAliveMs,
    sseRetryMs,
    logger,
  }
}

function positive(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TaskwireError('INVALID_OPTION', `HttpOptions.${name} must be a positive integer, got ${value}`)
  }
}

function nonNegative(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TaskwireError(
      'INVALID_OPTION',
      `HttpOptions.${name} must be a non-negative integer, got ${value}`,
    )
  }
}

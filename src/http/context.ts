/**
 * What every endpoint handler shares: the transport's state, and the checks GET, POST and DELETE all
 * run (who is calling, from where, on which session).
 */
import { isSupportedVersion, SUPPORTED_PROTOCOL_VERSIONS } from '../protocol/versions.ts'
import type { Principal, SessionFactory } from '../server/transport.ts'
import type { SessionChannel } from './channel.ts'
import { authenticateRequest, checkPrincipal, checkRebinding } from './guards.ts'
import { type Hangup, hangupOfRequest } from './hangup.ts'
import type { ResolvedHttpOptions } from './options.ts'
import { type Peer, type SseOpener, webSse } from './peer.ts'
import { MCP_PROTOCOL_VERSION, MCP_SESSION_ID, reject } from './responses.ts'
import type { SessionRegistry } from './sessions.ts'
import type { SseHub } from './sse.ts'

/** What a hosting adapter may pass along with each request (node.ts passes all of it). */
export interface TransportEnv {
  /** When the client goes away; without it, `Request.signal` tells. */
  readonly hangup?: Hangup
  /** How SSE responses are written; without it, as `ReadableStream` bodies. */
  readonly sse?: SseOpener
  /** The TCP peer's address, which sessions are counted by when there is no authentication. */
  readonly clientAddress?: string
}

/** The client end of this request: what the adapter gave, portable fallbacks for the rest. */
export const peerOf = (request: Request, env: TransportEnv): Peer => ({
  hangup: env.hangup ?? hangupOfRequest(request),
  sse: env.sse ?? webSse,
})

export interface TransportContext {
  readonly factory: SessionFactory
  readonly options: ResolvedHttpOptions
  readonly sessions: SessionRegistry
  readonly hub: SseHub
}

export type Checked<T> = { ok: true; value: T } | { ok: false; response: Response }

const fail = (response: Response): { ok: false; response: Response } => ({ ok: false, response })

/**
 * Host/Origin first, then authentication: a request from a rebound origin is refused before the
 * authentication hook (which may call out to a token service) ever sees it.
 */
export async function admit(
  request: Request,
  context: TransportContext,
): Promise<Checked<Principal | undefined>> {
  const forbidden = checkRebinding(request, context.options.rebinding)
  if (forbidden) return fail(forbidden)
  const auth = await authenticateRequest(request, context.options)
  return 'response' in auth ? fail(auth.response) : { ok: true, value: auth.principal }
}

/** The session a non-initialize request names, checked against the caller and the version header. */
export function findSession(
  request: Request,
  context: TransportContext,
  principal: Principal | undefined,
): Checked<SessionChannel> {
  const id = request.headers.get(MCP_SESSION_ID)
  // 2025-11-25 transports, Session Management 2 and 3: missing id → 400, unknown or ended → 404.
  if (!id) {
    return fail(reject(400, 'Missing Mcp-Session-Id header: send the id the initialize response returned'))
  }
  const channel = context.sessions.get(id)
  if (!channel) {
    return fail(reject(404, 'Session not found: it ended or never existed; send a new initialize request'))
  }
  const foreign = checkPrincipal(channel.port.principal, principal)
  if (foreign) return fail(foreign)
  const versionProblem = checkVersionHeader(request, channel)
  if (versionProblem) return fail(versionProblem)
  channel.touch()
  return { ok: true, value: channel }
}

/**
 * 2025-11-25 transports, Protocol Version Header: an unsupported version MUST get 400. A header that
 * differs from the version negotiated at initialize is refused too. No header: the negotiated version
 * (or 2025-03-26) is assumed.
 */
function checkVersionHeader(request: Request, channel: SessionChannel): Response | undefined {
  const header = request.headers.get(MCP_PROTOCOL_VERSION)
  if (header === null) return undefined
  const negotiated = channel.port.protocolVersion
  if (isSupportedVersion(header) && (negotiated === undefined || negotiated === header)) return undefined
  const expected = negotiated ?? SUPPORTED_PROTOCOL_VERSIONS.join(', ')
  return reject(
    400,
    `Bad MCP-Protocol-Version "${header}": this session expects ${expected} (supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`,
  )
}

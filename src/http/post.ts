/**
 * POST on the MCP endpoint: one JSON-RPC message per request (2025-11-25 transports: Sending Messages
 * to the Server). Checks run cheapest and most general first, so the status tells what to fix.
 */

import { logEncodeProblem } from '../protocol/encode.ts'
import { ErrorCode, errorText, ProtocolError, toProtocolError } from '../protocol/errors.ts'
import {
  errorMessage,
  type Incoming,
  idOf,
  type JsonRpcRequest,
  type JsonRpcResponse,
  parseMessage,
  type RequestId,
} from '../protocol/jsonrpc.ts'
import type { MessageLimits } from '../protocol/message-limits.ts'
import { type Logger, logError } from '../server/options.ts'
import type { Principal } from '../server/transport.ts'
import { readJsonBody } from './body.ts'
import { SessionChannel } from './channel.ts'
import {
  admit,
  type Checked,
  findSession,
  peerOf,
  type TransportContext,
  type TransportEnv,
} from './context.ts'
import type { ResponseHeaders } from './exchange.ts'
import { accepts, parseMediaType } from './media-type.ts'
import type { Peer } from './peer.ts'
import { requestorKey } from './requestor.ts'
import { accepted, MCP_SESSION_ID, reject } from './responses.ts'

const NEVER = new AbortController().signal

export async function handlePost(
  request: Request,
  context: TransportContext,
  env: TransportEnv = {},
): Promise<Response> {
  const admitted = await admit(request, context)
  if (!admitted.ok) return admitted.response
  const unacceptable = checkMediaTypes(request)
  if (unacceptable) return unacceptable
  const body = await readJsonBody(request, context.options.maxBodyBytes)
  if (!body.ok) return body.response
  const parsed = parse(body.value, context.options.messageLimits)
  if (!parsed.ok) return parsed.response
  const incoming = parsed.value
  if (incoming.kind === 'request' && incoming.message.method === 'initialize') {
    return initialize(request, env, context, admitted.value, incoming.message)
  }
  const session = findSession(request, context, admitted.value)
  if (!session.ok) return session.response
  const channel = session.value
  if (incoming.kind === 'request') {
    return dispatch(peerOf(request, env), channel, incoming.message, () => ({}), context.options.logger)
  }
  // A notification or a response: hand it over, then 202 Accepted with no body.
  // Nothing waits on a notification or a response, so their scope never aborts.
  await channel.port.handle(incoming, { signal: NEVER, openStream: () => {} })
  return accepted()
}

function checkMediaTypes(request: Request): Response | undefined {
  const accept = request.headers.get('accept')
  if (!accepts(accept, 'application/json') || !accepts(accept, 'text/event-stream')) {
    return reject(
      406,
      'Not Acceptable: the Accept header must accept both application/json and text/event-stream',
    )
  }
  const type = parseMediaType(request.headers.get('content-type') ?? '')
  const charset = type?.params.get('charset')?.toLowerCase()
  if (
    type?.essence !== 'application/json' ||
    (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
  ) {
    return reject(
      415,
      'Unsupported Media Type: the body must be sent as Content-Type: application/json (UTF-8)',
    )
  }
  return undefined
}

function parse(value: unknown, limits: MessageLimits): Checked<Incoming> {
  // 2025-11-25 transports: the body MUST be a single message; JSON-RPC batches were removed in 2025-06-18.
  if (Array.isArray(value)) {
    return {
      ok: false,
      response: reject(400, 'Invalid request: JSON-RPC batching is not supported; send one message per POST'),
    }
  }
  try {
    return { ok: true, value: parseMessage(value, limits) }
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error
    // A bad envelope is the transport's to refuse (400). Bad params of a well-formed request are an
    // ordinary JSON-RPC error for that request, answered with 200 as the core answers them, so that
    // a client can hand it to the caller that sent the request (decisions.md, "Transport limits").
    const status = error.code === ErrorCode.InvalidParams ? 200 : 400
    return {
      ok: false,
      response: reject(status, error.message, { code: error.code, id: idOf(value, limits) }),
    }
  }
}

/** initialize opens a session; its id travels in the Mcp-Session-Id header of the answer. */
function initialize(
  request: Request,
  env: TransportEnv,
  context: TransportContext,
  principal: Principal | undefined,
  message: JsonRpcRequest,
): Promise<Response> | Response {
  const { id } = message
  if (request.headers.has(MCP_SESSION_ID)) {
    return reject(400, 'initialize opens a new session: send it without an Mcp-Session-Id header', { id })
  }
  const {
    clientAddress,
    maxEventsPerSession,
    maxEventBytesPerSession,
    maxStreamsPerSession,
    sseRetryMs,
    logger,
  } = context.options
  const requestor = requestorKey(request, principal, env.clientAddress, clientAddress)
  const refused = checkSessionLimits(context, requestor, id)
  if (refused) return refused
  const events = { maxEvents: maxEventsPerSession, maxBytes: maxEventBytesPerSession }
  const onProblem = logEncodeProblem((text, fields) => logError(logger, text, fields))
  const channel = new SessionChannel(context.hub, {
    events,
    maxStreams: maxStreamsPerSession,
    retryMs: sseRetryMs,
    onProblem,
  })
  const port = context.factory.openSession({ principal, outbound: channel })
  channel.bind(port)
  context.sessions.add(channel, requestor)
  const sessionHeader: Record<string, string> = { [MCP_SESSION_ID]: port.id }
  const headers: ResponseHeaders = (response) => (response && 'error' in response ? {} : sessionHeader)
  return dispatch(peerOf(request, env), channel, message, headers, logger, (response) => {
    // A failed (or cancelled) initialize leaves no session behind.
    if (!response || 'error' in response) context.sessions.close(port.id, 'initialize failed')
  })
}

/**
 * Fair shares first (429: this requestor holds its share; it can end sessions of its own), then the
 * whole server (503: nobody can get in until sessions end). 6585 section 4: 429 MAY carry Retry-After.
 */
function checkSessionLimits(
  context: TransportContext,
  requestor: string | undefined,
  id: RequestId,
): Response | undefined {
  const { sessions, options } = context
  if (!sessions.admits(requestor)) {
    const limit = options.maxSessionsPerRequestor
    const text = `Too many sessions: this client already has ${limit} sessions open (maxSessionsPerRequestor); end unused sessions with DELETE or try again later`
    return reject(429, text, { id, headers: { 'retry-after': String(sessions.retryAfterSeconds) } })
  }
  if (sessions.full) {
    const limit = options.maxSessions
    const text = `Server busy: ${limit} sessions are open (maxSessions); try again later or end unused sessions`
    return reject(503, text, { id, code: ErrorCode.InternalError })
  }
  return undefined
}

/**
 * Hands a request to the core; the exchange answers with JSON or upgrades to SSE (see exchange.ts).
 * The chain runs detached from the HTTP handler, so it ends in a catch that cannot throw: whatever
 * goes wrong is logged and the client still gets an answer (-32603, or a 500 as the last resort).
 */
function dispatch(
  peer: Peer,
  channel: SessionChannel,
  message: JsonRpcRequest,
  headers: ResponseHeaders,
  logger: Logger,
  after?: (response: JsonRpcResponse | undefined) => void,
): Promise<Response> | Response {
  const exchange = channel.begin(message.id, peer, headers)
  if (!exchange) {
    const text = `A request with id ${JSON.stringify(message.id)} is already in progress in this session; use a new id`
    return reject(400, text, { id: message.id })
  }
  const incoming: Incoming = { kind: 'request', message }
  // `new Promise` also turns a synchronous throw of `handle` into a rejection.
  new Promise<JsonRpcResponse | undefined>((resolve) =>
    resolve(channel.port.handle(incoming, exchange.scope)),
  )
    .catch((error: unknown) => {
      logError(logger, 'request handler failed', { id: message.id, error: errorText(error) })
      return errorMessage(message.id, toProtocolError(error).toJSON())
    })
    .then((response) => {
      exchange.finish(response)
      after?.(response)
    })
    .catch((error: unknown) => {
      logError(logger, 'could not answer a request', { id: message.id, error: errorText(error) })
      exchange.fail()
    })
    .catch(() => {}) // exchange.fail() ends no worse than a lost response; never an unhandled rejection
  return exchange.response
}

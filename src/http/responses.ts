/**
 * The HTTP responses the transport itself produces. Every rejection carries a JSON-RPC error body
 * (2025-11-25 transports: "The HTTP response body MAY comprise a JSON-RPC error response that has no
 * id") whose message says what the client should change.
 */
import { type EncodeProblem, encodeMessage } from '../protocol/encode.ts'
import { ErrorCode } from '../protocol/errors.ts'
import { errorMessage, type JsonRpcResponse, type RequestId } from '../protocol/jsonrpc.ts'

export const MCP_SESSION_ID = 'mcp-session-id'
export const MCP_PROTOCOL_VERSION = 'mcp-protocol-version'
export const LAST_EVENT_ID = 'last-event-id'
export const ALLOWED_METHODS = 'GET, POST, DELETE'

export interface RejectOptions {
  /** JSON-RPC error code; -32600 (invalid request) unless said otherwise. */
  code?: number
  /** The id of the offending request, when it could be read. */
  id?: RequestId | null
  headers?: Record<string, string>
}

/** An HTTP error status with a JSON-RPC error body. */
export function reject(status: number, message: string, options: RejectOptions = {}): Response {
  const { code = ErrorCode.InvalidRequest, id = null, headers = {} } = options
  return jsonResponse(errorMessage(id, { code, message }), status, headers)
}

/** A JSON-RPC response as the HTTP body; a response that cannot be encoded becomes a -32603 for its id. */
export function jsonResponse(
  body: JsonRpcResponse,
  status = 200,
  headers: Record<string, string> = {},
  onProblem?: EncodeProblem,
): Response {
  return new Response(encodeMessage(body, onProblem) ?? INTERNAL_ERROR, {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

/** The last-resort body; says nothing of the cause, which goes to the log. */
const INTERNAL_ERROR = JSON.stringify(
  errorMessage(null, { code: ErrorCode.InternalError, message: 'Internal error' }),
)

/** 500 with a generic JSON-RPC error: whatever went wrong inside is logged, never sent to the caller. */
export const internalError = (id: RequestId | null = null): Response =>
  reject(500, 'Internal error', { id, code: ErrorCode.InternalError })

/** 202 Accepted with no body: the answer to a notification or a response (2025-11-25 transports). */
export const accepted = (): Response => new Response(null, { status: 202 })

/** The headers of every SSE response, plus `extra`. */
export const sseHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({
  'content-type': 'text/event-stream',
  // Proxies must neither cache nor buffer an event stream.
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  ...extra,
})

/** An SSE response whose whole body is known (a finished replay, an empty stream). */
export function sseResponse(body: BodyInit, headers: Record<string, string> = {}): Response {
  return new Response(body, { status: 200, headers: sseHeaders(headers) })
}

export const methodNotAllowed = (method: string): Response =>
  reject(405, `Method ${method} is not allowed on the MCP endpoint; use GET, POST or DELETE`, {
    headers: { allow: ALLOWED_METHODS },
  })

/**
 * JSON-RPC 2.0 framing: the shapes MCP messages travel in, and a structural check of incoming
 * messages that gives a person-readable reason when something is off.
 */
import { ErrorCode, type ErrorObject, ProtocolError } from './errors.ts'
import { DEFAULT_MESSAGE_LIMITS, exceedsBytes, type MessageLimits, utf8ByteLength } from './message-limits.ts'

export type RequestId = string | number
export type Params = Record<string, unknown>

export interface JsonRpcRequest {
  jsonrpc: '2.0'
  id: RequestId
  method: string
  params?: Params
}

export interface JsonRpcNotification {
  jsonrpc: '2.0'
  method: string
  params?: Params
}

export interface JsonRpcResult {
  jsonrpc: '2.0'
  id: RequestId
  result: Params
}

export interface JsonRpcError {
  jsonrpc: '2.0'
  id: RequestId | null
  error: ErrorObject
}

export type JsonRpcResponse = JsonRpcResult | JsonRpcError
export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResponse

export type Incoming =
  | { kind: 'request'; message: JsonRpcRequest }
  | { kind: 'notification'; message: JsonRpcNotification }
  | { kind: 'response'; message: JsonRpcResponse }

/** A JSON object: not null, not an array. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Why `id` cannot be a request id, or undefined when it can. JSON-RPC allows strings and numbers; MCP
 * narrows them to strings and integers, and an integer beyond 2^53 - 1 loses digits in JSON.parse, so
 * its answer would carry an id the client never sent (decisions.md, "Transport limits").
 */
function idProblem(id: unknown, limits: MessageLimits): string | undefined {
  if (typeof id === 'string') {
    if (!exceedsBytes(id, limits.maxRequestIdBytes)) return undefined
    const size = utf8ByteLength(id)
    return `"id" is ${size} bytes; the limit is ${limits.maxRequestIdBytes} bytes (maxRequestIdBytes): use a shorter id`
  }
  if (typeof id !== 'number' || !Number.isInteger(id)) return '"id" must be a string or an integer'
  if (Number.isSafeInteger(id)) return undefined
  return '"id" is an integer beyond 2^53 - 1, which JSON numbers do not carry exactly: use a string id or a smaller integer'
}

/**
 * The id of a message that failed validation, so the error can still be correlated; null when the id
 * itself is the problem (then no answer could name it faithfully).
 */
export function idOf(value: unknown, limits: MessageLimits = DEFAULT_MESSAGE_LIMITS): RequestId | null {
  return isObject(value) && idProblem(value.id, limits) === undefined ? (value.id as RequestId) : null
}

/**
 * Classifies one incoming JSON-RPC message; throws a ProtocolError naming what is wrong: -32600 for
 * the envelope (an id too long or not exact among them), -32602 for a progress token beyond its limit.
 */
export function parseMessage(value: unknown, limits: MessageLimits = DEFAULT_MESSAGE_LIMITS): Incoming {
  if (!isObject(value)) throw invalid('a JSON-RPC message must be a JSON object')
  if (value.jsonrpc !== '2.0') throw invalid('"jsonrpc" must be the string "2.0"')
  if ('method' in value) return parseCall(value, limits)
  if ('result' in value || 'error' in value) return parseResponse(value, limits)
  throw invalid('a message needs "method" (request or notification) or "result"/"error" (response)')
}

function parseCall(value: Record<string, unknown>, limits: MessageLimits): Incoming {
  if (typeof value.method !== 'string' || value.method === '')
    throw invalid('"method" must be a non-empty string')
  if (value.params !== undefined && !isObject(value.params))
    throw invalid('"params" must be an object when present')
  if (!('id' in value)) return { kind: 'notification', message: value as unknown as JsonRpcNotification }
  const problem = idProblem(value.id, limits)
  if (problem !== undefined) throw invalid(problem)
  checkProgressToken(value.params, limits)
  return { kind: 'request', message: value as unknown as JsonRpcRequest }
}

function parseResponse(value: Record<string, unknown>, limits: MessageLimits): Incoming {
  const problem = idProblem(value.id, limits)
  if (problem !== undefined) throw invalid(`a response ${problem}`)
  if ('error' in value && !(isObject(value.error) && typeof value.error.code === 'number')) {
    throw invalid('"error" must be an object with a numeric "code"')
  }
  if ('result' in value && !isObject(value.result)) throw invalid('"result" must be an object')
  return { kind: 'response', message: value as unknown as JsonRpcResponse }
}

/**
 * 2025-11-25 basic/utilities/progress: a token is "a string or integer value". Refused beyond the
 * byte limit (it is copied into every progress event) or when it is a number JSON cannot carry exactly.
 */
function checkProgressToken(params: unknown, limits: MessageLimits): void {
  const meta = isObject(params) ? params._meta : undefined
  if (!isObject(meta) || !('progressToken' in meta)) return
  const token = meta.progressToken
  if (
    typeof token === 'string'
      ? !exceedsBytes(token, limits.maxProgressTokenBytes)
      : Number.isSafeInteger(token)
  )
    return
  const message =
    typeof token === 'string'
      ? `"_meta.progressToken" is ${utf8ByteLength(token)} bytes; the limit is ${limits.maxProgressTokenBytes} bytes (maxProgressTokenBytes): use a shorter token`
      : '"_meta.progressToken" must be a string or an integer within 2^53 - 1'
  throw ProtocolError.invalidParams(`Invalid params: ${message}`)
}

const invalid = (reason: string) => new ProtocolError(ErrorCode.InvalidRequest, `Invalid request: ${reason}`)

export const resultMessage = (id: RequestId, result: Params): JsonRpcResult => ({
  jsonrpc: '2.0',
  id,
  result,
})

export const errorMessage = (id: RequestId | null, error: ErrorObject): JsonRpcError => ({
  jsonrpc: '2.0',
  id,
  error,
})

export const notificationMessage = (method: string, params?: Params): JsonRpcNotification =>
  params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params }

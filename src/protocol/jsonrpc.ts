/**
 * JSON-RPC 2.0 framing: the shapes MCP messages travel in, and a structural check of incoming
 * messages that gives a person-readable reason when something is off.
 */
import { ErrorCode, type ErrorObject, ProtocolError } from './errors.ts'

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

const isId = (value: unknown): value is RequestId =>
  typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))

/** Best effort: the id of a message that failed validation, so the error can still be correlated. */
export function idOf(value: unknown): RequestId | null {
  return isObject(value) && isId(value.id) ? value.id : null
}

/** Classifies one incoming JSON-RPC message; throws a -32600 ProtocolError naming what is wrong. */
export function parseMessage(value: unknown): Incoming {
  if (!isObject(value)) throw invalid('a JSON-RPC message must be a JSON object')
  if (value.jsonrpc !== '2.0') throw invalid('"jsonrpc" must be the string "2.0"')
  if ('method' in value) return parseCall(value)
  if ('result' in value || 'error' in value) return parseResponse(value)
  throw invalid('a message needs "method" (request or notification) or "result"/"error" (response)')
}

function parseCall(value: Record<string, unknown>): Incoming {
  if (typeof value.method !== 'string' || value.method === '')
    throw invalid('"method" must be a non-empty string')
  if (value.params !== undefined && !isObject(value.params))
    throw invalid('"params" must be an object when present')
  if (!('id' in value)) return { kind: 'notification', message: value as unknown as JsonRpcNotification }
  if (!isId(value.id)) throw invalid('"id" must be a string or an integer')
  return { kind: 'request', message: value as unknown as JsonRpcRequest }
}

function parseResponse(value: Record<string, unknown>): Incoming {
  if (!isId(value.id)) throw invalid('a response "id" must be a string or an integer')
  if ('error' in value && !(isObject(value.error) && typeof value.error.code === 'number')) {
    throw invalid('"error" must be an object with a numeric "code"')
  }
  if ('result' in value && !isObject(value.result)) throw invalid('"result" must be an object')
  return { kind: 'response', message: value as unknown as JsonRpcResponse }
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

/** JSON and JSON-RPC 2.0 as they come off the wire: nothing is trusted until a guard has looked at it. */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }
export type RequestId = string | number

export interface JsonRpcError {
  readonly code: number
  readonly message: string
  readonly data?: Json
}

/** One JSON-RPC message; which fields are present tells its kind. */
export interface JsonRpcMessage {
  readonly jsonrpc: '2.0'
  readonly id?: RequestId | null
  readonly method?: string
  readonly params?: JsonObject
  readonly result?: JsonObject
  readonly error?: JsonRpcError
}

export const RELATED_TASK = 'io.modelcontextprotocol/related-task'
export const IMMEDIATE_RESPONSE = 'io.modelcontextprotocol/model-immediate-response'

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function asMessage(value: unknown): JsonRpcMessage | undefined {
  if (!isObject(value) || value.jsonrpc !== '2.0') return undefined
  return value as unknown as JsonRpcMessage
}

export const isRequest = (message: JsonRpcMessage): boolean =>
  typeof message.method === 'string' && message.id !== undefined && message.id !== null

export const isNotification = (message: JsonRpcMessage, method?: string): boolean =>
  typeof message.method === 'string' &&
  message.id === undefined &&
  (method === undefined || message.method === method)

/** The related-task id in a `_meta`, or undefined. */
export function relatedTaskOf(meta: unknown): string | undefined {
  if (!isObject(meta)) return undefined
  const related = meta[RELATED_TASK]
  return isObject(related) && typeof related.taskId === 'string' ? related.taskId : undefined
}

export const hasRelatedTask = (meta: unknown): boolean => isObject(meta) && RELATED_TASK in meta

/** Text of the first text block of a CallToolResult, or undefined. */
export function firstText(result: JsonObject | undefined): string | undefined {
  const content = result?.content
  if (!Array.isArray(content)) return undefined
  for (const block of content) {
    if (isObject(block) && block.type === 'text' && typeof block.text === 'string') return block.text
  }
  return undefined
}

/** Short rendering of a value for a reason line. */
export function brief(value: unknown, max = 160): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value)
  return text.length > max ? `${text.slice(0, max)}…` : text
}

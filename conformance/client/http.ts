/**
 * The vocabulary of one Streamable HTTP exchange as the suite sees it: endpoints, replies, what came
 * in on which stream, and how an answer body (JSON or one SSE event) becomes a reply.
 */
import { asMessage, type JsonObject, type JsonRpcError, type JsonRpcMessage } from './json.ts'
import type { SseEvent } from './sse.ts'

export const LATEST_VERSION = '2025-11-25'
export const DEFAULT_TIMEOUT_MS = 10_000
export const HEADERS_TIMEOUT_MS = 3_000

export interface Endpoint {
  readonly url: string
  /** Sent with every request, e.g. Authorization. */
  readonly headers: Readonly<Record<string, string>>
}

export type Via = 'post' | 'get'

export interface Received {
  readonly message: JsonRpcMessage
  readonly via: Via
  /** performance.now() when it arrived. */
  readonly at: number
}

/** How the server answered one request. */
export interface Reply {
  readonly status: number
  /** The media type essence (`application/json`, `text/event-stream`), or '' when there was none. */
  readonly contentType: string
  readonly result?: JsonObject
  readonly error?: JsonRpcError
  /** The raw body when it was not a JSON-RPC response (or an SSE stream that ended without one). */
  readonly body?: string
  readonly at: number
  readonly elapsedMs: number
}

export class RequestTimeout extends Error {
  override readonly name = 'RequestTimeout'
}

export type Answer = { result: JsonObject } | { error: JsonRpcError }
export type RequestHandler = (message: JsonRpcMessage, via: Via) => Answer | Promise<Answer>

export interface OpenOptions {
  protocolVersion?: string
  capabilities?: JsonObject
}

export interface RequestOptions {
  timeoutMs?: number
  /** Aborting it drops the request's connection (and its SSE stream). */
  signal?: AbortSignal
}

export const essence = (contentType: string | null): string =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''

/** The JSON-RPC message an SSE event carries, if any (priming events carry none). */
export function decode(event: SseEvent): JsonRpcMessage | undefined {
  if (event.data === '') return undefined
  try {
    return asMessage(JSON.parse(event.data))
  } catch {
    return undefined
  }
}

export function fieldsOf(message: JsonRpcMessage): Partial<Reply> {
  return {
    ...(message.result === undefined ? {} : { result: message.result }),
    ...(message.error === undefined ? {} : { error: message.error }),
  }
}

export function parseBody(text: string): Partial<Reply> {
  try {
    const message = asMessage(JSON.parse(text))
    if (message !== undefined && (message.result !== undefined || message.error !== undefined)) {
      return fieldsOf(message)
    }
  } catch {
    // Not JSON: kept as the raw body below.
  }
  return { body: text }
}

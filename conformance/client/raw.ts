/**
 * Single HTTP exchanges outside any session object, for the robustness probes: exactly the method,
 * headers and bytes a probe asks for, and the first JSON-RPC message of the answer (JSON or SSE).
 */

import { essence } from './http.ts'
import { asMessage, type JsonRpcMessage } from './json.ts'
import { readEvents } from './sse.ts'

export interface RawAnswer {
  readonly status: number
  readonly contentType: string
  readonly text: string
  readonly message: JsonRpcMessage | undefined
  readonly elapsedMs: number
}

export async function rawFetch(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  const started = performance.now()
  const signal = AbortSignal.timeout(timeoutMs)
  const response = await fetch(url, { ...init, signal })
  const contentType = essence(response.headers.get('content-type'))
  if (contentType === 'text/event-stream' && response.body !== null) {
    const message = await firstSseMessage(response.body)
    const text = message === undefined ? '' : JSON.stringify(message)
    return { status: response.status, contentType, text, message, elapsedMs: performance.now() - started }
  }
  const text = await response.text()
  return {
    status: response.status,
    contentType,
    text,
    message: parse(text),
    elapsedMs: performance.now() - started,
  }
}

function parse(text: string): JsonRpcMessage | undefined {
  try {
    return asMessage(JSON.parse(text))
  } catch {
    return undefined
  }
}

async function firstSseMessage(body: ReadableStream<Uint8Array>): Promise<JsonRpcMessage | undefined> {
  const stop = new AbortController()
  let found: JsonRpcMessage | undefined
  const reading = readEvents(body, (event) => {
    if (found !== undefined) return
    found = parse(event.data)
    if (found !== undefined) stop.abort()
  })
  await Promise.race([reading, new Promise((resolve) => stop.signal.addEventListener('abort', resolve))])
  if (found !== undefined) await body.cancel().catch(() => {})
  return found
}

/**
 * Server-Sent Events on the wire: event framing, one HTTP connection carrying an event stream, and the
 * hub that keeps every open connection alive and can end them all.
 */

import type { Hangup } from './hangup.ts'

const encoder = new TextEncoder()

/**
 * One `message` event. JSON text never contains a raw line break, so one `data:` line suffices; the
 * `id:` lets the client resume with `Last-Event-ID` (2025-11-25 transports: Resumability).
 */
export const formatEvent = (id: string, data: string): string =>
  `id: ${id}\nevent: message\ndata: ${data}\n\n`

/**
 * The priming event: an id and an empty `data` field, so the client can reconnect before the first
 * message arrives (2025-11-25 transports: Sending Messages, 6). EventSource does not dispatch it.
 */
export const formatPriming = (id: string): string => `id: ${id}\ndata: \n\n`

/**
 * The reconnection delay a client should wait before it resumes a stream the server closed (HTML
 * SSE `retry` field; 2025-11-25 transports: sent before the server closes the connection).
 */
export const formatRetry = (retryMs: number): string => `retry: ${retryMs}\n\n`

const KEEP_ALIVE = ': keepalive\n\n'

/**
 * A reader that falls this far behind is treated as gone: its events stay in the event store, and it
 * can resume with `Last-Event-ID`. Without a cap a stalled client would make us buffer without end.
 */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024

/** One HTTP response body carrying SSE. Ends either by `close()` (us) or by the client going away. */
export class SseConnection {
  readonly body: ReadableStream<Uint8Array>
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined
  #open = true
  readonly #onEnd: (byClient: boolean) => void

  /** `onEnd` runs exactly once, with whether the client ended it (disconnect) or we did. */
  constructor(onEnd: (byClient: boolean) => void) {
    this.#onEnd = onEnd
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller
        },
        cancel: () => this.#end(true),
      },
      // Count buffered bytes, so `desiredSize` tells how far the reader is behind.
      { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
    )
  }

  get open(): boolean {
    return this.#open
  }

  /** Writes raw SSE text; false when the connection is gone (or was just dropped for lagging). */
  write(text: string): boolean {
    if (!this.#open || !this.#controller) return false
    const desired = this.#controller.desiredSize ?? 0
    if (desired < -MAX_BUFFERED_BYTES) {
      this.#controller.error(new Error('SSE reader fell too far behind'))
      this.#end(true)
      return false
    }
    this.#controller.enqueue(encoder.encode(text))
    return true
  }

  /** Ends the stream from our side, after what was written so far. */
  close(): void {
    if (!this.#open) return
    this.#controller?.close()
    this.#end(false)
  }

  /** The client disconnected (request signal) — same as a cancel by the reader. */
  drop(): void {
    this.#end(true)
  }

  #end(byClient: boolean): void {
    if (!this.#open) return
    this.#open = false
    this.#onEnd(byClient)
  }
}

/** Every open SSE connection of one transport: keep-alive comments and shutdown in one place. */
export class SseHub {
  readonly #connections = new Set<SseConnection>()
  readonly #keepAliveMs: number
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(keepAliveMs: number) {
    this.#keepAliveMs = keepAliveMs
  }

  get size(): number {
    return this.#connections.size
  }

  /** Opens a connection; `onEnd` as for `SseConnection`. The client hanging up drops it. */
  open(onEnd: (byClient: boolean) => void, hangup?: Hangup): SseConnection {
    let stopListening = () => {}
    const connection = new SseConnection((byClient) => {
      this.#connections.delete(connection)
      stopListening()
      if (this.#connections.size === 0) this.#stopTimer()
      onEnd(byClient)
    })
    const drop = () => connection.drop()
    this.#connections.add(connection)
    this.#startTimer()
    // Already gone: drop after the caller has its handle on the connection.
    if (hangup?.happened) queueMicrotask(drop)
    else if (hangup !== undefined) stopListening = hangup.on(drop)
    return connection
  }

  closeAll(): void {
    for (const connection of [...this.#connections]) connection.close()
  }

  #startTimer(): void {
    if (this.#timer !== undefined || this.#keepAliveMs === 0) return
    // One timer for all connections, unref'd so an idle stream never keeps the process alive.
    this.#timer = setInterval(() => {
      for (const connection of [...this.#connections]) connection.write(KEEP_ALIVE)
    }, this.#keepAliveMs)
    this.#timer.unref?.()
  }

  #stopTimer(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }
}

/**
 * Server-Sent Events on the wire: event framing, one HTTP connection carrying an event stream (its
 * bytes go to the sink its peer opened, see peer.ts), and the hub that keeps every open connection
 * alive and can end them all.
 */

import type { Peer, SseReader, SseSink } from './peer.ts'

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

/** Told once when a connection ends, with whether the client ended it (disconnect) or we did. */
export interface ConnectionOwner {
  connectionEnded(connection: SseConnection, byClient: boolean): void
}

/**
 * One HTTP response body carrying SSE. Ends either by `close()` (us) or by the client going away.
 * Its bookkeeping lives in fields, not closures: thousands may be open at once, and each closure
 * (with its context) costs more than a field (bench/stream-heap.ts).
 */
export class SseConnection implements SseReader {
  readonly response: Response
  readonly #sink: SseSink
  readonly #hub: SseHub
  readonly #owner: ConnectionOwner
  #stopListening: (() => void) | undefined
  #open = true

  constructor(hub: SseHub, owner: ConnectionOwner, peer: Peer, headers: Record<string, string>) {
    this.#hub = hub
    this.#owner = owner
    const { sink, response } = peer.sse.open(headers, this)
    this.#sink = sink
    this.response = response
    // Already gone: drop after the caller has its handle on the connection.
    if (peer.hangup.happened) queueMicrotask(() => this.drop())
    else this.#stopListening = peer.hangup.on(() => this.drop())
  }

  get open(): boolean {
    return this.#open
  }

  /** Writes raw SSE text; false when the connection is gone (or was just dropped for lagging). */
  write(text: string): boolean {
    if (!this.#open) return false
    if (this.#sink.buffered > MAX_BUFFERED_BYTES) {
      this.#sink.fail()
      this.#end(true)
      return false
    }
    this.#sink.write(text)
    return true
  }

  /** Ends the stream from our side, after what was written so far. */
  close(): void {
    if (!this.#open) return
    this.#sink.end()
    this.#end(false)
  }

  /** The client disconnected (or cancelled the body). */
  drop(): void {
    this.#end(true)
  }

  #end(byClient: boolean): void {
    if (!this.#open) return
    this.#open = false
    this.#stopListening?.()
    this.#hub.forget(this)
    this.#owner.connectionEnded(this, byClient)
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

  /** Opens a connection for `peer`, reporting its end to `owner`. The client hanging up drops it. */
  open(owner: ConnectionOwner, peer: Peer, headers: Record<string, string>): SseConnection {
    const connection = new SseConnection(this, owner, peer, headers)
    this.#connections.add(connection)
    this.#startTimer()
    return connection
  }

  /** A connection ended; called by the connection itself. */
  forget(connection: SseConnection): void {
    this.#connections.delete(connection)
    if (this.#connections.size === 0) this.#stopTimer()
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

/**
 * One logical SSE stream of a session: a request's response stream or a standalone GET stream. It
 * outlives its HTTP connections: while none is attached, events are only recorded, and a `GET` with
 * `Last-Event-ID` attaches a new connection and replays them (2025-11-25 transports: Resumability).
 */
import { type EncodeProblem, encodeMessage } from '../protocol/encode.ts'
import type { JsonRpcMessage } from '../protocol/jsonrpc.ts'
import type { EventStore, StoredEvent, StreamKind } from './event-store.ts'
import { type ConnectionOwner, formatEvent, formatPriming, formatRetry, type SseConnection } from './sse.ts'

/** What a stream needs from its session. */
export interface StreamHost {
  /** The next number of the session-wide event sequence. */
  nextSeq(): number
  /** A connection of `stream` ended (see ConnectionOwner). */
  streamEnded(stream: EventStream, byClient: boolean): void
  /** Hears of messages that could not be encoded (logged; a response is replaced by a -32603). */
  readonly onProblem: EncodeProblem | undefined
}

export class EventStream implements ConnectionOwner {
  readonly id: string
  readonly kind: StreamKind
  readonly #store: EventStore
  readonly #host: StreamHost
  #connection: SseConnection | undefined
  /** Whether any event id reached the wire: only then can the client resume this stream. */
  #resumable = false

  constructor(id: string, kind: StreamKind, store: EventStore, host: StreamHost) {
    this.id = id
    this.kind = kind
    this.#store = store
    this.#host = host
  }

  get connected(): boolean {
    return this.#connection?.open === true
  }

  get resumable(): boolean {
    return this.#resumable
  }

  /**
   * Makes `connection` the one carrying this stream; a previous one is closed, so no event is ever
   * written to two connections (2025-11-25 transports: Multiple Connections).
   */
  attach(connection: SseConnection): void {
    if (this.#connection !== connection) this.#connection?.close()
    this.#connection = connection
  }

  /** A connection ended: forget it if it is the current one, and tell the session. */
  connectionEnded(connection: SseConnection, byClient: boolean): void {
    if (this.#connection === connection) this.#connection = undefined
    this.#host.streamEnded(this, byClient)
  }

  prime(): void {
    const id = this.#record('')
    this.#write(formatPriming(id))
  }

  /** Sends a message; one that cannot be encoded is replaced (a response) or dropped (see encodeMessage). */
  emit(message: JsonRpcMessage): void {
    const data = encodeMessage(message, this.#host.onProblem)
    if (data === undefined) return
    this.#write(formatEvent(this.#record(data), data))
  }

  /** Writes replayed events to `connection`, which is not (yet) attached. */
  static replay(connection: SseConnection, events: readonly StoredEvent[]): void {
    for (const event of events) connection.write(formatEvent(event.id, event.data))
  }

  /**
   * Closes the connection mid-stream so that the client polls back after `retryMs` (2025-11-25
   * transports: the server MAY close after an event id, and SHOULD send `retry` first). Only a
   * stream the client can resume is closed; returns whether it was.
   */
  disconnect(retryMs: number): boolean {
    if (!this.#resumable || !this.connected) return false
    this.#connection?.write(formatRetry(retryMs))
    this.end()
    return true
  }

  /** Ends the current connection; the recorded events stay replayable. */
  end(): void {
    this.#connection?.close()
    this.#connection = undefined
  }

  #record(data: string): string {
    // Session-wide sequence: ids are unique across all streams of the session, and the prefix names
    // the stream so a Last-Event-ID can be traced back to it.
    const id = `${this.id}_${this.#host.nextSeq()}`
    this.#store.append(id, this.id, this.kind, data)
    return id
  }

  #write(text: string): void {
    if (this.#connection?.write(text)) this.#resumable = true
  }
}

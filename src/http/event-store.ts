/**
 * The events a session has sent on its SSE streams, kept for `Last-Event-ID` replay (2025-11-25
 * transports: Resumability and Redelivery). Bounded in number and in bytes: beyond either the oldest
 * is dropped, so a client that stays away too long must open a fresh stream instead of resuming.
 */
import { utf8ByteLength } from '../protocol/message-limits.ts'

export type StreamKind = 'request' | 'standalone'

export interface StoredEvent {
  readonly id: string
  readonly streamId: string
  readonly kind: StreamKind
  /** The JSON text of the message; empty for a priming event and for an omitted one. */
  readonly data: string
}

interface Entry extends StoredEvent {
  /** UTF-8 bytes of `data`: what the byte budget counts. */
  readonly bytes: number
  /** Too large for the whole budget: sent live, its data not kept (see `append`). */
  readonly omitted: boolean
}

export interface Replay {
  readonly streamId: string
  readonly kind: StreamKind
  /** Events after the given id on the same stream, oldest first, priming events left out. */
  readonly events: readonly StoredEvent[]
}

export interface EventStoreLimits {
  readonly maxEvents: number
  /** Sum of the UTF-8 bytes of the kept events' data. */
  readonly maxBytes: number
}

export class EventStore {
  readonly #limits: EventStoreLimits
  /** Oldest first. A plain array: at the default bound of 1 000 a shift or a scan costs little. */
  readonly #events: Entry[] = []
  #bytes = 0

  constructor(limits: EventStoreLimits) {
    this.#limits = limits
  }

  /** Bytes of event data held now. */
  get bytes(): number {
    return this.#bytes
  }

  /**
   * Records an event, dropping the oldest beyond either bound. An event larger than the whole byte
   * budget has already gone out live but cannot be kept: a marker without its data takes its place,
   * so that its id stays resumable and a replay that would have to include it is refused rather than
   * silently incomplete.
   */
  append(id: string, streamId: string, kind: StreamKind, data: string): void {
    const bytes = utf8ByteLength(data)
    const omitted = bytes > this.#limits.maxBytes
    const entry: Entry = omitted
      ? { id, streamId, kind, data: '', bytes: 0, omitted }
      : { id, streamId, kind, data, bytes, omitted }
    this.#events.push(entry)
    this.#bytes += entry.bytes
    while (this.#events.length > this.#limits.maxEvents || this.#bytes > this.#limits.maxBytes) {
      this.#bytes -= this.#events.shift()?.bytes ?? 0
    }
  }

  /**
   * What to replay after `lastEventId`; undefined when the id is unknown or already evicted, or when
   * an omitted event lies in between. The spec forbids replaying what belongs to another stream,
   * hence the filter on the stream id.
   */
  after(lastEventId: string): Replay | undefined {
    const at = this.#events.findLastIndex((event) => event.id === lastEventId)
    const last = this.#events[at]
    if (!last) return undefined
    const following = this.#events.slice(at + 1).filter((event) => event.streamId === last.streamId)
    if (following.some((event) => event.omitted)) return undefined
    const events = following.filter((event) => event.data !== '')
    return { streamId: last.streamId, kind: last.kind, events }
  }
}

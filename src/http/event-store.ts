/**
 * The events a session has sent on its SSE streams, kept for `Last-Event-ID` replay (2025-11-25
 * transports: Resumability and Redelivery). Bounded: beyond `maxEvents` the oldest is dropped, so a
 * client that stays away too long must open a fresh stream instead of resuming.
 */

export type StreamKind = 'request' | 'standalone'

export interface StoredEvent {
  readonly id: string
  readonly streamId: string
  readonly kind: StreamKind
  /** The JSON text of the message; empty for a priming event. */
  readonly data: string
}

export interface Replay {
  readonly streamId: string
  readonly kind: StreamKind
  /** Events after the given id on the same stream, oldest first, priming events left out. */
  readonly events: readonly StoredEvent[]
}

export class EventStore {
  readonly #maxEvents: number
  /** Oldest first. A plain array: at the default bound of 1 000 a shift or a scan costs little. */
  readonly #events: StoredEvent[] = []

  constructor(maxEvents: number) {
    this.#maxEvents = maxEvents
  }

  append(event: StoredEvent): void {
    this.#events.push(event)
    if (this.#events.length > this.#maxEvents) this.#events.shift()
  }

  /**
   * What to replay after `lastEventId`; undefined when the id is unknown or already evicted. The
   * spec forbids replaying what belongs to another stream, hence the filter on the stream id.
   */
  after(lastEventId: string): Replay | undefined {
    const at = this.#events.findLastIndex((event) => event.id === lastEventId)
    const last = this.#events[at]
    if (!last) return undefined
    const events = this.#events
      .slice(at + 1)
      .filter((event) => event.streamId === last.streamId && event.data !== '')
    return { streamId: last.streamId, kind: last.kind, events }
  }
}

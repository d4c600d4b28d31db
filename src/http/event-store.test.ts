import { describe, expect, it } from 'vitest'
import { EventStore, type StoredEvent } from './event-store.ts'

const event = (id: string, streamId: string, data = `{"n":"${id}"}`): StoredEvent => ({
  id,
  streamId,
  kind: 'standalone',
  data,
})

const store = (maxEvents: number, maxBytes = 1_000_000) => new EventStore({ maxEvents, maxBytes })
const append = (into: EventStore, e: StoredEvent) => into.append(e.id, e.streamId, e.kind, e.data)

describe('EventStore', () => {
  it('replays the events after an id on the same stream only, leaving priming events out', () => {
    const events = store(10)
    for (const e of [event('a_0', 'a', ''), event('a_1', 'a'), event('b_2', 'b'), event('a_3', 'a')])
      append(events, e)
    const replay = events.after('a_0')
    expect(replay?.streamId).toBe('a')
    expect(replay?.events.map((e) => e.id)).toEqual(['a_1', 'a_3'])
    expect(events.after('b_2')?.events).toEqual([])
  })

  it('is bounded: the oldest events are dropped and their ids become unknown', () => {
    const events = store(2)
    for (const id of ['a_0', 'a_1', 'a_2']) append(events, event(id, 'a'))
    expect(events.after('a_0')).toBeUndefined()
    expect(events.after('a_1')?.events.map((e) => e.id)).toEqual(['a_2'])
    expect(events.after('unknown')).toBeUndefined()
  })

  it('is bounded in UTF-8 bytes of data too, oldest dropped first', () => {
    const events = store(100, 10)
    append(events, event('a_0', 'a', '€€')) // 6 bytes
    append(events, event('a_1', 'a', 'abcd')) // 10 in all: kept
    expect(events.bytes).toBe(10)
    append(events, event('a_2', 'a', 'x')) // 11: a_0 goes
    expect(events.bytes).toBe(5)
    expect(events.after('a_0')).toBeUndefined()
    expect(events.after('a_1')?.events.map((e) => e.data)).toEqual(['x'])
  })

  it('keeps a marker without data for an event larger than the budget, and refuses replays across it', () => {
    const events = store(100, 20)
    append(events, event('a_0', 'a', 'small'))
    append(events, event('a_1', 'a', 'x'.repeat(21)))
    append(events, event('b_2', 'b', 'other'))
    append(events, event('a_3', 'a', 'after'))
    expect(events.bytes).toBe(15)
    expect(events.after('a_0')).toBeUndefined()
    expect(events.after('a_1')?.events.map((e) => e.data)).toEqual(['after'])
    expect(events.after('b_2')?.events).toEqual([])
  })
})

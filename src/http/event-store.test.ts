import { describe, expect, it } from 'vitest'
import { EventStore, type StoredEvent } from './event-store.ts'

const event = (id: string, streamId: string, data = `{"n":"${id}"}`): StoredEvent => ({
  id,
  streamId,
  kind: 'standalone',
  data,
})

describe('EventStore', () => {
  it('replays the events after an id on the same stream only, leaving priming events out', () => {
    const store = new EventStore(10)
    for (const e of [event('a_0', 'a', ''), event('a_1', 'a'), event('b_2', 'b'), event('a_3', 'a')])
      store.append(e)
    const replay = store.after('a_0')
    expect(replay?.streamId).toBe('a')
    expect(replay?.events.map((e) => e.id)).toEqual(['a_1', 'a_3'])
    expect(store.after('b_2')?.events).toEqual([])
  })

  it('is bounded: the oldest events are dropped and their ids become unknown', () => {
    const store = new EventStore(2)
    for (const id of ['a_0', 'a_1', 'a_2']) store.append(event(id, 'a'))
    expect(store.after('a_0')).toBeUndefined()
    expect(store.after('a_1')?.events.map((e) => e.id)).toEqual(['a_2'])
    expect(store.after('unknown')).toBeUndefined()
  })
})

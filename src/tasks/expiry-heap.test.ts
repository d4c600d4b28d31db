import { describe, expect, it } from 'vitest'
import { ExpiryHeap } from './expiry-heap.ts'

interface Item {
  readonly id: number
  readonly expiresAt: number
  heapIndex: number
}

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

describe('ExpiryHeap', () => {
  it('pops items earliest deadline first, across pushes and removals from anywhere', () => {
    const next = random(42)
    const heap = new ExpiryHeap<Item>()
    const model: Item[] = []
    for (let id = 0; id < 2_000; id += 1) {
      const item = { id, expiresAt: Math.floor(next() * 500), heapIndex: -1 }
      heap.push(item)
      model.push(item)
      if (next() < 0.3) {
        const [removed] = model.splice(Math.floor(next() * model.length), 1)
        if (removed !== undefined) heap.remove(removed)
      }
    }
    expect(heap.size).toBe(model.length)
    const popped: number[] = []
    for (let item = heap.pop(); item !== undefined; item = heap.pop()) popped.push(item.expiresAt)
    expect(popped).toEqual(model.map((item) => item.expiresAt).sort((a, b) => a - b))
  })

  it('ignores removing an item it does not hold, and marks removed items', () => {
    const heap = new ExpiryHeap<Item>()
    const held = { id: 1, expiresAt: 10, heapIndex: -1 }
    const stranger = { id: 2, expiresAt: 5, heapIndex: 0 }
    heap.push(held)
    heap.remove(stranger)
    expect(heap.peek()).toBe(held)
    heap.remove(held)
    expect(held.heapIndex).toBe(-1)
    expect(heap.size).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { OwnerIndex } from './owner-index.ts'

const item = (seq: number) => ({ seq })

describe('OwnerIndex', () => {
  it('pages after a position, skipping removed items, with `more` exactly when live items follow', () => {
    const index = new OwnerIndex<{ seq: number }>()
    const items = [1, 2, 3, 4, 5, 6].map(item)
    for (const each of items) index.add(each)
    for (const seq of [2, 5, 6]) index.remove(items[seq - 1] as { seq: number })
    expect(index.page(0, 2)).toEqual({ items: [item(1), item(3)], more: true })
    expect(index.page(3, 2)).toEqual({ items: [item(4)], more: false })
    expect(index.page(2, 1)).toEqual({ items: [item(3)], more: true })
    expect(index.size).toBe(3)
  })

  it('still finds positions and items after compacting away most of them', () => {
    const index = new OwnerIndex<{ seq: number }>()
    const items = Array.from({ length: 100 }, (_, at) => item(at + 1))
    for (const each of items) index.add(each)
    for (const each of items) if (each.seq % 10 !== 0) expect(index.remove(each)).toBe(true)
    expect(index.remove(items[0] as { seq: number })).toBe(false)
    expect(index.size).toBe(10)
    expect(index.page(35, 3)).toEqual({ items: [item(40), item(50), item(60)], more: true })
    expect(index.remove(items[49] as { seq: number })).toBe(true)
    expect(index.page(35, 3).items).toEqual([item(40), item(60), item(70)])
  })
})

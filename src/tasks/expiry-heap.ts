/**
 * A binary min-heap of items ordered by `expiresAt`, for the store's single expiry timer: the
 * earliest deadline is always at the top, so the timer is armed for exactly one moment.
 *
 * The heap writes each item's position into `heapIndex`, so removing a deleted task is O(log n)
 * and leaves no stale entries behind (lazy deletion would keep deleted tasks' slots until their
 * deadline, which is unbounded memory under create/delete churn with long ttls).
 */

export interface HeapItem {
  readonly expiresAt: number
  /** Position in the heap, or -1 when the item is not in one. Owned by the heap. */
  heapIndex: number
}

export class ExpiryHeap<T extends HeapItem> {
  readonly #items: T[] = []

  get size(): number {
    return this.#items.length
  }

  /** The item with the earliest deadline, left in place. */
  peek(): T | undefined {
    return this.#items[0]
  }

  push(item: T): void {
    item.heapIndex = this.#items.length
    this.#items.push(item)
    this.#up(item.heapIndex)
  }

  /** Removes and returns the item with the earliest deadline. */
  pop(): T | undefined {
    const top = this.#items[0]
    if (top !== undefined) this.remove(top)
    return top
  }

  /** Removes `item` wherever it sits; an item not in this heap is ignored. */
  remove(item: T): void {
    const index = item.heapIndex
    if (this.#items[index] !== item) return
    const last = this.#items.pop() as T
    item.heapIndex = -1
    if (last === item) return
    this.#place(last, index)
    // The item moved into the hole may belong above it or below it.
    this.#up(index)
    this.#down(last.heapIndex)
  }

  #up(index: number): void {
    const item = this.#at(index)
    let at = index
    while (at > 0) {
      const parentIndex = (at - 1) >> 1
      const parent = this.#at(parentIndex)
      if (parent.expiresAt <= item.expiresAt) break
      this.#place(parent, at)
      at = parentIndex
    }
    this.#place(item, at)
  }

  #down(index: number): void {
    const item = this.#at(index)
    const length = this.#items.length
    let at = index
    for (;;) {
      const child = this.#earlierChild(at, length)
      if (child === undefined || this.#at(child).expiresAt >= item.expiresAt) break
      this.#place(this.#at(child), at)
      at = child
    }
    this.#place(item, at)
  }

  #earlierChild(index: number, length: number): number | undefined {
    const left = 2 * index + 1
    if (left >= length) return undefined
    const right = left + 1
    return right < length && this.#at(right).expiresAt < this.#at(left).expiresAt ? right : left
  }

  #place(item: T, index: number): void {
    this.#items[index] = item
    item.heapIndex = index
  }

  #at(index: number): T {
    return this.#items[index] as T
  }
}

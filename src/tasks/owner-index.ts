/**
 * One owner's tasks in creation order, for `tasks/list`. Sequence numbers only grow, so adding is
 * an append and finding a position is a binary search. Deleting leaves a tombstone instead of
 * splicing (O(n) per delete); the arrays are compacted once more than half of the slots are dead,
 * which keeps deletes amortised O(log n) and bounds how many tombstones a page walks past.
 */

export interface Sequenced {
  /** Creation sequence number, unique and increasing within one store. */
  readonly seq: number
}

export interface IndexPage<T> {
  readonly items: T[]
  /** Whether a live item follows the last one returned. */
  readonly more: boolean
}

export class OwnerIndex<T extends Sequenced> {
  // Parallel arrays: #seqs stays dense (numbers only) for the binary search; a dead slot in
  // #items is `undefined` and its seq is kept so positions still resolve.
  #seqs: number[] = []
  #items: (T | undefined)[] = []
  #live = 0

  /** Live items held. */
  get size(): number {
    return this.#live
  }

  /** Appends `item`, whose seq must exceed every seq added before. */
  add(item: T): void {
    this.#seqs.push(item.seq)
    this.#items.push(item)
    this.#live += 1
  }

  /** Removes `item`; returns whether it was held. */
  remove(item: T): boolean {
    const index = this.#firstAfter(item.seq - 1)
    if (this.#items[index] !== item) return false
    this.#items[index] = undefined
    this.#live -= 1
    if (this.#live * 2 < this.#items.length) this.#compact()
    return true
  }

  /**
   * Up to `limit` items created after sequence number `afterSeq`, oldest first, skipping removed
   * items and those `keep` turns down.
   */
  page(afterSeq: number, limit: number, keep: (item: T) => boolean = () => true): IndexPage<T> {
    const items: T[] = []
    let index = this.#firstAfter(afterSeq)
    for (; index < this.#items.length && items.length < limit; index += 1) {
      const item = this.#items[index]
      if (item !== undefined && keep(item)) items.push(item)
    }
    return { items, more: this.#anyFrom(index, keep) }
  }

  #anyFrom(index: number, keep: (item: T) => boolean): boolean {
    for (let at = index; at < this.#items.length; at += 1) {
      const item = this.#items[at]
      if (item !== undefined && keep(item)) return true
    }
    return false
  }

  /** Index of the first slot whose seq is greater than `seq` (the length if none). */
  #firstAfter(seq: number): number {
    let low = 0
    let high = this.#seqs.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((this.#seqs[mid] as number) <= seq) low = mid + 1
      else high = mid
    }
    return low
  }

  #compact(): void {
    const seqs: number[] = []
    const items: T[] = []
    for (const item of this.#items) {
      if (item === undefined) continue
      seqs.push(item.seq)
      items.push(item)
    }
    this.#seqs = seqs
    this.#items = items
  }
}

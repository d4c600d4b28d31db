/**
 * Token buckets per key (a requestor), for fair shares of task creation (2025-11-25 tasks "Resource
 * Management", N81: rate limits on task creation per requestor). A bucket holds up to `burst`
 * tokens and refills at `perSecond`; each creation takes one.
 *
 * Memory stays bounded: a full bucket is the same as no bucket, so buckets are kept in order of
 * last use and the oldest ones are dropped as soon as they are full again. Only requestors that
 * created a task within about burst / perSecond seconds hold a bucket. Refill is computed from the
 * clock on use: no timers.
 */

export interface RateOptions {
  /** Tokens added per second: the sustained rate. 0 disables the limit. */
  readonly perSecond: number
  /** Tokens a bucket holds: how many may be taken at once after a quiet spell. */
  readonly burst: number
}

/** A normal client never meets it: 100 tasks at once, then 20 per second. */
export const DEFAULT_CREATE_RATE: RateOptions = { perSecond: 20, burst: 100 }

/** Buckets looked at for dropping per `take`: more than one, so dropping outpaces creating. */
const PRUNE_PER_TAKE = 2

interface Bucket {
  tokens: number
  /** When `tokens` was last computed (epoch ms). */
  at: number
}

export class TokenBuckets {
  readonly #perMs: number
  readonly #burst: number
  readonly #now: () => number
  /** Least recently used first (a Map keeps insertion order; a use re-inserts). */
  readonly #buckets = new Map<string, Bucket>()

  constructor({ perSecond, burst }: RateOptions, now: () => number = () => Date.now()) {
    if (!(Number.isFinite(perSecond) && perSecond > 0)) {
      throw new RangeError(
        `createRate.perSecond must be a number > 0 (or createRate: false), got ${perSecond}`,
      )
    }
    if (!(Number.isSafeInteger(burst) && burst >= 1)) {
      throw new RangeError(`createRate.burst must be an integer >= 1, got ${burst}`)
    }
    this.#perMs = perSecond / 1_000
    this.#burst = burst
    this.#now = now
  }

  /** Takes a token for `key`: 0 when taken, else the ms until one will be there. */
  take(key: string): number {
    const now = this.#now()
    this.#prune(now)
    const tokens = this.#tokens(this.#buckets.get(key), now)
    // The epsilon keeps float noise (0.998000…04 tokens) from adding a whole millisecond.
    if (tokens < 1) return Math.max(1, Math.ceil((1 - tokens) / this.#perMs - 1e-9))
    this.#buckets.delete(key)
    this.#buckets.set(key, { tokens: tokens - 1, at: now })
    return 0
  }

  /** Buckets held (for tests): keys that took a token recently and are not full again. */
  get size(): number {
    return this.#buckets.size
  }

  #tokens(bucket: Bucket | undefined, now: number): number {
    if (bucket === undefined) return this.#burst
    return Math.min(this.#burst, bucket.tokens + Math.max(0, now - bucket.at) * this.#perMs)
  }

  #prune(now: number): void {
    for (let dropped = 0; dropped < PRUNE_PER_TAKE; dropped++) {
      const oldest = this.#buckets.entries().next()
      if (oldest.done || this.#tokens(oldest.value[1], now) < this.#burst) return
      this.#buckets.delete(oldest.value[0])
    }
  }
}

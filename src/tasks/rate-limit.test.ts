import { describe, expect, it } from 'vitest'
import { TokenBuckets } from './rate-limit.ts'

function buckets(perSecond: number, burst: number) {
  let now = 0
  const limiter = new TokenBuckets({ perSecond, burst }, () => now)
  return { limiter, advance: (ms: number) => (now += ms) }
}

describe('TokenBuckets', () => {
  it('gives a burst at once, then tokens at the rate, and says when the next one comes', () => {
    const { limiter, advance } = buckets(2, 3)
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0])
    expect(limiter.take('a')).toBe(500)
    advance(499)
    expect(limiter.take('a')).toBe(1)
    advance(1)
    expect(limiter.take('a')).toBe(0)
    expect(limiter.take('a')).toBe(500)
  })

  it('keeps keys apart', () => {
    const { limiter } = buckets(1, 1)
    expect(limiter.take('a')).toBe(0)
    expect(limiter.take('a')).toBeGreaterThan(0)
    expect(limiter.take('b')).toBe(0)
  })

  it('never holds more than a burst, however long the key was quiet', () => {
    const { limiter, advance } = buckets(10, 2)
    limiter.take('a')
    advance(60_000)
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 100])
  })

  it('drops buckets once they are full again, so memory follows recent activity only', () => {
    const { limiter, advance } = buckets(100, 10)
    for (let key = 0; key < 10_000; key++) limiter.take(`k${key}`)
    expect(limiter.size).toBe(10_000)
    advance(10) // every bucket has refilled its one token (100 per second)
    for (let key = 0; key < 10_000; key++) limiter.take(`fresh${key}`)
    // The first round was full again and dropped while the second went on.
    expect(limiter.size).toBe(10_000)
    advance(10)
    limiter.take('last')
    expect(limiter.size).toBe(9_999)
  })

  it('refuses nonsense settings', () => {
    expect(() => new TokenBuckets({ perSecond: 0, burst: 1 })).toThrow(/perSecond/)
    expect(() => new TokenBuckets({ perSecond: 1, burst: 0.5 })).toThrow(/burst/)
  })
})

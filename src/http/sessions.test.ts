import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SessionChannel } from './channel.ts'
import { webSse } from './peer.ts'
import { SessionRegistry } from './sessions.ts'
import { SseHub } from './sse.ts'
import { FakeSession } from './test-helpers.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const limits = { maxSessions: 10, maxSessionsPerRequestor: 100 }

function open(registry: SessionRegistry, hub: SseHub, requestor?: string) {
  const channel = new SessionChannel(hub, { events: { maxEvents: 10, maxBytes: 1_000_000 }, maxStreams: 8 })
  const session = new FakeSession(undefined, channel)
  channel.bind(session)
  registry.add(channel, requestor)
  return { channel, session }
}

describe('SessionRegistry', () => {
  it('closes a session idle for the timeout with one sweep timer', () => {
    const registry = new SessionRegistry({ ...limits, sessionIdleTimeoutMs: 1_000 })
    const { session } = open(registry, new SseHub(0))
    vi.advanceTimersByTime(999)
    expect(session.closed).toBe(false)
    vi.advanceTimersByTime(1_000)
    expect(session.closed).toBe(true)
    expect(registry.get(session.id)).toBeUndefined()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('keeps a session with an open stream, and counts idle time from its disconnect', async () => {
    const registry = new SessionRegistry({ ...limits, sessionIdleTimeoutMs: 1_000 })
    const { channel, session } = open(registry, new SseHub(0))
    const response = channel.openStandalone({ hangup: { happened: false, on: () => () => {} }, sse: webSse })
    vi.advanceTimersByTime(5_500)
    expect(session.closed).toBe(false)
    await response.body?.cancel()
    vi.advanceTimersByTime(500) // the sweep at 6 s sees 0.5 s of idleness
    expect(session.closed).toBe(false)
    vi.advanceTimersByTime(1_000) // the sweep at 7 s sees 1.5 s
    expect(session.closed).toBe(true)
  })

  it('knows when it is full, and never sweeps with a timeout of 0', () => {
    const registry = new SessionRegistry({ ...limits, maxSessions: 1, sessionIdleTimeoutMs: 0 })
    const { session } = open(registry, new SseHub(0))
    expect(registry.full).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
    registry.close(session.id, 'test')
    expect(registry.full).toBe(false)
    expect(session.closed).toBe(true)
  })

  it('counts sessions per requestor and frees a share when one closes, idle sweep included', () => {
    const registry = new SessionRegistry({
      ...limits,
      maxSessionsPerRequestor: 2,
      sessionIdleTimeoutMs: 1_000,
    })
    const hub = new SseHub(0)
    const first = open(registry, hub, 'address:a')
    open(registry, hub, 'address:a')
    expect(registry.admits('address:a')).toBe(false)
    expect(registry.admits('address:b')).toBe(true)
    expect(registry.admits(undefined)).toBe(true)
    expect(registry.retryAfterSeconds).toBe(1)
    registry.close(first.session.id, 'test')
    expect(registry.admits('address:a')).toBe(true)
    open(registry, hub, 'address:a')
    vi.advanceTimersByTime(2_000)
    expect(registry.size).toBe(0)
    expect(registry.admits('address:a')).toBe(true)
  })
})

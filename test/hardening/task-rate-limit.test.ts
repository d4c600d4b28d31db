/**
 * Issue 9, finding 6: one client must not take every task slot. Task creation is rate-limited per
 * requestor with a token bucket (`tasks.createRate`, default 100 at once then 20 per second); beyond
 * it tools/call with `task` answers -32050 (HTTP 200) with `data: { limit, burst, scope: 'rate',
 * retryAfterMs }`, and other requestors are not affected (decision 38). Fake clock throughout.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { InMemoryTaskStore } from '../../src/index.ts'
import { startTestServer, type TestServerOptions } from '../fixtures/server.ts'
import { initialize, type RawSession, resultOf } from '../helpers/raw-client.ts'
import { callTool, createTask, expectError } from '../helpers/tasks.ts'

let close: (() => Promise<void>) | undefined
let url: string

afterEach(async () => {
  await close?.()
  close = undefined
  vi.useRealTimers()
})

async function start(options: TestServerOptions = {}) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  const started = await startTestServer({
    store: new InMemoryTaskStore({ maxTasksPerRequestor: 10_000 }),
    ...options,
  })
  ;({ url, close } = started)
  return initialize(url)
}

const create = (session: RawSession) => callTool(session, 'sum', { a: 1, b: 2 }, { task: {} })

describe('with createRate { perSecond: 2, burst: 3 }', () => {
  const options = { tasks: { createRate: { perSecond: 2, burst: 3 } } }

  it('accepts a burst of 3, then answers -32050 saying when to retry', async () => {
    const session = await start(options)
    for (let i = 0; i < 3; i++) await createTask(session, 'sum', { a: i, b: 0 })
    const refused = await create(session)
    expect(refused.status).toBe(200)
    const { message, data } = expectError(refused, -32050)
    expect(data).toEqual({ limit: 2, burst: 3, scope: 'rate', retryAfterMs: 500 })
    expect(message).toMatch(/tasks\.createRate/)
    expect(message).toMatch(/retry in 500 ms/i)
  })

  it('accepts again once a token has refilled', async () => {
    const session = await start(options)
    for (let i = 0; i < 3; i++) await createTask(session, 'sum', { a: i, b: 0 })
    expectError(await create(session), -32050)
    await vi.advanceTimersByTimeAsync(500)
    expect(resultOf(await create(session)).task).toMatchObject({ status: 'working' })
    expectError(await create(session), -32050)
  })

  it('leaves other requestors and plain calls alone', async () => {
    const greedy = await start(options)
    for (let i = 0; i < 3; i++) await createTask(greedy, 'sum', { a: i, b: 0 })
    expectError(await create(greedy), -32050)
    const other = await initialize(url)
    expect(resultOf(await create(other)).task).toMatchObject({ status: 'working' })
    expect(resultOf(await callTool(greedy, 'sum', { a: 2, b: 2 })).content).toEqual([
      { type: 'text', text: '4' },
    ])
  })
})

describe('the default createRate', () => {
  it('accepts 100 tasks at once from one requestor and refuses the 101st', async () => {
    const session = await start()
    for (let batch = 0; batch < 100; batch += 25) {
      const created = await Promise.all(Array.from({ length: 25 }, () => create(session)))
      for (const raw of created) expect(resultOf(raw).task).toMatchObject({ status: 'working' })
    }
    const { data } = expectError(await create(session), -32050)
    expect(data).toEqual({ limit: 20, burst: 100, scope: 'rate', retryAfterMs: 50 })
  })
})

describe('createRate: false', () => {
  it('lets one requestor create as fast as it likes', async () => {
    const session = await start({ tasks: { createRate: false } })
    const created = await Promise.all(Array.from({ length: 150 }, () => create(session)))
    for (const raw of created) expect(resultOf(raw).task).toMatchObject({ status: 'working' })
  })
})

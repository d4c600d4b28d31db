/**
 * Resource limits (N81, decision 16): tasks held per requestor and overall, refused with -32050 and
 * the limit in `data`; other requestors are unaffected, and expiry frees a slot.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { InMemoryTaskStore, type InMemoryTaskStoreOptions } from '../../src/index.ts'
import { startTestServer } from '../fixtures/server.ts'
import { initialize, type RawSession } from '../helpers/raw-client.ts'
import { callTool, createTask, expectError, listAll } from '../helpers/tasks.ts'

let close: (() => Promise<void>) | undefined

async function start(options: InMemoryTaskStoreOptions) {
  const started = await startTestServer({ store: new InMemoryTaskStore(options) })
  close = started.close
  return started.url
}
afterEach(async () => {
  await close?.()
  close = undefined
})

const third = (session: RawSession) => callTool(session, 'sum', { a: 1, b: 1 }, { task: {} })

describe('maxTasksPerRequestor', () => {
  it('refuses the third task of a requestor limited to 2 with -32050 naming the limit', async () => {
    const url = await start({ maxTasksPerRequestor: 2 })
    const session = await initialize(url)
    const held = [
      await createTask(session, 'sum', { a: 1, b: 1 }),
      await createTask(session, 'sum', { a: 2, b: 2 }),
    ]
    const raw = await third(session)
    expect(raw.status).toBe(200)
    const { message, data } = expectError(raw, -32050)
    expect(message).toMatch(/maxTasksPerRequestor/)
    expect(message).toMatch(/\b2\b/)
    expect(data).toEqual({ limit: 2, scope: 'requestor' })
    expect((await listAll(session)).map((task) => task.taskId).sort()).toEqual(
      held.map((t) => t.taskId).sort(),
    )
  })

  it('leaves another session unaffected', async () => {
    const url = await start({ maxTasksPerRequestor: 2 })
    const [full, other] = [await initialize(url), await initialize(url)]
    await createTask(full, 'sum', { a: 1, b: 1 })
    await createTask(full, 'sum', { a: 1, b: 1 })
    expectError(await third(full), -32050)
    const theirs = await createTask(other, 'sum', { a: 1, b: 1 })
    expect(theirs.status).toBe('working')
    expect(await listAll(other)).toHaveLength(1)
  })

  it('frees the slot once a task expires', async () => {
    let clock = 0
    const url = await start({ maxTasksPerRequestor: 1, now: () => clock })
    const session = await initialize(url)
    const first = await createTask(session, 'sum', { a: 1, b: 1 }, { task: { ttl: 5_000 } })
    expectError(await third(session), -32050)
    clock = 5_000
    const second = await createTask(session, 'sum', { a: 1, b: 1 })
    expect(second.taskId).not.toBe(first.taskId)
  })

  it('keeps serving plain calls when the requestor is at its limit', async () => {
    const url = await start({ maxTasksPerRequestor: 1 })
    const session = await initialize(url)
    await createTask(session, 'sum', { a: 1, b: 1 })
    const raw = await callTool(session, 'sum', { a: 1, b: 1 })
    expect(raw.response?.result).toEqual({ content: [{ type: 'text', text: '2' }] })
  })
})

describe('maxTasks', () => {
  it('refuses a task beyond the overall limit with -32050 and scope "server"', async () => {
    const url = await start({ maxTasks: 3 })
    const [a, b] = [await initialize(url), await initialize(url)]
    await createTask(a, 'sum', { a: 1, b: 1 })
    await createTask(a, 'sum', { a: 1, b: 1 })
    await createTask(b, 'sum', { a: 1, b: 1 })
    const { message, data } = expectError(await third(b), -32050)
    expect(message).toMatch(/maxTasks\b/)
    expect(data).toEqual({ limit: 3, scope: 'server' })
  })
})

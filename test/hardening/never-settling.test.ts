/**
 * Issue 9, finding 5: a handler that never settles must not pin its running entry once its task is
 * terminal or gone. 2,000 handlers that ignore their signal and never return are cancelled, expire,
 * or lose their session; the task manager then holds no running entry for any of them, and the
 * server still serves.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { InMemoryTaskStore, type TaskwireServer } from '../../src/index.ts'
import { createTestServer, listen } from '../fixtures/server.ts'
import { initialize, type RawSession, resultOf } from '../helpers/raw-client.ts'
import { createTask, getTask } from '../helpers/tasks.ts'

const HANDLERS = 2_000
const TTL = 60_000

let close: (() => Promise<void>) | undefined
let server: TaskwireServer
let url: string

afterEach(async () => {
  vi.useRealTimers()
  await close?.()
  close = undefined
})

async function start() {
  const created = createTestServer({
    store: new InMemoryTaskStore({ maxTasksPerRequestor: 10 * HANDLERS, maxTasks: 10 * HANDLERS }),
    tasks: { createRate: false },
  })
  server = created.server
  let started = 0
  // Ignores its signal and never returns, and keeps its context reachable only through itself.
  server.tool({ name: 'never', task: true }, (_args, ctx) => {
    started++
    void ctx
    return new Promise<never>(() => {})
  })
  ;({ url, close } = await listen(server))
  return { startedCount: () => started }
}

/** Creates `count` tasks of `never`, 100 requests at a time, and waits until every handler started. */
async function neverSettling(session: RawSession, count: number, ttl = TTL) {
  const taskIds: string[] = []
  for (let batch = 0; batch < count; batch += 100) {
    const size = Math.min(100, count - batch)
    const tasks = await Promise.all(
      Array.from({ length: size }, () => createTask(session, 'never', {}, { task: { ttl } })),
    )
    taskIds.push(...tasks.map((task) => task.taskId))
  }
  // Handlers start after the creating response (setImmediate): a bounded wait for all of them.
  for (let turn = 0; server.tasks.runningCount < count && turn < 1_000; turn++) {
    await new Promise((resolve) => setImmediate(resolve))
  }
  expect(server.tasks.runningCount).toBe(count)
  return taskIds
}

/** The server answers another requestor end to end: create, complete, fetch the result. */
async function expectServing() {
  const other = await initialize(url)
  const task = await createTask(other, 'sum', { a: 2, b: 3 })
  expect(resultOf(await other.request('tasks/result', { taskId: task.taskId })).content).toEqual([
    { type: 'text', text: '5' },
  ])
}

// Thousands of requests per test on a shared machine: a generous failure bound, not a timing claim.
describe(`${HANDLERS} handlers that never settle`, { timeout: 60_000 }, () => {
  it('hold no running entry once their tasks are cancelled', async () => {
    await start()
    const session = await initialize(url)
    const taskIds = await neverSettling(session, HANDLERS)
    for (let at = 0; at < taskIds.length; at += 100) {
      await Promise.all(
        taskIds.slice(at, at + 100).map((taskId) => session.request('tasks/cancel', { taskId })),
      )
    }
    expect(server.tasks.runningCount).toBe(0)
    expect((await getTask(session, taskIds[0] ?? '')).status).toBe('cancelled')
    await expectServing()
  })

  it('hold no running entry once their tasks expire', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    await start()
    const session = await initialize(url)
    await neverSettling(session, HANDLERS, TTL)
    await vi.advanceTimersByTimeAsync(TTL)
    // The store expires at most 1,000 tasks per timer tick and re-aims at once for the rest.
    for (let tick = 0; server.tasks.runningCount > 0 && tick < 10; tick++)
      await vi.advanceTimersByTimeAsync(1)
    expect(server.tasks.runningCount).toBe(0)
    vi.useRealTimers()
    await expectServing()
  })

  it('hold no running entry once their session is deleted', async () => {
    await start()
    const session = await initialize(url)
    await neverSettling(session, HANDLERS)
    expect(await session.close()).toBe(200)
    // Dropping a session's tasks runs in the background: a bounded number of turns.
    for (let turn = 0; server.tasks.runningCount > 0 && turn < 10_000; turn++) {
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(server.tasks.runningCount).toBe(0)
    await expectServing()
  })

  it('release the entry of a cancelled task even though the handler never returns', async () => {
    await start()
    const session = await initialize(url)
    const [taskId = ''] = await neverSettling(session, 1)
    expect(resultOf(await session.request('tasks/cancel', { taskId })).status).toBe('cancelled')
    expect(server.tasks.runningCount).toBe(0)
  })
})

/**
 * ttl on the wire, with a manual store clock (real timers stay real, HTTP needs them): retention
 * counts from creation (N36-N38, decision 12), an expired task is answered like an unknown one
 * (decision 5), and a task that expires while it runs has its handler aborted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { InMemoryTaskStore, TaskAbortedError } from '../../src/index.ts'
import { nextStart, type Probe, startTestServer, type TestServerOptions } from '../fixtures/server.ts'
import { initialize, type RawSession, resultOf } from '../helpers/raw-client.ts'
import { abortedReason, createTask, expectError, getTask, listAll } from '../helpers/tasks.ts'

const T0 = Date.parse('2030-01-01T00:00:00.000Z')
const TTL = 10_000

let clock = T0
let probe: Probe
let close: (() => Promise<void>) | undefined
let session: RawSession

async function start(options: TestServerOptions = {}) {
  const started = await startTestServer({ store: new InMemoryTaskStore({ now: () => clock }), ...options })
  ;({ probe, close } = started)
  session = await initialize(started.url)
}

beforeEach(() => {
  clock = T0
})
afterEach(async () => {
  await close?.()
  close = undefined
})

/** Every way a requestor can reach a task: tasks/get, tasks/result, tasks/cancel, tasks/list. */
async function expectGone(taskId: string) {
  for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel']) {
    expect(expectError(await session.request(method, { taskId }), -32602).message).toMatch(/not found/)
  }
  expect((await listAll(session)).map((task) => task.taskId)).not.toContain(taskId)
}

describe('a task with a ttl', () => {
  it('takes createdAt and lastUpdatedAt from the store clock', async () => {
    await start()
    const task = await createTask(session, 'sum', { a: 1, b: 2 }, { task: { ttl: TTL } })
    expect(task.createdAt).toBe('2030-01-01T00:00:00.000Z')
    expect(task.lastUpdatedAt).toBe('2030-01-01T00:00:00.000Z')
  })

  it('is visible 1 ms before createdAt + ttl and answered -32602 from createdAt + ttl on', async () => {
    await start()
    const task = await createTask(session, 'sum', { a: 1, b: 2 }, { task: { ttl: TTL } })
    await session.request('tasks/result', { taskId: task.taskId })
    clock = T0 + TTL - 1
    expect((await getTask(session, task.taskId)).status).toBe('completed')
    expect((await listAll(session)).map((t) => t.taskId)).toEqual([task.taskId])
    expect(resultOf(await session.request('tasks/result', { taskId: task.taskId })).content).toEqual([
      { type: 'text', text: '3' },
    ])
    clock = T0 + TTL
    await expectGone(task.taskId)
  })

  it('counts from creation, not from the last status change', async () => {
    await start()
    const started = nextStart(probe)
    const task = await createTask(session, 'hold', {}, { task: { ttl: TTL } })
    await started
    clock = T0 + 6_000
    const pending = session.start('tasks/result', { taskId: task.taskId })
    await pending.opened
    probe.gate.open()
    await pending.done
    const completed = await getTask(session, task.taskId)
    expect(completed.status).toBe('completed')
    expect(completed.lastUpdatedAt).toBe('2030-01-01T00:00:06.000Z')
    expect(completed.createdAt).toBe('2030-01-01T00:00:00.000Z')
    clock = T0 + TTL - 1
    expect((await getTask(session, task.taskId)).status).toBe('completed')
    clock = T0 + TTL
    await expectGone(task.taskId)
  })

  it('aborts the handler of a running task that expires, and answers its parked tasks/result -32602', async () => {
    await start()
    const started = nextStart(probe)
    const task = await createTask(session, 'hold', {}, { task: { ttl: TTL } })
    await started
    const pending = session.start('tasks/result', { taskId: task.taskId })
    await pending.opened
    clock = T0 + TTL
    expectError(await session.request('tasks/get', { taskId: task.taskId }), -32602)
    const reason = await abortedReason(probe, 'hold')
    expect(reason).toBeInstanceOf(TaskAbortedError)
    expect(reason).toMatchObject({ taskId: task.taskId, why: 'expired' })
    const { message } = expectError(await pending.done, -32602)
    expect(message).toMatch(/Task has expired/)
    await expectGone(task.taskId)
  })
})

describe('a server granting unlimited retention', () => {
  it('puts ttl: null on the wire and never expires the task', async () => {
    await start({ tasks: { defaultTtlMs: null, maxTtlMs: null } })
    const task = await createTask(session, 'sum', { a: 1, b: 2 })
    expect(task.ttl).toBeNull()
    await session.request('tasks/result', { taskId: task.taskId })
    clock = T0 + 10 * 365 * 24 * 3_600_000
    expect(await getTask(session, task.taskId)).toMatchObject({
      taskId: task.taskId,
      ttl: null,
      status: 'completed',
    })
  })
})

describe('with the real clock', () => {
  it('expires a running task nobody polls: its handler is aborted and a parked tasks/result answered', async () => {
    await start({ store: new InMemoryTaskStore() })
    const started = nextStart(probe)
    const task = await createTask(session, 'hold', {}, { task: { ttl: 1_000 } })
    await started
    const pending = session.start('tasks/result', { taskId: task.taskId })
    await pending.opened
    const reason = await abortedReason(probe, 'hold')
    expect(reason).toMatchObject({ taskId: task.taskId, why: 'expired' })
    expect(expectError(await pending.done, -32602).message).toMatch(/Task has expired/)
    await expectGone(task.taskId)
  })
})

/**
 * tasks/cancel: the task is cancelled before the answer (N62), the handler's signal is aborted (N61),
 * it stays cancelled (N63), and a terminal task cannot be cancelled (N60). notifications/cancelled
 * does not cancel tasks (N66, N67, decision 17).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TaskAbortedError } from '../../src/index.ts'
import { nextStart, type Probe } from '../fixtures/server.ts'
import { initialize, type RawSession, resultOf } from '../helpers/raw-client.ts'
import { type Stubborn, startServerWithStubborn } from '../helpers/server.ts'
import {
  abortedReason,
  asTask,
  cancelledData,
  createTask,
  expectError,
  getTask,
  ISO_8601,
  relatedTask,
} from '../helpers/tasks.ts'

let probe: Probe
let stubborn: Stubborn
let close: () => Promise<void>
let session: RawSession

beforeEach(async () => {
  const started = await startServerWithStubborn()
  ;({ probe, stubborn, close } = started)
  session = await initialize(started.url)
})
afterEach(() => close())

async function heldTask() {
  const started = nextStart(probe)
  const task = await createTask(session, 'hold')
  await started
  return task
}

const cancel = (taskId: string) => session.request('tasks/cancel', { taskId })

describe('cancelling a working task', () => {
  it('answers the flat Task in status cancelled, already moved when tasks/get asks next', async () => {
    const task = await heldTask()
    const raw = await cancel(task.taskId)
    expect(raw.contentType).toMatch(/^application\/json/)
    expect(resultOf(raw)).toEqual({
      taskId: task.taskId,
      status: 'cancelled',
      statusMessage: expect.any(String),
      createdAt: task.createdAt,
      lastUpdatedAt: expect.stringMatching(ISO_8601),
      ttl: task.ttl,
      pollInterval: task.pollInterval,
    })
    expect(await getTask(session, task.taskId)).toEqual(resultOf(raw))
  })

  it("aborts the running handler's signal with a cancellation reason", async () => {
    const task = await heldTask()
    await cancel(task.taskId)
    const reason = await abortedReason(probe, 'hold')
    expect(reason).toBeInstanceOf(TaskAbortedError)
    expect(reason).toMatchObject({ taskId: task.taskId, why: 'cancelled' })
  })

  it('stays cancelled when the gate opens after the cancel', async () => {
    const task = await heldTask()
    await cancel(task.taskId)
    probe.gate.open()
    await abortedReason(probe, 'hold')
    expect((await getTask(session, task.taskId)).status).toBe('cancelled')
    expectError(await session.request('tasks/result', { taskId: task.taskId }), -32602)
  })

  it('stays cancelled when a handler that ignores its signal returns a result afterwards', async () => {
    const task = await createTask(session, 'stubborn')
    expect(await stubborn.started.promise).toBe(task.taskId)
    const cancelled = resultOf(await cancel(task.taskId))
    stubborn.gate.open()
    await stubborn.finished.promise
    expect(await getTask(session, task.taskId)).toEqual(cancelled)
    const { data } = expectError(await session.request('tasks/result', { taskId: task.taskId }), -32602)
    expect(data).toEqual(cancelledData(asTask(cancelled)))
  })
})

describe('cancelling a terminal task', () => {
  it('refuses a second cancel with -32602 naming the terminal status', async () => {
    const task = await heldTask()
    await cancel(task.taskId)
    const { message, data } = expectError(await cancel(task.taskId), -32602)
    expect(message).toMatch(/terminal status 'cancelled'/)
    expect(data).toEqual({ taskId: task.taskId, status: 'cancelled' })
  })

  it.each([
    ['completed', 'sum', { a: 1, b: 1 }],
    ['failed', 'fail', {}],
  ])('refuses to cancel a %s task with -32602 and leaves it as it was', async (status, tool, args) => {
    const task = await createTask(session, tool, args)
    await session.request('tasks/result', { taskId: task.taskId })
    const before = await getTask(session, task.taskId)
    const { message, data } = expectError(await cancel(task.taskId), -32602)
    expect(message).toBe(`Cannot cancel task: already in terminal status '${status}'`)
    expect(data).toEqual({ taskId: task.taskId, status })
    expect(await getTask(session, task.taskId)).toEqual(before)
  })

  it('answers -32602 to cancelling an unknown task', async () => {
    expect(expectError(await cancel('AAAAAAAAAAAAAAAAAAAAAA'), -32602).message).toMatch(/Task not found/)
  })
})

describe('notifications/cancelled', () => {
  it('naming the request that created a task leaves the task running (decision 17)', async () => {
    const started = nextStart(probe)
    const pending = session.start('tools/call', { name: 'hold', task: {} })
    const { taskId } = asTask((await pending.done).response?.result?.task)
    await started
    const notified = await session.notify('notifications/cancelled', { requestId: pending.id, reason: 'no' })
    expect(notified.status).toBe(202)
    expect((await getTask(session, taskId)).status).toBe('working')
    probe.gate.open()
    const result = resultOf(await session.request('tasks/result', { taskId }))
    expect(result).toEqual({ content: [{ type: 'text', text: 'released' }], _meta: relatedTask(taskId) })
    expect(probe.aborted.has('hold')).toBe(false)
  })
})

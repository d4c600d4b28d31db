/**
 * tasks/result: it blocks while the task runs (N43) and then answers exactly what the underlying
 * request answered (N42, N44, N72, N73) with related-task _meta (N51); isError ends the task failed
 * (N71, decision 6); a cancelled task has no result (decision 4).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nextStart, type Probe, startTestServer } from '../fixtures/server.ts'
import { initialize, type RawSession, resultOf } from '../helpers/raw-client.ts'
import {
  answered,
  asTask,
  cancelledData,
  createTask,
  expectError,
  getTask,
  relatedTask,
} from '../helpers/tasks.ts'

let probe: Probe
let close: () => Promise<void>
let session: RawSession

beforeEach(async () => {
  const started = await startTestServer()
  ;({ probe, close } = started)
  session = await initialize(started.url)
})
afterEach(() => close())

/** A `hold` task whose handler is waiting at the gate. */
async function heldTask() {
  const started = nextStart(probe)
  const task = await createTask(session, 'hold')
  expect(await started).toBe(task.taskId)
  return task
}

describe('while the task runs', () => {
  it('blocks, answering only once the handler completes, on an SSE stream', async () => {
    const task = await heldTask()
    const pending = session.start('tasks/result', { taskId: task.taskId })
    const head = await pending.opened
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('text/event-stream')
    // A later round trip proves the server has moved on; the parked answer must still be missing.
    expect((await getTask(session, task.taskId)).status).toBe('working')
    expect(answered(pending)).toBe(false)
    probe.gate.open()
    const raw = await pending.done
    expect(raw.response).toEqual({
      jsonrpc: '2.0',
      id: pending.id,
      result: { content: [{ type: 'text', text: 'released' }], _meta: relatedTask(task.taskId) },
    })
    expect((await getTask(session, task.taskId)).status).toBe('completed')
  })

  it('echoes a string request id on the parked answer', async () => {
    const task = await heldTask()
    const pending = session.start('tasks/result', { taskId: task.taskId }, { id: 'wait-1' })
    await pending.opened
    probe.gate.open()
    const raw = await pending.done
    expect(raw.response?.id).toBe('wait-1')
    expect(resultOf(raw).content).toEqual([{ type: 'text', text: 'released' }])
  })

  it('answers every tasks/result parked on the same task', async () => {
    const task = await heldTask()
    const first = session.start('tasks/result', { taskId: task.taskId })
    const second = session.start('tasks/result', { taskId: task.taskId })
    await Promise.all([first.opened, second.opened])
    probe.gate.open()
    const expected = { content: [{ type: 'text', text: 'released' }], _meta: relatedTask(task.taskId) }
    expect(resultOf(await first.done)).toEqual(expected)
    expect(resultOf(await second.done)).toEqual(expected)
  })

  it('answers a parked tasks/result with -32602 and data.status "cancelled" when the task is cancelled', async () => {
    const task = await heldTask()
    const pending = session.start('tasks/result', { taskId: task.taskId })
    await pending.opened
    const cancelled = asTask(resultOf(await session.request('tasks/cancel', { taskId: task.taskId })))
    expect(cancelled.status).toBe('cancelled')
    const raw = await pending.done
    expect(raw.response?.error).toEqual({
      code: -32602,
      message: `Task "${task.taskId}" was cancelled and has no result`,
      data: cancelledData(cancelled),
    })
  })
})

describe('once the task is terminal', () => {
  it('answers a completed task with its CallToolResult plus related-task _meta, as JSON', async () => {
    const task = await createTask(session, 'sum', { a: 20, b: 22 })
    const first = await session.request('tasks/result', { taskId: task.taskId })
    const again = await session.request('tasks/result', { taskId: task.taskId })
    const expected = { content: [{ type: 'text', text: '42' }], _meta: relatedTask(task.taskId) }
    expect(resultOf(first)).toEqual(expected)
    expect(again.contentType).toMatch(/^application\/json/)
    expect(resultOf(again)).toEqual(expected)
  })

  it('ends a throwing tool failed with a statusMessage, and answers a successful isError result', async () => {
    const task = await createTask(session, 'fail')
    const raw = await session.request('tasks/result', { taskId: task.taskId })
    expect(raw.response).toEqual({
      jsonrpc: '2.0',
      id: expect.any(Number),
      result: {
        content: [{ type: 'text', text: 'the tool failed on purpose' }],
        isError: true,
        _meta: relatedTask(task.taskId),
      },
    })
    expect(await getTask(session, task.taskId)).toEqual({
      ...task,
      status: 'failed',
      statusMessage: 'the tool failed on purpose',
      lastUpdatedAt: expect.any(String),
    })
  })

  it('ends a tool that threw a protocol error failed, and answers that same JSON-RPC error', async () => {
    const task = await createTask(session, 'protocol_error')
    const raw = await session.request('tasks/result', { taskId: task.taskId })
    expect(raw.status).toBe(200)
    expect(raw.response).toEqual({
      jsonrpc: '2.0',
      id: expect.any(Number),
      error: { code: -32602, message: 'the tool rejected its request', data: { reason: 'on purpose' } },
    })
    const failed = await getTask(session, task.taskId)
    expect(failed.status).toBe('failed')
    expect(failed.statusMessage).toBe('the tool rejected its request')
  })

  it('answers a cancelled task with -32602 carrying data.status "cancelled" (decision 4)', async () => {
    const task = await heldTask()
    await session.request('tasks/cancel', { taskId: task.taskId })
    const { message, data } = expectError(
      await session.request('tasks/result', { taskId: task.taskId }),
      -32602,
    )
    expect(message).toBe(`Task "${task.taskId}" was cancelled and has no result`)
    expect(data).toEqual(cancelledData(await getTask(session, task.taskId)))
  })

  it('gives structuredContent for a tool with an output schema', async () => {
    const task = await createTask(session, 'structured', { n: 3 })
    const result = resultOf(await session.request('tasks/result', { taskId: task.taskId }))
    expect(result).toEqual({
      content: [{ type: 'text', text: '{"square":9}' }],
      structuredContent: { square: 9 },
      _meta: relatedTask(task.taskId),
    })
  })

  it('answers -32602 to tasks/result of an unknown task', async () => {
    const raw = await session.request('tasks/result', { taskId: 'AAAAAAAAAAAAAAAAAAAAAA' })
    expect(expectError(raw, -32602).message).toMatch(/Task not found/)
  })
})

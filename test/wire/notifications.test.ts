/**
 * Notifications of a task (decisions 8-11): progress keeps its original token after CreateTaskResult
 * (N53, N54) and carries related-task (N45); notifications/tasks/status is the flat Task without
 * related-task (N18, N52); nothing follows the terminal status (N55). They travel on an open
 * tasks/result stream, else on the GET stream.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nextStart, type Probe } from '../fixtures/server.ts'
import {
  type GetStream,
  initialize,
  isObject,
  type JsonRpcMessage,
  type RawSession,
  RELATED_TASK,
} from '../helpers/raw-client.ts'
import { type Stubborn, startServerWithStubborn } from '../helpers/server.ts'
import { abortedReason, createTask, getTask, relatedTask } from '../helpers/tasks.ts'

let probe: Probe
let stubborn: Stubborn
let close: () => Promise<void>
let session: RawSession
let get: GetStream

beforeEach(async () => {
  const started = await startServerWithStubborn()
  ;({ probe, stubborn, close } = started)
  session = await initialize(started.url)
  get = await session.openGetStream()
})
afterEach(() => close())

const relatedId = (message: JsonRpcMessage): unknown => {
  const meta = message.params?._meta
  const related = isObject(meta) ? meta[RELATED_TASK] : undefined
  return isObject(related) ? related.taskId : undefined
}
const isStatus = (message: JsonRpcMessage) => message.method === 'notifications/tasks/status'
const about = (taskId: string) => (message: JsonRpcMessage) =>
  relatedId(message) === taskId || (isStatus(message) && message.params?.taskId === taskId)
const statusOf = (taskId: string, status: string) => (message: JsonRpcMessage) =>
  isStatus(message) && message.params?.taskId === taskId && message.params?.status === status
const progress = (token: string, value: number, total: number, message: string, taskId: string) => ({
  jsonrpc: '2.0',
  method: 'notifications/progress',
  params: { progressToken: token, progress: value, total, message, _meta: relatedTask(taskId) },
})

/** A later task's completed status on the GET stream: whatever was sent there before it has arrived. */
async function marker() {
  const task = await createTask(session, 'sum', { a: 1, b: 1 })
  await get.find(statusOf(task.taskId, 'completed'), { what: 'the marker task completed' })
}

describe('on the GET stream, once CreateTaskResult was answered', () => {
  it('sends progress with the original token and related-task, then the flat terminal status', async () => {
    const started = nextStart(probe)
    const task = await createTask(session, 'progress', { steps: 3 }, { progressToken: 'tok-1' })
    await started
    probe.gate.open()
    const status = await get.find(statusOf(task.taskId, 'completed'), { what: 'the completed status' })
    expect(get.messages.filter(about(task.taskId))).toEqual([
      progress('tok-1', 1, 3, 'step 1', task.taskId),
      progress('tok-1', 2, 3, 'step 2', task.taskId),
      progress('tok-1', 3, 3, 'step 3', task.taskId),
      progress('tok-1', 4, 4, 'after the gate', task.taskId),
      { jsonrpc: '2.0', method: 'notifications/tasks/status', params: await getTask(session, task.taskId) },
    ])
    expect(status.params?._meta).toBeUndefined()
    expect(status.params).toEqual({ ...task, status: 'completed', lastUpdatedAt: expect.any(String) })
  })

  it('sends the failed status of a tool that threw, with its statusMessage', async () => {
    const task = await createTask(session, 'fail')
    const status = await get.find(statusOf(task.taskId, 'failed'), { what: 'the failed status' })
    expect(status.params).toEqual({
      ...task,
      status: 'failed',
      statusMessage: 'the tool failed on purpose',
      lastUpdatedAt: expect.any(String),
    })
  })

  it('sends the cancelled status and no progress from a handler that ignores the cancel', async () => {
    const task = await createTask(session, 'stubborn', undefined, { progressToken: 'tok-2' })
    await stubborn.started.promise
    await session.request('tasks/cancel', { taskId: task.taskId })
    await get.find(statusOf(task.taskId, 'cancelled'), { what: 'the cancelled status' })
    stubborn.gate.open()
    await stubborn.finished.promise
    await marker()
    const messages = get.messages.filter(about(task.taskId))
    expect(messages).toEqual([
      {
        jsonrpc: '2.0',
        method: 'notifications/tasks/status',
        params: {
          ...task,
          status: 'cancelled',
          statusMessage: expect.any(String),
          lastUpdatedAt: expect.any(String),
        },
      },
    ])
  })

  it('delivers no progress after the terminal status of a task cancelled while it waits', async () => {
    const started = nextStart(probe)
    const task = await createTask(session, 'progress', { steps: 2 }, { progressToken: 'tok-3' })
    await started
    await session.request('tasks/cancel', { taskId: task.taskId })
    await abortedReason(probe, 'progress')
    probe.gate.open()
    await marker()
    const messages = get.messages.filter(about(task.taskId))
    expect(messages.map((m) => m.params?.progress ?? m.params?.status)).toEqual([1, 2, 'cancelled'])
  })
})

describe('with a tasks/result open for the task', () => {
  it('sends its progress and status on that stream, not on the GET stream', async () => {
    const started = nextStart(probe)
    const task = await createTask(session, 'progress', { steps: 1 }, { progressToken: 'tok-4' })
    await started
    await get.find((m) => relatedId(m) === task.taskId, { what: 'the first progress' })
    const pending = session.start('tasks/result', { taskId: task.taskId })
    await pending.opened
    probe.gate.open()
    const raw = await pending.done
    expect(raw.messages).toEqual([
      progress('tok-4', 2, 2, 'after the gate', task.taskId),
      { jsonrpc: '2.0', method: 'notifications/tasks/status', params: await getTask(session, task.taskId) },
      {
        jsonrpc: '2.0',
        id: pending.id,
        result: { content: [{ type: 'text', text: 'did 1 steps' }], _meta: relatedTask(task.taskId) },
      },
    ])
    await marker()
    expect(get.messages.filter(about(task.taskId))).toEqual([progress('tok-4', 1, 1, 'step 1', task.taskId)])
  })

  it('sends them on the most recent of several open tasks/result streams', async () => {
    const started = nextStart(probe)
    const task = await createTask(session, 'progress', { steps: 1 }, { progressToken: 'tok-6' })
    await started
    const older = session.start('tasks/result', { taskId: task.taskId })
    await older.opened
    const newer = session.start('tasks/result', { taskId: task.taskId })
    await newer.opened
    probe.gate.open()
    const [olderRaw, newerRaw] = [await older.done, await newer.done]
    const kinds = (messages: JsonRpcMessage[]) =>
      messages.map((m) => m.method ?? (m.result ? 'result' : 'error'))
    expect(kinds(newerRaw.messages)).toEqual([
      'notifications/progress',
      'notifications/tasks/status',
      'result',
    ])
    expect(kinds(olderRaw.messages)).toEqual(['result'])
    expect(olderRaw.response?.result).toEqual(newerRaw.response?.result)
  })

  it('sends the cancelled status on that stream before the -32602 answer', async () => {
    const started = nextStart(probe)
    const task = await createTask(session, 'hold')
    await started
    const pending = session.start('tasks/result', { taskId: task.taskId })
    await pending.opened
    const cancelled = await session.request('tasks/cancel', { taskId: task.taskId })
    const raw = await pending.done
    expect(raw.messages.map((m) => m.method ?? m.error?.code)).toEqual(['notifications/tasks/status', -32602])
    expect(raw.messages[0]?.params).toEqual(cancelled.response?.result)
  })
})

describe('when the client drops its tasks/result stream', () => {
  it('cancels nothing, and the task messages return to the GET stream (decision 11)', async () => {
    const started = nextStart(probe)
    const task = await createTask(session, 'progress', { steps: 1 }, { progressToken: 'tok-5' })
    await started
    const pending = session.start('tasks/result', { taskId: task.taskId })
    await pending.opened
    pending.abort()
    await pending.stream.ended
    expect((await getTask(session, task.taskId)).status).toBe('working')
    expect(probe.aborted.has('progress')).toBe(false)
    probe.gate.open()
    await get.find(statusOf(task.taskId, 'completed'), { what: 'the completed status on the GET stream' })
    expect(
      get.messages.filter(about(task.taskId)).map((m) => m.params?.progress ?? m.params?.status),
    ).toEqual([1, 2, 'completed'])
  })
})

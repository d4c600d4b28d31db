/**
 * What the SDK client hears while tasks run: progress with the token of the task-creating call, and
 * `notifications/tasks/status` on the standalone GET stream the SDK opens after initialization.
 */
import type { Progress } from '@modelcontextprotocol/sdk/types.js'
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Gate, nextStart, startTestServer } from '../fixtures/server.ts'
import {
  connectClient,
  createTask,
  type SdkConnection,
  type StatusWatch,
  waitUntil,
  watchTaskStatuses,
  withTimeout,
} from '../helpers/sdk-client.ts'

const RELATED_TASK = 'io.modelcontextprotocol/related-task'

let server: Awaited<ReturnType<typeof startTestServer>>
let sdk: SdkConnection
let statuses: StatusWatch

beforeAll(async () => {
  server = await startTestServer({ tasks: { pollIntervalMs: 20 } })
  sdk = await connectClient(server.url)
  statuses = watchTaskStatuses(sdk.client)
  // Messages for a task whose creating POST was answered travel on this stream; wait until it is open.
  await sdk.standalone()
})

beforeEach(() => {
  server.probe.gate = new Gate()
})

afterAll(async () => {
  server?.probe.gate.open()
  await sdk?.close()
  await server?.close()
})

describe('progress', () => {
  it('reaches the onprogress of callToolStream for every step, also after CreateTaskResult, and stops at the end', async () => {
    const timeline: string[] = []
    const progress: Progress[] = []
    const started = nextStart(server.probe)
    const stream = sdk.client.experimental.tasks.callToolStream(
      { name: 'progress', arguments: { steps: 3 } },
      CallToolResultSchema,
      {
        task: { ttl: 60_000 },
        onprogress: (update) => {
          progress.push(update)
          timeline.push(`progress ${update.progress}`)
        },
      },
    )
    const first = await stream.next()
    const created = first.done ? undefined : first.value
    expect(created?.type).toBe('taskCreated')
    const taskId = created?.type === 'taskCreated' ? created.task.taskId : ''
    timeline.push('taskCreated')
    await withTimeout(started, 'progress to reach its gate')
    await waitUntil(() => progress.length >= 3, 'the first three progress steps')

    // Only now may the handler report its last step: the task runs well after CreateTaskResult.
    server.probe.gate.open()
    let last: string | undefined
    for (let read = 0; read < 1_000; read++) {
      const next = await withTimeout(stream.next(), 'the next callToolStream message')
      if (next.done) break
      last = next.value.type
      if (next.value.type === 'result') {
        expect(next.value.result.content).toEqual([{ type: 'text', text: 'did 3 steps' }])
      }
    }
    expect(last).toBe('result')

    // The terminal status travels on the same stream after any progress sent before it.
    await statuses.next(taskId, 'completed')
    expect(progress.map((update) => update.progress)).toEqual([1, 2, 3, 4])
    expect(progress.map((update) => update.total)).toEqual([3, 3, 3, 4])
    expect(progress[0]?.message).toBe('step 1')
    expect(progress[3]?.message).toBe('after the gate')
    expect(timeline.indexOf('progress 4')).toBeGreaterThan(timeline.indexOf('taskCreated'))

    // Nothing more for the finished task: another task's terminal status is a later barrier on that stream.
    const later = await createTask(sdk.client, 'sum', { a: 1, b: 1 })
    await statuses.next(later.taskId, 'completed')
    expect(progress).toHaveLength(4)
  })

  it('reaches the onprogress of a plain callTool before its result', async () => {
    const progress: number[] = []
    const started = nextStart(server.probe)
    const call = sdk.client.callTool({ name: 'progress', arguments: { steps: 2 } }, CallToolResultSchema, {
      onprogress: (update) => progress.push(update.progress),
    })
    await withTimeout(started, 'progress to reach its gate')
    await waitUntil(() => progress.length >= 2, 'the first two progress steps')
    server.probe.gate.open()
    const result = await withTimeout(call, 'the plain call')
    expect(result.content).toEqual([{ type: 'text', text: 'did 2 steps' }])
    expect(progress).toEqual([1, 2, 3])
  })
})

describe('notifications/tasks/status', () => {
  it('announces the completion of a task, flat and without related-task, and not its initial working', async () => {
    const task = await createTask(sdk.client, 'sum', { a: 3, b: 4 })
    const completed = await statuses.next(task.taskId, 'completed')
    expect(completed).toMatchObject({ taskId: task.taskId, status: 'completed', ttl: 60_000 })
    expect(typeof completed.createdAt).toBe('string')
    expect(typeof completed.lastUpdatedAt).toBe('string')
    expect(completed._meta?.[RELATED_TASK]).toBeUndefined()
    const forTask = statuses.seen.filter((params) => params.taskId === task.taskId)
    expect(forTask.map((params) => params.status)).toEqual(['completed'])
  })

  it('announces failed with the failure message for a tool that throws', async () => {
    const task = await createTask(sdk.client, 'fail')
    const failed = await statuses.next(task.taskId, 'failed')
    expect(failed.statusMessage).toContain('the tool failed on purpose')
  })

  it('announces cancelled when the client cancels a running task', async () => {
    const started = nextStart(server.probe)
    const task = await createTask(sdk.client, 'hold')
    await withTimeout(started, 'hold to start')
    await sdk.client.experimental.tasks.cancelTask(task.taskId)
    const cancelled = await statuses.next(task.taskId, 'cancelled')
    expect(cancelled.taskId).toBe(task.taskId)
    // Cancelled stays cancelled: a later barrier shows no other status for it.
    const later = await createTask(sdk.client, 'sum', { a: 0, b: 0 })
    await statuses.next(later.taskId, 'completed')
    const forTask = statuses.seen.filter((params) => params.taskId === task.taskId)
    expect(forTask.map((params) => params.status)).toEqual(['cancelled'])
  })
})

/**
 * The SDK's task methods one by one: `getTask`, `getTaskResult`, `cancelTask`, and how the outcome
 * of a failing tool reaches them.
 */
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Gate, nextStart, startTestServer } from '../fixtures/server.ts'
import {
  connectClient,
  createTask,
  mcpErrorOf,
  observingFetch,
  type SdkConnection,
  withTimeout,
} from '../helpers/sdk-client.ts'

const RELATED_TASK = 'io.modelcontextprotocol/related-task'

let server: Awaited<ReturnType<typeof startTestServer>>
let sdk: SdkConnection
const http = observingFetch()

beforeAll(async () => {
  server = await startTestServer({ tasks: { pollIntervalMs: 20 } })
  sdk = await connectClient(server.url, { fetch: http.fetch })
})

beforeEach(() => {
  server.probe.gate = new Gate()
  server.probe.aborted.clear()
})

afterAll(async () => {
  server?.probe.gate.open()
  await sdk?.close()
  await server?.close()
})

/** Starts `hold` as a task and waits until its handler is parked on the gate. */
async function heldTask() {
  const started = nextStart(server.probe)
  const task = await createTask(sdk.client, 'hold')
  expect(await withTimeout(started, 'hold to start')).toBe(task.taskId)
  return task
}

describe('getTask', () => {
  it('answers the flat task with its status, ttl, timestamps and pollInterval', async () => {
    const task = await heldTask()
    const got = await sdk.client.experimental.tasks.getTask(task.taskId)
    expect(got).toMatchObject({ taskId: task.taskId, status: 'working', ttl: 60_000, pollInterval: 20 })
    expect(Number.isNaN(Date.parse(got.createdAt))).toBe(false)
    expect(Number.isNaN(Date.parse(got.lastUpdatedAt))).toBe(false)
    expect(got._meta?.[RELATED_TASK]).toBeUndefined()
    server.probe.gate.open()
  })

  it('rejects an unknown task id with McpError -32602', async () => {
    const error = await mcpErrorOf(sdk.client.experimental.tasks.getTask('no-such-task'))
    expect(error.code).toBe(-32602)
  })
})

describe('getTaskResult', () => {
  it('blocks while the task works and answers its result, with related-task _meta, once it completes', async () => {
    const task = await heldTask()
    const from = http.exchanged.length
    let settled = false
    const pending = sdk.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema)
    void pending.then(
      () => {
        settled = true
      },
      () => {
        settled = true
      },
    )
    // The server has taken the tasks/result (its HTTP answer began), and a later round trip is done:
    // an early answer would have settled it by now.
    const taken = await http.when(
      (exchange) => exchange.rpcMethod === 'tasks/result',
      'the tasks/result POST',
      from,
    )
    expect(taken.response.status).toBe(200)
    expect((await sdk.client.experimental.tasks.getTask(task.taskId)).status).toBe('working')
    expect(settled).toBe(false)

    server.probe.gate.open()
    const result = await withTimeout(pending, 'tasks/result')
    expect(result.content).toEqual([{ type: 'text', text: 'released' }])
    expect(result._meta?.[RELATED_TASK]).toEqual({ taskId: task.taskId })
    expect((await sdk.client.experimental.tasks.getTask(task.taskId)).status).toBe('completed')
  })

  it('rejects with the JSON-RPC error the tool threw: -32602 and its message', async () => {
    const task = await createTask(sdk.client, 'protocol_error')
    const error = await mcpErrorOf(
      sdk.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema),
    )
    expect(error.code).toBe(-32602)
    expect(error.message).toContain('the tool rejected its request')
    expect(error.data).toEqual({ reason: 'on purpose' })
    expect((await sdk.client.experimental.tasks.getTask(task.taskId)).status).toBe('failed')
  })

  it('answers an isError result, not an error, for a tool that threw a plain error', async () => {
    const task = await createTask(sdk.client, 'fail')
    const result = await sdk.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema)
    expect(result.isError).toBe(true)
    expect(result.content).toEqual([{ type: 'text', text: 'the tool failed on purpose' }])
    expect((await sdk.client.experimental.tasks.getTask(task.taskId)).status).toBe('failed')
  })
})

describe('cancelTask', () => {
  it('answers status cancelled and aborts the signal of the running handler', async () => {
    const task = await heldTask()
    const cancelled = await sdk.client.experimental.tasks.cancelTask(task.taskId)
    expect(cancelled).toMatchObject({ taskId: task.taskId, status: 'cancelled' })
    expect(server.probe.aborted.has('hold')).toBe(true)
    expect(server.probe.aborted.get('hold')).toBeDefined()
  })

  it('keeps the task cancelled after its handler could go on, and refuses a second cancel with -32602', async () => {
    const task = await heldTask()
    await sdk.client.experimental.tasks.cancelTask(task.taskId)
    server.probe.gate.open()
    // A later round trip on the session: anything the handler did after the gate has happened by now.
    await sdk.client.ping()
    expect((await sdk.client.experimental.tasks.getTask(task.taskId)).status).toBe('cancelled')
    const again = await mcpErrorOf(sdk.client.experimental.tasks.cancelTask(task.taskId))
    expect(again.code).toBe(-32602)
    expect((await sdk.client.experimental.tasks.getTask(task.taskId)).status).toBe('cancelled')
  })

  it('answers -32602 with data.status cancelled to a tasks/result parked on the task it cancels', async () => {
    const task = await heldTask()
    const parked = mcpErrorOf(sdk.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema))
    expect((await sdk.client.experimental.tasks.getTask(task.taskId)).status).toBe('working')
    await sdk.client.experimental.tasks.cancelTask(task.taskId)
    const error = await withTimeout(parked, 'the parked tasks/result')
    expect(error.code).toBe(-32602)
    expect(error.data).toMatchObject({ taskId: task.taskId, status: 'cancelled' })
  })

  it('refuses to cancel a completed task with -32602', async () => {
    const task = await createTask(sdk.client, 'sum', { a: 1, b: 1 })
    await sdk.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema)
    const error = await mcpErrorOf(sdk.client.experimental.tasks.cancelTask(task.taskId))
    expect(error.code).toBe(-32602)
    expect((await sdk.client.experimental.tasks.getTask(task.taskId)).status).toBe('completed')
  })
})

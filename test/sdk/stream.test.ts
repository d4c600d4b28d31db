/**
 * `client.experimental.tasks.callToolStream`: the SDK creates the task, polls `tasks/get` at the
 * server's pollInterval, and fetches the outcome with `tasks/result`.
 */
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Gate, nextStart, startTestServer } from '../fixtures/server.ts'
import {
  connectClient,
  drain,
  type SdkConnection,
  type StreamMessage,
  streamTool,
  withTimeout,
} from '../helpers/sdk-client.ts'

let server: Awaited<ReturnType<typeof startTestServer>>
let sdk: SdkConnection

beforeAll(async () => {
  server = await startTestServer({ tasks: { pollIntervalMs: 20 } })
  sdk = await connectClient(server.url)
})

beforeEach(() => {
  server.probe.gate = new Gate()
})

afterAll(async () => {
  server?.probe.gate.open()
  await sdk?.close()
  await server?.close()
})

const stream = (name: string, args: Record<string, unknown> = {}) => streamTool(sdk.client, name, args)

describe('callToolStream against taskwire', () => {
  it('yields taskCreated, then taskStatus until completed, then the result of sum', async () => {
    const messages = await drain(stream('sum', { a: 2, b: 40 }))
    const types = messages.map((message) => message.type)
    expect(types[0]).toBe('taskCreated')
    expect(types.at(-1)).toBe('result')
    expect(types.slice(1, -1).every((type) => type === 'taskStatus')).toBe(true)
    expect(types.length).toBeGreaterThanOrEqual(3)

    const [created] = messages
    expect(created?.type === 'taskCreated' ? created.task : undefined).toMatchObject({
      status: 'working',
      ttl: 60_000,
      pollInterval: 20,
    })
    const taskId = created?.type === 'taskCreated' ? created.task.taskId : ''
    const statuses = messages.flatMap((message) => (message.type === 'taskStatus' ? [message.task] : []))
    expect(statuses.every((task) => task.taskId === taskId)).toBe(true)
    expect(statuses.at(-1)?.status).toBe('completed')

    const last = messages.at(-1)
    const result = last?.type === 'result' ? last.result : undefined
    expect(result?.content).toEqual([{ type: 'text', text: '42' }])
    expect(result?._meta?.['io.modelcontextprotocol/related-task']).toEqual({ taskId })
  })

  it('reports working while the handler of hold is held, and completes once the gate opens', async () => {
    const started = nextStart(server.probe)
    const messages = stream('hold')
    const first = await messages.next()
    expect(first.done).toBe(false)
    const created = first.value
    expect(created?.type).toBe('taskCreated')
    const taskId = created?.type === 'taskCreated' ? created.task.taskId : ''
    expect(await withTimeout(started, 'hold to start')).toBe(taskId)

    // The handler is provably waiting on the gate: every status polled now must be working.
    const held: StreamMessage[] = []
    for (let poll = 0; poll < 2; poll++) {
      const next = await withTimeout(messages.next(), 'a taskStatus message')
      if (!next.done) held.push(next.value)
    }
    expect(
      held.map((message) => (message.type === 'taskStatus' ? message.task.status : message.type)),
    ).toEqual(['working', 'working'])

    server.probe.gate.open()
    const rest = await drain(messages)
    const last = rest.at(-1)
    expect(last?.type).toBe('result')
    expect(last?.type === 'result' ? last.result.content : undefined).toEqual([
      { type: 'text', text: 'released' },
    ])
    const statuses = rest.flatMap((message) => (message.type === 'taskStatus' ? [message.task.status] : []))
    expect(statuses.at(-1)).toBe('completed')
    expect(statuses.slice(0, -1).every((status) => status === 'working')).toBe(true)
  })

  it('shows a tool that throws as a failed task, whose tasks/result is an isError result', async () => {
    const messages = await drain(stream('fail'))
    const created = messages[0]
    const taskId = created?.type === 'taskCreated' ? created.task.taskId : ''
    const statuses = messages.flatMap((message) => (message.type === 'taskStatus' ? [message.task] : []))
    expect(statuses.at(-1)?.status).toBe('failed')
    expect(statuses.at(-1)?.statusMessage).toContain('the tool failed on purpose')
    // The SDK stream ends a failed task with its own error; the outcome itself is in tasks/result.
    expect(messages.at(-1)?.type).toBe('error')

    const result = await sdk.client.experimental.tasks.getTaskResult(taskId, CallToolResultSchema)
    expect(result.isError).toBe(true)
    expect(result.content).toEqual([{ type: 'text', text: 'the tool failed on purpose' }])
    expect(result._meta?.['io.modelcontextprotocol/related-task']).toEqual({ taskId })
  })
})

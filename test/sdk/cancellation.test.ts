/**
 * Cancelling an ordinary (non-task) call from the SDK client: an aborted `AbortSignal` makes the SDK
 * send `notifications/cancelled`, which must reach the handler as an aborted `ctx.signal`.
 */
import { CallToolResultSchema, McpError } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Gate, nextStart, startTestServer } from '../fixtures/server.ts'
import {
  connectClient,
  createTask,
  observingFetch,
  type SdkConnection,
  waitUntil,
  withTimeout,
} from '../helpers/sdk-client.ts'

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

describe('cancelling a plain call with an AbortSignal', () => {
  it('sends notifications/cancelled, aborts the running handler, and the server keeps serving', async () => {
    const controller = new AbortController()
    const started = nextStart(server.probe)
    const from = http.exchanged.length
    const call = sdk.client.callTool({ name: 'hold' }, CallToolResultSchema, { signal: controller.signal })
    expect(await withTimeout(started, 'hold to start')).toBeUndefined()

    controller.abort('the user gave up')
    const rejected = await call.then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(rejected).toBeInstanceOf(McpError)
    expect(String(rejected)).toContain('the user gave up')

    const notified = await http.when(
      (exchange) => exchange.rpcMethod === 'notifications/cancelled',
      'the notifications/cancelled POST',
      from,
    )
    expect(notified.response.status).toBe(202)
    await waitUntil(() => server.probe.aborted.has('hold'), "the hold handler's signal to abort")
    expect(server.probe.aborted.get('hold')).toBeDefined()

    const echo = await sdk.client.callTool({ name: 'echo', arguments: { text: 'still here' } })
    expect(echo.content).toEqual([{ type: 'text', text: 'still here' }])
  })

  it('runs the same tool again after a cancelled call, to completion', async () => {
    const controller = new AbortController()
    const first = nextStart(server.probe)
    const cancelled = sdk.client.callTool({ name: 'hold' }, CallToolResultSchema, {
      signal: controller.signal,
    })
    await withTimeout(first, 'the first hold to start')
    controller.abort('first call dropped')
    await expect(cancelled).rejects.toBeInstanceOf(McpError)
    await waitUntil(() => server.probe.aborted.has('hold'), 'the first hold to abort')

    const before = server.probe.calls.get('hold') ?? 0
    const second = nextStart(server.probe)
    const call = sdk.client.callTool({ name: 'hold' })
    await withTimeout(second, 'the second hold to start')
    server.probe.gate.open()
    const result = await withTimeout(call, 'the second hold call')
    expect(result.content).toEqual([{ type: 'text', text: 'released' }])
    expect(server.probe.calls.get('hold')).toBe(before + 1)
  })
})

describe('notifications/cancelled and tasks', () => {
  it('ignores notifications/cancelled naming the request that created a task: the task runs on', async () => {
    const started = nextStart(server.probe)
    const task = await createTask(sdk.client, 'hold')
    await withTimeout(started, 'hold to start')
    // The SDK sends notifications/cancelled only for requests still in flight; send it by hand for the
    // request that created the task, which the server must ignore (tasks are cancelled with tasks/cancel).
    const from = http.exchanged.length
    const creating = http.exchanged.findLast((exchange) => exchange.rpcMethod === 'tools/call')
    expect(creating).toBeDefined()
    await sdk.client.notification({
      method: 'notifications/cancelled',
      params: { requestId: creating?.requestId ?? -1, reason: 'too late' },
    })
    const notified = await http.when(
      (exchange) => exchange.rpcMethod === 'notifications/cancelled',
      'the POST',
      from,
    )
    expect(notified.response.status).toBe(202)
    expect((await sdk.client.experimental.tasks.getTask(task.taskId)).status).toBe('working')
    expect(server.probe.aborted.has('hold')).toBe(false)
    server.probe.gate.open()
    const result = await sdk.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema)
    expect(result.content).toEqual([{ type: 'text', text: 'released' }])
  })
})

/**
 * Resumability with the SDK transport: the SSE stream of a parked `tasks/result` breaks after its
 * priming event; the SDK reconnects with `GET` + `Last-Event-ID` and still gets the answer, and the
 * disconnect cancels nothing (spec/decisions.md 11).
 */
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js'
import { CallToolResultSchema, CreateTaskResultSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nextStart, startTestServer } from '../fixtures/server.ts'
import { connectClient, observingFetch, type SdkConnection, withTimeout } from '../helpers/sdk-client.ts'

const RELATED_TASK = 'io.modelcontextprotocol/related-task'

/**
 * A fetch that lets the first `tasks/result` event stream through up to its first complete event
 * (the priming event with an id), then ends it for the client and hangs up on the server.
 */
function droppingFirstTasksResult() {
  let markDropped: () => void = () => {}
  const dropped = new Promise<void>((resolve) => {
    markDropped = resolve
  })
  let armed = true
  const fetchFn: FetchLike = async (input, init) => {
    const response = await fetch(input, init)
    const sent = typeof init?.body === 'string' ? (JSON.parse(init.body) as { method?: unknown }) : undefined
    const streaming = response.headers.get('content-type')?.startsWith('text/event-stream') === true
    if (!armed || sent?.method !== 'tasks/result' || !streaming || response.body === null) return response
    armed = false
    const source = response.body.getReader()
    const decoder = new TextDecoder()
    let seen = ''
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (seen.includes('\n\n')) {
            await source.cancel()
            controller.close()
            markDropped()
            return
          }
          const chunk = await source.read()
          if (chunk.done) return controller.close()
          seen += decoder.decode(chunk.value, { stream: true })
          controller.enqueue(chunk.value)
        },
        cancel: (reason) => source.cancel(reason),
      },
      { highWaterMark: 0 },
    )
    return new Response(body, { status: response.status, headers: response.headers })
  }
  return { fetch: fetchFn, dropped: withTimeout(dropped, 'the tasks/result stream to be dropped') }
}

let server: Awaited<ReturnType<typeof startTestServer>>
let sdk: SdkConnection
let drop: ReturnType<typeof droppingFirstTasksResult>
let http: ReturnType<typeof observingFetch>

beforeEach(async () => {
  server = await startTestServer({ tasks: { pollIntervalMs: 20 } })
  drop = droppingFirstTasksResult()
  http = observingFetch(drop.fetch)
  sdk = await connectClient(server.url, { fetch: http.fetch })
  await sdk.standalone()
})

afterEach(async () => {
  server?.probe.gate.open()
  await sdk?.close()
  await server?.close()
})

const resumed = () =>
  http.when(
    (exchange) => exchange.httpMethod === 'GET' && exchange.lastEventId !== null,
    'the SDK to resume with Last-Event-ID',
  )

describe('a dropped tasks/result stream, resumed by the SDK transport', () => {
  it('still delivers the result once the task completes, and the disconnect cancelled nothing', async () => {
    const started = nextStart(server.probe)
    const created = await sdk.client.request(
      { method: 'tools/call', params: { name: 'hold', arguments: {} } },
      CreateTaskResultSchema,
      { task: { ttl: 60_000 } },
    )
    const { taskId } = created.task
    await withTimeout(started, 'hold to start')
    const pending = sdk.client.experimental.tasks.getTaskResult(taskId, CallToolResultSchema)

    await drop.dropped
    const resume = await resumed()
    expect(resume.response.status).toBe(200)
    expect(resume.lastEventId).toMatch(/\S/)
    expect((await sdk.client.experimental.tasks.getTask(taskId)).status).toBe('working')
    expect(server.probe.aborted.has('hold')).toBe(false)

    server.probe.gate.open()
    const result = await withTimeout(pending, 'the resumed tasks/result')
    expect(result.content).toEqual([{ type: 'text', text: 'released' }])
    expect(result._meta?.[RELATED_TASK]).toEqual({ taskId })
    expect(sdk.errors.filter((error) => /unknown message ID|unknown token/.test(error.message))).toEqual([])
  })

  it('brings the progress sent on that stream to the resumed connection, before the result', async () => {
    const progress: number[] = []
    const order: string[] = []
    const started = nextStart(server.probe)
    const created = await sdk.client.request(
      { method: 'tools/call', params: { name: 'progress', arguments: { steps: 2 } } },
      CreateTaskResultSchema,
      {
        task: { ttl: 60_000 },
        onprogress: (update) => {
          progress.push(update.progress)
          order.push(`progress ${update.progress}`)
        },
      },
    )
    const { taskId } = created.task
    await withTimeout(started, 'progress to reach its gate')
    const pending = sdk.client.experimental.tasks
      .getTaskResult(taskId, CallToolResultSchema)
      .then((result) => {
        order.push('result')
        return result
      })

    // Let the task finish while the stream may be down: what it sends is kept for the resumption.
    await drop.dropped
    server.probe.gate.open()
    const result = await withTimeout(pending, 'the resumed tasks/result')
    expect(result.content).toEqual([{ type: 'text', text: 'did 2 steps' }])
    expect((await resumed()).response.status).toBe(200)
    expect(order.slice(-2)).toEqual(['progress 3', 'result'])
    expect(progress.filter((value) => value === 3)).toHaveLength(1)
  })
})

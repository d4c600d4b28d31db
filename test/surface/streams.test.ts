/**
 * Streamable HTTP details of 2025-11-25 that a handler can drive: closing its SSE stream so the
 * client polls back with GET + Last-Event-ID (ctx.closeStream, the `retry` field), and several
 * streams of one session open at once, each carrying its own request's messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  initialize,
  isNotification,
  MessageStream,
  type RawSession,
  resultOf,
} from '../helpers/raw-client.ts'
import { connectClient, observingFetch, withTimeout } from '../helpers/sdk-client.ts'
import { type Served, startEverything } from './helpers.ts'

let served: Served
let session: RawSession

beforeAll(async () => {
  served = await startEverything((server) =>
    server.tool(
      { name: 'close_report', description: 'Reports what closeStream did', task: true },
      (_a, ctx) => String(ctx.closeStream()),
    ),
  )
  session = await initialize(served.url)
})

afterAll(async () => {
  await session?.close()
  await served?.close()
})

const reconnectionCall = {
  jsonrpc: '2.0',
  id: 'poll-1',
  method: 'tools/call',
  params: { name: 'test_reconnection' },
}

/** Reads a GET stream resumed after `lastEventId` until the server ends it. */
async function resume(lastEventId: string): Promise<MessageStream> {
  const response = await fetch(served.url, {
    headers: { ...session.headers, accept: 'text/event-stream', 'last-event-id': lastEventId },
  })
  expect(response.status).toBe(200)
  const text = await withTimeout(response.text(), 'the resumed stream to end')
  const stream = new MessageStream()
  for (const [, data] of text.matchAll(/^data: (.+)$/gm)) stream.push(JSON.parse(data ?? '{}'))
  return stream
}

describe('ctx.closeStream (SSE polling)', () => {
  it('answers with SSE, sends an event id and a retry field, and closes before the result', async () => {
    const response = await session.post(reconnectionCall)
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const text = await withTimeout(response.text(), 'the server to close the POST stream')
    const ids = [...text.matchAll(/^id: (.+)$/gm)].map((match) => match[1] ?? '')
    expect(ids).toHaveLength(1) // the priming event, with empty data
    expect(text).toMatch(/^retry: 100$/m)
    expect(text).not.toContain('"result"')
    const resumed = await resume(ids[0] ?? '')
    expect(resumed.messages).toEqual([
      {
        jsonrpc: '2.0',
        id: 'poll-1',
        result: { content: [{ type: 'text', text: 'Reconnection test completed' }] },
      },
    ])
  })

  it("announces the transport's sseRetryMs when the handler names no retry", async () => {
    const custom = await startEverything(
      (server) =>
        server.tool({ name: 'close_default', description: 'Closes with the default retry' }, (_a, ctx) =>
          String(ctx.closeStream()),
        ),
      { sseRetryMs: 250 },
    )
    const raw = await initialize(custom.url)
    try {
      const response = await raw.post({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'close_default' },
      })
      const text = await withTimeout(response.text(), 'the server to close the POST stream')
      expect(text).toMatch(/^retry: 250$/m)
    } finally {
      await raw.close()
      await custom.close()
    }
  })

  it('is transparent to the SDK client, which resumes with Last-Event-ID', async () => {
    const observed = observingFetch()
    const sdk = await connectClient(served.url, { fetch: observed.fetch })
    try {
      const result = await sdk.client.callTool({ name: 'test_reconnection', arguments: {} })
      expect(result.content).toEqual([{ type: 'text', text: 'Reconnection test completed' }])
      const resumption = await observed.when(
        (exchange) => exchange.httpMethod === 'GET' && exchange.lastEventId !== null,
        'the GET with Last-Event-ID',
      )
      expect(resumption.response.status).toBe(200)
    } finally {
      await sdk.close()
    }
  })

  it('returns false, closing nothing, in a task', async () => {
    const created = resultOf(await session.request('tools/call', { name: 'close_report', task: {} }))
    const { taskId } = created.task as { taskId: string }
    const result = resultOf(await session.request('tasks/result', { taskId }))
    expect(result.content).toEqual([{ type: 'text', text: 'false' }])
  })

  it('returns false for a 2025-06-18 session, whose streams carry no priming event id', async () => {
    const older = await initialize(served.url, { protocolVersion: '2025-06-18' })
    try {
      const call = await older.request('tools/call', { name: 'close_report', arguments: {} })
      expect(resultOf(call).content).toEqual([{ type: 'text', text: 'false' }])
    } finally {
      await older.close()
    }
  })
})

describe('several streams of one session', () => {
  it('keeps three concurrent POST streams and a GET stream apart', async () => {
    const standalone = await session.openGetStream()
    const calls = ['a', 'b', 'c'].map((token) =>
      session.start('tools/call', {
        name: 'test_tool_with_progress',
        arguments: {},
        _meta: { progressToken: token },
      }),
    )
    const answers = await withTimeout(Promise.all(calls.map((call) => call.done)), 'the three calls')
    answers.forEach((answer, index) => {
      const token = ['a', 'b', 'c'][index]
      expect(answer.contentType).toBe('text/event-stream')
      expect(resultOf(answer).content).toEqual([{ type: 'text', text: 'Progress test completed' }])
      const progress = answer.messages.filter(isNotification('notifications/progress'))
      expect(progress.map((message) => message.params)).toEqual(
        [0, 50, 100].map((value) => ({ progressToken: token, progress: value, total: 100 })),
      )
    })
    const eventIds = calls.flatMap((call) => call.stream.events.map((event) => event.id))
    expect(new Set(eventIds).size).toBe(eventIds.length)
    expect(standalone.messages).toEqual([])
    standalone.close()
  })
})

/**
 * The portable SSE path: outside serveHttp (createFetchHandler on any fetch-style runtime) event
 * streams are `ReadableStream` bodies. serveHttp writes them to the Node response instead, so the
 * wire tests do not reach this path; these do, in process.
 */
import { describe, expect, it } from 'vitest'
import { createHttpTransport } from './app.ts'
import { ACCEPT_BOTH, FakeFactory, request, SseReader } from './test-helpers.ts'

const ENDPOINT = 'http://127.0.0.1/mcp'

async function session() {
  const factory = new FakeFactory()
  const transport = createHttpTransport(factory)
  const init = await transport.fetch(
    new Request(ENDPOINT, {
      method: 'POST',
      headers: { accept: ACCEPT_BOTH, 'content-type': 'application/json' },
      body: JSON.stringify(request(0, 'initialize', { protocolVersion: '2025-11-25' })),
    }),
  )
  await init.json()
  const sessionId = init.headers.get('mcp-session-id') ?? ''
  const headers = { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' }
  return { transport, fake: factory.get(sessionId), headers }
}

describe('SSE as ReadableStream bodies (createFetchHandler)', () => {
  it('streams standalone messages on a GET and forgets the stream when the reader cancels', async () => {
    const { transport, fake, headers } = await session()
    const get = await transport.fetch(
      new Request(ENDPOINT, { headers: { ...headers, accept: 'text/event-stream' } }),
    )
    expect(get.headers.get('content-type')).toBe('text/event-stream')
    const sse = new SseReader(get.body)
    expect((await sse.next())?.data).toBe('') // priming
    expect(fake.push(1)).toBe(true)
    expect((await sse.message())?.message).toMatchObject({ params: { n: 1 } })
    await sse.cancel()
    expect(fake.push(2)).toBe(true) // kept for replay on the newest (now disconnected) stream
    transport.close()
  })

  it('upgrades a POST to an event stream carrying its notifications and answer', async () => {
    const { transport, headers } = await session()
    const post = await transport.fetch(
      new Request(ENDPOINT, {
        method: 'POST',
        headers: { ...headers, accept: ACCEPT_BOTH, 'content-type': 'application/json' },
        body: JSON.stringify(request(7, 'slow')),
      }),
    )
    expect(post.headers.get('content-type')).toBe('text/event-stream')
    const sse = new SseReader(post.body)
    const methods: unknown[] = []
    for (let event = await sse.message(); event; event = await sse.message()) {
      methods.push(event.message.method ?? event.message.result)
    }
    expect(methods).toEqual(['notifications/progress', 'notifications/progress', { done: true }])
    transport.close()
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ServedHttp, serveHttp } from './node.ts'
import { ACCEPT_BOTH, FakeFactory, initialize, post, request, SseReader } from './test-helpers.ts'

let factory: FakeFactory
let server: ServedHttp

beforeEach(async () => {
  factory = new FakeFactory()
  server = await serveHttp(factory, { port: 0, maxBodyBytes: 1024 })
})

afterEach(async () => {
  // Whatever a test sent, the server must still serve a well-behaved client afterwards.
  const { headers } = await initialize(server.url)
  const response = await post(server.url, request(99, 'echo', { ok: 1 }), headers)
  expect(await response.json()).toMatchObject({ id: 99, result: { echo: { ok: 1 } } })
  await server.close()
})

async function errorOf(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const body = await response.json()
  expect(body).toMatchObject({
    jsonrpc: '2.0',
    error: { code: expect.any(Number), message: expect.any(String) },
  })
  return body as { id: unknown; error: { code: number; message: string } }
}

describe('POST initialize', () => {
  it('answers with JSON and an Mcp-Session-Id header naming the new session', async () => {
    const response = await post(server.url, request(1, 'initialize', { protocolVersion: '2025-11-25' }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const sessionId = response.headers.get('mcp-session-id') ?? ''
    expect(factory.sessions.has(sessionId)).toBe(true)
    expect(await response.json()).toMatchObject({ id: 1, result: { protocolVersion: '2025-11-25' } })
  })

  it('rejects an initialize that carries an Mcp-Session-Id with 400', async () => {
    const { headers } = await initialize(server.url)
    const response = await post(server.url, request(1, 'initialize', {}), headers)
    expect(response.status).toBe(400)
    expect((await errorOf(response)).id).toBe(1)
  })

  it('forgets the session when initialize answers with an error', async () => {
    const response = await post(server.url, request(1, 'initialize', { fail: true }))
    expect(response.status).toBe(200)
    expect(response.headers.get('mcp-session-id')).toBeNull()
    await response.json()
    const [session] = factory.sessions.values()
    expect(session?.closed).toBe(true)
    const later = await post(server.url, request(2, 'echo'), { 'mcp-session-id': session?.id ?? '' })
    expect(later.status).toBe(404)
  })
})

describe('POST requests', () => {
  it('answers with application/json when nothing is streamed first', async () => {
    const { headers } = await initialize(server.url)
    const response = await post(server.url, request(2, 'echo', { a: 1 }), headers)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await response.json()).toEqual({ jsonrpc: '2.0', id: 2, result: { echo: { a: 1 } } })
  })

  it('upgrades to SSE when the core sends via the request: priming, messages, response, end', async () => {
    const { headers } = await initialize(server.url)
    const response = await post(server.url, request(3, 'slow'), headers)
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const sse = new SseReader(response.body)
    const priming = await sse.next()
    expect(priming).toEqual({ id: expect.any(String), data: '' })
    const events = [await sse.next(), await sse.next(), await sse.next()]
    expect(events.map((event) => event?.event)).toEqual(['message', 'message', 'message'])
    const messages = events.map((event) => JSON.parse(event?.data ?? 'null'))
    expect(messages[0]).toMatchObject({ method: 'notifications/progress', params: { progress: 1 } })
    expect(messages[1]).toMatchObject({ method: 'notifications/progress', params: { progress: 2 } })
    expect(messages[2]).toEqual({ jsonrpc: '2.0', id: 3, result: { done: true } })
    const ids = [priming?.id, ...events.map((event) => event?.id)]
    expect(new Set(ids).size).toBe(4)
    expect(await sse.next()).toBeUndefined()
  })

  it('opens the stream as soon as the core asks for it with scope.openStream()', async () => {
    const { sessionId, headers } = await initialize(server.url)
    const response = await post(server.url, request(4, 'stream'), headers)
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const sse = new SseReader(response.body)
    expect((await sse.next())?.data).toBe('')
    factory.get(sessionId).release.resolve()
    expect((await sse.message())?.message).toMatchObject({ method: 'notifications/progress' })
    expect((await sse.message())?.message).toMatchObject({ id: 4, result: { done: true } })
    expect(await sse.next()).toBeUndefined()
  })

  it('answers a request that ends without a response with an empty event stream', async () => {
    const { headers } = await initialize(server.url)
    const response = await post(server.url, request(5, 'cancelled'), headers)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    expect(await response.text()).toBe('')
  })

  it('refuses a second request with an id still in flight', async () => {
    const { sessionId, headers } = await initialize(server.url)
    const controller = new AbortController()
    const first = post(server.url, request(6, 'block'), headers, controller.signal).catch(() => undefined)
    await factory.get(sessionId).blocked.promise
    const second = await post(server.url, request(6, 'echo'), headers)
    expect(second.status).toBe(400)
    expect((await errorOf(second)).error.message).toMatch(/already in progress/)
    controller.abort()
    await Promise.all([first, factory.get(sessionId).aborted.promise])
  })
})

describe('POST notifications and responses', () => {
  it('accepts a notification with 202 and no body, after handing it to the session', async () => {
    const { sessionId, headers } = await initialize(server.url)
    const response = await post(server.url, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers)
    expect(response.status).toBe(202)
    expect(await response.text()).toBe('')
    expect(factory.get(sessionId).received.at(-1)).toMatchObject({ kind: 'notification' })
  })

  it('accepts a response from the client with 202', async () => {
    const { sessionId, headers } = await initialize(server.url)
    const response = await post(server.url, { jsonrpc: '2.0', id: 'srv-1', result: {} }, headers)
    expect(response.status).toBe(202)
    expect(factory.get(sessionId).received.at(-1)).toMatchObject({ kind: 'response' })
  })
})

describe('POST header checks', () => {
  it('answers 406 unless Accept accepts both JSON and SSE', async () => {
    for (const accept of ['application/json', 'text/event-stream', 'application/json;q=0, */*', '']) {
      const response = await post(server.url, request(1, 'initialize', {}), { accept })
      expect(response.status).toBe(406)
      expect((await errorOf(response)).error.message).toMatch(/Accept/)
    }
  })

  it('takes wildcards in Accept for what they are', async () => {
    for (const accept of ['*/*', 'application/*, text/*;q=0.5', `${ACCEPT_BOTH};q=0.9`]) {
      const response = await post(server.url, request(1, 'initialize', {}), { accept })
      expect(response.status).toBe(200)
      await response.json()
    }
  })

  it('answers 415 unless Content-Type is application/json (parameters allowed)', async () => {
    const bad = await post(server.url, request(1, 'initialize', {}), { 'content-type': 'text/plain' })
    expect(bad.status).toBe(415)
    expect((await errorOf(bad)).error.message).toMatch(/application\/json/)
    const ok = await post(server.url, request(1, 'initialize', {}), {
      'content-type': 'Application/JSON; charset=UTF-8',
    })
    expect(ok.status).toBe(200)
    await ok.json()
  })
})

describe('POST body checks', () => {
  it('answers 413 naming the limit when Content-Length is over it', async () => {
    const response = await post(server.url, {
      jsonrpc: '2.0',
      method: 'x',
      params: { pad: 'x'.repeat(2000) },
    })
    expect(response.status).toBe(413)
    expect((await errorOf(response)).error.message).toMatch(/1024 bytes/)
  })

  it('answers 413 when a chunked body grows over the limit', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(600))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 4) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { accept: ACCEPT_BOTH, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
    expect((await errorOf(response)).error.message).toMatch(/maxBodyBytes/)
  })

  it('answers 400 with -32700 for a body that is not JSON', async () => {
    const response = await post(server.url, '{"jsonrpc": "2.0",')
    expect(response.status).toBe(400)
    expect((await errorOf(response)).error.code).toBe(-32700)
  })

  it('answers 400 with -32600 for a batch', async () => {
    const response = await post(server.url, [request(1, 'initialize', {})])
    expect(response.status).toBe(400)
    const body = await errorOf(response)
    expect(body.error).toMatchObject({
      code: -32600,
      message: expect.stringMatching(/batching is not supported/),
    })
  })

  it('answers 400 with the -32600 reason, and the id when one could be read', async () => {
    const response = await post(server.url, { jsonrpc: '2.0', id: 7, method: '' })
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toMatchObject({ id: 7, error: { code: -32600, message: /method/ } })
  })
})

describe('POST session checks', () => {
  it('answers 400 without Mcp-Session-Id and 404 for an unknown one', async () => {
    const missing = await post(server.url, request(1, 'echo'))
    expect(missing.status).toBe(400)
    expect((await errorOf(missing)).error.message).toMatch(/Mcp-Session-Id/)
    const unknown = await post(server.url, request(1, 'echo'), { 'mcp-session-id': 'nope' })
    expect(unknown.status).toBe(404)
    expect((await errorOf(unknown)).error.message).toMatch(/initialize/)
  })

  it('answers 400 for an unsupported or mismatched MCP-Protocol-Version, naming the versions', async () => {
    const { headers } = await initialize(server.url)
    for (const version of ['1999-01-01', '2025-06-18']) {
      const response = await post(server.url, request(1, 'echo'), {
        ...headers,
        'mcp-protocol-version': version,
      })
      expect(response.status).toBe(400)
      expect((await errorOf(response)).error.message).toMatch(/2025-11-25/)
    }
    const { 'mcp-protocol-version': _omitted, ...withoutVersion } = headers
    const response = await post(server.url, request(2, 'echo'), withoutVersion)
    expect(response.status).toBe(200)
    await response.json()
  })

  it('answers 405 with Allow for other methods', async () => {
    for (const method of ['PUT', 'PATCH', 'HEAD']) {
      const response = await fetch(server.url, { method })
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe('GET, POST, DELETE')
      await response.arrayBuffer()
    }
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ServedHttp, type ServeOptions, serveHttp } from './node.ts'
import { FakeFactory, initialize, post, request, SseReader } from './test-helpers.ts'

let factory: FakeFactory
let server: ServedHttp

async function start(options: ServeOptions = {}) {
  await server?.close()
  factory = new FakeFactory()
  server = await serveHttp(factory, { port: 0, ...options })
}

beforeEach(() => start())
afterEach(() => server.close())

function get(headers: Record<string, string>, signal?: AbortSignal) {
  return fetch(server.url, { headers: { ...headers, accept: 'text/event-stream' }, signal })
}

async function openStream(headers: Record<string, string>, signal?: AbortSignal) {
  const response = await get(headers, signal)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/event-stream')
  const sse = new SseReader(response.body)
  const priming = await sse.next()
  expect(priming).toEqual({ id: expect.any(String), data: '' })
  return { sse, primingId: priming?.id ?? '' }
}

describe('GET standalone streams', () => {
  it('carries messages the core sends without a request; before any GET they are dropped', async () => {
    const { sessionId, headers } = await initialize(server.url)
    const session = factory.get(sessionId)
    expect(session.push(0)).toBe(false)
    const { sse } = await openStream(headers)
    expect(session.push(1)).toBe(true)
    const event = await sse.message()
    expect(event?.id).toMatch(/_/)
    expect(event?.message).toEqual({ jsonrpc: '2.0', method: 'notifications/message', params: { n: 1 } })
    await sse.cancel()
  })

  it('sends each message on one stream only: the newest connected one', async () => {
    const { sessionId, headers } = await initialize(server.url)
    const older = await openStream(headers)
    const newer = await openStream(headers)
    const session = factory.get(sessionId)
    for (const n of [1, 2, 3]) session.push(n)
    for (const n of [1, 2, 3]) expect((await newer.sse.message())?.message).toMatchObject({ params: { n } })
    // Ending the session ends both streams; the older one must have carried nothing but its priming.
    await fetch(server.url, { method: 'DELETE', headers })
    expect(await newer.sse.next()).toBeUndefined()
    expect(await older.sse.next()).toBeUndefined()
  })

  it('answers 406 without text/event-stream in Accept, 400 without a session', async () => {
    const { headers } = await initialize(server.url)
    const wrongAccept = await fetch(server.url, { headers: { ...headers, accept: 'application/json' } })
    expect(wrongAccept.status).toBe(406)
    expect(await wrongAccept.json()).toMatchObject({ error: { message: /text\/event-stream/ } })
    const noSession = await get({})
    expect(noSession.status).toBe(400)
    await noSession.arrayBuffer()
  })

  it('does not prime streams of sessions at older revisions', async () => {
    const response = await post(server.url, request(1, 'initialize', { protocolVersion: '2025-06-18' }))
    await response.json()
    const sessionId = response.headers.get('mcp-session-id') ?? ''
    const headers = { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' }
    const stream = await get(headers)
    const sse = new SseReader(stream.body)
    factory.get(sessionId).push(1)
    const first = await sse.next()
    expect(first).toMatchObject({ id: expect.any(String), event: 'message' })
    expect(JSON.parse(first?.data ?? '')).toMatchObject({ params: { n: 1 } })
    await sse.cancel()
  })

  it('writes keep-alive comments on open streams', async () => {
    await start({ keepAliveMs: 10 })
    const { headers } = await initialize(server.url)
    const sse = new SseReader((await get(headers)).body)
    expect(await sse.readUntil(': keepalive\n\n')).toContain(': keepalive\n\n')
    await sse.cancel()
  })
})

describe('resumption with Last-Event-ID', () => {
  it('replays what a dropped GET stream missed, then keeps the stream going', async () => {
    const { sessionId, headers } = await initialize(server.url)
    const session = factory.get(sessionId)
    const controller = new AbortController()
    const { sse } = await openStream(headers, controller.signal)
    session.push(1)
    const seen = await sse.message()
    controller.abort()
    session.push(2)
    session.push(3)
    const resumed = await get({ ...headers, 'last-event-id': seen?.id ?? '' })
    expect(resumed.status).toBe(200)
    const replay = new SseReader(resumed.body)
    expect((await replay.message())?.message).toMatchObject({ params: { n: 2 } })
    expect((await replay.message())?.message).toMatchObject({ params: { n: 3 } })
    session.push(4)
    expect((await replay.message())?.message).toMatchObject({ params: { n: 4 } })
    await replay.cancel()
  })

  it('replays a request stream through its response, then ends it; after that, 204', async () => {
    const { sessionId, headers } = await initialize(server.url)
    const session = factory.get(sessionId)
    const controller = new AbortController()
    const response = await post(server.url, request(5, 'stream'), headers, controller.signal)
    const priming = await new SseReader(response.body).next()
    controller.abort()
    session.release.resolve()
    const resumed = await get({ ...headers, 'last-event-id': priming?.id ?? '' })
    const replay = new SseReader(resumed.body)
    expect((await replay.message())?.message).toMatchObject({ method: 'notifications/progress' })
    const answer = await replay.message()
    expect(answer?.message).toEqual({ jsonrpc: '2.0', id: 5, result: { done: true } })
    expect(await replay.next()).toBeUndefined()
    // Dropping a resumable stream is not a cancellation (2025-11-25 transports).
    expect((await session.blocked.promise).aborted).toBe(false)
    const after = await get({ ...headers, 'last-event-id': answer?.id ?? '' })
    expect(after.status).toBe(204)
  })

  it('answers 400 for an unknown or evicted Last-Event-ID, telling the client to start afresh', async () => {
    await start({ maxEventsPerSession: 2 })
    const { sessionId, headers } = await initialize(server.url)
    const { sse, primingId } = await openStream(headers)
    for (const n of [1, 2, 3]) factory.get(sessionId).push(n)
    for (const n of [1, 2, 3]) expect((await sse.message())?.message).toMatchObject({ params: { n } })
    for (const id of ['nope', primingId]) {
      const response = await get({ ...headers, 'last-event-id': id })
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: { message: /without Last-Event-ID/i } })
    }
    await sse.cancel()
  })
})

describe('DELETE and disconnects', () => {
  it('ends the session: 200, its streams end, and the id answers 404 everywhere', async () => {
    const { sessionId, headers } = await initialize(server.url)
    const { sse } = await openStream(headers)
    const response = await fetch(server.url, { method: 'DELETE', headers })
    expect(response.status).toBe(200)
    expect(factory.get(sessionId).closed).toBe(true)
    expect(await sse.next()).toBeUndefined()
    expect((await post(server.url, request(1, 'echo'), headers)).status).toBe(404)
    expect((await get(headers)).status).toBe(404)
    expect((await fetch(server.url, { method: 'DELETE', headers })).status).toBe(404)
  })

  it('aborts scope.signal when the client drops a pending POST', async () => {
    const { sessionId, headers } = await initialize(server.url)
    const session = factory.get(sessionId)
    const controller = new AbortController()
    const pending = post(server.url, request(1, 'block'), headers, controller.signal).catch((error) => error)
    const signal = await session.blocked.promise
    expect(signal.aborted).toBe(false)
    controller.abort()
    expect(await session.aborted.promise).toMatchObject({ name: 'AbortError' })
    expect(await pending).toMatchObject({ name: 'AbortError' })
  })

  it('aborts scope.signal when a stream the client cannot resume (no event id sent yet) drops', async () => {
    const init = await post(server.url, request(1, 'initialize', { protocolVersion: '2025-06-18' }))
    await init.json()
    const sessionId = init.headers.get('mcp-session-id') ?? ''
    const headers = { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' }
    const controller = new AbortController()
    const response = await post(server.url, request(2, 'stream'), headers, controller.signal)
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const signal = await factory.get(sessionId).blocked.promise
    controller.abort()
    await new Promise((resolve) => {
      if (signal.aborted) resolve(undefined)
      else signal.addEventListener('abort', resolve, { once: true })
    })
    expect(signal.reason).toMatchObject({ name: 'AbortError' })
    factory.get(sessionId).release.resolve()
  })

  it('aborts scope.signal when the session is deleted, and still answers the POST', async () => {
    const { sessionId, headers } = await initialize(server.url)
    const session = factory.get(sessionId)
    const pending = post(server.url, request(1, 'block'), headers)
    await session.blocked.promise
    await fetch(server.url, { method: 'DELETE', headers })
    expect(await session.aborted.promise).toMatchObject({ name: 'AbortError' })
    const answer = await (await pending).json()
    expect(answer).toMatchObject({ id: 1, error: { message: /session ended/ } })
  })
})

describe('server limits and shutdown', () => {
  it('close() of the server ends open streams and answers pending requests', async () => {
    const { sessionId, headers } = await initialize(server.url)
    const { sse } = await openStream(headers)
    const pending = post(server.url, request(1, 'block'), headers)
    await factory.get(sessionId).blocked.promise
    await server.close()
    expect(await sse.next()).toBeUndefined()
    expect(await (await pending).json()).toMatchObject({ id: 1, error: { message: /shutting down/ } })
    expect(factory.get(sessionId).closed).toBe(true)
    await start()
  })

  it('answers 503 to initialize beyond maxSessions', async () => {
    await start({ maxSessions: 1 })
    const { headers } = await initialize(server.url)
    const response = await post(server.url, request(1, 'initialize', {}))
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ error: { message: /maxSessions/ } })
    await fetch(server.url, { method: 'DELETE', headers })
    await initialize(server.url)
  })
})

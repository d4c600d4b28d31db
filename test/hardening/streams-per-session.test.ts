/**
 * Standalone GET streams per session are capped (`maxStreamsPerSession`, default 8; issue 9, finding
 * 6: 5,000 were accepted on one session, ~13 KB of heap each). Beyond the cap a GET gets 429 with a
 * JSON-RPC error naming the limit; a dropped stream frees its slot; resuming an old stream with
 * Last-Event-ID counts like opening one; other sessions are unaffected.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { HttpOptions } from '../../src/http/index.ts'
import { SseReader } from '../../src/http/test-helpers.ts'
import { type Probe, startTestServer } from '../fixtures/server.ts'
import { initialize, type RawSession } from '../helpers/raw-client.ts'

let url: string
let probe: Probe
let close: (() => Promise<void>) | undefined
const opened: AbortController[] = []
afterEach(async () => {
  for (const controller of opened.splice(0)) controller.abort()
  await close?.()
  close = undefined
})

async function start(http: HttpOptions = {}) {
  ;({ url, probe, close } = await startTestServer({ http }))
}

/** A GET on `session`; the returned `drop` ends its connection as a client leaving does. */
async function get(session: RawSession, lastEventId?: string) {
  const controller = new AbortController()
  opened.push(controller)
  const headers: Record<string, string> = { ...session.headers, accept: 'text/event-stream' }
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId
  const response = await fetch(url, { headers, signal: controller.signal })
  return { response, drop: () => controller.abort() }
}

async function openStreams(session: RawSession, count: number) {
  const streams: { primingId: string; drop: () => void }[] = []
  for (let i = 0; i < count; i++) {
    const { response, drop } = await get(session)
    expect(response.status).toBe(200)
    const priming = await new SseReader(response.body).next()
    streams.push({ primingId: priming?.id ?? '', drop })
  }
  return streams
}

/** GETs until one is accepted: the server learns of a dropped connection a moment after the client. */
async function getOnceFreed(session: RawSession, lastEventId?: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { response } = await get(session, lastEventId)
    if (response.status !== 429) return response
    await response.arrayBuffer()
  }
  throw new Error('the slot of the dropped stream was never freed')
}

describe('maxStreamsPerSession', () => {
  it('accepts 8 GET streams on a session by default and refuses the 9th with 429 naming the limit', async () => {
    await start()
    const session = await initialize(url)
    await openStreams(session, 8)
    const { response } = await get(session)
    expect(response.status).toBe(429)
    const body = await response.json()
    expect(body.error.code).toBe(-32600)
    expect(body.error.message).toMatch(/8 GET streams/)
    expect(body.error.message).toMatch(/maxStreamsPerSession/)
  })

  it('frees the slot of a dropped stream, and leaves other sessions unaffected', async () => {
    await start({ maxStreamsPerSession: 2 })
    const [full, other] = [await initialize(url), await initialize(url)]
    const streams = await openStreams(full, 2)
    expect((await get(full)).response.status).toBe(429)
    await openStreams(other, 2)
    streams[0]?.drop()
    expect((await getOnceFreed(full)).status).toBe(200)
  })

  it('counts a resumed standalone stream like a new one', async () => {
    await start({ maxStreamsPerSession: 2 })
    const session = await initialize(url)
    const [first] = await openStreams(session, 2)
    first?.drop()
    expect((await getOnceFreed(session)).status).toBe(200)
    // Two streams are connected again; bringing the first back would make three.
    const resumed = await get(session, first?.primingId)
    expect(resumed.response.status).toBe(429)
  })

  it('does not count the SSE streams of POST requests', async () => {
    await start({ maxStreamsPerSession: 1 })
    const session = await initialize(url)
    await openStreams(session, 1)
    probe.gate.open()
    const params = { name: 'progress', arguments: { steps: 2 }, _meta: { progressToken: 'p' } }
    const raw = await session.request('tools/call', params)
    expect(raw.contentType).toBe('text/event-stream')
    expect(raw.response?.result).toMatchObject({ content: [{ type: 'text', text: 'did 2 steps' }] })
  })
})

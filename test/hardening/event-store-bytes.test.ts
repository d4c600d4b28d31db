/**
 * The events a session keeps for `Last-Event-ID` replay are bounded in bytes as well as in number
 * (`maxEventBytesPerSession`; issue 9, finding 3): the oldest go first, and an event larger than the
 * whole budget is delivered live but not kept, so a replay across it is refused instead of being
 * silently incomplete. A `tasks/result` answered over SSE no longer keeps a second, unbounded copy.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { HttpOptions } from '../../src/http/index.ts'
import { ACCEPT_BOTH, initialize, post, request, SseReader } from '../../src/http/test-helpers.ts'
import { createServer, serve } from '../../src/index.ts'

let closeServer: (() => Promise<void>) | undefined
afterEach(async () => {
  await closeServer?.()
  closeServer = undefined
})

/** Opens a gate per test: `chatter` and `big` wait on it before they end. */
let release: () => void = () => {}

async function start(http: HttpOptions) {
  const server = createServer({ name: 'event-bytes', version: '0.0.0' })
  const gate = () => new Promise<void>((resolve) => (release = resolve))
  server.tool(
    { name: 'chatter', input: z.object({ sizes: z.array(z.number()) }), task: true },
    async ({ sizes }, ctx) => {
      const waiting = gate()
      for (const [index, size] of sizes.entries()) ctx.progress(index + 1, sizes.length, 'm'.repeat(size))
      await waiting
      return 'done'
    },
  )
  server.tool({ name: 'big', input: z.object({ size: z.number() }), task: true }, async ({ size }) => {
    await gate()
    return 'r'.repeat(size)
  })
  const served = await serve(server, { port: 0, ...http })
  closeServer = async () => {
    await served.close()
    await server.close()
  }
  const { headers } = await initialize(served.url)
  await post(served.url, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers)
  return { url: served.url, headers }
}

const get = (url: string, headers: Record<string, string>, lastEventId?: string) =>
  fetch(url, {
    headers: {
      ...headers,
      accept: 'text/event-stream',
      ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
    },
  })

/** Starts `chatter` as a task and reads its progress events off the open GET stream. */
async function chatter(url: string, headers: Record<string, string>, sizes: number[]) {
  const stream = new SseReader((await get(url, headers)).body)
  await stream.next() // priming
  const call = request(1, 'tools/call', {
    name: 'chatter',
    arguments: { sizes },
    task: {},
    _meta: { progressToken: 'p' },
  })
  await (await post(url, call, headers)).json()
  const ids: string[] = []
  for (const _ of sizes) {
    const event = await stream.message()
    expect(event?.message.method).toBe('notifications/progress')
    ids.push(event?.id ?? '')
  }
  await stream.cancel()
  return ids
}

describe('maxEventBytesPerSession', () => {
  it('drops the oldest events once their data passes the byte budget', async () => {
    const { url, headers } = await start({ maxEventBytesPerSession: 4_096 })
    const ids = await chatter(url, headers, Array(10).fill(1_000))
    const evicted = await get(url, headers, ids[0])
    expect(evicted.status).toBe(400)
    expect((await evicted.json()).error.message).toMatch(/maxEventBytesPerSession/)
    const kept = new SseReader((await get(url, headers, ids[8])).body)
    expect((await kept.message())?.id).toBe(ids[9])
    await kept.cancel()
    release()
  })

  it('delivers an event larger than the budget live, keeps none of it, and refuses a replay across it', async () => {
    const { url, headers } = await start({ maxEventBytesPerSession: 4_096 })
    const ids = await chatter(url, headers, [100, 10_000, 100])
    const across = await get(url, headers, ids[0])
    expect(across.status).toBe(400)
    await across.arrayBuffer()
    const after = new SseReader((await get(url, headers, ids[1])).body)
    expect((await after.message())?.id).toBe(ids[2])
    await after.cancel()
    release()
  })

  it('keeps no second copy of a tasks/result answer larger than the budget', async () => {
    const { url, headers } = await start({ maxEventBytesPerSession: 4_096 })
    const created = await (
      await post(
        url,
        request(1, 'tools/call', { name: 'big', arguments: { size: 10_000 }, task: {} }),
        headers,
      )
    ).json()
    const taskId = created.result.task.taskId as string
    const response = await post(url, request(2, 'tasks/result', { taskId }), {
      ...headers,
      accept: ACCEPT_BOTH,
    })
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const stream = new SseReader(response.body)
    const priming = await stream.next()
    release()
    let answer: Awaited<ReturnType<SseReader['message']>>
    do answer = await stream.message()
    while (answer !== undefined && answer.message.id !== 2)
    expect(answer?.message.result).toMatchObject({ content: [{ type: 'text', text: 'r'.repeat(10_000) }] })
    const replay = await get(url, headers, priming?.id)
    expect(replay.status).toBe(400)
    await replay.arrayBuffer()
  })
})

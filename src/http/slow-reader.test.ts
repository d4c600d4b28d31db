/**
 * A GET stream whose reader stops reading is cut off once more than 8 MiB wait for it, rather than
 * buffered without end; its events stay replayable and its slot is freed. serveHttp writes SSE to
 * the Node response itself, so this is the Node response's buffer being watched.
 */
import { once } from 'node:events'
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { type ServedHttp, serveHttp } from './node.ts'
import { FakeFactory, initialize } from './test-helpers.ts'

let server: ServedHttp | undefined
afterEach(() => server?.close())

describe('a reader that falls behind', () => {
  it('is dropped past 8 MiB buffered, which frees its GET stream slot', async () => {
    const factory = new FakeFactory()
    server = await serveHttp(factory, { port: 0, maxStreamsPerSession: 1 })
    const { sessionId, headers } = await initialize(server.url)
    const { hostname, port, pathname } = new URL(server.url)
    const socket = connect(Number(port), hostname)
    await once(socket, 'connect')
    const lines = Object.entries({ ...headers, accept: 'text/event-stream', host: `${hostname}:${port}` })
    socket.write(`GET ${pathname} HTTP/1.1\r\n${lines.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`)
    await once(socket, 'data') // the head and the priming event; then the client stops reading
    socket.pause()
    const get = () => fetch(server?.url ?? '', { headers: { ...headers, accept: 'text/event-stream' } })
    const busy = await get()
    expect(busy.status).toBe(429)
    await busy.arrayBuffer()
    const fake = factory.get(sessionId)
    // 2 KB a message: 12,000 of them (24 MB) is past any socket buffer plus the 8 MiB allowance.
    const pad = 'x'.repeat(2_000)
    for (let n = 0; n < 12_000; n++)
      fake.outbound.send({ jsonrpc: '2.0', method: 'notifications/message', params: { n, pad } })
    const freed = await get()
    expect(freed.status).toBe(200)
    await freed.body?.cancel()
    socket.destroy()
  })
})

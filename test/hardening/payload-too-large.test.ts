/**
 * After an answer sent before the request body was read (413, and the refusals that precede reading
 * it), the connection is not silently reused: the answer says `Connection: close` and the server
 * closes it, or else the next request on it is served (issue 9, finding 7). Checked on a raw socket,
 * since `fetch` hides both.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startTestServer } from '../fixtures/server.ts'
import { RawConnection, type RawReply } from './raw-socket.ts'

let close: (() => Promise<void>) | undefined
let connection: RawConnection | undefined
afterEach(async () => {
  connection?.close()
  await close?.()
  close = connection = undefined
})

async function open(maxBodyBytes?: number) {
  const started = await startTestServer({ http: maxBodyBytes === undefined ? {} : { maxBodyBytes } })
  close = started.close
  connection = await RawConnection.open(started.url)
  const { host, pathname } = new URL(started.url)
  return { connection, host, path: pathname }
}

const head = (host: string, path: string, extra: string) =>
  `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nAccept: application/json, text/event-stream\r\n${extra}\r\n`

const ping = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })

/** The property under test: either the first answer said close (and the server closes), or the connection still works. */
async function expectHonestKeepAlive(raw: RawConnection, first: RawReply, host: string, path: string) {
  if (first.headers.connection?.toLowerCase() === 'close') {
    await raw.closedByServer()
    return
  }
  raw.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nAccept: text/event-stream\r\n\r\n`)
  const second = await raw.reply()
  // The transport's own answer (no session), not the parser's 400 for a request read as body bytes.
  expect(second.status).toBe(400)
  expect(second.body).toMatch(/Mcp-Session-Id/)
}

describe('answers before the body is read', () => {
  it('sends Connection: close with a 413 for a declared length beyond maxBodyBytes', async () => {
    const { connection: raw, host, path } = await open()
    const declared = 5 * 1024 * 1024
    raw.write(head(host, path, `Content-Type: application/json\r\nContent-Length: ${declared}\r\n`))
    raw.write('{"jsonrpc":"2.0",') // the client is still sending when the answer comes
    const reply = await raw.reply()
    expect(reply.status).toBe(413)
    expect(JSON.parse(reply.body).error.message).toMatch(/maxBodyBytes/)
    expect(reply.headers.connection).toBe('close')
    await raw.closedByServer()
  })

  it('keeps the connection honest after a chunked body grows past the limit', async () => {
    const { connection: raw, host, path } = await open(1_024)
    raw.write(head(host, path, 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n'))
    const chunk = 'x'.repeat(2_048)
    raw.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)
    const reply = await raw.reply()
    expect(reply.status).toBe(413)
    await expectHonestKeepAlive(raw, reply, host, path)
  })

  it('keeps the connection honest after a 413 whose whole body was sent', async () => {
    const { connection: raw, host, path } = await open(1_024)
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'p'.repeat(2_000) } })
    raw.write(head(host, path, `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n`) + body)
    const reply = await raw.reply()
    expect(reply.status).toBe(413)
    await expectHonestKeepAlive(raw, reply, host, path)
  })

  it('sends Connection: close with a 415 refused while the body is still arriving', async () => {
    const { connection: raw, host, path } = await open()
    raw.write(head(host, path, 'Content-Type: text/plain\r\nContent-Length: 100000\r\n'))
    raw.write('partial')
    const reply = await raw.reply()
    expect(reply.status).toBe(415)
    expect(reply.headers.connection).toBe('close')
    await raw.closedByServer()
  })

  it('keeps an ordinary connection alive: two pings answered on one socket', async () => {
    const { connection: raw, host, path } = await open()
    const request =
      head(host, path, `Content-Type: application/json\r\nContent-Length: ${ping.length}\r\n`) + ping
    raw.write(request)
    const first = await raw.reply()
    expect(first.status).toBe(400) // no session
    expect(first.headers.connection).not.toBe('close')
    raw.write(request)
    expect((await raw.reply()).status).toBe(400)
  })
})

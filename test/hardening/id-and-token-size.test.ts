/**
 * Request ids and progress tokens are bounded in bytes where messages are parsed, for HTTP and stdio
 * alike (issue 9, finding 3a): a progress token is copied into every progress event and kept in the
 * event store, so a 3.9 MiB one per request ran a default server out of memory. Integer ids beyond
 * 2^53 are refused rather than echoed altered (finding 7; decisions.md).
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { HttpOptions } from '../../src/http/index.ts'
import { startTestServer } from '../fixtures/server.ts'
import { initialize, type JsonRpcMessage, type RawSession } from '../helpers/raw-client.ts'
import { startStdio } from './stdio-harness.ts'

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

async function session(http: HttpOptions = {}): Promise<RawSession> {
  const started = await startTestServer({ http })
  close = started.close
  return initialize(started.url)
}

/** POSTs raw JSON text (so integers beyond 2^53 reach the server as written). */
async function postText(session: RawSession, text: string) {
  const response = await session.post(text)
  return { status: response.status, body: (await response.json()) as JsonRpcMessage }
}

const ping = (id: string | number, params?: Record<string, unknown>) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'ping', ...(params === undefined ? {} : { params }) })

const withToken = (progressToken: unknown) => ({ _meta: { progressToken } })

describe('request id size over HTTP', () => {
  it('refuses a 257-byte string id with -32600, id null, naming the limit and the option', async () => {
    const raw = await postText(await session(), ping('x'.repeat(257)))
    expect(raw.status).toBe(400)
    expect(raw.body.id).toBeNull()
    expect(raw.body.error?.code).toBe(-32600)
    expect(raw.body.error?.message).toMatch(/256 bytes/)
    expect(raw.body.error?.message).toMatch(/maxRequestIdBytes/)
  })

  it('answers a 256-byte id, echoed as sent', async () => {
    const id = 'y'.repeat(256)
    const raw = await postText(await session(), ping(id))
    expect(raw.status).toBe(200)
    expect(raw.body).toEqual({ jsonrpc: '2.0', id, result: {} })
  })

  it('counts UTF-8 bytes, not characters: 100 euro signs are 300 bytes', async () => {
    const raw = await postText(await session(), ping('€'.repeat(100)))
    expect(raw.body.error?.code).toBe(-32600)
    expect(raw.body.id).toBeNull()
  })

  it('takes a larger limit from maxRequestIdBytes', async () => {
    const id = 'z'.repeat(1_000)
    const raw = await postText(await session({ maxRequestIdBytes: 1_024 }), ping(id))
    expect(raw.body).toEqual({ jsonrpc: '2.0', id, result: {} })
  })
})

describe('integer ids beyond 2^53', () => {
  it('refuses 9007199254740993 with -32600 rather than answering a rounded id', async () => {
    const s = await session()
    const raw = await postText(s, '{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}')
    expect(raw.status).toBe(400)
    expect(raw.body.id).toBeNull()
    expect(raw.body.error?.code).toBe(-32600)
    expect(raw.body.error?.message).toMatch(/string id or a smaller integer/)
  })

  it('refuses 1e300, an integer JSON cannot carry exactly', async () => {
    const raw = await postText(await session(), '{"jsonrpc":"2.0","id":1e300,"method":"ping"}')
    expect(raw.body.error?.code).toBe(-32600)
  })

  it('echoes Number.MAX_SAFE_INTEGER and its negative exactly', async () => {
    const s = await session()
    for (const id of [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      const raw = await postText(s, ping(id))
      expect(raw.body).toEqual({ jsonrpc: '2.0', id, result: {} })
    }
  })
})

describe('progress token size over HTTP', () => {
  it('refuses a 257-byte progressToken with -32602 for that request, naming the limit and option', async () => {
    const raw = await postText(await session(), ping(7, withToken('t'.repeat(257))))
    expect(raw.body.id).toBe(7)
    expect(raw.body.error?.code).toBe(-32602)
    expect(raw.body.error?.message).toMatch(/256 bytes/)
    expect(raw.body.error?.message).toMatch(/maxProgressTokenBytes/)
  })

  it('refuses the 3.9 MiB token of the report before any handler sees it', async () => {
    const s = await session()
    const token = 'p'.repeat(3.9 * 1024 * 1024)
    const call = { name: 'progress', arguments: { steps: 3 }, task: {}, _meta: { progressToken: token } }
    const raw = await postText(
      s,
      JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/call', params: call }),
    )
    expect(raw.body.error?.code).toBe(-32602)
    expect(raw.body.id).toBe(8)
    const list = await s.request('tasks/list', {})
    expect(list.response?.result?.tasks).toEqual([])
  })

  it('accepts a 256-byte token, and a longer one under a raised maxProgressTokenBytes', async () => {
    expect((await postText(await session(), ping(1, withToken('a'.repeat(256))))).body.result).toEqual({})
    await close?.()
    const raised = await session({ maxProgressTokenBytes: 2_048 })
    expect((await postText(raised, ping(2, withToken('b'.repeat(2_000))))).body.result).toEqual({})
  })

  it('refuses a progressToken that is neither a string nor a safe integer with -32602', async () => {
    const s = await session()
    for (const token of [1.5, 2 ** 60, { nested: true }, true]) {
      const raw = await postText(s, ping(3, withToken(token)))
      expect(raw.body.error?.code, JSON.stringify(token)).toBe(-32602)
    }
    expect((await postText(s, ping(4, withToken(42)))).body.result).toEqual({})
  })
})

describe('ids and tokens over stdio', () => {
  it('answers -32600 with id null to an oversized or unsafe id, and keeps serving', async () => {
    const { input, received, served, initialize: init, send } = startStdio()
    await init()
    send({ id: 'q'.repeat(300), method: 'ping' })
    input.write('{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}\n')
    const errors = [
      await received.find((m) => m.error?.message.includes('maxRequestIdBytes') === true),
      await received.find((m) => m.error?.message.includes('smaller integer') === true),
    ]
    expect(errors.map((m) => [m.id, m.error?.code])).toEqual([
      [null, -32600],
      [null, -32600],
    ])
    send({ id: 5, method: 'ping' })
    expect((await received.next((m) => m.id === 5)).result).toEqual({})
    await served.close()
  })

  it('answers -32602 to an oversized progress token, and honours maxProgressTokenBytes', async () => {
    const { received, served, initialize: init, send } = startStdio({ maxProgressTokenBytes: 16 })
    await init()
    send({ id: 6, method: 'ping', params: withToken('s'.repeat(17)) })
    const refused = await received.next((m) => m.id === 6)
    expect(refused.error?.code).toBe(-32602)
    expect(refused.error?.message).toMatch(/16 bytes/)
    send({ id: 7, method: 'ping', params: withToken('s'.repeat(16)) })
    expect((await received.next((m) => m.id === 7)).result).toEqual({})
    await served.close()
  })
})

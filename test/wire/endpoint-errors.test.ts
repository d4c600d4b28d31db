/**
 * Bad input on the MCP endpoint (2025-11-25 transports, JSON-RPC 2.0): every refusal has its status
 * and code, and after each one the server still serves the same session and new ones.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer } from '../fixtures/server.ts'
import {
  ACCEPT_BOTH,
  initialize,
  isObject,
  type RawSession,
  rawHttp,
  rawPost,
  resultOf,
} from '../helpers/raw-client.ts'
import { callTool, createTask, expectError } from '../helpers/tasks.ts'

let url: string
let close: () => Promise<void>
let session: RawSession

beforeEach(async () => {
  ;({ url, close } = await startTestServer())
  session = await initialize(url)
})
afterEach(() => close())

/** A successful tools/call on `on` and on a brand-new session: the server still serves. */
async function stillServes(on: RawSession | null = session) {
  const fresh = await initialize(url)
  for (const client of on === null ? [fresh] : [on, fresh]) {
    expect(resultOf(await callTool(client, 'sum', { a: 1, b: 1 }))).toEqual({
      content: [{ type: 'text', text: '2' }],
    })
  }
}

/** An HTTP-level refusal: the status, and a JSON-RPC error body with this code. */
async function expectRefusal(response: Response, status: number, code: number = expect.any(Number)) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const body: unknown = await response.json()
  expect(body).toMatchObject({ jsonrpc: '2.0', error: { code, message: expect.any(String) } })
  return isObject(body) ? body : {}
}

const ping = (id = 1) => ({ jsonrpc: '2.0', id, method: 'ping' })

describe('malformed messages', () => {
  it('answers invalid JSON with HTTP 400 and -32700', async () => {
    const body = await expectRefusal(
      await session.post('{"jsonrpc": "2.0", "id": 1, "method": '),
      400,
      -32700,
    )
    expect(body.id).toBeNull()
    await stillServes()
  })

  it('answers a message that is not JSON-RPC 2.0 with HTTP 400 and -32600, and a batch with 400', async () => {
    await expectRefusal(await session.post({ jsonrpc: '1.0', id: 1, method: 'ping' }), 400, -32600)
    await expectRefusal(
      await session.post({ jsonrpc: '2.0', id: 1, method: 'ping', params: [1] }),
      400,
      -32600,
    )
    await expectRefusal(await session.post([ping(1), ping(2)]), 400)
    await stillServes()
  })

  it.each([
    ['tools/call with name 42', 'tools/call', { name: 42 }],
    ['tools/call with arguments []', 'tools/call', { name: 'sum', arguments: [] }],
    ['tools/call without a name', 'tools/call', { arguments: {} }],
    ['tasks/get with taskId {}', 'tasks/get', { taskId: {} }],
    ['tasks/result with taskId []', 'tasks/result', { taskId: [] }],
    ['tasks/cancel with taskId null', 'tasks/cancel', { taskId: null }],
    ['tasks/list with cursor 7', 'tasks/list', { cursor: 7 }],
  ])('answers %s with -32602', async (_what, method, params) => {
    const raw = await session.request(method, params)
    expect(raw.status).toBe(200)
    expectError(raw, -32602)
    await stillServes()
  })

  it('answers an unknown method with -32601', async () => {
    const raw = await session.request('tasks/delete', { taskId: 'x' })
    expect(raw.status).toBe(200)
    expect(expectError(raw, -32601).message).toContain('tasks/delete')
    await stillServes()
  })
})

describe('oversized bodies', () => {
  it('answers a body over the 4 MiB default with 413', async () => {
    const body = JSON.stringify({ ...ping(), params: { pad: 'x'.repeat(4 * 1024 * 1024) } })
    await expectRefusal(await session.post(body), 413)
    await stillServes()
  })

  it('answers a body over a configured maxBodyBytes with 413 and takes one at the limit', async () => {
    const small = await startTestServer({ http: { maxBodyBytes: 1024 } })
    try {
      const client = await initialize(small.url)
      const sized = (bytes: number) => {
        const base = JSON.stringify({ ...ping(), params: { pad: '' } })
        return JSON.stringify({ ...ping(), params: { pad: 'x'.repeat(bytes - base.length) } })
      }
      await expectRefusal(await client.post(sized(1025)), 413)
      const atLimit = await client.post(sized(1024))
      expect(await atLimit.json()).toEqual({ jsonrpc: '2.0', id: 1, result: {} })
      const task = await createTask(client, 'sum', { a: 1, b: 1 })
      expect(task.status).toBe('working')
    } finally {
      await small.close()
    }
  })
})

describe('refused headers, sessions and methods', () => {
  it('answers an unknown session with 404 and a missing session id with 400', async () => {
    await expectRefusal(await rawPost(url, ping(), { 'mcp-session-id': 'no-such-session' }), 404)
    await expectRefusal(await rawPost(url, ping()), 400)
    await stillServes()
  })

  it('answers a foreign Origin with 403 on POST, GET and DELETE, and accepts a loopback one', async () => {
    const evil = { origin: 'http://evil.example' }
    await expectRefusal(await session.post(ping(), evil), 403)
    const get = await fetch(url, { headers: { ...session.headers, ...evil, accept: 'text/event-stream' } })
    await expectRefusal(get, 403)
    await expectRefusal(await fetch(url, { method: 'DELETE', headers: { ...session.headers, ...evil } }), 403)
    const local = await session.post(ping(), { origin: new URL(url).origin })
    expect(await local.json()).toEqual({ jsonrpc: '2.0', id: 1, result: {} })
    await stillServes()
  })

  it('answers a rebound Host header with 403', async () => {
    const headers = { ...session.headers, accept: ACCEPT_BOTH, 'content-type': 'application/json' }
    const rebound = await rawHttp(url, 'POST', { ...headers, host: 'evil.example' }, JSON.stringify(ping()))
    expect(rebound.status).toBe(403)
    expect(JSON.parse(rebound.body)).toMatchObject({ jsonrpc: '2.0', error: { code: expect.any(Number) } })
    await stillServes()
  })

  it('answers a POST without Accept, or accepting only JSON, with 406', async () => {
    const headers = { ...session.headers, 'content-type': 'application/json' }
    const none = await rawHttp(url, 'POST', headers, JSON.stringify(ping()))
    expect(none.status).toBe(406)
    expect(JSON.parse(none.body)).toMatchObject({ jsonrpc: '2.0', error: { code: expect.any(Number) } })
    await expectRefusal(await session.post(ping(), { accept: 'application/json' }), 406)
    await expectRefusal(await session.post(ping(), { accept: 'text/event-stream' }), 406)
    await stillServes()
  })

  it('answers a Content-Type other than application/json with 415', async () => {
    await expectRefusal(await session.post(JSON.stringify(ping()), { 'content-type': 'text/plain' }), 415)
    const charset = 'application/json; charset=latin1'
    await expectRefusal(await session.post(JSON.stringify(ping()), { 'content-type': charset }), 415)
    await stillServes()
  })

  it('answers 404 to the session id after DELETE, on POST, GET and DELETE', async () => {
    expect(await session.close()).toBe(200)
    await expectRefusal(await session.post(ping()), 404)
    const get = await fetch(url, { headers: { ...session.headers, accept: 'text/event-stream' } })
    await expectRefusal(get, 404)
    await expectRefusal(await fetch(url, { method: 'DELETE', headers: session.headers }), 404)
    await stillServes(null)
  })

  it('answers other HTTP methods with 405 and Allow', async () => {
    const response = await fetch(url, { method: 'PUT', headers: session.headers, body: '{}' })
    expect(response.headers.get('allow')).toBe('GET, POST, DELETE')
    await expectRefusal(response, 405)
    await stillServes()
  })
})

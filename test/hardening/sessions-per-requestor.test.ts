/**
 * Fair shares of sessions (issue 9, finding 6): one client could open every session the server
 * allows (10,000 in 6.4 s) and leave everyone else with 503. Each requestor, the principal when there
 * is an authenticate hook and the client address otherwise, holds at most `maxSessionsPerRequestor`
 * open sessions; beyond that initialize gets 429 with Retry-After. The global maxSessions (503) stays.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { HttpOptions } from '../../src/http/index.ts'
import type { Principal } from '../../src/index.ts'
import { startTestServer } from '../fixtures/server.ts'
import { initialize, LATEST_VERSION, rawPost } from '../helpers/raw-client.ts'

let url: string
let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

async function start(http: HttpOptions, authenticate?: (request: Request) => Principal | undefined) {
  ;({ url, close } = await startTestServer({ http, ...(authenticate ? { authenticate } : {}) }))
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: LATEST_VERSION, capabilities: {}, clientInfo: { name: 'fair', version: '0' } },
}

/** One initialize; returns the HTTP status, the session id (if any), Retry-After and the body. */
async function open(headers: Record<string, string> = {}) {
  const response = await rawPost(url, INITIALIZE, headers)
  const body = (await response.json()) as { id: unknown; error?: { code: number; message: string } }
  return {
    status: response.status,
    sessionId: response.headers.get('mcp-session-id'),
    retryAfter: response.headers.get('retry-after'),
    body,
  }
}

async function openMany(count: number, headers: Record<string, string> = {}) {
  const statuses: number[] = []
  for (let i = 0; i < count; i++) statuses.push((await open(headers)).status)
  return statuses
}

describe('maxSessionsPerRequestor without authentication (per client address)', () => {
  it('refuses the 101st session of one address by default with 429, Retry-After and -32600', async () => {
    await start({})
    expect(await openMany(100)).toEqual(Array(100).fill(200))
    const refused = await open()
    expect(refused.status).toBe(429)
    expect(refused.sessionId).toBeNull()
    expect(Number(refused.retryAfter)).toBeGreaterThan(0)
    expect(refused.body.id).toBe(1)
    expect(refused.body.error?.code).toBe(-32600)
    expect(refused.body.error?.message).toMatch(/100 sessions/)
    expect(refused.body.error?.message).toMatch(/maxSessionsPerRequestor/)
  })

  it('frees a slot when the requestor ends one of its sessions', async () => {
    await start({ maxSessionsPerRequestor: 2 })
    const first = await initialize(url)
    await initialize(url)
    expect((await open()).status).toBe(429)
    expect(await first.close()).toBe(200)
    expect((await open()).status).toBe(200)
  })

  it('does not trust X-Forwarded-For unless told: a new header value is the same requestor', async () => {
    await start({ maxSessionsPerRequestor: 2 })
    expect(await openMany(2, { 'x-forwarded-for': '203.0.113.1' })).toEqual([200, 200])
    expect((await open({ 'x-forwarded-for': '203.0.113.2' })).status).toBe(429)
  })

  it('counts by the clientAddress hook when given (a server behind a proxy), so others still get in', async () => {
    const clientAddress = (request: Request) => request.headers.get('x-test-client') ?? undefined
    await start({ maxSessionsPerRequestor: 2, clientAddress })
    expect(await openMany(2, { 'x-test-client': 'greedy' })).toEqual([200, 200])
    expect((await open({ 'x-test-client': 'greedy' })).status).toBe(429)
    expect((await open({ 'x-test-client': 'polite' })).status).toBe(200)
  })

  it('keeps the global maxSessions answer: 503 when the server is full', async () => {
    await start({ maxSessions: 2, maxSessionsPerRequestor: 5 })
    await openMany(2)
    const full = await open()
    expect(full.status).toBe(503)
    expect(full.body.error?.message).toMatch(/maxSessions/)
  })
})

describe('maxSessionsPerRequestor with an authenticate hook (per principal)', () => {
  const bearer = (request: Request) => {
    const match = /^Bearer ([a-z]+)$/.exec(request.headers.get('authorization') ?? '')
    return match?.[1] === undefined ? undefined : { id: match[1] }
  }
  const as = (name: string) => ({ authorization: `Bearer ${name}` })

  it('counts sessions per principal, whatever the address: alice is refused, bob is not', async () => {
    await start({ maxSessionsPerRequestor: 2 }, bearer)
    expect(await openMany(2, as('alice'))).toEqual([200, 200])
    const refused = await open(as('alice'))
    expect(refused.status).toBe(429)
    expect(refused.body.error?.message).toMatch(/maxSessionsPerRequestor/)
    expect((await open(as('bob'))).status).toBe(200)
  })
})

describe('HttpOptions validation', () => {
  it('refuses a maxSessionsPerRequestor that is not a positive integer', async () => {
    await expect(start({ maxSessionsPerRequestor: 0 })).rejects.toThrow(/maxSessionsPerRequestor/)
  })
})

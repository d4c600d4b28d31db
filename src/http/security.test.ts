import { afterEach, describe, expect, it } from 'vitest'
import type { Principal } from '../server/transport.ts'
import { createHttpApp } from './app.ts'
import { type ServedHttp, type ServeOptions, serveHttp } from './node.ts'
import { FakeFactory, initialize, post, rawRequest, request } from './test-helpers.ts'

let server: ServedHttp | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

async function start(options: ServeOptions = {}) {
  const factory = new FakeFactory()
  server = await serveHttp(factory, { port: 0, ...options })
  return { factory, url: server.url, port: server.port }
}

/** Principals by bearer token. */
const authenticate = (req: Request): Principal | undefined => {
  const token = req.headers.get('authorization')?.replace(/^Bearer /, '')
  return token === 'alice' || token === 'bob' ? { id: token } : undefined
}
const as = (who: string) => ({ authorization: `Bearer ${who}` })

describe('authentication', () => {
  it('answers 401 with WWW-Authenticate and a JSON-RPC error when the hook returns undefined', async () => {
    const { url } = await start({ authenticate, wwwAuthenticate: 'Bearer realm="test"' })
    for (const headers of [{}, as('mallory')]) {
      const response = await post(url, request(1, 'initialize', {}), headers)
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="test"')
      expect(await response.json()).toMatchObject({ id: null, error: { message: /Authorization/ } })
    }
    const get = await fetch(url, { headers: { accept: 'text/event-stream' } })
    expect(get.status).toBe(401)
    expect(get.headers.get('www-authenticate')).toBe('Bearer realm="test"')
    await get.arrayBuffer()
  })

  it('binds the principal to the session and answers 403 to anyone else', async () => {
    const { url, factory } = await start({ authenticate })
    const { sessionId, headers } = await initialize(url, as('alice'))
    expect(factory.get(sessionId).principal).toEqual({ id: 'alice' })
    const foreign = await post(url, request(2, 'echo'), { ...headers, ...as('bob') })
    expect(foreign.status).toBe(403)
    expect(await foreign.json()).toMatchObject({ error: { message: /different principal/ } })
    const foreignGet = await fetch(url, {
      headers: { ...headers, ...as('bob'), accept: 'text/event-stream' },
    })
    expect(foreignGet.status).toBe(403)
    await foreignGet.arrayBuffer()
    const foreignDelete = await fetch(url, { method: 'DELETE', headers: { ...headers, ...as('bob') } })
    expect(foreignDelete.status).toBe(403)
    const own = await post(url, request(3, 'echo'), headers)
    expect(own.status).toBe(200)
    expect(await own.json()).toMatchObject({ id: 3, result: {} })
  })
})

const initializeBody = JSON.stringify(request(1, 'initialize', {}))
const postHeaders = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' }

describe('DNS-rebinding protection: Host', () => {
  it('answers 403 for a foreign Host and lets loopback names through (any port)', async () => {
    const { url, port } = await start()
    const foreign = await rawRequest(url, {
      method: 'POST',
      headers: { ...postHeaders, host: 'evil.example' },
      body: initializeBody,
    })
    expect(foreign.status).toBe(403)
    expect(JSON.parse(foreign.body)).toMatchObject({ id: null, error: { message: /Host "evil.example"/ } })
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'localhost']) {
      const ok = await rawRequest(url, {
        method: 'POST',
        headers: { ...postHeaders, host },
        body: initializeBody,
      })
      expect(ok.status).toBe(200)
    }
  })
})

describe('DNS-rebinding protection: Origin and defaults', () => {
  it('answers 403 for a foreign Origin and lets loopback origins and origin-less requests through', async () => {
    const { url } = await start()
    const foreign = await post(url, request(1, 'initialize', {}), { origin: 'http://evil.example' })
    expect(foreign.status).toBe(403)
    expect(await foreign.json()).toMatchObject({ error: { message: /Origin "http:\/\/evil.example"/ } })
    const opaque = await post(url, request(1, 'initialize', {}), { origin: 'null' })
    expect(opaque.status).toBe(403)
    await opaque.arrayBuffer()
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1', 'http://[::1]:8080']) {
      const ok = await post(url, request(1, 'initialize', {}), { origin })
      expect(ok.status).toBe(200)
      await ok.json()
    }
  })

  it('honours allowedHosts entries with a port, and allowedOrigins given as full origins', async () => {
    const { url, port } = await start({
      // Port 1: not the port we listen on, so the real Host never matches this entry.
      allowedHosts: ['127.0.0.1:1', 'mcp.test'],
      allowedOrigins: ['https://app.test'],
    })
    const wrongPort = await rawRequest(url, {
      method: 'POST',
      headers: { ...postHeaders, host: `127.0.0.1:${port}` },
      body: initializeBody,
    })
    expect(wrongPort.status).toBe(403)
    const named = await rawRequest(url, {
      method: 'POST',
      headers: { ...postHeaders, host: 'mcp.test:1234' },
      body: initializeBody,
    })
    expect(named.status).toBe(200)
    const origin = await rawRequest(url, {
      method: 'POST',
      headers: { ...postHeaders, host: 'mcp.test', origin: 'https://app.test' },
      body: initializeBody,
    })
    expect(origin.status).toBe(200)
    const otherScheme = await rawRequest(url, {
      method: 'POST',
      headers: { ...postHeaders, host: 'mcp.test', origin: 'http://app.test' },
      body: initializeBody,
    })
    expect(otherScheme.status).toBe(403)
  })

  it('is off when disabled explicitly', async () => {
    const { url } = await start({ dnsRebindingProtection: false })
    const response = await rawRequest(url, {
      method: 'POST',
      headers: { ...postHeaders, host: 'evil.example' },
      body: initializeBody,
    })
    expect(response.status).toBe(200)
  })

  it('is on by default in createHttpApp', async () => {
    const app = createHttpApp(new FakeFactory())
    const init = { method: 'POST', headers: postHeaders, body: initializeBody }
    const foreign = await app.request('http://evil.example/mcp', init)
    expect(foreign.status).toBe(403)
    const local = await app.request('http://localhost/mcp', init)
    expect(local.status).toBe(200)
  })
})

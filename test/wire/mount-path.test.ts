/**
 * The endpoint serves one path (`path`, default `/mcp`). A request anywhere else, typically because
 * the handler was mounted under a prefix or the client has a typo in its URL, answers a JSON 404
 * whose JSON-RPC error says which path this handler serves, instead of Hono's plain-text 404.
 */
import { createServer as createNodeServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { afterEach, describe, expect, it } from 'vitest'
import { createFetchHandler, createServer, type ServedHttp, serve } from '../../src/index.ts'

const ACCEPT = 'application/json, text/event-stream'
const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '0' } },
})
const post = (url: string) =>
  fetch(url, {
    method: 'POST',
    headers: { accept: ACCEPT, 'content-type': 'application/json' },
    body: initialize,
  })

let served: ServedHttp | undefined
let node: Server | undefined

afterEach(async () => {
  await served?.close()
  await new Promise((resolve) => (node === undefined ? resolve(undefined) : node.close(resolve)))
  served = undefined
  node = undefined
})

async function expectNotFound(response: Response, asked: string, serves: string) {
  expect(response.status).toBe(404)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const body = await response.json()
  expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } })
  expect(body.error.message).toContain(`No MCP endpoint at ${asked}`)
  expect(body.error.message).toContain(`serves ${serves}`)
}

describe('a request to another path than the endpoint', () => {
  it('answers a JSON 404 naming the path served (serve)', async () => {
    served = await serve(createServer({ name: 'mount', version: '0' }), { port: 0 })
    const root = served.url.replace(/\/mcp$/, '')
    await expectNotFound(await post(`${root}/api/mcp`), '/api/mcp', '/mcp')
    await expectNotFound(await fetch(`${root}/`), '/', '/mcp')
    expect((await post(served.url)).status).toBe(200)
  })

  it('names the configured path of a fetch handler mounted under a prefix', async () => {
    const handler = createFetchHandler(createServer({ name: 'mount', version: '0' }), { path: '/rpc' })
    node = createNodeServer(getRequestListener(handler))
    await new Promise<void>((resolve) => node?.listen(0, '127.0.0.1', resolve))
    const { port } = node.address() as AddressInfo
    await expectNotFound(await post(`http://127.0.0.1:${port}/tools/rpc`), '/tools/rpc', '/rpc')
    expect((await post(`http://127.0.0.1:${port}/rpc`)).status).toBe(200)
  })
})

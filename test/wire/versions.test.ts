/**
 * Capability negotiation on the wire: the `tasks` capability at 2025-11-25 (N1, N2, N77; decision 15)
 * and how sessions at earlier revisions, or servers without task tools, ignore `task` (N20; decision 3).
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createServer, serve } from '../../src/index.ts'
import { type Probe, startTestServer } from '../fixtures/server.ts'
import { initialize, isObject, resultOf } from '../helpers/raw-client.ts'
import { callTool, expectError } from '../helpers/tasks.ts'

let url: string
let probe: Probe
let close: () => Promise<void>

beforeEach(async () => {
  ;({ url, probe, close } = await startTestServer())
})
afterEach(() => close())

const hasTasks = (capabilities: unknown): boolean => !isObject(capabilities) || 'tasks' in capabilities

describe('initialize at 2025-11-25', () => {
  it('declares tasks with object leaves: list, cancel and requests.tools.call', async () => {
    const session = await initialize(url)
    const { protocolVersion, capabilities } = session.initializeResult
    expect(protocolVersion).toBe('2025-11-25')
    // Only the tasks entry is pinned here: the other capabilities belong to other features.
    expect(isObject(capabilities) && capabilities.tasks).toEqual({
      list: {},
      cancel: {},
      requests: { tools: { call: {} } },
    })
    expect(capabilities).toMatchObject({ tools: {} })
  })

  it('answers with its latest revision when the client asks for one it does not support', async () => {
    const session = await initialize(url, { protocolVersion: '1999-01-01' })
    expect(session.initializeResult.protocolVersion).toBe('2025-11-25')
  })

  it('refuses with HTTP 400 a request whose MCP-Protocol-Version differs from the negotiated one', async () => {
    const session = await initialize(url)
    const raw = await session.request('ping', {}, { headers: { 'mcp-protocol-version': '2025-06-18' } })
    expect(raw.status).toBe(400)
    expect(raw.response?.error?.message).toMatch(/MCP-Protocol-Version/)
    expect(resultOf(await session.request('ping'))).toEqual({})
  })
})

describe.each(['2025-06-18', '2025-03-26'])('a session at %s', (version) => {
  it('gets no tasks capability and no execution in tools/list', async () => {
    const session = await initialize(url, { protocolVersion: version })
    expect(session.initializeResult.protocolVersion).toBe(version)
    expect(hasTasks(session.initializeResult.capabilities)).toBe(false)
    const { tools } = resultOf(await session.request('tools/list'))
    expect(Array.isArray(tools) && tools.length).toBeGreaterThanOrEqual(8)
    for (const tool of Array.isArray(tools) ? tools : []) {
      expect(isObject(tool) && 'execution' in tool).toBe(false)
    }
  })

  it('ignores a task param: an optional tool runs as a plain call and answers a CallToolResult', async () => {
    const session = await initialize(url, { protocolVersion: version })
    const raw = await callTool(session, 'sum', { a: 1, b: 2 }, { task: { ttl: 60_000 } })
    expect(raw.response).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: { content: [{ type: 'text', text: '3' }] },
    })
    expect(probe.calls.get('sum')).toBe(1)
  })

  it('runs a required tool called without task as a plain call (decision 3)', async () => {
    const session = await initialize(url, { protocolVersion: version })
    const raw = await callTool(session, 'required_sum', { a: 2, b: 2 })
    expect(resultOf(raw)).toEqual({ content: [{ type: 'text', text: '4' }] })
  })

  it('runs a forbidden tool called with task as a plain call instead of refusing it', async () => {
    const session = await initialize(url, { protocolVersion: version })
    const raw = await callTool(session, 'echo', { text: 'hi' }, { task: {} })
    expect(resultOf(raw)).toEqual({ content: [{ type: 'text', text: 'hi' }] })
  })

  it('answers -32601 to tasks/get, tasks/result, tasks/list and tasks/cancel', async () => {
    const session = await initialize(url, { protocolVersion: version })
    for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel']) {
      const raw = await session.request(method, { taskId: 'whatever' })
      expect(raw.status).toBe(200)
      expect(expectError(raw, -32601).message).toContain(method)
    }
    expectError(await session.request('tasks/list', {}), -32601)
  })

  it('answers -32602 to invalid tool arguments, as its revision lists them as protocol errors', async () => {
    const session = await initialize(url, { protocolVersion: version })
    const { message } = expectError(await callTool(session, 'sum', { a: 'one', b: 2 }), -32602)
    expect(message).toContain('sum')
    expect(probe.calls.get('sum')).toBeUndefined()
  })
})

describe('a server without task tools', () => {
  it('declares no tasks capability, ignores task on its tools and has no tasks/* methods (N20)', async () => {
    const server = createServer({ name: 'plain', version: '1.0.0' })
    let runs = 0
    server.tool({ name: 'shout', input: z.object({ text: z.string() }) }, ({ text }) => {
      runs++
      return text.toUpperCase()
    })
    const served = await serve(server, { port: 0 })
    try {
      const session = await initialize(served.url)
      expect(hasTasks(session.initializeResult.capabilities)).toBe(false)
      const raw = await callTool(session, 'shout', { text: 'hi' }, { task: {} })
      expect(resultOf(raw)).toEqual({ content: [{ type: 'text', text: 'HI' }] })
      expect(runs).toBe(1)
      expectError(await session.request('tasks/get', { taskId: 'x' }), -32601)
    } finally {
      await served.close()
      await server.close()
    }
  })
})

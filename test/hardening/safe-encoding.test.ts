/**
 * Issue 9, "one guarded serialization point": every message written to an HTTP body, an SSE event or
 * a stdio line goes through one encoder that cannot throw. What a handler put in a response that
 * JSON cannot carry used to throw inside a detached promise (HTTP) or the line handler (stdio) and
 * take the process down; now the response becomes a -32603 for the same id (JSON-RPC 2.0: every
 * request is answered), a notification is dropped, and the server's logger hears why.
 *
 * Also finding 7: a throwing `authenticate` hook's message went to the unauthenticated caller in the
 * 500; the caller now gets a generic "Internal error" and the log gets the real message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, ProtocolError, serve, type TaskwireServer } from '../../src/index.ts'
import { initialize, type JsonObject, type RawSession, rawPost } from '../helpers/raw-client.ts'
import { callTool, startCall, withTimeout } from '../helpers/tasks.ts'
import {
  bounded,
  expectAlive,
  initializeStdio,
  recordingLogger,
  type StdioHarness,
  startStdio,
} from './helpers.ts'

function unencodableServer(logger = recordingLogger()) {
  const server = createServer({ name: 'unencodable', version: '0.0.0', logger })
  server.prompt({ name: 'bigint_prompt' }, () => [
    { role: 'user', content: { type: 'text', text: 'n', count: 3n } },
  ])
  server.resource({ uri: 'test://bigint', name: 'bigint' }, () => ({ uri: 'test://bigint', size: 1n }))
  server.tool({ name: 'progress_then_bad_error' }, async (_args, ctx) => {
    ctx.progress(1, 2, 'half way')
    await new Promise((resolve) => setImmediate(resolve))
    throw new ProtocolError(-32000, 'the tool failed with data JSON cannot carry', { n: 1n })
  })
  server.tool({ name: 'log_circular' }, (_args, ctx) => {
    const data: Record<string, unknown> = { note: 'circular' }
    data.self = data
    ctx.log('info', data)
    return 'logged'
  })
  return { server, logger }
}

const encodeProblems = (logger: ReturnType<typeof recordingLogger>) =>
  logger.lines.filter((line) => line.level === 'error' && line.message.includes('could not be encoded'))

describe('over HTTP', () => {
  let server: TaskwireServer
  let logger: ReturnType<typeof recordingLogger>
  let close: () => Promise<void>
  let session: RawSession

  beforeAll(async () => {
    ;({ server, logger } = unencodableServer())
    const served = await serve(server, { port: 0 })
    close = async () => {
      await served.close()
      await server.close()
    }
    session = await initialize(served.url)
  })
  afterAll(() => close())

  it('answers a JSON response it cannot encode with -32603 for the same id, and logs why', async () => {
    const raw = await bounded(session, 'prompts/get', { name: 'bigint_prompt' })
    expect(raw.status).toBe(200)
    expect(raw.response?.id).toBeTypeOf('number')
    expect(raw.response?.error?.code).toBe(-32603)
    expect(raw.response?.error?.message).toMatch(/a BigInt .* at result\.messages\[0\]\.content\.count/)
    expect(encodeProblems(logger).at(-1)?.fields).toMatchObject({ id: raw.response?.id })
    await expectAlive(session)
    const resource = await bounded(session, 'resources/read', { uri: 'test://bigint' })
    expect(resource.response?.error?.code).toBe(-32603)
    await expectAlive(session)
  })

  it('answers on the SSE stream when the response came after progress', async () => {
    const pending = startCall(session, 'progress_then_bad_error', {}, { progressToken: 'p' })
    const raw = await withTimeout(pending.done, 'the answer on the SSE stream')
    expect(raw.contentType).toBe('text/event-stream')
    expect(raw.messages.map((message) => message.method ?? 'response')).toEqual([
      'notifications/progress',
      'response',
    ])
    expect(raw.response?.id).toBe(pending.id)
    expect(raw.response?.error?.code).toBe(-32603)
    expect(raw.response?.error?.message).toMatch(/a BigInt .* at error\.data\.n/)
    await expectAlive(session)
  })

  it('drops a notification it cannot encode; the call itself completes', async () => {
    const raw = await callTool(session, 'log_circular')
    expect(raw.response?.result).toEqual({ content: [{ type: 'text', text: 'logged' }] })
    expect(encodeProblems(logger).at(-1)?.fields).toMatchObject({ method: 'notifications/message' })
    await expectAlive(session)
  })
})

describe('over stdio', () => {
  let stdio: StdioHarness
  let server: TaskwireServer

  beforeAll(async () => {
    ;({ server } = unencodableServer())
    stdio = startStdio(server)
    await initializeStdio(stdio)
  })
  afterAll(async () => {
    await stdio.close()
    await server.close()
  })

  it('answers a response it cannot encode with -32603 for the same id, and serves the next line', async () => {
    const answer = await stdio.call(1, 'prompts/get', { name: 'bigint_prompt' })
    expect(answer.error?.code).toBe(-32603)
    expect(answer.error?.message).toMatch(/a BigInt/)
    expect((await stdio.call(2, 'ping')).result).toEqual({})
    const logged = await stdio.call(3, 'tools/call', { name: 'log_circular', arguments: {} })
    expect(logged.result).toEqual({ content: [{ type: 'text', text: 'logged' }] })
  })
})

describe('a throwing authenticate hook', () => {
  const SECRET = 'token service at 10.0.0.7 said: bad password for svc-mcp'
  const authenticate = (): never => {
    throw new Error(SECRET)
  }

  async function initializeWith(options: { logger?: ReturnType<typeof recordingLogger> }) {
    const serverLogger = recordingLogger()
    const server = createServer({ name: 'auth', version: '0.0.0', logger: serverLogger })
    const served = await serve(server, { port: 0, authenticate, ...options })
    try {
      const params = {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 't', version: '0' },
      }
      const response = await rawPost(served.url, { jsonrpc: '2.0', id: 1, method: 'initialize', params })
      return { status: response.status, body: (await response.json()) as JsonObject, serverLogger }
    } finally {
      await served.close()
      await server.close()
    }
  }

  it('answers a generic 500 and logs the real message through the server logger', async () => {
    const { status, body, serverLogger } = await initializeWith({})
    expect(status).toBe(500)
    expect(body).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32603, message: 'Internal error' } })
    expect(JSON.stringify(body)).not.toContain('10.0.0.7')
    expect(serverLogger.lines).toContainEqual(
      expect.objectContaining({ level: 'error', fields: expect.objectContaining({ error: SECRET }) }),
    )
  })

  it('logs through HttpOptions.logger when one is given', async () => {
    const httpLogger = recordingLogger()
    const { status, serverLogger } = await initializeWith({ logger: httpLogger })
    expect(status).toBe(500)
    expect(httpLogger.lines.map((line) => line.fields?.error)).toContain(SECRET)
    expect(serverLogger.lines.map((line) => line.fields?.error)).not.toContain(SECRET)
  })
})

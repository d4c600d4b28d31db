/**
 * Isolation between requestors (2025-11-25 tasks "Security: Isolation", N74, N78, N79; decisions 13
 * and 14): without authentication a task belongs to its session, with it to the principal.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { InMemoryTaskStore, TaskAbortedError } from '../../src/index.ts'
import { nextStart, type Probe, startTestServer, type TestServerOptions } from '../fixtures/server.ts'
import { initialize, type RawSession, rawPost, resultOf } from '../helpers/raw-client.ts'
import {
  abortedReason,
  callTool,
  createTask,
  expectError,
  getTask,
  listAll,
  relatedTask,
} from '../helpers/tasks.ts'

let url: string
let probe: Probe
let close: (() => Promise<void>) | undefined

async function start(options: TestServerOptions = {}) {
  ;({ url, probe, close } = await startTestServer(options))
}
afterEach(async () => {
  await close?.()
  close = undefined
})

const bearer = (request: Request) => {
  const match = /^Bearer ([a-z]+)$/.exec(request.headers.get('authorization') ?? '')
  return match?.[1] === undefined ? undefined : { id: match[1] }
}
const as = (name: string) => ({ headers: { authorization: `Bearer ${name}` } })

async function heldTask(session: RawSession) {
  const started = nextStart(probe)
  const task = await createTask(session, 'hold')
  await started
  return task
}

/** The error a requestor gets for a task id that does not exist, to compare foreign ones against. */
async function unknownError(session: RawSession, method: string) {
  return expectError(await session.request(method, { taskId: 'AAAAAAAAAAAAAAAAAAAAAA' }), -32602)
}

describe('between two sessions without authentication', () => {
  it("answers -32602 like an unknown id to get, result and cancel of another session's task", async () => {
    await start()
    const [a, b] = [await initialize(url), await initialize(url)]
    const task = await heldTask(a)
    for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel']) {
      const raw = await b.request(method, { taskId: task.taskId })
      const { message } = expectError(raw, -32602)
      const unknown = await unknownError(b, method)
      expect(message.replace(task.taskId, '<id>')).toBe(
        unknown.message.replace('AAAAAAAAAAAAAAAAAAAAAA', '<id>'),
      )
      expect(JSON.stringify(raw.messages)).not.toContain('"status"')
    }
    expect(await listAll(b)).toEqual([])
    expect(await getTask(a, task.taskId)).toEqual(task)
    probe.gate.open()
    const result = resultOf(await a.request('tasks/result', { taskId: task.taskId }))
    expect(result).toEqual({ content: [{ type: 'text', text: 'released' }], _meta: relatedTask(task.taskId) })
    expect(probe.aborted.has('hold')).toBe(false)
  })

  it("never sends a session's task notifications to another session's GET stream", async () => {
    await start()
    const [a, b] = [await initialize(url), await initialize(url)]
    const [streamA, streamB] = [await a.openGetStream(), await b.openGetStream()]
    const started = nextStart(probe)
    const task = await createTask(a, 'progress', { steps: 2 }, { progressToken: 'shared-token' })
    await started
    probe.gate.open()
    await streamA.find((m) => m.params?.taskId === task.taskId && m.params?.status === 'completed')
    const own = await createTask(b, 'sum', { a: 1, b: 1 })
    await streamB.find((m) => m.params?.taskId === own.taskId && m.params?.status === 'completed')
    expect(JSON.stringify(streamB.messages)).not.toContain(task.taskId)
    expect(streamB.messages.filter((m) => m.method === 'notifications/progress')).toEqual([])
  })

  it('cancels the tasks of a session when the client ends it with DELETE (decision 14)', async () => {
    await start()
    const session = await initialize(url)
    const task = await heldTask(session)
    expect(await session.close()).toBe(200)
    const reason = await abortedReason(probe, 'hold')
    expect(reason).toBeInstanceOf(TaskAbortedError)
    expect(reason).toMatchObject({ taskId: task.taskId, why: 'cancelled' })
  })

  it('deletes the tasks of a deleted session, freeing their slots (decision 14)', async () => {
    await start({ store: new InMemoryTaskStore({ maxTasks: 1 }) })
    const [a, b] = [await initialize(url), await initialize(url)]
    await heldTask(a)
    expectError(await callTool(b, 'sum', { a: 1, b: 1 }, { task: {} }), -32050)
    expect(await a.close()).toBe(200)
    await abortedReason(probe, 'hold')
    expect((await createTask(b, 'sum', { a: 1, b: 1 })).status).toBe('working')
  })
})

describe('between principals with an authentication hook', () => {
  it("keeps principal X's task invisible to Y in get, result, cancel and list", async () => {
    await start({ authenticate: bearer })
    const x = await initialize(url, as('xavier'))
    const y = await initialize(url, as('yvonne'))
    const task = await createTask(x, 'sum', { a: 1, b: 2 })
    for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel']) {
      expect(expectError(await y.request(method, { taskId: task.taskId }), -32602).message).toMatch(
        /not found/,
      )
    }
    expect(await listAll(y)).toEqual([])
    expect((await listAll(x)).map((t) => t.taskId)).toEqual([task.taskId])
  })

  it('lets the same principal see and fetch its task from a new session', async () => {
    await start({ authenticate: bearer })
    const first = await initialize(url, as('xavier'))
    const task = await createTask(first, 'sum', { a: 1, b: 2 })
    const second = await initialize(url, as('xavier'))
    expect(second.sessionId).not.toBe(first.sessionId)
    expect((await getTask(second, task.taskId)).taskId).toBe(task.taskId)
    expect((await listAll(second)).map((t) => t.taskId)).toEqual([task.taskId])
    const result = resultOf(await second.request('tasks/result', { taskId: task.taskId }))
    expect(result).toEqual({ content: [{ type: 'text', text: '3' }], _meta: relatedTask(task.taskId) })
  })

  it("keeps a principal's running task alive when its session is deleted", async () => {
    await start({ authenticate: bearer })
    const first = await initialize(url, as('xavier'))
    const task = await heldTask(first)
    expect(await first.close()).toBe(200)
    const second = await initialize(url, as('xavier'))
    expect((await getTask(second, task.taskId)).status).toBe('working')
    probe.gate.open()
    const result = resultOf(await second.request('tasks/result', { taskId: task.taskId }))
    expect(result).toEqual({ content: [{ type: 'text', text: 'released' }], _meta: relatedTask(task.taskId) })
    expect(probe.aborted.has('hold')).toBe(false)
  })
})

describe('authentication on the endpoint', () => {
  it('answers 401 with WWW-Authenticate to a request without credentials', async () => {
    await start({ authenticate: bearer })
    const params = {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'x', version: '0' },
    }
    const response = await rawPost(url, { jsonrpc: '2.0', id: 1, method: 'initialize', params })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="mcp"')
    expect(response.headers.get('mcp-session-id')).toBeNull()
    expect(await response.json()).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { message: expect.any(String) },
    })
    const session = await initialize(url, as('xavier'))
    const noCredentials = await rawPost(
      url,
      { jsonrpc: '2.0', id: 2, method: 'ping' },
      {
        'mcp-session-id': session.sessionId,
        'mcp-protocol-version': '2025-11-25',
      },
    )
    expect(noCredentials.status).toBe(401)
    await noCredentials.arrayBuffer()
  })

  it("answers 403 when Y presents X's session id", async () => {
    await start({ authenticate: bearer })
    const x = await initialize(url, as('xavier'))
    const task = await createTask(x, 'sum', { a: 1, b: 2 })
    const raw = await x.request('tasks/get', { taskId: task.taskId }, as('yvonne'))
    expect(raw.status).toBe(403)
    expect(raw.response?.result).toBeUndefined()
    expect((await getTask(x, task.taskId)).taskId).toBe(task.taskId)
  })
})

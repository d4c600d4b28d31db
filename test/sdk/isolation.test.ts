/**
 * Isolation between requestors, seen from SDK clients: a task belongs to the session that made it,
 * or to the authenticated principal when the server has an authentication hook.
 */
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Principal } from '../../src/index.ts'
import { Gate, nextStart, startTestServer } from '../fixtures/server.ts'
import {
  connectClient,
  createTask,
  mcpErrorOf,
  type SdkConnection,
  withTimeout,
} from '../helpers/sdk-client.ts'

async function listAll(sdk: SdkConnection): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | undefined
  for (let page = 0; page < 100; page++) {
    const result = await sdk.client.experimental.tasks.listTasks(cursor)
    ids.push(...result.tasks.map((task) => task.taskId))
    cursor = result.nextCursor
    if (cursor === undefined) return ids
  }
  throw new Error('tasks/list did not end within 100 pages')
}

describe('two sessions without authentication', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let a: SdkConnection
  let b: SdkConnection

  beforeAll(async () => {
    server = await startTestServer({ tasks: { pollIntervalMs: 20 } })
    server.probe.gate = new Gate()
    a = await connectClient(server.url)
    b = await connectClient(server.url)
  })

  afterAll(async () => {
    server?.probe.gate.open()
    await a?.close()
    await b?.close()
    await server?.close()
  })

  it("answers B's getTask, getTaskResult and cancelTask on A's task with -32602, and leaves it alone", async () => {
    const started = nextStart(server.probe)
    const task = await createTask(a.client, 'hold')
    await withTimeout(started, 'hold to start')

    const get = await mcpErrorOf(b.client.experimental.tasks.getTask(task.taskId))
    expect(get.code).toBe(-32602)
    const result = await mcpErrorOf(
      b.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema),
    )
    expect(result.code).toBe(-32602)
    const cancel = await mcpErrorOf(b.client.experimental.tasks.cancelTask(task.taskId))
    expect(cancel.code).toBe(-32602)
    // Foreign tasks look exactly like unknown ones.
    const unknown = await mcpErrorOf(b.client.experimental.tasks.getTask('no-such-task'))
    expect(get.message.replace(task.taskId, 'ID')).toBe(unknown.message.replace('no-such-task', 'ID'))

    expect(await listAll(b)).not.toContain(task.taskId)
    expect(await listAll(a)).toContain(task.taskId)
    expect((await a.client.experimental.tasks.getTask(task.taskId)).status).toBe('working')
    expect(server.probe.aborted.has('hold')).toBe(false)

    server.probe.gate.open()
    const own = await a.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema)
    expect(own.content).toEqual([{ type: 'text', text: 'released' }])
  })
})

describe('sessions of authenticated principals', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  const open: SdkConnection[] = []

  const authenticate = (request: Request): Principal | undefined => {
    const match = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')
    return match?.[1] === undefined ? undefined : { id: match[1] }
  }

  async function as(name: string): Promise<SdkConnection> {
    const connection = await connectClient(server.url, { headers: { Authorization: `Bearer ${name}` } })
    open.push(connection)
    return connection
  }

  beforeAll(async () => {
    server = await startTestServer({ tasks: { pollIntervalMs: 20 }, authenticate })
  })

  afterAll(async () => {
    for (const connection of open) await connection.close()
    await server?.close()
  })

  it('lets a new session with the same bearer see, list and fetch the task of the first one', async () => {
    const first = await as('alice')
    const task = await createTask(first.client, 'sum', { a: 20, b: 1 })
    await first.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema)

    const second = await as('alice')
    expect(second.transport.sessionId).not.toBe(first.transport.sessionId)
    const got = await second.client.experimental.tasks.getTask(task.taskId)
    expect(got).toMatchObject({ taskId: task.taskId, status: 'completed' })
    const result = await second.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema)
    expect(result.content).toEqual([{ type: 'text', text: '21' }])
    expect(await listAll(second)).toContain(task.taskId)
  })

  it('hides the task of one bearer from another bearer: -32602 and absent from listTasks', async () => {
    const alice = await as('alice')
    const task = await createTask(alice.client, 'sum', { a: 1, b: 2 })
    const bob = await as('bob')
    expect((await mcpErrorOf(bob.client.experimental.tasks.getTask(task.taskId))).code).toBe(-32602)
    const result = bob.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema)
    expect((await mcpErrorOf(result)).code).toBe(-32602)
    expect((await mcpErrorOf(bob.client.experimental.tasks.cancelTask(task.taskId))).code).toBe(-32602)
    expect(await listAll(bob)).not.toContain(task.taskId)
    expect(await listAll(alice)).toContain(task.taskId)
  })

  it('refuses a client without a bearer at connect time', async () => {
    const refused = connectClient(server.url)
    await expect(refused).rejects.toBeInstanceOf(StreamableHTTPError)
    await expect(refused).rejects.toMatchObject({ code: 401 })
  })
})

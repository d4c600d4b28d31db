/**
 * Issue 9, finding 3b: results were kept for their ttl without a byte budget, so one session could
 * run the server out of memory with large results while staying under the task-count limit. Now the
 * store counts the bytes of what it keeps, per requestor and overall; a result beyond either budget
 * makes THAT task fail with -32050 and `data: { limit, scope }`, and no other requestor's task is
 * touched (2025-11-25 tasks "Resource Management", N81). A single result above `maxResultBytes` is
 * the tool's failure: isError for a plain call, -32603 for a task.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createServer, InMemoryTaskStore, serve, type TaskwireServer } from '../../src/index.ts'
import { initialize, type RawSession } from '../helpers/raw-client.ts'
import { callTool, createTask, getTask } from '../helpers/tasks.ts'
import { bounded, expectAlive } from './helpers.ts'

/** Per requestor and overall; each `blob` result of 6,000 characters is a little over 6,000 bytes. */
const PER_REQUESTOR = 20_000
const OVERALL = 50_000
const BLOB = 6_000

let server: TaskwireServer
let url: string
let close: () => Promise<void>

beforeEach(async () => {
  const store = new InMemoryTaskStore({
    maxRetainedResultBytesPerRequestor: PER_REQUESTOR,
    maxRetainedResultBytes: OVERALL,
  })
  server = createServer({ name: 'budgets', version: '0.0.0', maxResultBytes: 10_000, tasks: { store } })
  server.tool({ name: 'blob', input: z.object({ size: z.number().int() }), task: 'optional' }, ({ size }) =>
    'x'.repeat(size),
  )
  const served = await serve(server, { port: 0 })
  url = served.url
  close = async () => {
    await served.close()
    await server.close()
  }
})
afterEach(() => close())

/** Runs a `blob` task to its end; returns its tasks/result answer and the task as it ended. */
async function blobTask(session: RawSession, size = BLOB) {
  const task = await createTask(session, 'blob', { size })
  const raw = await bounded(session, 'tasks/result', { taskId: task.taskId })
  return { taskId: task.taskId, response: raw.response, task: await getTask(session, task.taskId) }
}

const text = (result: unknown) =>
  (result as { content?: { text?: string }[] } | undefined)?.content?.[0]?.text

describe('retained result bytes', () => {
  it('fails the task that would exceed its requestor budget with -32050, keeping every other result', async () => {
    const alice = await initialize(url)
    const bob = await initialize(url)
    const kept = [await blobTask(alice), await blobTask(alice), await blobTask(alice)]
    for (const done of kept) expect(done.task.status).toBe('completed')
    const refused = await blobTask(alice)
    expect(refused.task.status).toBe('failed')
    expect(refused.task.statusMessage).toMatch(/maxRetainedResultBytesPerRequestor/)
    expect(refused.response?.error).toMatchObject({
      code: -32050,
      data: { limit: PER_REQUESTOR, scope: 'requestor' },
    })
    // Alice's earlier results are intact, and Bob's budget is his own.
    for (const done of kept) {
      const again = await bounded(alice, 'tasks/result', { taskId: done.taskId })
      expect(text(again.response?.result)).toHaveLength(BLOB)
    }
    expect((await blobTask(bob)).task.status).toBe('completed')
    await expectAlive(alice)
  })

  it('fails the task that would exceed the overall budget, never another requestor’s', async () => {
    const sessions = [await initialize(url), await initialize(url), await initialize(url)]
    const held: { session: RawSession; taskId: string }[] = []
    // 3 + 3 + 2 results of about 6 KB: about 48 KB of the 50 KB.
    for (const [index, session] of sessions.entries()) {
      for (let n = 0; n < (index < 2 ? 3 : 2); n++) {
        const done = await blobTask(session)
        expect(done.task.status).toBe('completed')
        held.push({ session, taskId: done.taskId })
      }
    }
    const third = sessions[2] as RawSession
    const refused = await blobTask(third)
    expect(refused.response?.error).toMatchObject({ code: -32050, data: { limit: OVERALL, scope: 'server' } })
    for (const { session, taskId } of held) {
      expect((await getTask(session, taskId)).status).toBe('completed')
    }
  })
})

describe('one result above maxResultBytes', () => {
  it('answers a plain call with isError naming the option', async () => {
    const session = await initialize(url)
    const raw = await callTool(session, 'blob', { size: 20_000 })
    expect(raw.response?.result?.isError).toBe(true)
    expect(text(raw.response?.result)).toMatch(/larger than 10000 bytes .*maxResultBytes/)
  })

  it('fails a task with -32603 naming the option', async () => {
    const session = await initialize(url)
    const done = await blobTask(session, 20_000)
    expect(done.task.status).toBe('failed')
    expect(done.response?.error?.code).toBe(-32603)
    expect(done.response?.error?.message).toMatch(/larger than 10000 bytes .*maxResultBytes/)
  })
})

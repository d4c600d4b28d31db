/**
 * Creating tasks and reading them back: the CreateTaskResult (N25, N34-N37, N40, N41), task ids
 * (N22-N24, N76), ttl negotiation (N36, decision 12) and tasks/get (N29, N47-N50, N68).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nextStart, type Probe, startTestServer } from '../fixtures/server.ts'
import { initialize, type RawSession, RELATED_TASK, resultOf } from '../helpers/raw-client.ts'
import {
  asTask,
  callTool,
  createTask,
  expectError,
  getTask,
  ISO_8601,
  listAll,
  relatedTask,
} from '../helpers/tasks.ts'

const TTL = { defaultTtlMs: 30_000, maxTtlMs: 120_000, minTtlMs: 1_000, pollIntervalMs: 250 }

let probe: Probe
let close: () => Promise<void>
let session: RawSession

beforeEach(async () => {
  // One session creates 200 tasks at once below, beyond the default creation rate (a burst of 100):
  // ids are what is checked there, not fair shares (test/hardening/task-rate-limit.test.ts).
  const started = await startTestServer({ tasks: { ...TTL, createRate: false } })
  ;({ probe, close } = started)
  session = await initialize(started.url)
})
afterEach(() => close())

describe('CreateTaskResult', () => {
  it('answers at once with the Task wrapped under "task" while the handler still runs', async () => {
    const started = nextStart(probe)
    const raw = await callTool(session, 'hold', {}, { task: { ttl: 60_000 } })
    expect(raw.status).toBe(200)
    expect(raw.contentType).toMatch(/^application\/json/)
    expect(raw.response).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: {
        task: {
          taskId: expect.any(String),
          status: 'working',
          createdAt: expect.stringMatching(ISO_8601),
          lastUpdatedAt: expect.stringMatching(ISO_8601),
          ttl: 60_000,
          pollInterval: 250,
        },
      },
    })
    const task = asTask(resultOf(raw).task)
    expect(task.lastUpdatedAt).toBe(task.createdAt)
    expect(await started).toBe(task.taskId)
    expect((await getTask(session, task.taskId)).status).toBe('working')
    probe.gate.open()
    const result = resultOf(await session.request('tasks/result', { taskId: task.taskId }))
    expect(result).toEqual({ content: [{ type: 'text', text: 'released' }], _meta: relatedTask(task.taskId) })
    expect(probe.calls.get('hold')).toBe(1)
  })

  it('stamps createdAt with the creation time', async () => {
    const before = Date.now()
    const task = await createTask(session, 'sum', { a: 1, b: 1 })
    const after = Date.now()
    const createdAt = Date.parse(task.createdAt)
    expect(createdAt).toBeGreaterThanOrEqual(before)
    expect(createdAt).toBeLessThanOrEqual(after)
  })

  it('generates string task ids with at least 128 bits (22+ base64url characters), unique over 200 tasks', async () => {
    const ids = new Set<string>()
    for (let batch = 0; batch < 10; batch++) {
      const created = await Promise.all(
        Array.from({ length: 20 }, () => createTask(session, 'sum', { a: 1, b: 2 })),
      )
      for (const task of created) {
        expect(task.taskId).toMatch(/^[A-Za-z0-9_-]{22,}$/)
        ids.add(task.taskId)
      }
    }
    expect(ids.size).toBe(200)
  })
})

describe('ttl', () => {
  const ttlOf = async (task: unknown) =>
    asTask(resultOf(await callTool(session, 'sum', { a: 1, b: 1 }, { task })).task).ttl

  it('grants a requested ttl within the bounds as asked, and tasks/get reports it (N37)', async () => {
    const task = await createTask(session, 'sum', { a: 1, b: 1 }, { task: { ttl: 60_000 } })
    expect(task.ttl).toBe(60_000)
    expect((await getTask(session, task.taskId)).ttl).toBe(60_000)
  })

  it('lowers a ttl above maxTtlMs to it, and raises one below minTtlMs to that', async () => {
    expect(await ttlOf({ ttl: 500_000 })).toBe(120_000)
    expect(await ttlOf({ ttl: 120_001 })).toBe(120_000)
    expect(await ttlOf({ ttl: 0 })).toBe(1_000)
  })

  it('grants the default ttl to task: {}', async () => {
    expect(await ttlOf({})).toBe(30_000)
  })

  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['a string', '60000'],
    ['a boolean', true],
    ['an object', {}],
    ['beyond the safe integers', 2 ** 53],
  ])('answers -32602 to a ttl that is %s and creates no task', async (_what, ttl) => {
    const raw = await callTool(session, 'hold', {}, { task: { ttl } })
    expect(expectError(raw, -32602).message).toContain('ttl')
    expect(probe.calls.get('hold')).toBeUndefined()
    expect(await listAll(session)).toEqual([])
  })

  it('answers -32602 to a task param that is not an object', async () => {
    for (const task of ['yes', 5, [1]])
      expectError(await callTool(session, 'sum', { a: 1, b: 1 }, { task }), -32602)
    expect(await listAll(session)).toEqual([])
  })
})

describe('tasks/get', () => {
  it('answers the flat Task as JSON, without related-task _meta', async () => {
    const task = await createTask(session, 'sum', { a: 1, b: 2 })
    await session.request('tasks/result', { taskId: task.taskId })
    const raw = await session.request('tasks/get', { taskId: task.taskId })
    expect(raw.contentType).toMatch(/^application\/json/)
    expect(resultOf(raw)).toEqual({
      taskId: task.taskId,
      status: 'completed',
      createdAt: task.createdAt,
      lastUpdatedAt: expect.stringMatching(ISO_8601),
      ttl: 30_000,
      pollInterval: 250,
    })
  })

  it('takes the task from params.taskId and ignores related-task _meta in the request (N49)', async () => {
    const [first, second] = [
      await createTask(session, 'sum', { a: 1, b: 1 }),
      await createTask(session, 'fail'),
    ]
    const raw = await session.request('tasks/get', {
      taskId: first.taskId,
      _meta: relatedTask(second.taskId),
    })
    expect(resultOf(raw).taskId).toBe(first.taskId)
    expect(resultOf(raw)._meta).toBeUndefined()
  })

  it.each([
    ['an unknown id', 'AAAAAAAAAAAAAAAAAAAAAA'],
    ['a 10,000-character id', 'x'.repeat(10_000)],
    ['a numeric id', 42],
    ['an object id', {}],
    ['an empty id', ''],
    ['a missing id', undefined],
  ])('answers -32602 to %s and keeps serving', async (_what, taskId) => {
    const raw = await session.request('tasks/get', taskId === undefined ? {} : { taskId })
    expect(raw.status).toBe(200)
    expect(expectError(raw, -32602).message).not.toBe('')
    const task = await createTask(session, 'sum', { a: 1, b: 1 })
    expect((await getTask(session, task.taskId)).taskId).toBe(task.taskId)
  })

  it('says "Task not found" for an unknown id, and carries no related-task anywhere', async () => {
    const raw = await session.request('tasks/get', { taskId: 'AAAAAAAAAAAAAAAAAAAAAA' })
    expect(expectError(raw, -32602).message).toMatch(/Task not found/)
    expect(JSON.stringify(raw.messages)).not.toContain(RELATED_TASK)
  })
})

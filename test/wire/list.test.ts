/**
 * tasks/list: flat Tasks of the requestor only (N50, N79), cursor pagination with nextCursor exactly
 * while more remain (N56, N57), every retrievable task listed (N59), bad cursors -32602 (N68).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { InMemoryTaskStore } from '../../src/index.ts'
import { startTestServer } from '../fixtures/server.ts'
import { initialize, type RawSession, resultOf } from '../helpers/raw-client.ts'
import { asTask, createTask, expectError, getTask, listAll, type WireTask } from '../helpers/tasks.ts'

const T0 = Date.parse('2030-01-01T00:00:00.000Z')

let url: string
let close: () => Promise<void>
let session: RawSession
/** The store clock, so that tests can let tasks expire between pages. */
let clock = T0

beforeEach(async () => {
  clock = T0
  const store = new InMemoryTaskStore({ pageSize: 2, now: () => clock })
  ;({ url, close } = await startTestServer({ store }))
  session = await initialize(url)
})
afterEach(() => close())

async function createMany(count: number, on = session, ttl = 60_000): Promise<WireTask[]> {
  const tasks: WireTask[] = []
  for (let i = 0; i < count; i++) tasks.push(await createTask(on, 'sum', { a: i, b: 1 }, { task: { ttl } }))
  return tasks
}

const idsOf = (tasks: WireTask[]) => tasks.map((task) => task.taskId)

async function page(cursor?: string) {
  const raw = await session.request('tasks/list', cursor === undefined ? {} : { cursor })
  expect(raw.contentType).toMatch(/^application\/json/)
  const result = resultOf(raw)
  const tasks = Array.isArray(result.tasks) ? result.tasks.map(asTask) : []
  const nextCursor = typeof result.nextCursor === 'string' ? result.nextCursor : undefined
  return { result, tasks, nextCursor }
}

/** Pages through tasks/list (bounded), recording each page's size and whether it had nextCursor. */
async function walk(between?: () => Promise<unknown>) {
  const sizes: number[] = []
  const cursors: boolean[] = []
  const ids: string[] = []
  let cursor: string | undefined
  for (let pageNo = 0; pageNo < 20; pageNo++) {
    const current = await page(cursor)
    sizes.push(current.tasks.length)
    cursors.push(current.nextCursor !== undefined)
    ids.push(...current.tasks.map((task) => task.taskId))
    if (pageNo === 0) await between?.()
    cursor = current.nextCursor
    if (cursor === undefined) break
  }
  return { sizes, cursors, ids }
}

describe('tasks/list', () => {
  it('answers { tasks: [] } and no nextCursor when the requestor has no task', async () => {
    expect((await page()).result).toEqual({ tasks: [] })
    expect(resultOf(await session.request('tasks/list'))).toEqual({ tasks: [] })
  })

  it('lists flat Tasks equal to what tasks/get answers, without _meta', async () => {
    const [task] = await createMany(1)
    await session.request('tasks/result', { taskId: task?.taskId })
    const { result } = await page()
    expect(result).toEqual({ tasks: [await getTask(session, task?.taskId ?? '')] })
  })

  it('pages 5 tasks as 2 + 2 + 1 with nextCursor on all but the last page, each task exactly once', async () => {
    const created = await createMany(5)
    const { sizes, cursors, ids } = await walk()
    expect(sizes).toEqual([2, 2, 1])
    expect(cursors).toEqual([true, true, false])
    expect([...ids].sort()).toEqual(created.map((task) => task.taskId).sort())
  })

  it('gives no nextCursor on a full last page: 4 tasks are 2 + 2', async () => {
    await createMany(4)
    const { sizes, cursors } = await walk()
    expect(sizes).toEqual([2, 2])
    expect(cursors).toEqual([true, false])
  })

  it('neither repeats nor loses a task when one is created between page fetches', async () => {
    const created = await createMany(5)
    let added: WireTask | undefined
    const { ids } = await walk(async () => {
      added = await createTask(session, 'sum', { a: 0, b: 0 })
    })
    expect(new Set(ids).size).toBe(ids.length)
    for (const task of created) expect(ids.filter((id) => id === task.taskId)).toHaveLength(1)
    expect(ids.filter((id) => id === added?.taskId).length).toBeLessThanOrEqual(1)
    expect((await listAll(session)).map((task) => task.taskId)).toContain(added?.taskId)
  })

  it.each([
    ['garbage', 'not-a-cursor'],
    ['an empty string', ''],
    ['a number', 2],
    ['an object', { seq: 2 }],
  ])('answers -32602 to a cursor that is %s', async (_what, cursor) => {
    await createMany(3)
    const { message } = expectError(await session.request('tasks/list', { cursor }), -32602)
    expect(message).toMatch(/cursor/)
  })

  it('answers -32602 to a tampered cursor and to a cursor of another server', async () => {
    await createMany(3)
    const { nextCursor } = await page()
    const valid = nextCursor ?? ''
    // Position 6 encodes the store's random epoch: any other character there names another store.
    const tampered = `${valid.slice(0, 6)}${valid[6] === 'A' ? 'B' : 'A'}${valid.slice(7)}`
    expectError(await session.request('tasks/list', { cursor: tampered }), -32602)
    const other = await startTestServer({ store: new InMemoryTaskStore({ pageSize: 2 }) })
    try {
      const elsewhere = await initialize(other.url)
      await createMany(3, elsewhere)
      expectError(await elsewhere.request('tasks/list', { cursor: valid }), -32602)
    } finally {
      await other.close()
    }
    expect((await page(valid)).tasks).toHaveLength(1)
  })

  it('lists only the requestor’s tasks: another session’s are never included (N79)', async () => {
    const mine = await createMany(3)
    const other = await initialize(url)
    const theirs = await createMany(2, other)
    expect((await listAll(session)).map((task) => task.taskId).sort()).toEqual(
      mine.map((t) => t.taskId).sort(),
    )
    expect((await listAll(other)).map((task) => task.taskId).sort()).toEqual(
      theirs.map((t) => t.taskId).sort(),
    )
  })
})

describe('tasks/list while tasks expire', () => {
  it('keeps a cursor valid when tasks expire between pages, listing each live task once', async () => {
    const expiring = await createMany(4, session, 5_000)
    const lasting = await createMany(2)
    const one = await page()
    expect(idsOf(one.tasks)).toEqual(idsOf(expiring.slice(0, 2)))
    clock = T0 + 5_000
    const two = await page(one.nextCursor)
    expect(idsOf(two.tasks)).toEqual(idsOf(lasting))
    expect(two.nextCursor).toBeUndefined()
  })

  it('gives no nextCursor when only expired tasks follow the page', async () => {
    const lasting = await createMany(2)
    await createMany(2, session, 5_000)
    clock = T0 + 5_000
    const only = await page()
    expect(idsOf(only.tasks)).toEqual(idsOf(lasting))
    expect(only.result).toEqual({ tasks: only.tasks })
  })
})

/**
 * The behaviour every TaskStore must show, run against each implementation (in the manner of
 * BullMQ's backend-conformance tests). Register it from a test file:
 *
 * @example
 * describeTaskStoreConformance('InMemoryTaskStore', (options) => new InMemoryTaskStore(options))
 *
 * All time is fake (vi.useFakeTimers, starting at T0), so ttl boundaries are checked to the
 * millisecond without sleeping. Clauses cited are from the 2025-11-25 tasks reference notes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ErrorCode, ProtocolError } from '../src/protocol/errors.ts'
import type { TaskStore } from '../src/tasks/store.ts'
import type { NewTask, TaskOutcome, TaskRecord } from '../src/tasks/types.ts'

export interface TaskStoreLimits {
  maxTasks?: number
  maxTasksPerRequestor?: number
  pageSize?: number
}

export type MakeTaskStore = (options: TaskStoreLimits) => TaskStore | Promise<TaskStore>

type OpenStore = (options?: TaskStoreLimits) => Promise<TaskStore>

const T0 = Date.UTC(2025, 10, 25, 12, 0, 0)
const ALICE = 'principal:alice'
const BOB = 'principal:bob'
const CAROL = 'session:carol'
const DONE: TaskOutcome = {
  kind: 'result',
  result: { content: [{ type: 'text', text: 'done' }], isError: false },
}
const BROKEN: TaskOutcome = {
  kind: 'error',
  error: { code: ErrorCode.InvalidParams, message: 'Unknown tool' },
}

export function describeTaskStoreConformance(name: string, makeStore: MakeTaskStore): void {
  describe(`TaskStore conformance: ${name}`, () => {
    const open = useStores(makeStore)
    describeCreation(open)
    describeIsolation(open)
    describeTransitions(open)
    describeResults(open)
    describeListing(open)
    describePaginationStability(open)
    describeExpiry(open)
    describeExpiryListeners(open)
    describeLimits(open)
    describeDeletion(open)
  })
}

/** Fake time from T0 for every test; every store opened is closed afterwards. */
function useStores(makeStore: MakeTaskStore): OpenStore {
  const opened: TaskStore[] = []
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(T0)
  })
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
    vi.useRealTimers()
  })
  return async (options = {}) => {
    const store = await makeStore(options)
    opened.push(store)
    return store
  }
}

const newTask = (owner: string, overrides: Partial<NewTask> = {}): NewTask => ({
  owner,
  method: 'tools/call',
  toolName: 'echo',
  ttlMs: 60_000,
  ...overrides,
})

/** Creates `count` tasks one after another, so their creation order is known. */
async function createMany(store: TaskStore, owner: string, count: number, ttlMs: number | null = 60_000) {
  const tasks: TaskRecord[] = []
  for (let i = 0; i < count; i += 1) tasks.push(await store.create(newTask(owner, { ttlMs })))
  return tasks
}

const ids = (tasks: readonly TaskRecord[]): string[] => tasks.map((task) => task.taskId)

/** Every page of the owner's list, following nextCursor to the end. */
async function listAll(store: TaskStore, owner: string, limit?: number): Promise<TaskRecord[][]> {
  const pages: TaskRecord[][] = []
  let cursor: string | undefined
  do {
    const page = await store.list(owner, { cursor, limit })
    pages.push([...page.tasks])
    cursor = page.nextCursor
  } while (cursor !== undefined && pages.length < 1_000)
  return pages
}

/** The ProtocolError `promise` rejects with; fails the test if it resolves or throws anything else. */
async function protocolError(promise: Promise<unknown>): Promise<ProtocolError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(ProtocolError)
  return error as ProtocolError
}

/**
 * An upper bound on the ids' entropy: for each character position, log2 of how many distinct
 * characters appear there across the sample. Counters, timestamps and short ids score low.
 */
function observedBits(sample: readonly string[]): number {
  const length = Math.max(...sample.map((id) => id.length))
  let bits = 0
  for (let at = 0; at < length; at += 1) bits += Math.log2(new Set(sample.map((id) => id[at] ?? '')).size)
  return bits
}

function describeCreation(open: OpenStore): void {
  describe('create', () => {
    it('starts a task working, stamped now, with every field it was given (N25)', async () => {
      const store = await open()
      const fields = { sessionId: 's-1', pollIntervalMs: 1_000, statusMessage: 'queued', ttlMs: 30_000 }
      const task = await store.create(newTask(ALICE, fields))
      expect(task).toMatchObject({ ...fields, status: 'working', owner: ALICE, method: 'tools/call' })
      expect(task).toMatchObject({ toolName: 'echo', createdAt: T0, lastUpdatedAt: T0 })
      expect(await store.get(task.taskId, ALICE)).toEqual(task)
    })

    it('keeps a null ttl as null (unlimited retention, N37)', async () => {
      const store = await open()
      const task = await store.create(newTask(ALICE, { ttlMs: null }))
      expect(task.ttlMs).toBeNull()
      expect((await store.get(task.taskId, ALICE))?.ttlMs).toBeNull()
    })

    it('gives every task a fresh string id carrying at least 128 bits (N22-N24, N76)', async () => {
      const count = 2_048
      const store = await open({ maxTasks: count, maxTasksPerRequestor: count })
      const sample = ids(await createMany(store, ALICE, count))
      expect(sample.every((id) => typeof id === 'string' && id.length > 0)).toBe(true)
      expect(new Set(sample).size).toBe(count)
      expect(observedBits(sample)).toBeGreaterThanOrEqual(128)
    })

    it('finds a task by id for its owner and nothing for an id it never issued', async () => {
      const store = await open()
      const task = await store.create(newTask(ALICE))
      expect(await store.get(task.taskId, ALICE)).toEqual(task)
      expect(await store.get('no-such-task', ALICE)).toBeUndefined()
    })
  })
}

function describeIsolation(open: OpenStore): void {
  // N74, N78, N79: the official SDK's in-memory store shipped without these checks.
  describe('isolation between owners', () => {
    it('hides a task from every other owner on get', async () => {
      const store = await open()
      const task = await store.create(newTask(ALICE))
      expect(await store.get(task.taskId, BOB)).toBeUndefined()
      expect(await store.get(task.taskId, ALICE)).toBeDefined()
    })

    it('lists only the tasks of the owner who asks', async () => {
      const store = await open()
      const alices = await createMany(store, ALICE, 2)
      const bobs = await createMany(store, BOB, 1)
      expect(ids((await store.list(ALICE)).tasks)).toEqual(ids(alices))
      expect(ids((await store.list(BOB)).tasks)).toEqual(ids(bobs))
      expect((await store.list(CAROL)).tasks).toEqual([])
    })

    it('gives a result only to the owner of the task', async () => {
      const store = await open()
      const task = await store.create(newTask(ALICE))
      await store.storeResult(task.taskId, 'completed', DONE)
      expect(await store.getResult(task.taskId, BOB)).toBeUndefined()
      expect(await store.getResult(task.taskId, ALICE)).toEqual(DONE)
    })
  })
}

function describeTransitions(open: OpenStore): void {
  describe('status changes', () => {
    it('moves working → input_required → working, stamping lastUpdatedAt and the message (N26)', async () => {
      const store = await open()
      const { taskId } = await store.create(newTask(ALICE))
      vi.setSystemTime(T0 + 1_000)
      const asked = await store.updateStatus(taskId, 'input_required', 'Which city?')
      expect(asked).toMatchObject({
        applied: true,
        task: { status: 'input_required', statusMessage: 'Which city?' },
      })
      expect(asked.task).toMatchObject({ createdAt: T0, lastUpdatedAt: T0 + 1_000 })
      vi.setSystemTime(T0 + 2_000)
      const resumed = await store.updateStatus(taskId, 'working')
      expect(resumed).toMatchObject({ applied: true, task: { status: 'working', lastUpdatedAt: T0 + 2_000 } })
      expect(await store.get(taskId, ALICE)).toEqual(resumed.task)
    })

    it('clears the status message when an applied change gives none', async () => {
      const store = await open()
      const { taskId } = await store.create(newTask(ALICE, { statusMessage: 'queued' }))
      const change = await store.updateStatus(taskId, 'input_required')
      expect(change.applied).toBe(true)
      expect(change.task?.statusMessage).toBeUndefined()
      expect((await store.get(taskId, ALICE))?.statusMessage).toBeUndefined()
    })

    it('refuses a change the lifecycle does not list and reports the task as it stands', async () => {
      const store = await open()
      const task = await store.create(newTask(ALICE, { statusMessage: 'queued' }))
      vi.setSystemTime(T0 + 1_000)
      expect(await store.updateStatus(task.taskId, 'working', 'again')).toEqual({ applied: false, task })
      expect(await store.get(task.taskId, ALICE)).toEqual(task)
    })

    it('refuses to leave a terminal status (N27)', async () => {
      const store = await open()
      for (const end of ['completed', 'failed', 'cancelled'] as const) {
        const { taskId } = await store.create(newTask(ALICE))
        const ended =
          end === 'cancelled' ? store.updateStatus(taskId, end) : store.storeResult(taskId, end, DONE)
        const { task } = await ended
        for (const next of ['working', 'input_required', 'cancelled'] as const) {
          expect(await store.updateStatus(taskId, next)).toEqual({ applied: false, task })
        }
        expect(await store.storeResult(taskId, 'completed', DONE)).toEqual({ applied: false, task })
        expect(await store.storeResult(taskId, 'failed', BROKEN)).toEqual({ applied: false, task })
        expect((await store.get(taskId, ALICE))?.status).toBe(end)
      }
    })

    it('keeps a cancelled task cancelled when its result arrives late (N63)', async () => {
      const store = await open()
      const { taskId } = await store.create(newTask(ALICE))
      await store.updateStatus(taskId, 'cancelled', 'Cancelled by the client')
      const late = await store.storeResult(taskId, 'completed', DONE)
      expect(late).toMatchObject({ applied: false, task: { status: 'cancelled' } })
      expect((await store.get(taskId, ALICE))?.status).toBe('cancelled')
      expect(await store.getResult(taskId, ALICE)).toBeUndefined()
    })

    it('reports a change to an unknown task as not applied, with no task', async () => {
      const store = await open()
      expect(await store.updateStatus('no-such-task', 'cancelled')).toEqual({
        applied: false,
        task: undefined,
      })
      expect(await store.storeResult('no-such-task', 'completed', DONE)).toEqual({
        applied: false,
        task: undefined,
      })
    })
  })
}

function describeResults(open: OpenStore): void {
  describe('results', () => {
    it('stores the outcome in the same step as the terminal status', async () => {
      const store = await open()
      const { taskId } = await store.create(newTask(ALICE))
      const storing = store.storeResult(taskId, 'completed', DONE, 'Done')
      // Readers racing the write: whenever a task reads as completed, its result must be there.
      const reads = Array.from({ length: 5 }, async () => {
        const task = await store.get(taskId, ALICE)
        return { status: task?.status, outcome: await store.getResult(taskId, ALICE) }
      })
      for (const read of await Promise.all(reads)) {
        if (read.status === 'completed') expect(read.outcome).toEqual(DONE)
      }
      expect(await storing).toMatchObject({
        applied: true,
        task: { status: 'completed', statusMessage: 'Done' },
      })
      expect(await store.getResult(taskId, ALICE)).toEqual(DONE)
    })

    it('keeps the JSON-RPC error of a failed task as its outcome', async () => {
      const store = await open()
      const { taskId } = await store.create(newTask(ALICE))
      expect((await store.storeResult(taskId, 'failed', BROKEN, 'Unknown tool')).applied).toBe(true)
      expect(await store.getResult(taskId, ALICE)).toEqual(BROKEN)
      expect((await store.get(taskId, ALICE))?.status).toBe('failed')
    })

    it('has no result while working, while waiting for input, or once cancelled', async () => {
      const store = await open()
      const { taskId } = await store.create(newTask(ALICE))
      expect(await store.getResult(taskId, ALICE)).toBeUndefined()
      await store.updateStatus(taskId, 'input_required')
      expect(await store.getResult(taskId, ALICE)).toBeUndefined()
      await store.updateStatus(taskId, 'cancelled')
      expect(await store.getResult(taskId, ALICE)).toBeUndefined()
    })
  })
}

function describeListing(open: OpenStore): void {
  describe('list', () => {
    it("lists the owner's tasks in creation order, oldest first", async () => {
      const store = await open()
      const created: TaskRecord[] = []
      for (let i = 0; i < 5; i += 1) {
        vi.setSystemTime(T0 + i)
        created.push(await store.create(newTask(ALICE)))
      }
      expect((await store.list(ALICE)).tasks).toEqual(created)
    })

    it('gives nextCursor exactly when more tasks remain (N57)', async () => {
      const store = await open({ pageSize: 3 })
      const seven = await createMany(store, ALICE, 7)
      const pages = await listAll(store, ALICE)
      expect(pages.map(ids)).toEqual([ids(seven.slice(0, 3)), ids(seven.slice(3, 6)), ids(seven.slice(6))])
      const six = await createMany(store, BOB, 6)
      const first = await store.list(BOB)
      const second = await store.list(BOB, { cursor: first.nextCursor })
      expect(first.nextCursor).toEqual(expect.any(String))
      expect(ids(second.tasks)).toEqual(ids(six.slice(3)))
      expect(second).not.toHaveProperty('nextCursor')
    })

    it('caps a page at the requested limit and at its own page size', async () => {
      const store = await open({ pageSize: 3 })
      const tasks = await createMany(store, ALICE, 5)
      expect(ids((await store.list(ALICE, { limit: 2 })).tasks)).toEqual(ids(tasks.slice(0, 2)))
      const capped = await store.list(ALICE, { limit: 10 })
      expect(ids(capped.tasks)).toEqual(ids(tasks.slice(0, 3)))
      expect(capped.nextCursor).toEqual(expect.any(String))
    })

    it('gives an empty page without nextCursor to an owner with no tasks', async () => {
      const store = await open()
      await createMany(store, ALICE, 2)
      const page = await store.list(BOB)
      expect(page.tasks).toEqual([])
      expect(page).not.toHaveProperty('nextCursor')
    })

    it('rejects a cursor it did not issue with -32602 (N68)', async () => {
      const store = await open({ pageSize: 2 })
      await createMany(store, ALICE, 5)
      const { nextCursor } = await store.list(ALICE)
      const forged = ['', 'garbage', '0', '-1', '99999999999', 'eyJvZmZzZXQiOjJ9', '%%%', `${nextCursor}x`]
      for (const cursor of forged) {
        const error = await protocolError(store.list(ALICE, { cursor }))
        expect(error.code).toBe(ErrorCode.InvalidParams)
        expect(error.message).toMatch(/cursor/i)
      }
    })
  })
}

function describePaginationStability(open: OpenStore): void {
  describe('list pagination under change', () => {
    it('neither repeats nor skips a task when tasks are created and deleted between pages', async () => {
      const store = await open({ pageSize: 3 })
      const [t1, t2, t3, t4, t5, t6] = ids(await createMany(store, ALICE, 6))
      const first = await store.list(ALICE)
      expect(ids(first.tasks)).toEqual([t1, t2, t3])
      await store.delete(t2 as string)
      await store.delete(t5 as string)
      const t7 = (await store.create(newTask(ALICE))).taskId
      const second = await store.list(ALICE, { cursor: first.nextCursor })
      expect(ids(second.tasks)).toEqual([t4, t6, t7])
      expect(second).not.toHaveProperty('nextCursor')
    })

    it('still accepts a cursor whose task has since been deleted', async () => {
      const store = await open({ pageSize: 3 })
      const tasks = ids(await createMany(store, ALICE, 6))
      const first = await store.list(ALICE)
      for (const taskId of tasks.slice(0, 3)) await store.delete(taskId)
      const second = await store.list(ALICE, { cursor: first.nextCursor })
      expect(ids(second.tasks)).toEqual(tasks.slice(3))
    })

    it('lists every task get can see (N59)', async () => {
      const store = await open({ pageSize: 2 })
      const tasks = await createMany(store, ALICE, 5)
      await store.updateStatus(tasks[1]?.taskId as string, 'cancelled')
      const listed = (await listAll(store, ALICE)).flat()
      const visible = await Promise.all(tasks.map((task) => store.get(task.taskId, ALICE)))
      expect(listed).toEqual(visible)
    })
  })
}

function describeExpiry(open: OpenStore): void {
  // 2025-11-25 tasks: ttl counts from creation (N36-N38).
  describe('ttl', () => {
    it('keeps a task visible until 1 ms before createdAt + ttl', async () => {
      const store = await open()
      const { taskId } = await store.create(newTask(ALICE, { ttlMs: 1_000 }))
      await store.storeResult(taskId, 'completed', DONE)
      await vi.advanceTimersByTimeAsync(999)
      expect(await store.get(taskId, ALICE)).toBeDefined()
      expect(ids((await store.list(ALICE)).tasks)).toEqual([taskId])
      expect(await store.getResult(taskId, ALICE)).toEqual(DONE)
    })

    it('treats a task as unknown from exactly createdAt + ttl, whatever its status', async () => {
      const store = await open()
      const { taskId } = await store.create(newTask(ALICE, { ttlMs: 1_000 }))
      await store.storeResult(taskId, 'completed', DONE)
      await vi.advanceTimersByTimeAsync(1_000)
      expect(await store.get(taskId, ALICE)).toBeUndefined()
      expect((await store.list(ALICE)).tasks).toEqual([])
      expect(await store.getResult(taskId, ALICE)).toBeUndefined()
      expect(await store.updateStatus(taskId, 'cancelled')).toEqual({ applied: false, task: undefined })
      expect(await store.delete(taskId)).toBe(false)
    })

    it('hides an expired task even before any timer has run', async () => {
      const store = await open()
      const { taskId } = await store.create(newTask(ALICE, { ttlMs: 1_000 }))
      vi.setSystemTime(T0 + 1_000)
      expect(await store.get(taskId, ALICE)).toBeUndefined()
      expect((await store.list(ALICE)).tasks).toEqual([])
      expect(await store.storeResult(taskId, 'completed', DONE)).toEqual({ applied: false, task: undefined })
    })

    it('counts ttl from creation, not from the last update', async () => {
      const store = await open()
      const { taskId } = await store.create(newTask(ALICE, { ttlMs: 1_000 }))
      await vi.advanceTimersByTimeAsync(900)
      expect((await store.updateStatus(taskId, 'input_required')).applied).toBe(true)
      await vi.advanceTimersByTimeAsync(100)
      expect(await store.get(taskId, ALICE)).toBeUndefined()
    })

    it('never expires a task with a null ttl', async () => {
      const store = await open()
      const { taskId } = await store.create(newTask(ALICE, { ttlMs: null }))
      await vi.advanceTimersByTimeAsync(30 * 24 * 3_600_000)
      vi.setSystemTime(T0 + 100 * 365 * 24 * 3_600_000)
      expect(await store.get(taskId, ALICE)).toMatchObject({ taskId, ttlMs: null })
    })
  })
}

function describeExpiryListeners(open: OpenStore): void {
  describe('expiry listeners', () => {
    it('tells every listener once about each task whose ttl ran out', async () => {
      const store = await open()
      const [first, second] = [vi.fn(), vi.fn()]
      store.onExpire(first)
      store.onExpire(second)
      const short = await store.create(newTask(ALICE, { ttlMs: 1_000 }))
      const long = await store.create(newTask(BOB, { ttlMs: 2_000 }))
      await store.create(newTask(ALICE, { ttlMs: null }))
      await vi.advanceTimersByTimeAsync(3_000)
      await store.get(short.taskId, ALICE)
      await vi.advanceTimersByTimeAsync(60_000)
      for (const listener of [first, second]) {
        expect(listener.mock.calls.map(([task]) => task.taskId)).toEqual([short.taskId, long.taskId])
      }
    })

    it('tells the listeners once when a read finds the task expired before the timer ran', async () => {
      const store = await open()
      const listener = vi.fn()
      store.onExpire(listener)
      const task = await store.create(newTask(ALICE, { ttlMs: 1_000 }))
      vi.setSystemTime(T0 + 1_000)
      expect(await store.get(task.taskId, ALICE)).toBeUndefined()
      expect(await store.get(task.taskId, ALICE)).toBeUndefined()
      await vi.advanceTimersByTimeAsync(5_000)
      expect(listener).toHaveBeenCalledTimes(1)
      expect(listener.mock.calls[0]?.[0]).toMatchObject({ taskId: task.taskId, owner: ALICE })
    })

    it('does not report a deleted task as expired', async () => {
      const store = await open()
      const listener = vi.fn()
      store.onExpire(listener)
      const task = await store.create(newTask(ALICE, { ttlMs: 1_000 }))
      expect(await store.delete(task.taskId)).toBe(true)
      await vi.advanceTimersByTimeAsync(2_000)
      expect(listener).not.toHaveBeenCalled()
    })
  })
}

function describeLimits(open: OpenStore): void {
  // N81: limit tasks per requestor; a server-wide cap protects the process.
  describe('limits', () => {
    it('refuses a task beyond the per-requestor limit with -32050', async () => {
      const store = await open({ maxTasksPerRequestor: 2 })
      await createMany(store, ALICE, 2)
      const error = await protocolError(store.create(newTask(ALICE)))
      expect(error).toMatchObject({
        code: ErrorCode.TaskLimitReached,
        data: { limit: 2, scope: 'requestor' },
      })
      expect(error.message).toMatch(/limit/i)
      expect(await store.create(newTask(BOB))).toMatchObject({ owner: BOB })
    })

    it('refuses a task beyond the overall limit with -32050', async () => {
      const store = await open({ maxTasks: 3, maxTasksPerRequestor: 10 })
      await createMany(store, ALICE, 2)
      await createMany(store, BOB, 1)
      const error = await protocolError(store.create(newTask(CAROL)))
      expect(error).toMatchObject({ code: ErrorCode.TaskLimitReached, data: { limit: 3, scope: 'server' } })
    })

    it('does not count expired tasks toward either limit', async () => {
      const store = await open({ maxTasks: 3, maxTasksPerRequestor: 2 })
      await createMany(store, ALICE, 2, 1_000)
      await createMany(store, BOB, 1, 1_000)
      vi.setSystemTime(T0 + 1_000)
      await expect(createMany(store, ALICE, 2)).resolves.toHaveLength(2)
      await expect(store.create(newTask(CAROL))).resolves.toMatchObject({ owner: CAROL })
    })

    it('counts finished tasks until they are deleted', async () => {
      const store = await open({ maxTasksPerRequestor: 1 })
      const { taskId } = await store.create(newTask(ALICE))
      await store.storeResult(taskId, 'completed', DONE)
      expect((await protocolError(store.create(newTask(ALICE)))).code).toBe(ErrorCode.TaskLimitReached)
      await store.delete(taskId)
      await expect(store.create(newTask(ALICE))).resolves.toMatchObject({ status: 'working' })
    })
  })
}

function describeDeletion(open: OpenStore): void {
  describe('delete', () => {
    it('deletes a task everywhere and reports whether it existed', async () => {
      const store = await open()
      const { taskId } = await store.create(newTask(ALICE))
      await store.storeResult(taskId, 'completed', DONE)
      expect(await store.delete(taskId)).toBe(true)
      expect(await store.get(taskId, ALICE)).toBeUndefined()
      expect(await store.getResult(taskId, ALICE)).toBeUndefined()
      expect((await store.list(ALICE)).tasks).toEqual([])
      expect(await store.delete(taskId)).toBe(false)
      expect(await store.delete('no-such-task')).toBe(false)
    })
  })
}

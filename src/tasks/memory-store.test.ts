import { getHeapStatistics } from 'node:v8'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ProtocolError } from '../protocol/errors.ts'
import { InMemoryTaskStore, type InMemoryTaskStoreOptions } from './memory-store.ts'
import {
  DEFAULT_MAX_RETAINED_RESULT_BYTES,
  DEFAULT_MAX_RETAINED_RESULT_BYTES_PER_REQUESTOR,
} from './result-budget.ts'
import type { NewTask, TaskOutcome } from './types.ts'

const T0 = Date.UTC(2025, 10, 25, 12, 0, 0)
const DAY_MS = 24 * 3_600_000
const ALICE = 'principal:alice'
const DONE: TaskOutcome = { kind: 'result', result: { content: [{ type: 'text', text: 'done' }] } }

const newTask = (ttlMs: number | null = 60_000, owner = ALICE): NewTask => ({
  owner,
  method: 'tools/call',
  ttlMs,
})

const stores: InMemoryTaskStore[] = []
const open = (options?: InMemoryTaskStoreOptions): InMemoryTaskStore => {
  const store = new InMemoryTaskStore(options)
  stores.push(store)
  return store
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
})

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()))
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('InMemoryTaskStore expiry timer', () => {
  it('keeps one timer however many tasks can expire', async () => {
    const store = open()
    for (let i = 0; i < 500; i += 1) await store.create(newTask(1_000 + ((i * 7919) % 5_000)))
    expect(vi.getTimerCount()).toBe(1)
  })

  it('arms no timer for tasks that never expire', async () => {
    const store = open()
    await store.create(newTask(null))
    expect(vi.getTimerCount()).toBe(0)
  })

  it('expires tasks on the timer alone, without any read', async () => {
    const store = open()
    const expired = vi.fn()
    store.onExpire(expired)
    const task = await store.create(newTask(1_000))
    await vi.advanceTimersByTimeAsync(999)
    expect(expired).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(expired).toHaveBeenCalledWith(task)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('aims at the next deadline when the earliest task is deleted', async () => {
    const store = open()
    const expired = vi.fn()
    store.onExpire(expired)
    const late = await store.create(newTask(5_000))
    const early = await store.create(newTask(1_000))
    await store.delete(early.taskId)
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(4_999)
    expect(expired).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(expired.mock.calls).toEqual([[late]])
  })

  it('aims at an earlier deadline when a task that expires sooner is created', async () => {
    const store = open()
    const expired = vi.fn()
    store.onExpire(expired)
    await store.create(newTask(5_000))
    const early = await store.create(newTask(1_000))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(expired.mock.calls).toEqual([[early]])
    expect(vi.getTimerCount()).toBe(1)
  })

  it('waits out a ttl longer than the longest setTimeout delay', async () => {
    const store = open()
    const expired = vi.fn()
    store.onExpire(expired)
    const task = await store.create(newTask(40 * DAY_MS))
    await vi.advanceTimersByTimeAsync(40 * DAY_MS - 1)
    expect(expired).not.toHaveBeenCalled()
    expect(await store.get(task.taskId, ALICE)).toEqual(task)
    await vi.advanceTimersByTimeAsync(1)
    expect(expired).toHaveBeenCalledWith(task)
  })
})

describe('InMemoryTaskStore expiry edges', () => {
  it('stops its timer on close and arms no new one afterwards', async () => {
    const store = open()
    await store.create(newTask(1_000))
    await store.close()
    expect(vi.getTimerCount()).toBe(0)
    await store.create(newTask(1_000))
    expect(vi.getTimerCount()).toBe(0)
  })

  it('expires a burst over several timer ticks, while reads already treat every due task as gone', async () => {
    const store = open({ maxTasks: 3_000, maxTasksPerRequestor: 3_000 })
    const expired = vi.fn()
    store.onExpire(expired)
    const tasks = []
    for (let i = 0; i < 2_500; i += 1) tasks.push(await store.create(newTask(1_000)))
    vi.setSystemTime(T0 + 1_000)
    vi.runOnlyPendingTimers()
    expect(expired).toHaveBeenCalledTimes(1_000)
    expect(vi.getTimerCount()).toBe(1)
    const swept = new Set(expired.mock.calls.map(([task]) => task.taskId))
    const unswept = tasks.find((task) => !swept.has(task.taskId))?.taskId as string
    expect(await store.get(unswept, ALICE)).toBeUndefined()
    expect((await store.list(ALICE)).tasks).toEqual([])
    expect(expired).toHaveBeenCalledTimes(1_001)
    await vi.runAllTimersAsync()
    expect(expired).toHaveBeenCalledTimes(2_500)
    expect(new Set(expired.mock.calls.map(([task]) => task.taskId)).size).toBe(2_500)
  })

  it('keeps sweeping and notifying when a listener throws', async () => {
    const store = open()
    const report = vi.spyOn(console, 'error').mockImplementation(() => {})
    const healthy = vi.fn()
    store.onExpire(() => {
      throw new Error('listener bug')
    })
    store.onExpire(healthy)
    await store.create(newTask(1_000))
    await store.create(newTask(1_000))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(healthy).toHaveBeenCalledTimes(2)
    expect(report).toHaveBeenCalledTimes(2)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('reads time from an injected clock', async () => {
    let now = 5_000
    const store = open({ now: () => now })
    const task = await store.create(newTask(100))
    expect(task).toMatchObject({ createdAt: 5_000, lastUpdatedAt: 5_000 })
    now = 5_100
    expect(await store.get(task.taskId, ALICE)).toBeUndefined()
  })
})

describe('InMemoryTaskStore records', () => {
  it('returns frozen records that cannot change the store', async () => {
    const store = open()
    const task = await store.create(newTask())
    expect(Object.isFrozen(task)).toBe(true)
    expect(() => Object.assign(task, { status: 'completed', owner: 'principal:mallory' })).toThrow(TypeError)
    const [listed] = (await store.list(ALICE)).tasks
    expect(Object.isFrozen(listed)).toBe(true)
    expect(await store.get(task.taskId, ALICE)).toMatchObject({ status: 'working', owner: ALICE })
  })

  it('freezes a stored outcome all the way down', async () => {
    const store = open()
    const { taskId } = await store.create(newTask())
    await store.storeResult(taskId, 'completed', structuredClone(DONE))
    const outcome = await store.getResult(taskId, ALICE)
    const content = outcome?.kind === 'result' ? (outcome.result.content as unknown[]) : []
    expect(() => content.push({ type: 'text', text: 'injected' })).toThrow(TypeError)
    expect(await store.getResult(taskId, ALICE)).toEqual(DONE)
  })

  it('leaves a record it returned unchanged when the task changes later', async () => {
    const store = open()
    const task = await store.create(newTask())
    const { task: changed } = await store.updateStatus(task.taskId, 'cancelled', 'stopped')
    expect(task.status).toBe('working')
    expect(changed).toMatchObject({ status: 'cancelled', statusMessage: 'stopped' })
  })

  it('omits optional fields that were not given rather than holding undefined', async () => {
    const store = open()
    const task = await store.create(newTask())
    expect(Object.keys(task).sort()).toEqual([
      'createdAt',
      'lastUpdatedAt',
      'method',
      'owner',
      'status',
      'taskId',
      'ttlMs',
    ])
  })
})

describe('InMemoryTaskStore options and input', () => {
  it('uses the documented defaults', async () => {
    const store = open()
    for (let i = 0; i < 60; i += 1) await store.create(newTask())
    const page = await store.list(ALICE)
    expect(page.tasks).toHaveLength(50)
    expect(page.nextCursor).toEqual(expect.any(String))
  })

  it('refuses options that are not positive integers', () => {
    expect(() => new InMemoryTaskStore({ maxTasks: 0 })).toThrow(RangeError)
    expect(() => new InMemoryTaskStore({ maxTasksPerRequestor: -1 })).toThrow(/maxTasksPerRequestor/)
    expect(() => new InMemoryTaskStore({ pageSize: 1.5 })).toThrow(/pageSize/)
    expect(() => new InMemoryTaskStore({ maxRetainedResultBytes: 0 })).toThrow(/maxRetainedResultBytes/)
    expect(() => new InMemoryTaskStore({ maxRetainedResultBytesPerRequestor: Number.NaN })).toThrow(
      /maxRetainedResultBytesPerRequestor/,
    )
  })

  it('derives the result budgets from the heap limit: a quarter overall, an eighth of that per requestor', () => {
    const heap = getHeapStatistics().heap_size_limit
    expect(DEFAULT_MAX_RETAINED_RESULT_BYTES).toBe(Math.floor(heap / 4))
    expect(DEFAULT_MAX_RETAINED_RESULT_BYTES_PER_REQUESTOR).toBe(Math.floor(heap / 4 / 8))
  })

  it('refuses a negative or NaN ttl instead of keeping a task that cannot expire', async () => {
    const store = open()
    await expect(store.create(newTask(-1))).rejects.toThrow(RangeError)
    await expect(store.create(newTask(Number.NaN))).rejects.toThrow(RangeError)
    expect((await store.list(ALICE)).tasks).toEqual([])
  })

  it('explains how to recover when a limit is reached', async () => {
    const store = open({ maxTasksPerRequestor: 1 })
    await store.create(newTask())
    const error = await store.create(newTask()).catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(ProtocolError)
    expect((error as ProtocolError).message).toMatch(/holds 1 tasks \(maxTasksPerRequestor\)\. Retry once/)
  })

  it('refuses a cursor issued by another store', async () => {
    const [first, second] = [open({ pageSize: 1 }), open({ pageSize: 1 })]
    for (const store of [first, second]) for (let i = 0; i < 3; i += 1) await store.create(newTask())
    const { nextCursor } = await first.list(ALICE)
    await expect(second.list(ALICE, { cursor: nextCursor })).rejects.toMatchObject({ code: -32602 })
    await expect(first.list(ALICE, { cursor: nextCursor })).resolves.toMatchObject({
      tasks: [expect.anything()],
    })
  })

  it('treats a limit below 1 as the page size', async () => {
    const store = open({ pageSize: 2 })
    for (let i = 0; i < 3; i += 1) await store.create(newTask())
    expect((await store.list(ALICE, { limit: 0 })).tasks).toHaveLength(2)
  })
})

describe('InMemoryTaskStore pagination across compaction', () => {
  it('pages exactly like a model while deletions compact the owner index', async () => {
    const store = open({ pageSize: 4 })
    const created: string[] = []
    const live = new Set<string>()
    const create = async () => {
      const { taskId } = await store.create(newTask())
      created.push(taskId)
      live.add(taskId)
    }
    for (let i = 0; i < 40; i += 1) await create()
    let cursor: string | undefined
    let lastSeen = -1
    for (let round = 0; round < 40; round += 1) {
      const page = await store.list(ALICE, { cursor })
      const remaining = created.slice(lastSeen + 1).filter((taskId) => live.has(taskId))
      expect(page.tasks.map((task) => task.taskId)).toEqual(remaining.slice(0, 4))
      expect(page.nextCursor !== undefined).toBe(remaining.length > 4)
      if (page.nextCursor === undefined) return
      cursor = page.nextCursor
      lastSeen = created.indexOf(page.tasks.at(-1)?.taskId ?? '')
      // Between pages: delete two of every three live tasks, the cursor's own task included (which
      // compacts the index), then create one more.
      for (const [at, taskId] of created.entries()) {
        if ((at + round) % 3 !== 0 && live.delete(taskId)) expect(await store.delete(taskId)).toBe(true)
      }
      await create()
    }
    expect.unreachable('pagination did not end')
  })
})

/** TaskStore conformance: ttl from creation, expiry listeners and task limits, all on fake time. */
import { describe, expect, it, vi } from 'vitest'
import { ErrorCode } from '../../src/protocol/errors.ts'
import {
  ALICE,
  BOB,
  CAROL,
  createMany,
  DONE,
  ids,
  newTask,
  type OpenStore,
  protocolError,
  T0,
} from './harness.ts'

export function describeExpiry(open: OpenStore): void {
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
      expect((await store.list(ALICE)).tasks).toEqual([])
      expect(await store.get(taskId, ALICE)).toBeUndefined()
      expect(await store.storeResult(taskId, 'completed', DONE)).toEqual({ applied: false, task: undefined })
    })

    it('gives no nextCursor when the only tasks left have expired', async () => {
      const store = await open({ pageSize: 2 })
      const kept = await createMany(store, ALICE, 2, 60_000)
      await createMany(store, ALICE, 1, 1_000)
      vi.setSystemTime(T0 + 1_000)
      const page = await store.list(ALICE)
      expect(ids(page.tasks)).toEqual(ids(kept))
      expect(page).not.toHaveProperty('nextCursor')
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
export function describeExpiryListeners(open: OpenStore): void {
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
export function describeLimits(open: OpenStore): void {
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

/** TaskStore conformance: creating, reading, changing, finishing and deleting tasks, owner by owner. */
import { describe, expect, it, vi } from 'vitest'
import {
  ALICE,
  BOB,
  BROKEN,
  CAROL,
  createMany,
  DONE,
  ids,
  newTask,
  type OpenStore,
  observedBits,
  T0,
} from './harness.ts'

export function describeCreation(open: OpenStore): void {
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
export function describeIsolation(open: OpenStore): void {
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
export function describeTransitions(open: OpenStore): void {
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
export function describeResults(open: OpenStore): void {
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
export function describeDeletion(open: OpenStore): void {
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

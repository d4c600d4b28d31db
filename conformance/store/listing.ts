/** TaskStore conformance: `list` order, pages and cursors (2025-11-25 tasks "Task Listing", N56-N59). */
import { describe, expect, it, vi } from 'vitest'
import { ErrorCode } from '../../src/protocol/errors.ts'
import type { TaskRecord } from '../../src/tasks/types.ts'
import {
  ALICE,
  BOB,
  createMany,
  ids,
  listAll,
  newTask,
  type OpenStore,
  protocolError,
  T0,
} from './harness.ts'

export function describeListing(open: OpenStore): void {
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
export function describePaginationStability(open: OpenStore): void {
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

/**
 * TaskStore conformance: a task becomes terminal WITH its outcome in one step, or `failed` with the
 * reason the outcome could not be kept; and retained results are bounded in bytes, per owner and
 * overall, without ever evicting another owner's task (issue 9, findings 3b and 4; store.ts).
 */
import { describe, expect, it, vi } from 'vitest'
import { ErrorCode } from '../../src/protocol/errors.ts'
import type { TaskStore } from '../../src/tasks/store.ts'
import type { TaskOutcome } from '../../src/tasks/types.ts'
import { ALICE, BOB, CAROL, DONE, newTask, type OpenStore, T0 } from './harness.ts'

const throwingGetter = (): TaskOutcome => ({
  kind: 'result',
  result: {
    content: [
      Object.defineProperty({ type: 'text' }, 'text', {
        enumerable: true,
        get: () => {
          throw new Error('not today')
        },
      }),
    ],
  },
})

const circular = (): TaskOutcome => {
  const result: Record<string, unknown> = { content: [] }
  result.structuredContent = { back: result }
  return { kind: 'result', result }
}

const deep = (): TaskOutcome => {
  let data: unknown = 'leaf'
  for (let level = 0; level < 10_000; level++) data = { a: data }
  return { kind: 'error', error: { code: -32001, message: 'deep', data } }
}

const UNKEEPABLE: { name: string; outcome: () => TaskOutcome; problem: RegExp }[] = [
  { name: 'a throwing getter', outcome: throwingGetter, problem: /not today/ },
  {
    name: 'a BigInt',
    outcome: () => ({ kind: 'result', result: { content: [], structuredContent: { n: 1n } } }),
    problem: /BigInt/,
  },
  { name: 'a cycle', outcome: circular, problem: /circular/ },
  { name: '10,000 levels of nesting', outcome: deep, problem: /nests deeper/ },
]

/** A result outcome whose JSON is exactly `bytes` bytes long. */
export function outcomeOfBytes(bytes: number): TaskOutcome {
  const empty: TaskOutcome = { kind: 'result', result: { content: [{ type: 'text', text: '' }] } }
  const padding = bytes - JSON.stringify(empty).length
  return { kind: 'result', result: { content: [{ type: 'text', text: 'x'.repeat(padding) }] } }
}

async function settle(store: TaskStore, owner: string, outcome: TaskOutcome, ttlMs = 60_000) {
  const { taskId } = await store.create(newTask(owner, { ttlMs }))
  const transition = await store.storeResult(taskId, 'completed', outcome)
  return { taskId, transition, kept: await store.getResult(taskId, owner) }
}

export function describeAtomicSettlement(open: OpenStore): void {
  describe('settling a task whose outcome cannot be kept', () => {
    it.each(UNKEEPABLE)(
      'ends it failed with -32603 naming $name, never terminal without an outcome',
      async ({ outcome, problem }) => {
        const store = await open()
        const { taskId, transition, kept } = await settle(store, ALICE, outcome())
        // Applied: the runtime must hear of it, to wake waiters and notify the status.
        expect(transition).toMatchObject({ applied: true, task: { status: 'failed' } })
        expect(transition.task?.statusMessage).toMatch(problem)
        expect(kept).toMatchObject({ kind: 'error', error: { code: ErrorCode.InternalError } })
        expect(kept?.kind === 'error' ? kept.error.message : '').toMatch(problem)
        expect(await store.get(taskId, ALICE)).toEqual(transition.task)
      },
    )

    it('keeps a copy: changing the outcome passed in afterwards changes nothing', async () => {
      const store = await open()
      const outcome = structuredClone(DONE) as { kind: 'result'; result: { content: unknown[] } }
      const { taskId } = await settle(store, ALICE, outcome)
      outcome.result.content.push({ type: 'text', text: 'changed later' })
      expect(await store.getResult(taskId, ALICE)).toEqual(DONE)
    })
  })
}

export function describeResultBudgets(open: OpenStore): void {
  describe('result byte budgets', () => {
    it('fails the task whose result does not fit the owner budget with -32050, keeping the others', async () => {
      const store = await open({ maxRetainedResultBytesPerRequestor: 1_000, maxRetainedResultBytes: 10_000 })
      const first = await settle(store, ALICE, outcomeOfBytes(400))
      const second = await settle(store, ALICE, outcomeOfBytes(400))
      const third = await settle(store, ALICE, outcomeOfBytes(400))
      expect(third.transition).toMatchObject({ applied: true, task: { status: 'failed' } })
      expect(third.kept).toMatchObject({
        kind: 'error',
        error: { code: ErrorCode.TaskLimitReached, data: { limit: 1_000, scope: 'requestor' } },
      })
      expect(third.transition.task?.statusMessage).toMatch(/maxRetainedResultBytesPerRequestor/)
      expect(first.kept).toEqual(outcomeOfBytes(400))
      expect(second.kept).toEqual(outcomeOfBytes(400))
      // Another owner's budget is its own.
      expect((await settle(store, BOB, outcomeOfBytes(400))).kept).toEqual(outcomeOfBytes(400))
    })

    it('fails the task whose result does not fit the overall budget, never evicting another owner', async () => {
      const store = await open({ maxRetainedResultBytesPerRequestor: 1_000, maxRetainedResultBytes: 1_500 })
      const alice = await settle(store, ALICE, outcomeOfBytes(700))
      const bob = await settle(store, BOB, outcomeOfBytes(700))
      const carol = await settle(store, CAROL, outcomeOfBytes(400))
      expect(carol.kept).toMatchObject({
        kind: 'error',
        error: { code: ErrorCode.TaskLimitReached, data: { limit: 1_500, scope: 'server' } },
      })
      expect(await store.getResult(alice.taskId, ALICE)).toEqual(outcomeOfBytes(700))
      expect(await store.getResult(bob.taskId, BOB)).toEqual(outcomeOfBytes(700))
    })

    it('frees the bytes of a task when it is deleted or expires', async () => {
      const store = await open({ maxRetainedResultBytesPerRequestor: 1_000, maxRetainedResultBytes: 10_000 })
      const deleted = await settle(store, ALICE, outcomeOfBytes(600))
      await settle(store, ALICE, outcomeOfBytes(300), 1_000)
      expect((await settle(store, ALICE, outcomeOfBytes(300))).kept?.kind).toBe('error')
      await store.delete(deleted.taskId)
      expect((await settle(store, ALICE, outcomeOfBytes(300))).kept?.kind).toBe('result')
      // The 1 s task's deadline passes; even before its timer runs, its bytes are free for the next one.
      vi.setSystemTime(T0 + 1_000)
      expect((await settle(store, ALICE, outcomeOfBytes(300))).kept?.kind).toBe('result')
    })

    it('counts the bytes of the JSON, so a result exactly at the budget fits and one byte more does not', async () => {
      const store = await open({ maxRetainedResultBytesPerRequestor: 500, maxRetainedResultBytes: 10_000 })
      expect((await settle(store, ALICE, outcomeOfBytes(500))).kept).toEqual(outcomeOfBytes(500))
      expect((await settle(store, BOB, outcomeOfBytes(501))).kept?.kind).toBe('error')
    })
  })
}

/** Shared pieces of the TaskStore conformance suite: fake time, fixtures and small helpers. */
import { afterEach, beforeEach, expect, vi } from 'vitest'
import { ErrorCode, ProtocolError } from '../../src/protocol/errors.ts'
import type { TaskStore } from '../../src/tasks/store.ts'
import type { NewTask, TaskOutcome, TaskRecord } from '../../src/tasks/types.ts'

export interface TaskStoreLimits {
  maxTasks?: number
  maxTasksPerRequestor?: number
  pageSize?: number
  /** Bytes of results (UTF-8 JSON of the outcome) held overall. */
  maxRetainedResultBytes?: number
  /** Bytes of results held per owner. */
  maxRetainedResultBytesPerRequestor?: number
}

export type MakeTaskStore = (options: TaskStoreLimits) => TaskStore | Promise<TaskStore>

export type OpenStore = (options?: TaskStoreLimits) => Promise<TaskStore>

/** Fake-time origin of every test. */
export const T0 = Date.UTC(2025, 10, 25, 12, 0, 0)
export const ALICE = 'principal:alice'
export const BOB = 'principal:bob'
export const CAROL = 'session:carol'
export const DONE: TaskOutcome = {
  kind: 'result',
  result: { content: [{ type: 'text', text: 'done' }], isError: false },
}
export const BROKEN: TaskOutcome = {
  kind: 'error',
  error: { code: ErrorCode.InvalidParams, message: 'Unknown tool' },
}

/** Fake time from T0 for every test; every store opened is closed afterwards. */
export function useStores(makeStore: MakeTaskStore): OpenStore {
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

export const newTask = (owner: string, overrides: Partial<NewTask> = {}): NewTask => ({
  owner,
  method: 'tools/call',
  toolName: 'echo',
  ttlMs: 60_000,
  ...overrides,
})

/** Creates `count` tasks one after another, so their creation order is known. */
export async function createMany(
  store: TaskStore,
  owner: string,
  count: number,
  ttlMs: number | null = 60_000,
) {
  const tasks: TaskRecord[] = []
  for (let i = 0; i < count; i += 1) tasks.push(await store.create(newTask(owner, { ttlMs })))
  return tasks
}

export const ids = (tasks: readonly TaskRecord[]): string[] => tasks.map((task) => task.taskId)

/** Every page of the owner's list, following nextCursor to the end. */
export async function listAll(store: TaskStore, owner: string, limit?: number): Promise<TaskRecord[][]> {
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
export async function protocolError(promise: Promise<unknown>): Promise<ProtocolError> {
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
export function observedBits(sample: readonly string[]): number {
  const length = Math.max(...sample.map((id) => id.length))
  let bits = 0
  for (let at = 0; at < length; at += 1) bits += Math.log2(new Set(sample.map((id) => id[at] ?? '')).size)
  return bits
}

/**
 * Task-level conveniences for the wire tests, built on the raw client: calling tools (as tasks or
 * not), reading the Task shape, and bounded waits on things the fixture probe records.
 */
import { expect } from 'vitest'
import type { Probe } from '../fixtures/server.ts'
import {
  isObject,
  type JsonObject,
  type PendingRequest,
  type RawResponse,
  type RawSession,
  RELATED_TASK,
  resultOf,
  WAIT_MS,
} from './raw-client.ts'

/** ISO 8601 / RFC 3339 date-time, as the spec requires for createdAt and lastUpdatedAt (N34, N35). */
export const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/** A flat Task as 2025-11-25 puts it on the wire. */
export interface WireTask {
  taskId: string
  status: string
  statusMessage?: string
  createdAt: string
  lastUpdatedAt: string
  ttl: number | null
  pollInterval?: number
}

/** Narrows a wire value to a Task, failing the test with the value when it is not one. */
export function asTask(value: unknown): WireTask {
  const ok =
    isObject(value) &&
    typeof value.taskId === 'string' &&
    typeof value.status === 'string' &&
    typeof value.createdAt === 'string' &&
    typeof value.lastUpdatedAt === 'string' &&
    (value.ttl === null || typeof value.ttl === 'number')
  if (!ok) throw new Error(`not a Task: ${JSON.stringify(value)}`)
  return value as unknown as WireTask
}

/** decisions.md 4: the `data` of the -32602 answering tasks/result of a cancelled task. */
export const cancelledData = (task: WireTask): JsonObject => ({
  taskId: task.taskId,
  status: 'cancelled',
  ...(task.statusMessage === undefined ? {} : { statusMessage: task.statusMessage }),
})

/** `_meta` tying a message to a task. */
export const relatedTask = (taskId: string): JsonObject => ({ [RELATED_TASK]: { taskId } })

export interface CallOptions {
  /** TaskMetadata; present means task-augmented (`{}` asks for a task with the default ttl). */
  task?: unknown
  progressToken?: string | number
}

function callParams(name: string, args: JsonObject | undefined, options: CallOptions): JsonObject {
  const params: JsonObject = { name }
  if (args !== undefined) params.arguments = args
  if (options.task !== undefined) params.task = options.task
  if (options.progressToken !== undefined) params._meta = { progressToken: options.progressToken }
  return params
}

export function startCall(session: RawSession, name: string, args?: JsonObject, options: CallOptions = {}) {
  return session.start('tools/call', callParams(name, args, options))
}

export function callTool(session: RawSession, name: string, args?: JsonObject, options: CallOptions = {}) {
  return startCall(session, name, args, options).done
}

/** A task-augmented call that must be accepted: returns the Task of its CreateTaskResult. */
export async function createTask(
  session: RawSession,
  name: string,
  args?: JsonObject,
  options: CallOptions = {},
): Promise<WireTask> {
  const raw = await callTool(session, name, args, { task: {}, ...options })
  return asTask(resultOf(raw).task)
}

export async function getTask(session: RawSession, taskId: string): Promise<WireTask> {
  return asTask(resultOf(await session.request('tasks/get', { taskId })))
}

/** Every task of the requestor, following nextCursor (bounded). */
export async function listAll(session: RawSession, maxPages = 50): Promise<WireTask[]> {
  const tasks: WireTask[] = []
  let cursor: string | undefined
  for (let page = 0; page < maxPages; page++) {
    const result = resultOf(await session.request('tasks/list', cursor === undefined ? {} : { cursor }))
    if (!Array.isArray(result.tasks)) throw new Error(`tasks/list without tasks: ${JSON.stringify(result)}`)
    tasks.push(...result.tasks.map(asTask))
    if (typeof result.nextCursor !== 'string') return tasks
    cursor = result.nextCursor
  }
  throw new Error(`tasks/list did not end within ${maxPages} pages`)
}

/** Fails after `ms` (a failure bound, not a synchronisation device). */
export function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Resolves with `signal.reason` once the fixture records that `tool`'s handler was aborted. */
export function abortedReason(probe: Probe, tool: string, ms = WAIT_MS): Promise<unknown> {
  const { aborted } = probe
  if (aborted.has(tool)) return Promise.resolve(aborted.get(tool))
  const recorded = new Promise<unknown>((resolve) => {
    const set = aborted.set.bind(aborted)
    aborted.set = (key, value) => {
      set(key, value)
      if (key === tool) resolve(value)
      return aborted
    }
  })
  return withTimeout(recorded, `the signal of the ${tool} handler to be aborted`, ms)
}

/** Asserts a JSON-RPC error with exactly this code, and returns its message and data. */
export function expectError(raw: RawResponse, code: number) {
  expect(raw.response?.result).toBeUndefined()
  expect(raw.response?.error?.code).toBe(code)
  const error = raw.response?.error
  return { message: error?.message ?? '', data: error?.data }
}

/** Whether `pending` has been answered (or its stream ended) so far. */
export const answered = (pending: PendingRequest): boolean =>
  pending.settled ||
  pending.stream.isEnded ||
  pending.stream.messages.some((message) => message.id === pending.id)

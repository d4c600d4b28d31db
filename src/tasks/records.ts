/**
 * Building the store's task records. Records are frozen and replaced on every change, so a record a
 * caller holds is a snapshot that can neither change under it nor be used to change the store.
 */
import { newTaskId } from './ids.ts'
import { INITIAL_STATUS } from './status.ts'
import type { NewTask, TaskRecord } from './types.ts'

/** A fresh `working` task (N25) with a new id (N22-N24); createdAt = lastUpdatedAt = `now`. */
export function newRecord(task: NewTask, now: number): TaskRecord {
  const { owner, sessionId, method, toolName, ttlMs, pollIntervalMs, statusMessage } = task
  if (ttlMs !== null && !(ttlMs >= 0))
    throw new RangeError(`ttlMs must be null or a number >= 0, got ${ttlMs}`)
  return Object.freeze(
    withoutUndefined({
      taskId: newTaskId(),
      status: INITIAL_STATUS,
      statusMessage,
      createdAt: now,
      lastUpdatedAt: now,
      ttlMs,
      pollIntervalMs,
      owner,
      sessionId,
      method,
      toolName,
    }),
  )
}

/** The record after an applied change: the message is replaced, so without a new one it is cleared. */
export function withStatus(
  record: TaskRecord,
  status: TaskRecord['status'],
  statusMessage: string | undefined,
  now: number,
): TaskRecord {
  return Object.freeze(withoutUndefined({ ...record, status, statusMessage, lastUpdatedAt: now }))
}

/**
 * Keeps records small and their keys honest: an absent field is absent, not `undefined`. Builds a
 * fresh object rather than using `delete`, which would push V8 into slower, larger dictionary mode.
 */
function withoutUndefined<T extends object>(value: T): T {
  const result: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) result[key] = field
  }
  return result as T
}

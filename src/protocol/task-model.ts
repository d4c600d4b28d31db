/**
 * The revision-neutral task model that the task layer keeps and the revision modules render to the
 * wire. Times are epoch milliseconds here; each revision formats them its own way.
 */

/** 2025-11-25 tasks "Task Status": the five statuses, the same in the 2026 extension. */
export type TaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled'

export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['completed', 'failed', 'cancelled'])

export const isTerminal = (status: TaskStatus): boolean => TERMINAL_STATUSES.has(status)

/** How a tool may be invoked: 2025-11-25 tools "execution.taskSupport" (default "forbidden"). */
export type TaskMode = 'forbidden' | 'optional' | 'required'

export interface TaskSnapshot {
  readonly taskId: string
  readonly status: TaskStatus
  readonly statusMessage?: string
  /** Epoch ms. */
  readonly createdAt: number
  /** Epoch ms. */
  readonly lastUpdatedAt: number
  /** Retention from creation in ms; null means unlimited. */
  readonly ttlMs: number | null
  readonly pollIntervalMs?: number
}

/** What a requestor asked for when it task-augmented a request. */
export interface TaskRequest {
  /** Requested retention from creation, in ms; the server may lower it. */
  readonly ttlMs?: number
}

/** The task layer's own records: the revision-neutral snapshot plus who owns it and what it ran. */
import type { ErrorObject } from '../protocol/errors.ts'
import type { Params } from '../protocol/jsonrpc.ts'
import type { TaskSnapshot, TaskStatus } from '../protocol/task-model.ts'

export interface TaskRecord extends TaskSnapshot {
  /** The requestor the task is bound to: `principal:<id>` when authenticated, else `session:<id>`. */
  readonly owner: string
  /** The session that created the task; status notifications go there. */
  readonly sessionId?: string
  /** The method of the underlying request, e.g. `tools/call`. */
  readonly method: string
  /** For tools/call: the tool's name (for logs and operators). */
  readonly toolName?: string
}

/** How the underlying request ended: what it would have answered had it not been a task. */
export type TaskOutcome =
  | { readonly kind: 'result'; readonly result: Params }
  | { readonly kind: 'error'; readonly error: ErrorObject }

/** What a task's work ends with: the terminal status and what the underlying request answered. */
export interface TaskSettlement {
  readonly status: Settled
  readonly outcome: TaskOutcome
  readonly statusMessage?: string
}

export interface NewTask {
  readonly owner: string
  readonly sessionId?: string
  readonly method: string
  readonly toolName?: string
  /** Retention from creation in ms (already clamped by the caller); null = unlimited. */
  readonly ttlMs: number | null
  readonly pollIntervalMs?: number
  readonly statusMessage?: string
}

/** Outcome of a status change: applied, or refused with the task as it stands (undefined if unknown). */
export type Transition =
  | { readonly applied: true; readonly task: TaskRecord }
  | { readonly applied: false; readonly task: TaskRecord | undefined }

export type NonTerminalOrCancelled = Extract<TaskStatus, 'working' | 'input_required' | 'cancelled'>
export type Settled = Extract<TaskStatus, 'completed' | 'failed'>

export interface ListPage {
  readonly tasks: readonly TaskRecord[]
  /** Present when more tasks remain (N57). Opaque to clients. */
  readonly nextCursor?: string
}

/**
 * A task whose work runs in this process: its one AbortController (house style 10), the status last
 * applied, and its execution deadline. The work holds it as its `TaskRun`; the manager holds it only
 * while the task is live, so a handler that never returns pins nothing of the manager's once its
 * task is terminal or gone.
 */
import type { TaskStatus } from '../protocol/task-model.ts'
import type { HeapItem } from './expiry-heap.ts'
import type { TaskSettlement } from './types.ts'

/** A task's execution limit, and what the task ends with when it runs out. */
export interface TaskTimeout {
  readonly ms: number
  /** The settlement stored at the deadline: what the underlying request answers then. */
  readonly settle: () => TaskSettlement
}

export type AbortWhy = 'cancelled' | 'expired' | 'timeout' | 'shutdown'

/** Why a task's signal was aborted; handlers read it from `signal.reason` (`reason.why`). */
export class TaskAbortedError extends Error {
  override readonly name = 'TaskAbortedError'
  readonly taskId: string
  readonly why: AbortWhy
  /** For `why: 'timeout'`: the execution limit that ran out. */
  readonly timeoutMs: number | undefined

  constructor(taskId: string, why: AbortWhy, timeoutMs?: number) {
    super(abortMessage(taskId, why, timeoutMs))
    this.taskId = taskId
    this.why = why
    this.timeoutMs = timeoutMs
  }
}

function abortMessage(taskId: string, why: AbortWhy, timeoutMs: number | undefined): string {
  if (why === 'shutdown') return `Task ${taskId} was stopped by server shutdown`
  if (why === 'timeout') return `Task ${taskId} timed out after ${timeoutMs} ms`
  return `Task ${taskId} was ${why}`
}

/** What the work sees of its task. It stays readable after the task ended. */
export interface TaskRun {
  readonly taskId: string
  readonly signal: AbortSignal
  /** The status as last applied in this process. */
  readonly status: TaskStatus
  /** False once the task is terminal or gone: nothing more may be sent for it (progress rule 3.b). */
  readonly live: boolean
}

export class Running implements TaskRun, HeapItem {
  readonly taskId: string
  readonly controller = new AbortController()
  status: TaskStatus
  /** Requests to the requestor the work waits on; the task is `input_required` while any is open. */
  awaitingInput = 0
  /** Set once the task is terminal or gone, which may come before the work returns (cancel). */
  terminal = false
  /** The execution limit; undefined for none. */
  readonly timeout: TaskTimeout | undefined
  /** When the work's time is up (epoch ms); Infinity without a limit. Ordered by the deadline heap. */
  readonly expiresAt: number
  heapIndex = -1

  constructor(taskId: string, status: TaskStatus, timeout: TaskTimeout | undefined, now: number) {
    this.taskId = taskId
    this.status = status
    this.timeout = timeout
    this.expiresAt = timeout === undefined ? Number.POSITIVE_INFINITY : now + timeout.ms
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }

  get live(): boolean {
    return !this.terminal
  }

  /** Marks the task ended here and aborts the work's signal, once, saying why. */
  abort(why: AbortWhy): void {
    this.terminal = true
    if (this.controller.signal.aborted) return
    const timeoutMs = why === 'timeout' ? this.timeout?.ms : undefined
    this.controller.abort(new TaskAbortedError(this.taskId, why, timeoutMs))
  }
}

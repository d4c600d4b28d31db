/**
 * The storage contract for tasks. Small on purpose: every implementation (in-memory today, durable
 * ones later) must pass the shared suite in conformance/store-suite.ts, isolation included.
 *
 * Invariants every store keeps:
 * - `create` gives a new `working` task with a fresh id; createdAt = lastUpdatedAt = now.
 * - A task is visible to `get`, `list` and `getResult` only for its owner, and only until
 *   createdAt + ttlMs (2025-11-25 tasks: ttl counts from creation). Expired tasks look unknown.
 * - Status changes follow tasks/status.ts; a terminal task never changes again, so a late result
 *   cannot overwrite `cancelled` (N63). A refused change reports the task as it stands.
 * - `storeResult` sets the terminal status and the outcome in one step, so a reader never sees a
 *   terminal task without its outcome. Whatever can fail (copying, checking, measuring the outcome)
 *   happens before the status changes, and its failure is itself an outcome: an outcome that cannot
 *   be kept ends the task `failed` with a -32603 outcome naming the problem, and the change is
 *   reported as applied, so the runtime wakes the task's waiters and notifies its status.
 * - The store keeps a copy of the outcome, never the caller's object, and hands out frozen data.
 * - Limits (tasks per owner, tasks overall) are enforced by `create` with a ProtocolError whose code
 *   is ErrorCode.TaskLimitReached. Byte budgets on retained results (per owner, overall) are
 *   enforced by `storeResult`: a result that does not fit ends THAT task `failed` with a
 *   TaskLimitReached outcome whose `data` is `{ limit, scope }`; a task already held is never
 *   evicted to make room.
 * - `list` pages are stable: a cursor is a position in creation order, not an offset, so tasks
 *   created or deleted between pages neither repeat nor go missing. A cursor the store did not
 *   issue is a -32602 ProtocolError.
 */
import type {
  ListPage,
  NewTask,
  NonTerminalOrCancelled,
  Settled,
  TaskOutcome,
  TaskRecord,
  Transition,
} from './types.ts'

export interface ListOptions {
  readonly cursor?: string
  /** Page size; the store may cap it. */
  readonly limit?: number
}

export interface TaskStore {
  create(task: NewTask): Promise<TaskRecord>
  /** The task if it exists, has not expired and belongs to `owner`. */
  get(taskId: string, owner: string): Promise<TaskRecord | undefined>
  /** The owner's tasks in creation order, oldest first. */
  list(owner: string, options?: ListOptions): Promise<ListPage>
  /** Moves a task to `working`, `input_required` or `cancelled`. */
  updateStatus(taskId: string, status: NonTerminalOrCancelled, statusMessage?: string): Promise<Transition>
  /**
   * Ends a task `completed` or `failed`, keeping what the underlying request answered; or `failed`
   * with the reason when that cannot be kept (see the invariants above). Does not reject for that.
   */
  storeResult(
    taskId: string,
    status: Settled,
    outcome: TaskOutcome,
    statusMessage?: string,
  ): Promise<Transition>
  /** The outcome of a task that ended completed or failed, for its owner. */
  getResult(taskId: string, owner: string): Promise<TaskOutcome | undefined>
  delete(taskId: string): Promise<boolean>
  /** Registers a listener for tasks the store drops because their ttl ran out. */
  onExpire(listener: (task: TaskRecord) => void): void
  /** Stops timers and releases resources. */
  close(): Promise<void>
}

/**
 * The task runtime: creates tasks in the store, runs their work in the background with one
 * AbortController each, applies status changes and wakes parked `tasks/result` calls. It knows no
 * transport and no wire format.
 */
import { ErrorCode, errorText } from '../protocol/errors.ts'
import { isTerminal, type TaskStatus } from '../protocol/task-model.ts'
import { TaskEventEmitter } from './events.ts'
import type { TaskStore } from './store.ts'
import type { NewTask, Settled, TaskOutcome, TaskRecord, Transition } from './types.ts'
import { Waiters } from './waiters.ts'

/** What a task's work ends with: the terminal status and what the underlying request answered. */
export interface TaskSettlement {
  readonly status: Settled
  readonly outcome: TaskOutcome
  readonly statusMessage?: string
}

export type TaskWork = (signal: AbortSignal) => Promise<TaskSettlement>

/** Why a task's signal was aborted; handlers can read it from `signal.reason`. */
export class TaskAbortedError extends Error {
  override readonly name = 'TaskAbortedError'
  constructor(
    readonly taskId: string,
    readonly why: 'cancelled' | 'expired' | 'shutdown',
  ) {
    super(`Task ${taskId} was ${why === 'shutdown' ? 'stopped by server shutdown' : why}`)
  }
}

interface Running {
  readonly controller: AbortController
  status: TaskStatus
  /** Requests to the requestor the work waits on; the task is `input_required` while any is open. */
  awaitingInput: number
  /** Set once the task reached a terminal status, which may come before the work returns (cancel). */
  terminal: boolean
}

export class TaskManager extends TaskEventEmitter {
  readonly store: TaskStore
  readonly #running = new Map<string, Running>()
  readonly #waiters = new Waiters()

  constructor(store: TaskStore) {
    super()
    this.store = store
    store.onExpire((task) => this.#expired(task))
  }

  create(task: NewTask): Promise<TaskRecord> {
    return this.store.create(task)
  }

  /** Runs the work in the background, after the current turn so that the creating response goes first. */
  start(task: TaskRecord, work: TaskWork): void {
    const running: Running = {
      controller: new AbortController(),
      status: task.status,
      awaitingInput: 0,
      terminal: false,
    }
    this.#running.set(task.taskId, running)
    setImmediate(() => void this.#run(task.taskId, running, work))
  }

  /** True while the task's work runs and the task is not terminal: progress may still be sent. */
  isLive(taskId: string): boolean {
    const running = this.#running.get(taskId)
    return running !== undefined && !running.terminal
  }

  /** The status of a running task as this process last applied it. */
  statusOf(taskId: string): TaskStatus | undefined {
    return this.#running.get(taskId)?.status
  }

  /**
   * The work needs the requestor's input (2025-11-25 tasks "Input Required Status"): the first open
   * request moves the task to `input_required` (N30).
   */
  async beginInput(taskId: string): Promise<void> {
    const running = this.#running.get(taskId)
    if (running === undefined || running.terminal) return
    running.awaitingInput++
    if (running.awaitingInput === 1) await this.setStatus(taskId, 'input_required')
  }

  /** The last open request was answered (or gave up): the task goes back to `working` (N33). */
  async endInput(taskId: string): Promise<void> {
    const running = this.#running.get(taskId)
    if (running === undefined || running.awaitingInput === 0) return
    running.awaitingInput--
    if (running.awaitingInput === 0 && !running.terminal) await this.setStatus(taskId, 'working')
  }

  /** Moves a live task between `working` and `input_required`. */
  async setStatus(
    taskId: string,
    status: 'working' | 'input_required',
    statusMessage?: string,
  ): Promise<Transition> {
    return this.#applied(await this.store.updateStatus(taskId, status, statusMessage))
  }

  /**
   * 2025-11-25 tasks "Task Cancellation": the task is `cancelled` in the store before this resolves
   * (N62), the work's signal is aborted (N61) and later results are refused by the store (N63).
   */
  async cancel(taskId: string, statusMessage = 'Cancelled by the requestor'): Promise<Transition> {
    const transition = this.#applied(await this.store.updateStatus(taskId, 'cancelled', statusMessage))
    if (transition.applied) this.#abort(taskId, new TaskAbortedError(taskId, 'cancelled'))
    return transition
  }

  /**
   * Resolves with the task once it is terminal, or undefined if it disappears (expired, deleted) or
   * `signal` aborts. Registers before reading so that no completion slips between the two.
   */
  async waitForTerminal(
    taskId: string,
    owner: string,
    signal?: AbortSignal,
  ): Promise<TaskRecord | undefined> {
    let remove = () => {}
    const woken = new Promise<TaskRecord | undefined>((resolve) => {
      remove = this.#waiters.add(taskId, resolve)
      if (signal?.aborted) resolve(undefined)
      signal?.addEventListener('abort', () => resolve(undefined), { once: true })
    })
    try {
      const current = await this.store.get(taskId, owner)
      if (current === undefined || isTerminal(current.status) || signal?.aborted) return current
      return await woken
    } finally {
      remove()
    }
  }

  /** Aborts every running task (server shutdown). Their records stay as they are. */
  stopAll(): void {
    for (const taskId of [...this.#running.keys()])
      this.#abort(taskId, new TaskAbortedError(taskId, 'shutdown'))
  }

  /** Runs detached (setImmediate), so it never rejects: whatever escapes ends the task `failed`. */
  async #run(taskId: string, running: Running, work: TaskWork): Promise<void> {
    try {
      const settlement = await work(running.controller.signal)
      const { status, outcome, statusMessage } = settlement
      this.#applied(await this.store.storeResult(taskId, status, outcome, statusMessage))
    } catch (error) {
      // The work turns failures into a settlement, and the store keeps any outcome (or the reason it
      // cannot); reaching here is a bug or a failing store. Try once more with a plain failure.
      const message = errorText(error)
      const outcome: TaskOutcome = {
        kind: 'error',
        error: { code: ErrorCode.InternalError, message: `Internal error: ${message}` },
      }
      const stored = await this.store.storeResult(taskId, 'failed', outcome, message).catch(() => notApplied)
      try {
        this.#applied(stored)
      } catch {
        // A throwing status listener; the waiters were woken before it ran.
      }
    } finally {
      this.#running.delete(taskId)
    }
  }

  #applied(transition: Transition): Transition {
    if (!transition.applied) return transition
    const { task } = transition
    const running = this.#running.get(task.taskId)
    if (running !== undefined) {
      running.status = task.status
      running.terminal ||= isTerminal(task.status)
    }
    // Waiters first: a throwing status listener must not leave a tasks/result parked. (They answer in
    // a later turn, so the status notification still goes out before the result.)
    if (isTerminal(task.status)) this.#waiters.wake(task.taskId, task)
    this.emit('status', task)
    return transition
  }

  #expired(task: TaskRecord): void {
    this.#abort(task.taskId, new TaskAbortedError(task.taskId, 'expired'))
    this.#waiters.wake(task.taskId, undefined)
    this.emit('expired', task)
  }

  #abort(taskId: string, reason: TaskAbortedError): void {
    const running = this.#running.get(taskId)
    if (running === undefined) return
    running.terminal = true
    running.controller.abort(reason)
  }
}

const notApplied: Transition = { applied: false, task: undefined }

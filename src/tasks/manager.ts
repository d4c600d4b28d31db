/**
 * The task runtime: creates tasks in the store, runs their work in the background with one
 * AbortController each, applies status changes and wakes parked `tasks/result` calls. It knows no
 * transport and no wire format.
 */
import { isTerminal, type TaskStatus } from '../protocol/task-model.ts'
import { TaskEventEmitter } from './events.ts'
import type { TaskStore } from './store.ts'
import type { NewTask, Settled, TaskOutcome, TaskRecord, Transition } from './types.ts'
import { type Wait, Waiters } from './waiters.ts'

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
   * Parks a `tasks/result` call: the wait settles with the task once it is terminal, or undefined if
   * it disappears (expired, deleted) or the wait is cancelled. It registers before reading the store
   * so that no completion slips between the two. Throws -32050 beyond the owner's waiter limit.
   */
  waitForTerminal(taskId: string, owner: string): Wait {
    const wait = this.#waiters.add(taskId, owner)
    this.store.get(taskId, owner).then(
      (current) => {
        if (current === undefined || isTerminal(current.status)) wait.finish(current)
      },
      () => wait.finish(undefined),
    )
    return wait
  }

  /** Aborts every running task (server shutdown). Their records stay as they are. */
  stopAll(): void {
    for (const taskId of [...this.#running.keys()])
      this.#abort(taskId, new TaskAbortedError(taskId, 'shutdown'))
  }

  async #run(taskId: string, running: Running, work: TaskWork): Promise<void> {
    try {
      const settlement = await work(running.controller.signal)
      const { status, outcome, statusMessage } = settlement
      this.#applied(await this.store.storeResult(taskId, status, outcome, statusMessage))
    } catch (error) {
      // The work is expected to turn failures into a settlement; anything escaping is a bug.
      const message = error instanceof Error ? error.message : String(error)
      const outcome: TaskOutcome = {
        kind: 'error',
        error: { code: -32603, message: `Internal error: ${message}` },
      }
      this.#applied(await this.store.storeResult(taskId, 'failed', outcome, message).catch(() => notApplied))
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
    this.emit('status', task)
    if (isTerminal(task.status)) this.#waiters.wake(task.taskId, task)
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

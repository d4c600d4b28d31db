/**
 * The task runtime: creates tasks in the store, runs their work in the background with one
 * AbortController each, applies status changes and wakes parked `tasks/result` calls. It knows no
 * transport and no wire format.
 */
import { ErrorCode, errorText, ProtocolError } from '../protocol/errors.ts'
import { isTerminal } from '../protocol/task-model.ts'
import { DeadlineTimer } from './deadline-timer.ts'
import { TaskEventEmitter } from './events.ts'
import { ExpiryHeap } from './expiry-heap.ts'
import { DEFAULT_CREATE_RATE, type RateOptions, TokenBuckets } from './rate-limit.ts'
import { type AbortWhy, Running, type TaskRun, type TaskTimeout } from './running.ts'
import type { TaskStore } from './store.ts'
import type { NewTask, TaskOutcome, TaskRecord, TaskSettlement, Transition } from './types.ts'
import { DEFAULT_MAX_WAITERS_PER_REQUESTOR, type Wait, Waiters } from './waiters.ts'

export interface TaskManagerOptions {
  /** Task creation per requestor: a token bucket. Default 100 at once, then 20 per second; false disables. */
  readonly createRate?: RateOptions | false
  /** Parked tasks/result calls one requestor may hold at once. Default 100. */
  readonly maxWaitersPerRequestor?: number
  /** Clock in epoch ms. Default `Date.now()`, read on every call so fake timers apply. */
  readonly now?: () => number
}

export type { TaskSettlement }

export type TaskWork = (run: TaskRun) => Promise<TaskSettlement>

export class TaskManager extends TaskEventEmitter {
  readonly store: TaskStore
  readonly #running = new Map<string, Running>()
  readonly #waiters: Waiters
  readonly #now: () => number
  /** Running tasks with a time limit, earliest deadline first; one timer aims at the top. */
  readonly #deadlines = new ExpiryHeap<Running>()
  readonly #timer: DeadlineTimer
  /** Creation rate per requestor; undefined when unlimited. */
  readonly #createRate: RateOptions | undefined
  readonly #buckets: TokenBuckets | undefined

  constructor(
    store: TaskStore,
    {
      createRate = DEFAULT_CREATE_RATE,
      maxWaitersPerRequestor = DEFAULT_MAX_WAITERS_PER_REQUESTOR,
      now = () => Date.now(),
    }: TaskManagerOptions = {},
  ) {
    super()
    this.store = store
    this.#waiters = new Waiters(maxWaitersPerRequestor)
    this.#now = now
    this.#createRate = createRate === false || createRate.perSecond === 0 ? undefined : createRate
    this.#buckets = this.#createRate === undefined ? undefined : new TokenBuckets(this.#createRate, now)
    this.#timer = new DeadlineTimer(() => this.#sweepDeadlines(), now)
    store.onExpire((task) => this.#expired(task))
  }

  /**
   * Creates a task in the store, within the requestor's creation rate (N81); beyond it -32050 with
   * `data: { limit, burst, scope: 'rate', retryAfterMs }` (spec/decisions.md 38).
   */
  async create(task: NewTask): Promise<TaskRecord> {
    const retryAfterMs = this.#buckets?.take(task.owner) ?? 0
    if (retryAfterMs > 0 && this.#createRate !== undefined) throw rateLimited(this.#createRate, retryAfterMs)
    return this.store.create(task)
  }

  /**
   * Runs the work in the background, after the current turn so that the creating response goes
   * first. With a `timeout` the task ends with `timeout.settle()` once `timeout.ms` have passed,
   * whether or not the work ever returns, and the work's signal aborts with why 'timeout'.
   */
  start(task: TaskRecord, work: TaskWork, timeout?: TaskTimeout): void {
    const running = new Running(task.taskId, task.status, timeout, this.#now())
    this.#running.set(task.taskId, running)
    if (timeout !== undefined) {
      this.#deadlines.push(running)
      this.#aim()
    }
    setImmediate(() => void this.#run(running, work))
  }

  /**
   * Running entries held (diagnostics and tests): one per task whose work was started and that is
   * neither terminal nor gone.
   */
  get runningCount(): number {
    return this.#running.size
  }

  /** Parked tasks/result calls held (diagnostics and tests), all requestors together. */
  get waiterCount(): number {
    return this.#waiters.size
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
    const transition = await this.store.updateStatus(taskId, 'cancelled', statusMessage)
    if (transition.applied) this.#running.get(taskId)?.abort('cancelled')
    return this.#applied(transition)
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
    for (const running of [...this.#running.values()]) this.#end(running, 'shutdown')
    this.#timer.stop()
  }

  /** Runs detached (setImmediate), so it never rejects: whatever escapes ends the task `failed`. */
  async #run(running: Running, work: TaskWork): Promise<void> {
    const { taskId } = running
    try {
      const settlement = await work(running)
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
      this.#release(running)
    }
  }

  #applied(transition: Transition): Transition {
    if (!transition.applied) return transition
    const { task } = transition
    const running = this.#running.get(task.taskId)
    if (running !== undefined) running.status = task.status
    // Terminal: nothing of the work is needed any more, whether or not it ever returns.
    if (running !== undefined && isTerminal(task.status)) this.#release(running)
    // Waiters first: a throwing status listener must not leave a tasks/result parked. (They answer in
    // a later turn, so the status notification still goes out before the result.)
    if (isTerminal(task.status)) this.#waiters.wake(task.taskId, task)
    this.emit('status', task)
    return transition
  }

  #expired(task: TaskRecord): void {
    const running = this.#running.get(task.taskId)
    if (running !== undefined) this.#end(running, 'expired')
    this.#waiters.wake(task.taskId, undefined)
    this.emit('expired', task)
  }

  /** Aborts the work's signal and lets go of it: the task is over here, whatever the work does. */
  #end(running: Running, why: AbortWhy): void {
    running.abort(why)
    this.#release(running)
  }

  /** Forgets a running entry (the work may still hold it as its TaskRun). */
  #release(running: Running): void {
    running.terminal = true
    if (this.#running.get(running.taskId) === running) this.#running.delete(running.taskId)
    if (running.heapIndex >= 0) {
      this.#deadlines.remove(running)
      this.#aim()
    }
  }

  /** Times out every task whose deadline has passed, then aims at the next one. */
  #sweepDeadlines(): void {
    const now = this.#now()
    for (let next = this.#deadlines.peek(); next !== undefined && next.expiresAt <= now; ) {
      this.#deadlines.remove(next)
      // Detached: #timeOut catches what a status listener throws, so it never rejects.
      void this.#timeOut(next)
      next = this.#deadlines.peek()
    }
    this.#aim()
  }

  /**
   * The work ran out of time: its settlement is stored first, so the task is terminal with its
   * outcome before the handler hears of it, then the signal aborts and the entry goes.
   */
  async #timeOut(running: Running): Promise<void> {
    const settlement = running.timeout?.settle()
    if (settlement === undefined) return
    const { status, outcome, statusMessage } = settlement
    const stored = this.store.storeResult(running.taskId, status, outcome, statusMessage)
    const transition = await stored.catch(() => notApplied)
    if (!transition.applied) {
      this.#release(running) // already terminal, or gone
      return
    }
    running.abort('timeout')
    try {
      this.#applied(transition)
    } catch {
      // A throwing status listener; the waiters were woken before it ran.
    }
  }

  #aim(): void {
    this.#timer.aim(this.#deadlines.peek()?.expiresAt)
  }
}

const notApplied: Transition = { applied: false, task: undefined }

function rateLimited({ perSecond, burst }: RateOptions, retryAfterMs: number): ProtocolError {
  return new ProtocolError(
    ErrorCode.TaskLimitReached,
    `Task creation rate exceeded: a requestor may create ${burst} tasks at once, then ${perSecond} per ` +
      `second (tasks.createRate). Retry in ${retryAfterMs} ms.`,
    { limit: perSecond, burst, scope: 'rate', retryAfterMs },
  )
}

/**
 * Parked `tasks/result` calls. 2025-11-25 tasks (N43): a non-terminal task's result blocks until the
 * task is terminal; waiters wake on the status event itself, never by polling.
 *
 * A parked call lives as long as its client keeps the request open, so each one is a single small
 * object (no AbortController, no listener closures) and a requestor may hold only so many at once
 * (2025-11-25 tasks "Resource Management", N81).
 */
import { ErrorCode, ProtocolError } from '../protocol/errors.ts'
import type { TaskRecord } from './types.ts'

/** Parked `tasks/result` calls one requestor may hold at once. */
export const DEFAULT_MAX_WAITERS_PER_REQUESTOR = 100

/** One parked call: `settled` resolves with the terminal task, or undefined when it is gone or given up. */
export class Wait {
  readonly taskId: string
  readonly owner: string
  readonly settled: Promise<TaskRecord | undefined>
  #resolve: ((task: TaskRecord | undefined) => void) | undefined
  #cancelled = false
  readonly #onDone: (wait: Wait) => void

  constructor(taskId: string, owner: string, onDone: (wait: Wait) => void) {
    this.taskId = taskId
    this.owner = owner
    this.#onDone = onDone
    this.settled = new Promise((resolve) => {
      this.#resolve = resolve
    })
  }

  /** Whether the wait was given up by its caller rather than ended by the task. */
  get cancelled(): boolean {
    return this.#cancelled
  }

  /** Ends the wait with `task` (undefined: the task is gone); later calls are ignored. */
  finish(task: TaskRecord | undefined): void {
    const resolve = this.#resolve
    if (resolve === undefined) return
    this.#resolve = undefined
    this.#onDone(this)
    resolve(task)
  }

  /** Gives up waiting (the client went away or cancelled the request); the task is not touched. */
  readonly cancel = (): void => {
    if (this.#resolve === undefined) return
    this.#cancelled = true
    this.finish(undefined)
  }
}

export class Waiters {
  readonly #byTask = new Map<string, Set<Wait>>()
  readonly #perOwner = new Map<string, number>()
  readonly #maxPerOwner: number

  constructor(maxPerOwner = DEFAULT_MAX_WAITERS_PER_REQUESTOR) {
    if (!(Number.isSafeInteger(maxPerOwner) && maxPerOwner >= 1)) {
      throw new RangeError(`maxWaitersPerRequestor must be an integer >= 1, got ${maxPerOwner}`)
    }
    this.#maxPerOwner = maxPerOwner
  }

  /** Parks a call for `owner`; -32050 when the owner already holds as many as allowed. */
  add(taskId: string, owner: string): Wait {
    const held = this.#perOwner.get(owner) ?? 0
    if (held >= this.#maxPerOwner) throw waitersLimit(this.#maxPerOwner)
    const wait = new Wait(taskId, owner, this.#remove)
    let set = this.#byTask.get(taskId)
    if (set === undefined) {
      set = new Set()
      this.#byTask.set(taskId, set)
    }
    set.add(wait)
    this.#perOwner.set(owner, held + 1)
    return wait
  }

  /** Wakes every waiter of the task; `undefined` means the task is gone. */
  wake(taskId: string, task: TaskRecord | undefined): void {
    const set = this.#byTask.get(taskId)
    if (set === undefined) return
    for (const wait of [...set]) wait.finish(task)
  }

  /** Parked calls held right now (all requestors). */
  get size(): number {
    let size = 0
    for (const held of this.#perOwner.values()) size += held
    return size
  }

  readonly #remove = (wait: Wait): void => {
    const set = this.#byTask.get(wait.taskId)
    if (set?.delete(wait) !== true) return
    if (set.size === 0) this.#byTask.delete(wait.taskId)
    const held = (this.#perOwner.get(wait.owner) ?? 1) - 1
    if (held === 0) this.#perOwner.delete(wait.owner)
    else this.#perOwner.set(wait.owner, held)
  }
}

function waitersLimit(limit: number): ProtocolError {
  return new ProtocolError(
    ErrorCode.TaskLimitReached,
    `Too many tasks/result calls waiting: this requestor already has ${limit} open ` +
      '(tasks.maxWaitersPerRequestor). Wait for one to be answered, or poll tasks/get instead.',
    { limit, scope: 'waiters' },
  )
}

/**
 * The default TaskStore: everything in process memory, gone on restart. Built to hold 100k+ tasks:
 * - `#tasks` (Map by id): get and every change are O(1).
 * - `#owners` (an OwnerIndex per owner): list is O(log n + page), delete amortised O(log n).
 * - `#expiries` (an indexed min-heap) plus ONE unref'd timer armed for the earliest deadline:
 *   create and expiry are O(log n); no per-task timers, no polling. The timer expires at most
 *   SWEEP_BATCH tasks per tick, and reads check only their own task, so a burst of expiries never
 *   stalls the event loop or a `get`.
 * - `#budget`: the bytes of the results held, per owner and overall (see result-budget.ts).
 * Records are frozen and replaced on each change, so callers can keep or share them freely; outcomes
 * are kept as sealed, frozen copies, so what a caller passed in can change afterwards without effect.
 */
import { ErrorCode, ProtocolError } from '../protocol/errors.ts'
import { decodeCursor, encodeCursor, newCursorEpoch } from './cursor.ts'
import { DeadlineTimer } from './deadline-timer.ts'
import { ExpiryHeap } from './expiry-heap.ts'
import { OwnerIndex } from './owner-index.ts'
import { newRecord, withStatus } from './records.ts'
import {
  DEFAULT_MAX_RETAINED_RESULT_BYTES,
  DEFAULT_MAX_RETAINED_RESULT_BYTES_PER_REQUESTOR,
  ResultBudget,
} from './result-budget.ts'
import { canTransition } from './status.ts'
import type { ListOptions, TaskStore } from './store.ts'
import type {
  ListPage,
  NewTask,
  NonTerminalOrCancelled,
  Settled,
  TaskOutcome,
  TaskRecord,
  Transition,
} from './types.ts'

export const DEFAULT_MAX_TASKS = 100_000
export const DEFAULT_MAX_TASKS_PER_REQUESTOR = 1_000
export const DEFAULT_PAGE_SIZE = 50

/** A terminal status with the outcome as the store keeps it, and what it counts against the budget. */
interface Kept {
  readonly status: Settled
  readonly outcome: TaskOutcome
  readonly statusMessage: string | undefined
  readonly bytes: number
}

/** Expiries handled per timer tick; the rest follow on the next tick. */
const SWEEP_BATCH = 1_000

export interface InMemoryTaskStoreOptions {
  /** Tasks held overall, in any status, until they expire or are deleted. Default 100,000. */
  readonly maxTasks?: number
  /**
   * Tasks held per owner (2025-11-25 tasks "Resource Management", N81: limit concurrent tasks per
   * requestor). Default 1,000.
   */
  readonly maxTasksPerRequestor?: number
  /** The most tasks one `list` page returns; a smaller `limit` wins. Default 50. */
  readonly pageSize?: number
  /**
   * Bytes of results (UTF-8 JSON) held overall. A result beyond it makes its task fail with -32050
   * (`data.scope` "server"); nothing already held is evicted. Default: a quarter of the V8 heap limit.
   */
  readonly maxRetainedResultBytes?: number
  /**
   * Bytes of results held per owner, treated the same (`data.scope` "requestor"). Default: an eighth
   * of `maxRetainedResultBytes`'s default.
   */
  readonly maxRetainedResultBytesPerRequestor?: number
  /** Clock in epoch ms. Default `Date.now()`, read on every call so fake timers apply. */
  readonly now?: () => number
}

/** The store's own view of a task. `record` is frozen and replaced on each change. */
interface Entry {
  record: TaskRecord
  outcome: TaskOutcome | undefined
  /** Bytes the outcome counts against the result budget (0 while there is none). */
  bytes: number
  /** Creation sequence number: the task's position in `list` order and in cursors. */
  readonly seq: number
  /** createdAt + ttlMs; Infinity when the task never expires. */
  readonly expiresAt: number
  heapIndex: number
}

/**
 * Keeps tasks in memory, bound to their owner, until their ttl (counted from creation) runs out.
 *
 * @example
 * const store = new InMemoryTaskStore({ maxTasksPerRequestor: 100 })
 * const task = await store.create({ owner: 'session:abc', method: 'tools/call', ttlMs: 60_000 })
 * await store.storeResult(task.taskId, 'completed', { kind: 'result', result: { content: [] } })
 */
export class InMemoryTaskStore implements TaskStore {
  readonly #maxTasks: number
  readonly #maxTasksPerRequestor: number
  readonly #pageSize: number
  readonly #budget: ResultBudget
  readonly #now: () => number
  readonly #tasks = new Map<string, Entry>()
  readonly #owners = new Map<string, OwnerIndex<Entry>>()
  readonly #expiries = new ExpiryHeap<Entry>()
  readonly #expireListeners: ((task: TaskRecord) => void)[] = []
  readonly #cursorEpoch = newCursorEpoch()
  /** Last creation sequence number handed out; cursors beyond it were never issued. */
  #seq = 0
  // Fires at the earliest deadline; the sweep re-aims it (also when it fired early for a capped delay).
  readonly #timer: DeadlineTimer
  #closed = false

  constructor({
    maxTasks = DEFAULT_MAX_TASKS,
    maxTasksPerRequestor = DEFAULT_MAX_TASKS_PER_REQUESTOR,
    pageSize = DEFAULT_PAGE_SIZE,
    maxRetainedResultBytes = DEFAULT_MAX_RETAINED_RESULT_BYTES,
    maxRetainedResultBytesPerRequestor = DEFAULT_MAX_RETAINED_RESULT_BYTES_PER_REQUESTOR,
    now = () => Date.now(),
  }: InMemoryTaskStoreOptions = {}) {
    this.#maxTasks = positiveInteger('maxTasks', maxTasks)
    this.#maxTasksPerRequestor = positiveInteger('maxTasksPerRequestor', maxTasksPerRequestor)
    this.#pageSize = positiveInteger('pageSize', pageSize)
    this.#budget = new ResultBudget(
      positiveInteger('maxRetainedResultBytes', maxRetainedResultBytes),
      positiveInteger('maxRetainedResultBytesPerRequestor', maxRetainedResultBytesPerRequestor),
    )
    this.#now = now
    this.#timer = new DeadlineTimer(() => this.#sweep(SWEEP_BATCH), now)
  }

  async create(task: NewTask): Promise<TaskRecord> {
    this.#checkLimits(task.owner)
    const createdAt = this.#now()
    const record = newRecord(task, createdAt)
    // 2025-11-25 tasks: ttl counts from creation (N36-N38); null means unlimited.
    const expiresAt = task.ttlMs === null ? Number.POSITIVE_INFINITY : createdAt + task.ttlMs
    const entry: Entry = { record, outcome: undefined, bytes: 0, seq: ++this.#seq, expiresAt, heapIndex: -1 }
    this.#tasks.set(record.taskId, entry)
    this.#ownerIndex(task.owner).add(entry)
    if (Number.isFinite(expiresAt)) this.#expiries.push(entry)
    this.#arm()
    return record
  }

  async get(taskId: string, owner: string): Promise<TaskRecord | undefined> {
    return this.#owned(taskId, owner)?.record
  }

  async list(owner: string, { cursor, limit }: ListOptions = {}): Promise<ListPage> {
    const afterSeq = cursor === undefined ? 0 : this.#decodeCursor(cursor)
    const now = this.#now()
    // Tasks past their deadline that the timer has not reached yet are skipped like deleted ones.
    const unexpired = (entry: Entry) => entry.expiresAt > now
    const page = this.#owners.get(owner)?.page(afterSeq, this.#pageLimit(limit), unexpired)
    if (page === undefined) return { tasks: [] }
    const tasks = page.items.map((entry) => entry.record)
    const last = page.items.at(-1)
    // N57: nextCursor exactly when more tasks remain.
    return page.more && last !== undefined
      ? { tasks, nextCursor: encodeCursor(this.#cursorEpoch, last.seq) }
      : { tasks }
  }

  async updateStatus(
    taskId: string,
    status: NonTerminalOrCancelled,
    statusMessage?: string,
  ): Promise<Transition> {
    return this.#transition(taskId, status, statusMessage, undefined)
  }

  /**
   * Keeps a sealed copy of `outcome` (the caller's object is not retained). An outcome that cannot
   * be kept ends the task `failed` instead, with an outcome saying why: -32603 when it is not JSON,
   * -32050 with `data: { limit, scope }` when it does not fit the result budget.
   */
  async storeResult(
    taskId: string,
    status: Settled,
    outcome: TaskOutcome,
    statusMessage?: string,
  ): Promise<Transition> {
    return this.#transition(taskId, status, statusMessage, outcome)
  }

  async getResult(taskId: string, owner: string): Promise<TaskOutcome | undefined> {
    return this.#owned(taskId, owner)?.outcome
  }

  async delete(taskId: string): Promise<boolean> {
    const entry = this.#live(taskId)
    if (entry === undefined) return false
    this.#drop(entry)
    this.#arm()
    return true
  }

  onExpire(listener: (task: TaskRecord) => void): void {
    this.#expireListeners.push(listener)
  }

  /** Stops the expiry timer for good. Tasks stay readable, and still expire when read. */
  async close(): Promise<void> {
    this.#closed = true
    this.#timer.stop()
  }

  /** The live entry for `taskId` if `owner` owns it (N78: other owners' tasks look unknown). */
  #owned(taskId: string, owner: string): Entry | undefined {
    const entry = this.#live(taskId)
    return entry?.record.owner === owner ? entry : undefined
  }

  /**
   * The entry for `taskId` unless it is unknown or past its deadline. A task read after its
   * deadline but before the timer got to it is expired here, so it is gone from exactly
   * createdAt + ttl and the listeners still hear of it once.
   */
  #live(taskId: string): Entry | undefined {
    const entry = this.#tasks.get(taskId)
    if (entry === undefined || entry.expiresAt > this.#now()) return entry
    this.#drop(entry)
    this.#arm()
    this.#notifyExpired(entry.record)
    return undefined
  }

  #transition(
    taskId: string,
    status: TaskRecord['status'],
    message?: string,
    outcome?: TaskOutcome,
  ): Transition {
    const entry = this.#live(taskId)
    if (entry === undefined) return { applied: false, task: undefined }
    // N26/N27/N63: only the lifecycle's transitions; a terminal task never changes again.
    if (!canTransition(entry.record.status, status)) return { applied: false, task: entry.record }
    // Status and outcome change together, so no reader sees `completed` without its result: all that
    // can fail (sealing, the budget) is done before anything changes, and its failure is an outcome.
    // (An outcome comes only from storeResult, whose status is `completed` or `failed`.)
    const owner = entry.record.owner
    const kept = outcome === undefined ? undefined : this.#keep(owner, status as Settled, outcome, message)
    entry.record = withStatus(
      entry.record,
      kept?.status ?? status,
      kept?.statusMessage ?? message,
      this.#now(),
    )
    if (kept !== undefined) {
      entry.outcome = kept.outcome
      entry.bytes = kept.bytes
      this.#budget.charge(owner, kept.bytes)
    }
    return { applied: true, task: entry.record }
  }

  /** The outcome as it will be kept, or the failure that takes its place; never throws. */
  #keep(owner: string, status: Settled, outcome: TaskOutcome, message: string | undefined): Kept {
    let sealing = this.#budget.seal(owner, outcome)
    // Results of tasks past their deadline may still be held; sweeping them is only worth it here.
    if (!sealing.kept && sealing.overBudget && this.#anyExpired()) {
      this.#sweep(Number.POSITIVE_INFINITY)
      sealing = this.#budget.seal(owner, outcome)
    }
    if (sealing.kept)
      return { status, outcome: sealing.outcome, statusMessage: message, bytes: sealing.bytes }
    const failure = this.#budget.failure(sealing.error)
    return { status: 'failed', statusMessage: sealing.error.message, ...failure }
  }

  #anyExpired(): boolean {
    const earliest = this.#expiries.peek()
    return earliest !== undefined && earliest.expiresAt <= this.#now()
  }

  /** `limit` capped at the page size; a missing or nonsensical limit (below 1) means the page size. */
  #pageLimit(limit: number | undefined): number {
    return limit !== undefined && limit >= 1 ? Math.min(Math.floor(limit), this.#pageSize) : this.#pageSize
  }

  /** N81: limit tasks per requestor, and overall. Expired tasks do not count. */
  #checkLimits(owner: string): void {
    // Tasks past their deadline may still be held; sweeping them all is only worth it at a limit.
    if (this.#limitHit(owner) !== undefined) this.#sweep(Number.POSITIVE_INFINITY)
    const scope = this.#limitHit(owner)
    if (scope === 'requestor') throw limitReached(scope, this.#maxTasksPerRequestor)
    if (scope === 'server') throw limitReached(scope, this.#maxTasks)
  }

  #limitHit(owner: string): 'requestor' | 'server' | undefined {
    if ((this.#owners.get(owner)?.size ?? 0) >= this.#maxTasksPerRequestor) return 'requestor'
    return this.#tasks.size >= this.#maxTasks ? 'server' : undefined
  }

  #decodeCursor(cursor: string): number {
    const seq = decodeCursor(cursor, this.#cursorEpoch, this.#seq)
    if (seq !== undefined) return seq
    throw ProtocolError.invalidParams(
      'tasks/list: invalid cursor. Pass back the nextCursor of an earlier tasks/list response unchanged, ' +
        'or omit cursor to start from the oldest task; cursors do not survive a server restart.',
    )
  }

  #ownerIndex(owner: string): OwnerIndex<Entry> {
    let index = this.#owners.get(owner)
    if (index === undefined) {
      index = new OwnerIndex<Entry>()
      this.#owners.set(owner, index)
    }
    return index
  }

  /**
   * Drops up to `max` tasks whose deadline has passed, earliest first, and tells the listeners; then
   * re-aims the timer (at once if more are due, or later if it fired early on a capped delay).
   */
  #sweep(max: number): void {
    const now = this.#now()
    let next = this.#expiries.peek()
    for (let swept = 0; next !== undefined && next.expiresAt <= now && swept < max; swept += 1) {
      // Dropped before notifying, so each listener runs once per task even if it calls back in.
      this.#drop(next)
      this.#notifyExpired(next.record)
      next = this.#expiries.peek()
    }
    this.#arm()
  }

  #drop(entry: Entry): void {
    this.#budget.release(entry.record.owner, entry.bytes)
    this.#tasks.delete(entry.record.taskId)
    this.#expiries.remove(entry)
    const index = this.#owners.get(entry.record.owner)
    index?.remove(entry)
    // Owners are often per-session; an empty index would leak one map entry per session.
    if (index?.size === 0) this.#owners.delete(entry.record.owner)
  }

  #notifyExpired(record: TaskRecord): void {
    for (const listener of this.#expireListeners) {
      try {
        listener(record)
      } catch (error) {
        // One failing listener must not stop the sweep or starve the others.
        console.error('taskwire: an onExpire listener threw', error)
      }
    }
  }

  /** Aims the one timer at the earliest deadline, or stops it when nothing can expire. */
  #arm(): void {
    this.#timer.aim(this.#closed ? undefined : this.#expiries.peek()?.expiresAt)
  }
}

function limitReached(scope: 'requestor' | 'server', limit: number): ProtocolError {
  const holds = scope === 'requestor' ? 'this requestor already holds' : 'the server already holds'
  const option = scope === 'requestor' ? 'maxTasksPerRequestor' : 'maxTasks'
  // Cancelling does not free a slot (a cancelled task is kept until its ttl ends), so the advice is
  // to wait for expiry or to ask for shorter ttls.
  return new ProtocolError(
    ErrorCode.TaskLimitReached,
    `Task limit reached: ${holds} ${limit} tasks (${option}). Retry once earlier tasks expire ` +
      '(ttl counts from creation), or ask for a shorter ttl so tasks free their slots sooner.',
    { limit, scope },
  )
}

function positiveInteger(name: string, value: number): number {
  if (Number.isSafeInteger(value) && value >= 1) return value
  throw new RangeError(`InMemoryTaskStore: ${name} must be an integer >= 1, got ${value}`)
}

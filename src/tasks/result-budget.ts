/**
 * What a store may keep of task results, in bytes: per requestor and overall (issue 9: limits count
 * bytes as well as items). Results stay until their task's ttl runs out, so a requestor asking for
 * many large results could otherwise hold the heap. At the budget a new result is refused, making
 * THAT task fail with -32050; no other requestor's task is ever evicted to make room (2025-11-25
 * tasks "Resource Management", N81: limit per requestor; spec/decisions.md "Result byte budgets").
 *
 * Sizes are the UTF-8 bytes of the outcome's JSON, counted while it is sealed (protocol/json-seal.ts)
 * into the frozen copy the store keeps; the heap holds somewhat more per byte, hence the margins.
 */
import { getHeapStatistics } from 'node:v8'
import { ErrorCode, type ErrorObject } from '../protocol/errors.ts'
import { describeJsonProblem, type JsonProblem, MAX_JSON_DEPTH, sealJson } from '../protocol/json-seal.ts'
import type { TaskOutcome } from './types.ts'

/**
 * Results held overall: a quarter of the heap limit (`v8.getHeapStatistics().heap_size_limit`, so
 * `--max-old-space-size` moves it), leaving the rest for tasks, sessions, streams and work in flight.
 */
export const DEFAULT_MAX_RETAINED_RESULT_BYTES = Math.floor(getHeapStatistics().heap_size_limit / 4)
/** Results held per requestor: an eighth of the overall budget, so eight requestors fit in full. */
export const DEFAULT_MAX_RETAINED_RESULT_BYTES_PER_REQUESTOR = Math.floor(
  DEFAULT_MAX_RETAINED_RESULT_BYTES / 8,
)

export type BudgetScope = 'requestor' | 'server'

/** What became of an outcome offered to the store. */
export type Sealing =
  | { readonly kept: true; readonly outcome: TaskOutcome; readonly bytes: number }
  | { readonly kept: false; readonly error: ErrorObject; readonly overBudget: boolean }

interface Room {
  readonly bytes: number
  readonly limit: number
  readonly scope: BudgetScope
}

export class ResultBudget {
  readonly #maxTotal: number
  readonly #maxPerOwner: number
  #total = 0
  readonly #byOwner = new Map<string, number>()

  constructor(maxTotal: number, maxPerOwner: number) {
    this.#maxTotal = maxTotal
    this.#maxPerOwner = maxPerOwner
  }

  /** Bytes held for all owners. */
  get total(): number {
    return this.#total
  }

  /** Bytes held for `owner`. */
  heldBy(owner: string): number {
    return this.#byOwner.get(owner) ?? 0
  }

  /**
   * Seals `outcome` within the room `owner` has left; never throws. What cannot be kept (over the
   * budget, or not JSON: a BigInt, a cycle, a throwing getter, too deep) comes back as the error
   * that says why, for the store to end the task `failed` with.
   */
  seal(owner: string, outcome: TaskOutcome): Sealing {
    const room = this.#room(owner)
    const sealed = sealJson(outcome, { maxDepth: MAX_JSON_DEPTH, maxBytes: room.bytes })
    if (sealed.ok) return { kept: true, outcome: sealed.value as TaskOutcome, bytes: sealed.bytes }
    if (sealed.problem.kind === 'too-large')
      return { kept: false, error: budgetReached(room), overBudget: true }
    return { kept: false, error: unstorable(sealed.problem), overBudget: false }
  }

  /**
   * The outcome of a task whose result could not be kept. It is kept however full the budget is, so
   * that no task is lost: a few hundred bytes, bounded by the limits on the number of tasks.
   */
  failure(error: ErrorObject): { readonly outcome: TaskOutcome; readonly bytes: number } {
    const sealed = sealJson({ kind: 'error', error }, { maxDepth: MAX_JSON_DEPTH, maxBytes: Infinity })
    // Our own error of strings and numbers always seals; the fallback only satisfies the types.
    if (sealed.ok) return { outcome: sealed.value as TaskOutcome, bytes: sealed.bytes }
    return { outcome: { kind: 'error', error }, bytes: 0 }
  }

  charge(owner: string, bytes: number): void {
    this.#total += bytes
    this.#byOwner.set(owner, this.heldBy(owner) + bytes)
  }

  release(owner: string, bytes: number): void {
    this.#total -= bytes
    const left = this.heldBy(owner) - bytes
    // Owners are often per-session: an owner holding nothing is forgotten, not kept at zero.
    if (left > 0) this.#byOwner.set(owner, left)
    else this.#byOwner.delete(owner)
  }

  /** The tighter of the two budgets for `owner`: what is left of it, and which one it is. */
  #room(owner: string): Room {
    const forOwner = this.#maxPerOwner - this.heldBy(owner)
    const overall = this.#maxTotal - this.#total
    if (forOwner <= overall)
      return { bytes: Math.max(0, forOwner), limit: this.#maxPerOwner, scope: 'requestor' }
    return { bytes: Math.max(0, overall), limit: this.#maxTotal, scope: 'server' }
  }
}

function budgetReached(room: Room): ErrorObject {
  const holds =
    room.scope === 'requestor' ? "this requestor's tasks already hold" : 'the server already holds'
  const option = room.scope === 'requestor' ? 'maxRetainedResultBytesPerRequestor' : 'maxRetainedResultBytes'
  return {
    code: ErrorCode.TaskLimitReached,
    message:
      `Result budget reached: ${holds} results up to ${room.limit} bytes (${option}) and this result ` +
      `does not fit in the ${room.bytes} bytes left. Retry once earlier tasks expire (ttl counts from ` +
      'creation), or ask for shorter ttls so results free their bytes sooner.',
    data: { limit: room.limit, scope: room.scope },
  }
}

function unstorable(problem: JsonProblem): ErrorObject {
  return {
    code: ErrorCode.InternalError,
    message: `The task's result cannot be kept: ${describeJsonProblem(problem)}`,
  }
}

/**
 * Execution time limits of tool calls (issue 9: execution time is bounded). A tool's `timeoutMs`,
 * else the server's `toolTimeoutMs`, bounds every call of it, plain or task, counted from the start
 * of the handler. At the deadline the handler's `ctx.signal` aborts with a reason whose `why` is
 * 'timeout', and the call ends then, whether or not the handler ever returns (spec/decisions.md 37).
 */
import { TaskwireError } from '../errors.ts'
import { MAX_TIMER_DELAY_MS } from '../tasks/deadline-timer.ts'

/**
 * Default limit of one tool call: one hour, the default task ttl. Far beyond any client's request
 * timeout for a plain call; a task that asked for a longer ttl and really runs longer needs the
 * tool to say so with `timeoutMs`.
 */
export const DEFAULT_TOOL_TIMEOUT_MS = 60 * 60_000

/** `ctx.signal.reason` of a plain call that ran out of time (a task's is a TaskAbortedError). */
export class ToolTimeoutError extends Error {
  override readonly name = 'ToolTimeoutError'
  readonly why = 'timeout'
  readonly tool: string
  readonly timeoutMs: number

  constructor(tool: string, timeoutMs: number) {
    super(timeoutMessage(tool, timeoutMs))
    this.tool = tool
    this.timeoutMs = timeoutMs
  }
}

/** The text of the isError result, and of a task's statusMessage, when a call runs out of time. */
export const timeoutMessage = (tool: string, timeoutMs: number): string =>
  `Tool "${tool}" timed out after ${timeoutMs} ms (its timeoutMs, or the server's toolTimeoutMs)`

/** A limit as given: a positive integer of ms that a timer can hold, or null for none. */
export function checkTimeout(name: string, value: number | null): number | null {
  if (value === null) return null
  if (Number.isSafeInteger(value) && value >= 1 && value <= MAX_TIMER_DELAY_MS) return value
  throw new TaskwireError(
    'INVALID_OPTION',
    `${name} must be an integer from 1 to ${MAX_TIMER_DELAY_MS} ms (about 24.8 days), or null for no limit; got ${value}`,
  )
}

/**
 * Settles with `work`, or with `onTimeout()` once `timeoutMs` has passed, whichever comes first.
 * A later rejection of `work` is absorbed here, so a handler that fails after its deadline cannot
 * become an unhandled rejection.
 */
export function withDeadline<T>(
  work: Promise<T>,
  timeoutMs: number | null,
  onTimeout: (timeoutMs: number) => T,
): Promise<T> {
  if (timeoutMs === null) return work
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout(timeoutMs)), timeoutMs)
  })
  work.catch(() => {})
  return Promise.race([work, expired]).finally(() => clearTimeout(timer))
}

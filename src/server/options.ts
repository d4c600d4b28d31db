/** Server options and their defaults. Every limit has a default and is documented in the README. */
import { TaskwireError } from '../errors.ts'
import { DEFAULT_MAX_JSON_DEPTH, type JsonLimits, MAX_JSON_DEPTH } from '../protocol/json-seal.ts'
import type { RateOptions } from '../tasks/rate-limit.ts'
import type { TaskStore } from '../tasks/store.ts'

/** Default retention of a task when the client asks for none: one hour from creation. */
export const DEFAULT_TASK_TTL_MS = 60 * 60_000
/** Upper bound on any task's retention: a requested ttl above it is lowered to it. One day. */
export const DEFAULT_MAX_TASK_TTL_MS = 24 * 60 * 60_000
/** Lower bound: a ttl this short could expire before the client fetches the result. */
export const DEFAULT_MIN_TASK_TTL_MS = 1_000
/** Suggested milliseconds between two `tasks/get` polls. */
export const DEFAULT_POLL_INTERVAL_MS = 1_000
/** `tools/list` page size. */
export const DEFAULT_TOOLS_PAGE_SIZE = 100
/**
 * Largest tool result, in UTF-8 bytes of its JSON: the default request body limit, so a tool that
 * echoes what it was sent still fits, and one result cannot take a large share of the heap.
 */
export const DEFAULT_MAX_RESULT_BYTES = 4 * 1024 * 1024
/**
 * Deepest nesting of a tool result (objects and arrays inside each other). Real results nest a
 * handful of levels; 64 leaves room for structured output and stays far below what overflows the
 * stack of JSON.stringify or of a client's parser.
 */
export const DEFAULT_MAX_RESULT_DEPTH = DEFAULT_MAX_JSON_DEPTH

export interface TaskOptions {
  /** Retention when the client sends no ttl (ms, from creation); null = unlimited. */
  defaultTtlMs?: number | null
  /** Largest retention granted (ms); null = no cap. */
  maxTtlMs?: number | null
  /** Smallest retention granted (ms). */
  minTtlMs?: number
  /** `pollInterval` suggested to clients (ms). */
  pollIntervalMs?: number
  /**
   * Task creation per requestor, a token bucket: `burst` at once, then `perSecond`. Beyond it
   * tools/call with `task` answers -32050 with `retryAfterMs` in `data`. Default
   * `{ perSecond: 20, burst: 100 }`; `false` (or perSecond 0) disables it.
   */
  createRate?: RateOptions | false
  /** Parked `tasks/result` calls one requestor may hold at once (-32050 beyond). Default 100. */
  maxWaitersPerRequestor?: number
  /** Where tasks live. Default: an InMemoryTaskStore with its default limits. */
  store?: TaskStore
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export interface ServerOptions {
  name: string
  version: string
  title?: string
  instructions?: string
  tasks?: TaskOptions
  /** `tools/list` page size. */
  toolsPageSize?: number
  /**
   * Longest a tool call may run (ms), plain or as a task, for tools that set no `timeoutMs`; null
   * for no limit. Default one hour (DEFAULT_TOOL_TIMEOUT_MS).
   */
  toolTimeoutMs?: number | null
  /** How long `ctx.elicit` / `ctx.sample` wait for the client's answer (ms). Default 10 minutes. */
  inputTimeoutMs?: number
  /** Receives audit lines (task created, settled, retrieved, cancelled). Default: silent. */
  logger?: Logger
  /**
   * Largest tool result in UTF-8 bytes of JSON, plain call or task; a larger one answers an isError
   * result (plain call) or fails the task with -32603. Default 4 MiB.
   */
  maxResultBytes?: number
  /** Deepest nesting of a tool result, treated like maxResultBytes. Default 64; at most 1,000. */
  maxResultDepth?: number
}

/** The ttl and polling settings, resolved. */
export type TtlOptions = Required<
  Pick<TaskOptions, 'defaultTtlMs' | 'maxTtlMs' | 'minTtlMs' | 'pollIntervalMs'>
>

const noop = () => {}
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop }

/** `logger.error` that never throws: a failing logger must not turn a handled failure into a crash. */
export function logError(logger: Logger, message: string, fields: Record<string, unknown>): void {
  try {
    logger.error(message, fields)
  } catch {
    // Nothing left to tell.
  }
}

/** Clamps a requested ttl into [min, max]; no request gives the default. */
export function grantTtl(requested: number | undefined, options: TtlOptions): number | null {
  const { defaultTtlMs, maxTtlMs, minTtlMs } = options
  const wanted = requested ?? defaultTtlMs
  if (wanted === null) return maxTtlMs
  const capped = maxTtlMs === null ? wanted : Math.min(wanted, maxTtlMs)
  return Math.max(capped, minTtlMs)
}

/** The bounds every tool result is sealed within; invalid options throw at createServer. */
export function resultLimitsOf({
  maxResultBytes = DEFAULT_MAX_RESULT_BYTES,
  maxResultDepth = DEFAULT_MAX_RESULT_DEPTH,
}: ServerOptions): JsonLimits {
  if (!Number.isSafeInteger(maxResultBytes) || maxResultBytes < 1) {
    throw new TaskwireError('INVALID_OPTION', `maxResultBytes must be an integer >= 1, got ${maxResultBytes}`)
  }
  if (!Number.isSafeInteger(maxResultDepth) || maxResultDepth < 1 || maxResultDepth > MAX_JSON_DEPTH) {
    throw new TaskwireError(
      'INVALID_OPTION',
      `maxResultDepth must be an integer from 1 to ${MAX_JSON_DEPTH}, got ${maxResultDepth}`,
    )
  }
  return { maxBytes: maxResultBytes, maxDepth: maxResultDepth }
}

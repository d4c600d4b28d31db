/**
 * The fixture contract: the tools a server under test offers so that the checks can drive it. Names,
 * arguments and answers are fixed here and documented in conformance/README.md; both fixtures
 * (taskwire, official SDK v1) and the checks read them from this one place.
 */

export const FIXTURE = {
  /** task-optional. `{ ms, tag? }`: sleeps `ms` (stopping early when cancelled), answers `slept <ms>ms`. */
  slow: 'conf_slow',
  /** task-required. `{ tag? }`: answers `required ok`. */
  required: 'conf_required',
  /** task-forbidden (or no taskSupport). `{ tag? }`: answers `forbidden ok`. */
  forbidden: 'conf_forbidden',
  /** task-optional. `{}`: answers a CallToolResult with `isError: true` and ERROR_RESULT_TEXT. */
  errorResult: 'conf_error_result',
  /** task-optional. `{}`: the request fails with the JSON-RPC error PROTOCOL_ERROR. */
  protocolError: 'conf_protocol_error',
  /** task-optional. `{ steps, intervalMs, tag? }`: reports progress 1..steps, then answers `progress done`. */
  progress: 'conf_progress',
  /** task-optional. `{}`: elicits ELICIT (form mode) and answers `action=<action> answer=<answer>`. */
  elicit: 'conf_elicit',
  /** task-forbidden. `{ tag }`: answers what became of the runs tagged `tag` (a TraceState). */
  trace: 'conf_trace',
} as const

export type FixtureTool = (typeof FIXTURE)[keyof typeof FIXTURE]

/** The task mode each fixture tool must be listed with (`forbidden` may also be left out). */
export const FIXTURE_MODES: Readonly<Record<FixtureTool, 'optional' | 'required' | 'forbidden'>> = {
  conf_slow: 'optional',
  conf_required: 'required',
  conf_forbidden: 'forbidden',
  conf_error_result: 'optional',
  conf_protocol_error: 'optional',
  conf_progress: 'optional',
  conf_elicit: 'optional',
  conf_trace: 'forbidden',
}

/**
 * What `conf_trace` reports for a tag: `unknown` (no run), `running`, `finished` (the handler ran to
 * its end) or `aborted` (the handler stopped because its work was cancelled).
 */
export type TraceState = 'unknown' | 'running' | 'finished' | 'aborted'

export const ERROR_RESULT_TEXT = 'conf_error_result: failed on purpose'

/** The JSON-RPC error `conf_protocol_error` raises: a server-defined code, a fixed message. */
export const PROTOCOL_ERROR = { code: -32077, message: 'conf_protocol_error: refused on purpose' } as const

/** The form `conf_elicit` sends: one required string field, `answer`. */
export const ELICIT = {
  message: 'conf_elicit: what is the answer?',
  requestedSchema: {
    type: 'object' as const,
    properties: { answer: { type: 'string' as const, title: 'Answer' } },
    required: ['answer'],
  },
}

export const slowText = (ms: number) => `slept ${ms}ms`
export const REQUIRED_TEXT = 'required ok'
export const FORBIDDEN_TEXT = 'forbidden ok'
export const PROGRESS_TEXT = 'progress done'
export const elicitText = (action: string, answer: string | undefined) =>
  answer === undefined ? `action=${action}` : `action=${action} answer=${answer}`

/** Bounds of the arguments, so that fixtures can validate them the same way. */
export const LIMITS = { maxMs: 60_000, maxSteps: 100, maxIntervalMs: 5_000 } as const

/** The tools a server variant without the tasks capability (`--no-tasks-url`) must offer. */
export const NO_TASKS_TOOLS: readonly FixtureTool[] = [FIXTURE.slow]

/**
 * The messages the benchmark's processes exchange over Node's IPC channel: the orchestrator (run.ts)
 * talks to each server process and to the load generator process. Nothing here touches the network.
 */

export const SERVER_NAMES = ['taskwire', 'sdk-v1', 'floor'] as const
export type ServerName = (typeof SERVER_NAMES)[number]

/** The benchmark tools every server exposes (the floor answers them with a canned result). */
export const TOOLS = {
  /** A plain tool (no task support): `{ text }` back as text. */
  echo: 'echo',
  /** Task-optional, returns at once. */
  instant: 'instant',
  /** Task-optional, returns after 10 ms. */
  sleep10: 'sleep10',
  /** Task-optional, sends `count` progress notifications (with a message), then returns. */
  events: 'events',
} as const

/** The 10 ms job of workload 3. */
export const SLEEP_MS = 10
/** Progress notifications are sent in bursts of this many, with a turn of the event loop between. */
export const EVENT_BURST = 100

/**
 * The SDK server's settings, from its environment: `pollInterval` of its tasks (SDK_POLL_MS, default
 * 100 ms; its tasks/result sleeps that long between looks at an unfinished task) and whether its
 * transport answers POSTs as JSON (SDK_JSON_RESPONSE=1) rather than SSE, the SDK's default.
 */
export function sdkSettings(env: NodeJS.ProcessEnv): { pollMs: number; jsonResponse: boolean } {
  return { pollMs: Number(env.SDK_POLL_MS ?? 100), jsonResponse: env.SDK_JSON_RESPONSE === '1' }
}

export interface MemorySample {
  readonly heapUsed: number
  readonly heapTotal: number
  readonly rss: number
  readonly external: number
  readonly arrayBuffers: number
}

/** CPU time the server process has used so far (user + system), in microseconds. */
export interface CpuSample {
  readonly cpuUs: number
}

/** Server → orchestrator. */
export type ServerReport =
  | { type: 'ready'; url: string }
  | { type: 'memory'; memory: MemorySample }
  | ({ type: 'cpu' } & CpuSample)

/**
 * Orchestrator → server: `memory` collects garbage (twice, with a turn in between) and reports
 * memory; `cpu` reports the CPU time used so far.
 */
export type ServerCommand = { type: 'memory' } | { type: 'cpu' }

/** Latency samples of one turn (ms), and how many operations the turn ran, warm-up included. */
export interface LatencyRun {
  readonly samples: number[]
  readonly ops: number
}

export interface LatencyOptions {
  readonly warmupMs: number
  readonly durationMs: number
  readonly maxSamples: number
}

export type LatencyWorkload = 'plain' | 'plainOptional' | 'create' | 'createResult'

/** Orchestrator → load generator; each command is answered by a `WorkerReply` with the same id. */
export type WorkerCommand =
  | { id: number; type: 'latency'; url: string; workload: LatencyWorkload; options: LatencyOptions }
  | { id: number; type: 'throughput'; url: string; clients: number; warmupMs: number; durationMs: number }
  | { id: number; type: 'notifications'; url: string; count: number; rounds: number }
  | { id: number; type: 'openSessions'; set: string; url: string; clients: number }
  | { id: number; type: 'fill'; set: string; tasks: number }
  | { id: number; type: 'retainedGet'; set: string; options: LatencyOptions }
  | { id: number; type: 'closeSessions'; set: string }

export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }

/** Latency samples summarised; all times in milliseconds. */
export interface LatencySummary {
  readonly n: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly mean: number
  readonly max: number
}

export interface ThroughputSummary {
  readonly clients: number
  /** Tasks completed in the measured window. */
  readonly completed: number
  readonly seconds: number
  readonly perSecond: number
  /** Tasks completed in the whole turn, warm-up included. */
  readonly ops: number
  /** The load generator's CPU time over the measured window (1 = its core fully busy). */
  readonly clientBusy: number
}

export interface NotificationSummary {
  readonly rounds: number
  readonly events: number
  readonly seconds: number
  readonly perSecond: number
  /** Events in the whole turn, warm-up round included. */
  readonly ops: number
}

export interface FillSummary {
  readonly tasks: number
  readonly seconds: number
  readonly perSecond: number
}

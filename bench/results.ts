/** The shape of bench/results/*.json: raw figures per workload and server, and what they ran on. */
import type { Profile } from './config.ts'
import type {
  FillSummary,
  LatencySummary,
  MemorySample,
  NotificationSummary,
  ServerName,
  ThroughputSummary,
} from './ipc.ts'
import type { Machine } from './machine.ts'
import type { Placement } from './processes.ts'

export type PerServer<T> = Partial<Record<ServerName, T>>

/** A figure with the server CPU time (user + system) it cost per operation, in microseconds. */
export type WithCpu<T> = T & { readonly serverCpuUsPerOp: number }

export type Latency = WithCpu<LatencySummary>

/** `serverBusy`: the server's CPU time over the wall time of its turns (1 = one core, fully busy). */
export type Throughput = WithCpu<ThroughputSummary> & { readonly serverBusy: number }

export interface MemoryResult {
  /** Tasks created between the two samples (finished, each with a one-text-block result). */
  readonly tasks: number
  readonly before: MemorySample
  readonly after: MemorySample
  readonly heapBytesPerTask: number
  readonly rssBytesPerTask: number
}

export interface RetainedResult {
  readonly retained: number
  readonly fill: WithCpu<FillSummary>
  readonly get: Latency
  /** Not measured for the floor, which keeps nothing. */
  readonly memory?: MemoryResult
}

export interface Workloads {
  /** 1. A plain tool, plain tools/call, sequential. */
  readonly plain: PerServer<Latency>
  /** 1b. The task-optional `instant` tool called without a task, sequential. */
  readonly plainOptional: PerServer<Latency>
  /** 2. Task-augmented tools/call until CreateTaskResult, sequential. */
  readonly create: PerServer<Latency>
  /** 3. Create a 10 ms task, then tasks/result at once: end to end, sequential. */
  readonly createResult: PerServer<Latency>
  /** 4. 64 clients creating instant tasks and fetching each result. */
  readonly throughput: PerServer<Throughput>
  /** 5 and 6. tasks/get with many tasks retained; memory per retained task. */
  readonly retained: PerServer<RetainedResult>
  /** 7. Progress and status notifications delivered over the GET stream. */
  readonly notifications: PerServer<WithCpu<NotificationSummary>>
}

export interface Settings {
  /** `ttl` every task asks for. */
  readonly taskTtlMs: number
  /** `pollInterval` of the SDK server's tasks: its tasks/result sleeps this long between looks. */
  readonly sdkPollIntervalMs: number
  /** Whether the SDK transport answers POSTs as JSON (false: its default, SSE). */
  readonly sdkJsonResponse: boolean
  /** The job of workload 3. */
  readonly jobMs: number
}

export interface Results {
  readonly schema: 1
  readonly date: string
  readonly profile: Profile
  readonly servers: readonly ServerName[]
  readonly machine: Machine
  readonly placement: Placement
  /** 1-minute load average before and after: above the core count, other work competed. */
  readonly loadAverage: { readonly start: number; readonly end: number }
  readonly settings: Settings
  readonly workloads: Workloads
  readonly seconds: number
}

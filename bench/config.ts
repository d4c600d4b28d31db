/**
 * How long and how much each workload runs: `quick` (the default, about a minute and a half for
 * the three servers) and `full` (`npm run bench -- --full`, several minutes, steadier figures).
 * Every measured workload is cut into slices that take turns between the servers, so that a burst of
 * noise on this shared 2-core machine falls on all three rather than on one.
 */
import type { LatencyOptions } from './ipc.ts'

export interface Profile {
  readonly name: 'quick' | 'full'
  /** Turns each server gets per workload; figures pool all of them. */
  readonly slices: number
  /** Unmeasured run of every timed workload on each fresh server first, so JIT warm-up is behind us. */
  readonly warmupMs: number
  /** Workloads 1, 1b and 2, per slice. */
  readonly latency: LatencyOptions
  /** Workload 3 (a 10 ms job per sample), per slice. */
  readonly createResult: LatencyOptions
  /** Workload 4, per slice. */
  readonly throughput: { readonly clients: number; readonly warmupMs: number; readonly durationMs: number }
  /** Workload 7: progress notifications per task, and tasks per slice. */
  readonly notifications: { readonly count: number; readonly rounds: number }
  /**
   * Workloads 5 and 6: sessions, tasks retained (quick: 20,000 to keep the run short; full: the issue's
   * 100,000; a 1,000-task warm-up fill comes on top; the floor keeps nothing), tasks/get timing.
   */
  readonly retained: {
    readonly clients: number
    readonly tasks: number
    /** Created before the memory baseline, so that the baseline already holds the code the fill runs. */
    readonly warmupTasks: number
    readonly floorTasks: number
    readonly get: LatencyOptions
  }
}

export const QUICK: Profile = {
  name: 'quick',
  slices: 2,
  warmupMs: 300,
  latency: { warmupMs: 250, durationMs: 1_000, maxSamples: 50_000 },
  createResult: { warmupMs: 150, durationMs: 1_250, maxSamples: 50_000 },
  throughput: { clients: 64, warmupMs: 400, durationMs: 1_000 },
  notifications: { count: 5_000, rounds: 2 },
  retained: {
    clients: 64,
    tasks: 20_000,
    warmupTasks: 1_000,
    floorTasks: 1_000,
    // The fill never runs tasks/get: its code is still cold, hence the longer warm-up.
    get: { warmupMs: 1_000, durationMs: 1_500, maxSamples: 50_000 },
  },
}

export const FULL: Profile = {
  name: 'full',
  slices: 5,
  warmupMs: 1_000,
  latency: { warmupMs: 500, durationMs: 4_000, maxSamples: 200_000 },
  createResult: { warmupMs: 300, durationMs: 5_000, maxSamples: 200_000 },
  throughput: { clients: 64, warmupMs: 1_000, durationMs: 4_000 },
  notifications: { count: 20_000, rounds: 4 },
  retained: {
    clients: 64,
    tasks: 100_000,
    warmupTasks: 1_000,
    floorTasks: 1_000,
    get: { warmupMs: 1_000, durationMs: 10_000, maxSamples: 500_000 },
  },
}

/** `--full`, `--only=taskwire,floor` (a subset of servers, for quick looks; results say so). */
export function parseArgs(argv: readonly string[]): { profile: Profile; only: string[] | undefined } {
  const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length)
  return { profile: argv.includes('--full') ? FULL : QUICK, only: only?.split(',') }
}

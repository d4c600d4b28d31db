/** Latency samples to percentiles (nearest rank), all in milliseconds. */
import type { LatencySummary } from './ipc.ts'

export function summarize(samples: readonly number[]): LatencySummary {
  if (samples.length === 0)
    return { n: 0, p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, mean: Number.NaN, max: Number.NaN }
  const sorted = Float64Array.from(samples).sort()
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN
  let sum = 0
  for (const value of sorted) sum += value
  return {
    n: sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    mean: sum / sorted.length,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  }
}

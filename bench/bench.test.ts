/**
 * A smoke test of the benchmark itself: every workload against every server with tiny counts, then
 * the shape of what it produced. It asserts no timing, only that the figures exist and render, and
 * that the README quotes the committed results.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { type Profile, QUICK } from './config.ts'
import { SERVER_NAMES } from './ipc.ts'
import { LoadGenerator, place, ROOT } from './processes.ts'
import { benchmarksSection, DEFAULT_SOURCE, quotedSource, readResults, withSection } from './readme.ts'
import { rows, table, targets } from './report.ts'
import type { Results } from './results.ts'
import { Suite } from './suite.ts'

const tiny = { warmupMs: 0, durationMs: 30, maxSamples: 20 }
const TINY: Profile = {
  ...QUICK,
  slices: 1,
  warmupMs: 20,
  latency: tiny,
  createResult: tiny,
  throughput: { clients: 4, warmupMs: 10, durationMs: 50 },
  notifications: { count: 50, rounds: 1 },
  retained: { clients: 4, tasks: 200, warmupTasks: 20, floorTasks: 50, get: tiny },
}

describe('the benchmark', () => {
  const placement = place()
  const load = new LoadGenerator(placement)
  afterAll(() => load.stop())

  it('runs every workload against the three servers and renders the figures', async () => {
    const workloads = await new Suite(load, TINY, () => {}).run(SERVER_NAMES, placement)
    for (const name of SERVER_NAMES) {
      for (const figure of [
        workloads.plain,
        workloads.create,
        workloads.createResult,
        workloads.plainOptional,
      ]) {
        expect(figure[name]?.n).toBeGreaterThan(0)
        expect(figure[name]?.p50).toBeGreaterThan(0)
      }
      expect(workloads.throughput[name]?.completed).toBeGreaterThan(0)
      expect(workloads.notifications[name]?.events).toBeGreaterThan(0)
      expect(workloads.retained[name]?.get.n).toBeGreaterThan(0)
    }
    expect(workloads.retained.taskwire?.memory?.heapBytesPerTask).toEqual(expect.any(Number))
    expect(workloads.retained.floor?.memory).toBeUndefined()
    const results = {
      ...readResults(DEFAULT_SOURCE),
      profile: TINY,
      servers: SERVER_NAMES,
      workloads,
    } satisfies Results
    expect(rows(results).length).toBeGreaterThan(15)
    expect(table(results).split('\n')[0]).toContain('taskwire ÷ SDK v1')
    expect(targets(results).map((target) => target.met === undefined)).not.toContain(true)
  })

  it('is quoted by the README exactly as the results file it names has it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const source = quotedSource(readme)
    expect(source).toBeDefined()
    expect(withSection(readme, benchmarksSection(readResults(source ?? ''), source ?? ''))).toBe(readme)
  })
})

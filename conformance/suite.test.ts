/**
 * The conformance suite against the taskwire fixture, in-process: taskwire must pass every MUST the
 * catalog holds, and every catalog MUST must be covered by a check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningFixture, startTaskwireFixture } from './fixtures/taskwire-server.ts'
import { formatReport, type Report } from './report.ts'
import { runConformance } from './runner.ts'

describe('conformance suite against the taskwire fixture', () => {
  let fixture: RunningFixture
  let report: Report

  beforeAll(async () => {
    fixture = await startTaskwireFixture()
    report = await runConformance({ url: fixture.url, noTasksUrl: fixture.noTasksUrl })
  }, 60_000)

  afterAll(async () => {
    await fixture?.close()
  })

  it('has no MUST failures', () => {
    const failed = report.results.filter((result) => result.status === 'FAIL')
    expect(failed, formatReport(report)).toEqual([])
  })

  it('covers every MUST of the catalog', () => {
    expect(report.mustCoverage.uncovered).toEqual([])
  })

  it('skips only what the taskwire fixture cannot exercise', () => {
    const skipped = report.results.filter((result) => result.status === 'SKIP').map((result) => result.id)
    // taskwire never task-augments its own elicitation requests, so the requestor rules have nothing to judge.
    expect(skipped).toEqual(['requestor-side-channel'])
  })

  it('judges every MUST that applies to taskwire, and says why the others do not', () => {
    const { unjudged, notApplicable } = report.mustCoverage
    expect(unjudged, formatReport(report)).toEqual([])
    // Conditional MUSTs: ids need entropy only without context binding (taskwire binds tasks), and
    // the requestor rules bind a server that task-augments its own requests (taskwire does not).
    expect([...notApplicable].sort()).toEqual(['TASK-REQ-02', 'TASK-REQ-05', 'TASK-REQ-06', 'TASK-SEC-04'])
  })
})

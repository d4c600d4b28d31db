/** The run's report: per-check results, the summary counts, and how the catalog's MUSTs are covered. */
import { REQUIREMENTS } from '../spec/requirements.ts'
import type { Check, Finding, NotApplicable, Status } from './types.ts'

export interface CheckResult {
  readonly id: string
  readonly title: string
  readonly covers: readonly string[]
  readonly status: Status
  readonly reason: string
  readonly findings: readonly Finding[]
  readonly notApplicable: readonly NotApplicable[]
  readonly durationMs: number
}

export interface MustCoverage {
  readonly total: number
  /** MUST ids named in the `covers` of at least one check that was selected. */
  readonly covered: readonly string[]
  readonly uncovered: readonly string[]
  /** MUST ids some check actually judged in this run (a PASS or FAIL finding, not a SKIP). */
  readonly exercised: readonly string[]
  /** Conditional MUSTs not judged because their condition never arose against this server. */
  readonly notApplicable: readonly string[]
  /** Covered MUSTs neither judged nor inapplicable: their checks were skipped (or found nothing). */
  readonly unjudged: readonly string[]
}

export interface Report {
  readonly url: string
  readonly startedAt: string
  readonly durationMs: number
  readonly summary: { passed: number; failed: number; skipped: number; warnings: number }
  readonly mustCoverage: MustCoverage
  readonly results: readonly CheckResult[]
}

const MUSTS = REQUIREMENTS.filter((requirement) => requirement.level === 'MUST').map(
  (requirement) => requirement.id,
)

export function mustCoverage(checks: readonly Check[], results: readonly CheckResult[]): MustCoverage {
  const named = new Set(checks.flatMap((check) => check.covers))
  const judged = new Set(results.flatMap((result) => result.findings.map((finding) => finding.requirement)))
  const inapplicable = new Set(
    results.flatMap((result) => result.notApplicable.map((entry) => entry.requirement)),
  )
  const covered = MUSTS.filter((id) => named.has(id))
  return {
    total: MUSTS.length,
    covered,
    uncovered: MUSTS.filter((id) => !named.has(id)),
    exercised: MUSTS.filter((id) => judged.has(id)),
    notApplicable: covered.filter((id) => !judged.has(id) && inapplicable.has(id)),
    unjudged: covered.filter((id) => !judged.has(id) && !inapplicable.has(id)),
  }
}

export function summarize(results: readonly CheckResult[]): Report['summary'] {
  const count = (status: Status) => results.filter((result) => result.status === status).length
  return { passed: count('PASS'), failed: count('FAIL'), skipped: count('SKIP'), warnings: count('WARN') }
}

/** The human-readable report: one line per check, then the summary and coverage lines. */
export function formatReport(report: Report): string {
  const width = Math.max(...report.results.map((result) => result.id.length))
  const lines = [`taskwire conformance: ${report.url} (MCP 2025-11-25 tasks)`, '']
  for (const result of report.results) {
    lines.push(`${result.status.padEnd(4)}  ${result.id.padEnd(width)}  ${result.reason}`)
  }
  const { passed, failed, skipped, warnings } = report.summary
  const { total, covered, uncovered, exercised, notApplicable, unjudged } = report.mustCoverage
  lines.push(
    '',
    `${passed} passed, ${failed} failed, ${skipped} skipped`,
    `${warnings} warnings`,
    `MUST coverage: ${covered.length}/${total} (uncovered: ${listed(uncovered)})`,
    `MUSTs judged: ${exercised.length} of ${total}`,
    `MUSTs that do not apply to this server: ${counted(notApplicable)}`,
    `MUSTs left unjudged (their checks were skipped): ${counted(unjudged)}`,
  )
  return lines.join('\n')
}

const listed = (ids: readonly string[]) => (ids.length === 0 ? 'none' : ids.join(', '))
const counted = (ids: readonly string[]) => (ids.length === 0 ? '0' : `${ids.length} (${ids.join(', ')})`)

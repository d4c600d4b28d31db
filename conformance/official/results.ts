/**
 * Reads what the official suite saved (`<output-dir>/server-<scenario>-<timestamp>/checks.json`)
 * and judges each scenario: it passes with at least one successful check and no failure or warning.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

export type CheckStatus = 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED'

export interface Check {
  readonly id: string
  readonly status: CheckStatus
  readonly errorMessage?: string
}

export interface ScenarioResult {
  readonly scenario: string
  readonly passed: boolean
  readonly counts: Readonly<Record<CheckStatus, number>>
  /** The checks that failed or warned, with their message; empty when the scenario passed. */
  readonly problems: readonly string[]
}

const TIMESTAMP = /-\d{4}-\d{2}-\d{2}T[\d-]+Z$/

/** The checks of every scenario found in `outputDir`, by scenario name. */
export async function readChecks(outputDir: string): Promise<Map<string, Check[]>> {
  const found = new Map<string, Check[]>()
  for (const entry of await readdir(outputDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.startsWith('server-')) continue
    const scenario = entry.name.slice('server-'.length).replace(TIMESTAMP, '')
    const text = await readFile(join(outputDir, entry.name, 'checks.json'), 'utf8').catch(() => '[]')
    found.set(scenario, JSON.parse(text) as Check[])
  }
  return found
}

export function judge(scenario: string, checks: readonly Check[] | undefined): ScenarioResult {
  const counts: Record<CheckStatus, number> = { SUCCESS: 0, FAILURE: 0, WARNING: 0, INFO: 0, SKIPPED: 0 }
  if (checks === undefined) {
    return { scenario, passed: false, counts, problems: ['the suite saved no result for this scenario'] }
  }
  for (const check of checks) counts[check.status] = (counts[check.status] ?? 0) + 1
  const problems = checks
    .filter((check) => check.status === 'FAILURE' || check.status === 'WARNING')
    .map((check) => `${check.status} ${check.id}: ${check.errorMessage ?? ''}`.trim())
  if (counts.SUCCESS === 0) problems.push('no check succeeded')
  return { scenario, passed: problems.length === 0, counts, problems }
}

/** The results file: one row per scenario, stable between runs with the same outcome (no timestamps). */
export function renderMarkdown(results: readonly ScenarioResult[], header: string): string {
  const rows = results.map(({ scenario, passed, counts, problems }) => [
    scenario,
    passed ? 'pass' : `**FAIL**: ${problems.join('; ').replaceAll('|', '\\|')}`,
    String(counts.SUCCESS),
    String(counts.FAILURE),
    String(counts.WARNING),
  ])
  const passed = results.filter((result) => result.passed).length
  const head = ['scenario', 'result', 'checks passed', 'failed', 'warnings']
  return [header, '', `${passed} of ${results.length} scenarios pass.`, '', ...table(head, rows), ''].join(
    '\n',
  )
}

/** A Markdown table with padded columns, as the formatter (Biome) writes them. */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = head.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  )
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)]
}

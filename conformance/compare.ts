/**
 * Dev tool: runs the suite against the taskwire fixture and the official SDK v1 fixture, one after the
 * other, and prints the side-by-side table of conformance/README.md with both summary lines.
 * `npx tsx conformance/compare.ts`
 */
import { cell, markdownTable } from '../spec/render.ts'
import { startSdkFixture } from './fixtures/sdk-v1-server.ts'
import { startTaskwireFixture } from './fixtures/taskwire-server.ts'
import type { CheckResult, Report } from './report.ts'
import { runConformance } from './runner.ts'

async function reportOf(start: () => Promise<{ url: string; noTasksUrl: string; close(): Promise<void> }>) {
  const fixture = await start()
  try {
    return await runConformance({ url: fixture.url, noTasksUrl: fixture.noTasksUrl })
  } finally {
    await fixture.close()
  }
}

const shown = (result: CheckResult | undefined) =>
  result === undefined ? '' : cell(`**${result.status}** ${result.reason}`)

const summary = ({ summary: s, mustCoverage: m }: Report) =>
  `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped; ${s.warnings} warnings; MUST coverage ${m.covered.length}/${m.total}`

const taskwire = await reportOf(startTaskwireFixture)
const sdk = await reportOf(startSdkFixture)
const rows = taskwire.results.map((result) => [
  `\`${result.id}\``,
  shown(result),
  shown(sdk.results.find((other) => other.id === result.id)),
])
console.log(markdownTable(['Check', 'taskwire', 'official SDK v1.32.2'], rows).join('\n'))
console.log(`\n- taskwire: ${summary(taskwire)}\n- SDK v1: ${summary(sdk)}`)

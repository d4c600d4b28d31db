/**
 * `npm run conformance:official`: starts examples/everything on a free port, runs every server
 * scenario the official suite tags 2025-11-25 against it (pinned version, no expected-failures
 * baseline), prints a summary, writes `results.md` beside this file, and exits 1 on any failure.
 *
 *   npm run conformance:official             # summary only
 *   npm run conformance:official -- --verbose  # also the suite's own output
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEverythingServer } from '../../examples/everything/server.ts'
import { serve } from '../../src/index.ts'
import { judge, readChecks, renderMarkdown, type ScenarioResult } from './results.ts'
import { CONFORMANCE_PACKAGE, listServerScenarios, runServerScenarios, SPEC_VERSION } from './suite.ts'

const RESULTS_FILE = fileURLToPath(new URL('results.md', import.meta.url))

const HEADER = `# Official conformance suite: results

\`${CONFORMANCE_PACKAGE}\`, every server scenario tagged ${SPEC_VERSION}, against
[examples/everything](../../examples/everything/). Written by \`npm run conformance:official\`; a
scenario passes with no failed and no warning check.`

async function main(verbose: boolean): Promise<boolean> {
  const scenarios = await listServerScenarios()
  const outputDir = await mkdtemp(join(tmpdir(), 'taskwire-official-'))
  const served = await serve(createEverythingServer(), { port: 0 })
  console.log(
    `${CONFORMANCE_PACKAGE}: ${scenarios.length} server scenarios (${SPEC_VERSION}) against ${served.url}`,
  )
  let run: Awaited<ReturnType<typeof runServerScenarios>>
  try {
    run = await runServerScenarios(served.url, outputDir)
  } finally {
    await served.close()
  }
  if (verbose || run.code !== 0) console.log(run.output)
  const checks = await readChecks(outputDir)
  const results = scenarios.map((scenario) => judge(scenario, checks.get(scenario)))
  await writeFile(RESULTS_FILE, renderMarkdown(results, HEADER))
  const ok = run.code === 0 && results.every((result) => result.passed)
  // The suite's own checks.json files are kept only when something failed, for the details.
  if (ok) await rm(outputDir, { recursive: true, force: true })
  printSummary(results, ok ? undefined : outputDir)
  return ok
}

function printSummary(results: readonly ScenarioResult[], keptDir: string | undefined): void {
  for (const { scenario, passed, counts, problems } of results) {
    console.log(`${passed ? '✓' : '✗'} ${scenario}: ${counts.SUCCESS} passed, ${counts.FAILURE} failed`)
    for (const problem of problems) console.log(`    ${problem}`)
  }
  const failed = results.filter((result) => !result.passed).length
  console.log(`\n${results.length - failed} of ${results.length} scenarios pass; ${failed} fail.`)
  console.log(`Results: ${RESULTS_FILE}`)
  if (keptDir !== undefined) console.log(`The suite's checks.json files: ${keptDir}`)
}

main(process.argv.includes('--verbose')).then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)

/**
 * `taskwire conformance`: runs the suite against a server URL, prints one line per check, the summary
 * and the MUST coverage, and exits 1 when a MUST failed, 3 when MUSTs went unjudged because their
 * checks were skipped (unless `--allow-skipped-musts`), 2 on a usage or connection error. A server
 * without the fixture tools skips most checks: that must not read as a pass.
 */
import { writeFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { formatReport } from './report.ts'
import { runConformance } from './runner.ts'

const USAGE = `Usage: taskwire conformance --url <mcp-endpoint> [options]

Runs the MCP 2025-11-25 tasks conformance suite against a Streamable HTTP server that implements the
fixture contract (conformance/README.md).

Options:
  --url <url>              the MCP endpoint, e.g. http://127.0.0.1:3000/mcp (required)
  --header 'Name: value'   sent with every request; repeat for several (e.g. Authorization)
  --no-tasks-url <url>     a variant of the server without the tasks capability (for TASK-NEG-01)
  --second-header 'N: v'   headers of a second identity, for the isolation check; repeatable
  --json <file>            also write the full report as JSON
  --only <ids>             comma-separated check ids or requirement ids
  --concurrency <n>        checks running at once (default 6)
  --timeout <ms>           time limit of one check (default 30000)
  --allow-skipped-musts    exit 0 even when MUSTs went unjudged because their checks were skipped
  -h, --help               this text

Exit code: 0 when every MUST that applies was judged and none failed; 1 when a MUST failed; 3 when
MUSTs were left unjudged (skipped checks) and --allow-skipped-musts was not given; 2 on a usage or
connection error.`

function headersOf(values: readonly string[] | undefined): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const value of values ?? []) {
    const colon = value.indexOf(':')
    if (colon <= 0) throw new Error(`--header "${value}" is not of the form 'Name: value'`)
    headers[value.slice(0, colon).trim().toLowerCase()] = value.slice(colon + 1).trim()
  }
  return headers
}

const positive = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a positive integer`)
  return number
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      url: { type: 'string' },
      header: { type: 'string', multiple: true },
      'no-tasks-url': { type: 'string' },
      'second-header': { type: 'string', multiple: true },
      json: { type: 'string' },
      only: { type: 'string' },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
      'allow-skipped-musts': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  if (values.url === undefined) throw new Error('--url is required')
  const second = values['second-header']
  const report = await runConformance({
    url: values.url,
    headers: headersOf(values.header),
    ...(values['no-tasks-url'] === undefined ? {} : { noTasksUrl: values['no-tasks-url'] }),
    ...(second === undefined ? {} : { secondHeaders: headersOf(second) }),
    ...(values.only === undefined ? {} : { only: values.only.split(',').map((id) => id.trim()) }),
    ...(values.concurrency === undefined ? {} : { concurrency: positive(values.concurrency, 'concurrency') }),
    ...(values.timeout === undefined ? {} : { checkTimeoutMs: positive(values.timeout, 'timeout') }),
  })
  console.log(formatReport(report))
  if (values.only !== undefined) console.log('(coverage counts only the checks selected with --only)')
  if (values.json !== undefined) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`)
  if (report.summary.failed > 0) return 1
  return unjudgedVerdict(report.mustCoverage.unjudged.length, values['allow-skipped-musts'] === true)
}

/** Exit 3 when MUSTs went unjudged, with what to do about it; 0 when none did or the user accepts it. */
function unjudgedVerdict(unjudged: number, allowed: boolean): number {
  if (unjudged === 0) return 0
  const what = `${unjudged} MUST${unjudged === 1 ? '' : 's'} went unjudged because their checks were skipped`
  if (allowed) {
    console.log(`\n${what} (accepted with --allow-skipped-musts)`)
    return 0
  }
  console.error(
    `\ntaskwire conformance: ${what}. Does the server implement the fixture contract ` +
      '(conformance/README.md)? The SKIP lines above say what was missing. ' +
      'Pass --allow-skipped-musts to accept a partial run.',
  )
  return 3
}

/** Entry for bin/taskwire.js: `taskwire conformance ...`. */
export async function cli(argv: readonly string[]): Promise<void> {
  try {
    process.exitCode = await main(argv)
  } catch (error) {
    console.error(`taskwire conformance: ${error instanceof Error ? error.message : String(error)}`)
    console.error('Run with --help for usage.')
    process.exitCode = 2
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await cli(process.argv.slice(2))
}

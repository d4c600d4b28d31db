/**
 * The README's "Benchmarks" section, rendered from a results file so that the two always agree.
 * `npx tsx bench/readme.ts [bench/results/full.json]` rewrites the section (added before "## Layout"
 * if missing) from that file, default bench/results/latest.json; the section links the file it
 * quotes. `--check` only says whether the section is current.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from './processes.ts'
import { machineLine, table, targetLines } from './report.ts'
import type { Results } from './results.ts'

const HEADING = '## Benchmarks'

/** `source`: the results file, relative to the repository root. */
export function benchmarksSection(results: Results, source: string): string {
  const poll = results.settings.sdkPollIntervalMs
  return `${HEADING}

\`npm run bench\` (quick, about two minutes) or \`npm run bench -- --full\` (steadier figures) runs three
servers side by side, each in its own process: taskwire (\`bench/servers/taskwire.ts\`), the same tools
on the official SDK v1's experimental tasks (\`bench/servers/sdk-v1.ts\`, tasks polled every ${poll} ms),
and the floor: Hono on @hono/node-server answering every JSON-RPC request with a canned result and no
MCP logic. A load generator in a process of its own drives them in turns;
[bench/README.md](bench/README.md) says how each workload is measured. The figures of
[${source}](${source}):

${table(results)}

Ratios are taskwire's figure divided by the other server's: below 1 is better for times, CPU and bytes,
above 1 for rates. "Server CPU" is the server process's own CPU time per operation, the figure that
moves least when other work shares the machine; "server busy" is that CPU time over the wall time of
the server's turns (near 1: the server was the bottleneck; lower: it waited on the load generator or
lost its core to other work). The floor has no tasks: for task workloads it answers the same requests
with its canned result, so its figure is the bare HTTP round trip.

Targets for taskwire (issue #5; shown by the benchmark, never asserted in tests):

${targetLines(results)}

Measured ${machineLine(results)}
`
}

/** The README with its Benchmarks section replaced (or inserted before "## Layout"). */
export function withSection(readme: string, section: string): string {
  const start = readme.indexOf(`\n${HEADING}\n`)
  if (start >= 0) {
    const next = readme.indexOf('\n## ', start + HEADING.length + 2)
    return `${readme.slice(0, start + 1)}${section}${next >= 0 ? readme.slice(next) : ''}`
  }
  const layout = readme.indexOf('\n## Layout\n')
  if (layout < 0) return `${readme.trimEnd()}\n\n${section}`
  return `${readme.slice(0, layout + 1)}${section}\n${readme.slice(layout + 1)}`
}

export const DEFAULT_SOURCE = 'bench/results/latest.json'

export function readResults(source: string): Results {
  return JSON.parse(readFileSync(join(ROOT, source), 'utf8')) as Results
}

/** The results file the README's Benchmarks section says it quotes. */
export function quotedSource(readme: string): string | undefined {
  return readme.match(/The figures of\n\[(bench\/results\/[^\]]+\.json)\]/)?.[1]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const source = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? DEFAULT_SOURCE
  const file = join(ROOT, 'README.md')
  const readme = readFileSync(file, 'utf8')
  const updated = withSection(readme, benchmarksSection(readResults(source), source))
  if (process.argv.includes('--check')) {
    console.log(updated === readme ? 'README benchmarks are current' : 'README benchmarks are stale')
    process.exitCode = updated === readme ? 0 : 1
  } else {
    writeFileSync(file, updated)
    console.log(`README.md: Benchmarks section rewritten from ${source}`)
  }
}

/**
 * `npm run bench` (quick) or `npm run bench -- --full`: taskwire, a server on the official SDK v1's
 * experimental tasks, and the HTTP floor, each in its own process, measured side by side by a load
 * generator in another. Prints the table and writes bench/results/latest.json (and quick.json or
 * full.json, the last run of each profile).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from './config.ts'
import { SERVER_NAMES, type ServerName, SLEEP_MS, sdkSettings } from './ipc.ts'
import { TASK } from './load/workloads.ts'
import { describeMachine, load1 } from './machine.ts'
import { LoadGenerator, place, ROOT } from './processes.ts'
import { machineLine, table, targetLines } from './report.ts'
import type { Results } from './results.ts'
import { Suite } from './suite.ts'

const { profile, only } = parseArgs(process.argv.slice(2))
const servers = SERVER_NAMES.filter((name: ServerName) => only === undefined || only.includes(name))
const started = performance.now()
const log = (line: string) =>
  console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${line}`)

const machine = describeMachine()
const placement = place()
const loadStart = load1()
log(
  `${profile.name} run of ${servers.join(', ')} on ${machine.cpuModel} x${machine.cores}; placement ${placement.method}`,
)
if (loadStart > machine.cores) log(`load average ${loadStart}: other work is running, figures will be noisy`)

// A bound on the whole run: a server that stops answering must not keep the machine busy for ever.
// Exiting disconnects every child, and each of them exits when its IPC channel closes.
const limitMinutes = profile.name === 'full' ? 60 : 10
setTimeout(() => {
  log(`gave up after ${limitMinutes} minutes`)
  process.exit(1)
}, limitMinutes * 60_000).unref()

const load = new LoadGenerator(placement)
let workloads: Results['workloads']
try {
  workloads = await new Suite(load, profile, log).run(servers, placement)
} finally {
  load.stop()
}

const sdk = sdkSettings(process.env)
const results: Results = {
  schema: 1,
  date: new Date().toISOString(),
  profile,
  servers,
  machine,
  placement,
  loadAverage: { start: loadStart, end: load1() },
  settings: {
    taskTtlMs: TASK.ttl,
    sdkPollIntervalMs: sdk.pollMs,
    sdkJsonResponse: sdk.jsonResponse,
    jobMs: SLEEP_MS,
  },
  workloads,
  seconds: Math.round((performance.now() - started) / 100) / 10,
}

const dir = join(ROOT, 'bench', 'results')
mkdirSync(dir, { recursive: true })
const json = `${JSON.stringify(results, null, 2)}\n`
// latest.json is what the README quotes; quick.json and full.json keep the last run of each profile.
const file = only === undefined ? 'latest.json' : 'partial.json'
writeFileSync(join(dir, file), json)
if (only === undefined) writeFileSync(join(dir, `${profile.name}.json`), json)

console.log(
  `\n${table(results)}\n\nTargets for taskwire:\n${targetLines(results)}\n\n${machineLine(results)}`,
)
log(`done in ${results.seconds} s; raw figures in bench/results/${file}`)

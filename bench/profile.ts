/**
 * `npx tsx bench/profile.ts <server> <workload> [seconds]`: runs one workload against one server
 * started with `--cpu-prof` (or `--heap-prof` with workload `memory`), then prints where the
 * server's CPU time went, by function and by module. Profiles land in bench/.profiles/ (not committed).
 * Workloads: plain, plainOptional, create, createResult, throughput, get (tasks/get of retained tasks),
 * notifications.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  type FillSummary,
  type LatencyRun,
  type LatencyWorkload,
  type NotificationSummary,
  SERVER_NAMES,
  type ServerName,
  type ThroughputSummary,
} from './ipc.ts'
import { LoadGenerator, place, ROOT, ServerProcess } from './processes.ts'
import { summarizeProfile } from './profile-summary.ts'

const [name = 'taskwire', workload = 'create', seconds = '5'] = process.argv.slice(2)
if (!(SERVER_NAMES as readonly string[]).includes(name)) throw new Error(`unknown server ${name}`)
const durationMs = Number(seconds) * 1000
const dir = join(ROOT, 'bench', '.profiles')
rmSync(dir, { recursive: true, force: true })
mkdirSync(dir, { recursive: true })

const placement = place()
const load = new LoadGenerator(placement)
const flags =
  workload === 'memory' ? ['--heap-prof', `--heap-prof-dir=${dir}`] : ['--cpu-prof', `--cpu-prof-dir=${dir}`]
const server = await ServerProcess.start(name as ServerName, placement, flags)
const { url } = server
const options = { warmupMs: 500, durationMs, maxSamples: 10_000_000 }

/** Runs the workload; returns how many operations the server answered. */
async function drive(): Promise<number> {
  if (workload === 'throughput') {
    return (
      await load.run<ThroughputSummary>({ type: 'throughput', url, clients: 64, warmupMs: 500, durationMs })
    ).ops
  }
  if (workload === 'notifications') {
    return (await load.run<NotificationSummary>({ type: 'notifications', url, count: 20_000, rounds: 5 })).ops
  }
  if (workload === 'get' || workload === 'memory') {
    await load.run({ type: 'openSessions', set: name, url, clients: 64 })
    const fill = await load.run<FillSummary>({ type: 'fill', set: name, tasks: 20_000 })
    if (workload === 'memory') return fill.tasks
    return fill.tasks + (await load.run<LatencyRun>({ type: 'retainedGet', set: name, options })).ops
  }
  const command = { type: 'latency', url, workload: workload as LatencyWorkload, options } as const
  return (await load.run<LatencyRun>(command)).ops
}

try {
  const cpuBefore = await server.cpuUs()
  const ops = await drive()
  const cpuUs = (await server.cpuUs()) - cpuBefore
  console.log(
    `${ops} operations, server CPU ${(cpuUs / 1000).toFixed(0)} ms: ${(cpuUs / ops).toFixed(1)} µs per operation`,
  )
} finally {
  load.stop()
  await server.stop()
}
// The main thread's profile is the largest (tsx's loader thread writes one too).
const file = readdirSync(dir)
  .filter((entry) => entry.endsWith('.cpuprofile') || entry.endsWith('.heapprofile'))
  .sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0]
if (file === undefined) throw new Error('no profile written')
console.log(`profile: bench/.profiles/${file}`)
if (file.endsWith('.cpuprofile')) console.log(summarizeProfile(join(dir, file)))

/**
 * Runs the workloads against the servers. Timed workloads take turns: each server gets `slices`
 * turns per workload, in rotating order, and its figures pool all its turns. Around every turn the
 * server's own CPU time is read, so each figure comes with the server CPU it cost per operation:
 * the one number that stays put when other work shares the machine.
 */
import { performance } from 'node:perf_hooks'
import type { Profile } from './config.ts'
import type {
  LatencyOptions,
  LatencyRun,
  LatencyWorkload,
  NotificationSummary,
  ServerName,
  ThroughputSummary,
} from './ipc.ts'
import { type LoadGenerator, type Placement, ServerProcess } from './processes.ts'
import type { Latency, PerServer, RetainedResult, Throughput, WithCpu, Workloads } from './results.ts'
import { summarize } from './stats.ts'

type Log = (line: string) => void
type Filled = Omit<RetainedResult, 'get'>

interface Turn<R> {
  readonly result: R
  readonly cpuUs: number
  readonly wallUs: number
}

/** Every server once per slice, starting one further along each time. */
function* rotation(servers: readonly ServerProcess[], slices: number): Generator<ServerProcess> {
  for (let slice = 0; slice < slices; slice++) {
    for (let index = 0; index < servers.length; index++) {
      const server = servers[(slice + index) % servers.length]
      if (server !== undefined) yield server
    }
  }
}

/** Runs `measure` in turns and folds each server's turns into one figure. */
async function inTurns<R, F>(
  servers: readonly ServerProcess[],
  slices: number,
  measure: (server: ServerProcess) => Promise<R>,
  fold: (turns: Turn<R>[]) => F,
): Promise<PerServer<F>> {
  const turns = new Map<ServerName, Turn<R>[]>()
  for (const server of rotation(servers, slices)) {
    const before = await server.cpuUs()
    const start = performance.now()
    const result = await measure(server)
    const wallUs = (performance.now() - start) * 1000
    const cpuUs = (await server.cpuUs()) - before
    turns.set(server.name, [...(turns.get(server.name) ?? []), { result, cpuUs, wallUs }])
  }
  return Object.fromEntries([...turns].map(([name, list]) => [name, fold(list)]))
}

const sum = <R>(turns: Turn<R>[], pick: (turn: Turn<R>) => number): number =>
  turns.reduce((total, turn) => total + pick(turn), 0)

const cpuPerOp = <R extends { ops: number }>(turns: Turn<R>[]): number =>
  sum(turns, (turn) => turn.cpuUs) / sum(turns, (turn) => turn.result.ops)

const foldLatency = (turns: Turn<LatencyRun>[]): Latency => ({
  ...summarize(turns.flatMap((turn) => turn.result.samples)),
  serverCpuUsPerOp: cpuPerOp(turns),
})

export class Suite {
  readonly #load: LoadGenerator
  readonly #profile: Profile
  readonly #log: Log

  constructor(load: LoadGenerator, profile: Profile, log: Log) {
    this.#load = load
    this.#profile = profile
    this.#log = log
  }

  /** Workloads 1 to 4 and 7 on long-running servers; 5 and 6 on fresh ones. */
  async run(names: readonly ServerName[], placement: Placement): Promise<Workloads> {
    const servers = await Promise.all(names.map((name) => ServerProcess.start(name, placement)))
    try {
      await this.#warmUp(servers)
      const { latency, createResult } = this.#profile
      const timed = {
        plain: await this.#latency(servers, 'plain', latency),
        plainOptional: await this.#latency(servers, 'plainOptional', latency),
        create: await this.#latency(servers, 'create', latency),
        createResult: await this.#latency(servers, 'createResult', createResult),
        throughput: await this.#throughput(servers),
        notifications: await this.#notifications(servers),
      }
      await Promise.all(servers.map((server) => server.stop()))
      return { ...timed, retained: await this.#retained(names, placement) }
    } finally {
      await Promise.all(servers.map((server) => server.stop()))
    }
  }

  /** Every timed workload once per server, unmeasured. */
  async #warmUp(servers: readonly ServerProcess[]): Promise<void> {
    this.#log('warm-up')
    const durationMs = this.#profile.warmupMs
    const options = { warmupMs: 0, durationMs, maxSamples: Number.MAX_SAFE_INTEGER }
    const { clients } = this.#profile.throughput
    for (const { url } of servers) {
      for (const workload of ['plain', 'plainOptional', 'create', 'createResult'] as const) {
        await this.#load.run({ type: 'latency', url, workload, options })
      }
      await this.#load.run({ type: 'throughput', url, clients, warmupMs: 0, durationMs })
      await this.#load.run({
        type: 'notifications',
        url,
        count: this.#profile.notifications.count,
        rounds: 1,
      })
    }
  }

  #latency(
    servers: readonly ServerProcess[],
    workload: LatencyWorkload,
    options: LatencyOptions,
  ): Promise<PerServer<Latency>> {
    this.#log(`workload ${workload}`)
    const measure = ({ url }: ServerProcess) =>
      this.#load.run<LatencyRun>({ type: 'latency', url, workload, options })
    return inTurns(servers, this.#profile.slices, measure, foldLatency)
  }

  #throughput(servers: readonly ServerProcess[]): Promise<PerServer<Throughput>> {
    this.#log('workload throughput')
    const { clients, warmupMs, durationMs } = this.#profile.throughput
    const measure = ({ url }: ServerProcess) =>
      this.#load.run<ThroughputSummary>({ type: 'throughput', url, clients, warmupMs, durationMs })
    return inTurns(servers, this.#profile.slices, measure, (turns) => {
      const completed = sum(turns, (turn) => turn.result.completed)
      const seconds = sum(turns, (turn) => turn.result.seconds)
      const ops = sum(turns, (turn) => turn.result.ops)
      return {
        clients,
        completed,
        seconds,
        perSecond: completed / seconds,
        ops,
        serverCpuUsPerOp: cpuPerOp(turns),
        // Near 1: the server was CPU-bound; well below 1 while other work ran: it was starved or idle.
        serverBusy: sum(turns, (turn) => turn.cpuUs) / sum(turns, (turn) => turn.wallUs),
        clientBusy: sum(turns, (turn) => turn.result.clientBusy * turn.result.seconds) / seconds,
      }
    })
  }

  #notifications(servers: readonly ServerProcess[]): Promise<PerServer<WithCpu<NotificationSummary>>> {
    this.#log('workload notifications')
    const { count, rounds } = this.#profile.notifications
    const measure = ({ url }: ServerProcess) =>
      this.#load.run<NotificationSummary>({ type: 'notifications', url, count, rounds })
    return inTurns(servers, this.#profile.slices, measure, (turns) => {
      const events = sum(turns, (turn) => turn.result.events)
      const seconds = sum(turns, (turn) => turn.result.seconds)
      return {
        rounds: sum(turns, (turn) => turn.result.rounds),
        events,
        seconds,
        perSecond: events / seconds,
        ops: sum(turns, (turn) => turn.result.ops),
        serverCpuUsPerOp: cpuPerOp(turns),
      }
    })
  }

  /** Fresh servers, each filled with finished tasks (memory sampled around the fill), then tasks/get. */
  async #retained(names: readonly ServerName[], placement: Placement): Promise<PerServer<RetainedResult>> {
    const { clients, tasks, floorTasks, get } = this.#profile.retained
    const servers = await Promise.all(names.map((name) => ServerProcess.start(name, placement)))
    const filled = new Map<ServerName, Filled>()
    try {
      for (const server of servers) {
        this.#log(`workload retained: filling ${server.name}`)
        await this.#load.run({ type: 'openSessions', set: server.name, url: server.url, clients })
        filled.set(server.name, await this.#fill(server, server.name === 'floor' ? floorTasks : tasks))
      }
      this.#log('workload retained: tasks/get')
      const measure = (server: ServerProcess) =>
        this.#load.run<LatencyRun>({ type: 'retainedGet', set: server.name, options: get })
      const gets = await inTurns(servers, this.#profile.slices, measure, foldLatency)
      const results: PerServer<RetainedResult> = {}
      for (const [name, filling] of filled) {
        const summary = gets[name]
        if (summary !== undefined) results[name] = { ...filling, get: summary }
      }
      return results
    } finally {
      for (const server of servers) {
        await this.#load.run({ type: 'closeSessions', set: server.name }).catch(() => {})
      }
      await Promise.all(servers.map((server) => server.stop()))
    }
  }

  /** A small warm-up fill first, so that the baseline already holds the code the fill runs. */
  async #fill(server: ServerProcess, tasks: number): Promise<Filled> {
    const warmup = this.#profile.retained.warmupTasks
    await this.#load.run({ type: 'fill', set: server.name, tasks: warmup })
    const before = await server.memory()
    const cpuBefore = await server.cpuUs()
    const run = await this.#load.run<Omit<Filled['fill'], 'serverCpuUsPerOp'>>({
      type: 'fill',
      set: server.name,
      tasks,
    })
    const fill = { ...run, serverCpuUsPerOp: ((await server.cpuUs()) - cpuBefore) / tasks }
    const after = await server.memory()
    const retained = tasks + warmup
    if (server.name === 'floor') return { retained, fill }
    const memory = {
      tasks,
      before,
      after,
      heapBytesPerTask: (after.heapUsed - before.heapUsed) / tasks,
      rssBytesPerTask: (after.rss - before.rss) / tasks,
    }
    return { retained, fill, memory }
  }
}

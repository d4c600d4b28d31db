/**
 * The workloads, as the load generator runs them against one server URL. Each is the same sequence of
 * HTTP requests whichever server answers; the floor answers them all with its canned result.
 */
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  type LatencyOptions,
  type LatencyRun,
  type LatencyWorkload,
  type NotificationSummary,
  type ThroughputSummary,
  TOOLS,
} from '../ipc.ts'
import { type Json, McpClient } from './client.ts'

/** Retention asked for every task: long enough to outlive any run, the same for every server. */
export const TASK = { ttl: 600_000 }

export async function connect(url: string): Promise<McpClient> {
  const client = new McpClient(url)
  await client.initialize()
  return client
}

/** Creates a task for `tool` and returns its id (workload 2's request). */
export async function createTask(
  client: McpClient,
  tool: string,
  args: Json = {},
  meta?: Json,
): Promise<string> {
  const params: Json = { name: tool, arguments: args, task: TASK }
  if (meta !== undefined) params._meta = meta
  const result = await client.request('tools/call', params)
  const task = result.task as { taskId?: unknown } | undefined
  if (typeof task?.taskId !== 'string') throw new Error(`tools/call: no CreateTaskResult for ${tool}`)
  return task.taskId
}

/**
 * Runs `op` back to back: `warmupMs` unmeasured, then up to `durationMs` or `maxSamples` measured.
 * Returns the raw samples (ms), so that slices measured at different times can be pooled.
 */
export async function measure(op: () => Promise<unknown>, options: LatencyOptions): Promise<LatencyRun> {
  let ops = 0
  const warmupEnd = performance.now() + options.warmupMs
  while (performance.now() < warmupEnd) {
    await op()
    ops++
  }
  const samples: number[] = []
  const end = performance.now() + options.durationMs
  while (samples.length < options.maxSamples) {
    const start = performance.now()
    await op()
    const done = performance.now()
    samples.push(done - start)
    if (done >= end) break
  }
  return { samples, ops: ops + samples.length }
}

const operations: Record<LatencyWorkload, (client: McpClient) => Promise<unknown>> = {
  // 1. A plain tool, plain call.
  plain: (client) => client.request('tools/call', { name: TOOLS.echo, arguments: { text: 'hello' } }),
  // 1b. A task-optional tool called without a task.
  plainOptional: (client) => client.request('tools/call', { name: TOOLS.instant, arguments: {} }),
  // 2. Task-augmented call until CreateTaskResult.
  create: (client) => createTask(client, TOOLS.instant),
  // 3. A 10 ms job: create, then tasks/result at once, until the result.
  createResult: async (client) => {
    const taskId = await createTask(client, TOOLS.sleep10)
    return client.request('tasks/result', { taskId })
  },
}

export async function latency(
  url: string,
  workload: LatencyWorkload,
  options: LatencyOptions,
): Promise<LatencyRun> {
  const client = await connect(url)
  const op = operations[workload]
  try {
    return await measure(() => op(client), options)
  } finally {
    await client.close()
  }
}

/** 4. `clients` sessions, each creating an instant task and fetching its result, back to back. */
export async function throughput(
  url: string,
  clients: number,
  warmupMs: number,
  durationMs: number,
): Promise<ThroughputSummary> {
  const pool = await Promise.all(Array.from({ length: clients }, () => connect(url)))
  let counting = false
  let stop = false
  let completed = 0
  let ops = 0
  const loops = pool.map(async (client) => {
    while (!stop) {
      const taskId = await createTask(client, TOOLS.instant)
      await client.request('tasks/result', { taskId })
      ops++
      if (counting) completed++
    }
  })
  const failed = Promise.all(loops).then(() => undefined)
  try {
    await Promise.race([sleep(warmupMs), failed])
    counting = true
    const start = performance.now()
    const cpu = process.cpuUsage()
    await Promise.race([sleep(durationMs), failed])
    const done = completed
    const seconds = (performance.now() - start) / 1000
    const { user, system } = process.cpuUsage(cpu)
    const clientBusy = (user + system) / 1e6 / seconds
    return { clients, completed: done, seconds, perSecond: done / seconds, ops, clientBusy }
  } finally {
    // Also when a request failed: the other loops must not run on into the next workload.
    stop = true
    await failed.catch(() => {})
    await Promise.all(pool.map((client) => client.close()))
  }
}

/**
 * 7. One client with its standalone GET stream open calls `events` as a task; a round ends when all
 * `count` progress notifications and the task's terminal status notification have arrived on it.
 */
export async function notifications(
  url: string,
  count: number,
  rounds: number,
): Promise<NotificationSummary> {
  const client = await connect(url)
  let token = ''
  let progress = 0
  let settled = false
  let roundDone = () => {}
  const close = await client.openEvents((message) => {
    const params = message.params ?? {}
    if (message.method === 'notifications/progress' && params.progressToken === token) progress++
    else if (message.method === 'notifications/tasks/status' && params.status === 'completed') settled = true
    else return
    if (progress === count && settled) roundDone()
  })
  const round = async (index: number): Promise<number> => {
    token = `round-${index}`
    progress = 0
    settled = false
    const arrived = new Promise<void>((resolve) => {
      roundDone = resolve
    })
    const start = performance.now()
    await createTask(client, TOOLS.events, { count }, { progressToken: token })
    await arrived
    return performance.now() - start
  }
  try {
    await round(-1) // warm-up
    let elapsed = 0
    for (let index = 0; index < rounds; index++) elapsed += await round(index)
    const events = rounds * (count + 1)
    const seconds = elapsed / 1000
    return { rounds, events, seconds, perSecond: events / seconds, ops: events + count + 1 }
  } finally {
    close()
    await client.close()
  }
}

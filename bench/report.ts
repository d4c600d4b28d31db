/**
 * Results to text: the table of every server's figures with taskwire's ratio to each, the targets
 * of issue #5 (shown, never asserted), and the machine line. The README quotes the same output.
 */
import type { ServerName } from './ipc.ts'
import type { PerServer, Results } from './results.ts'

interface Row {
  readonly workload: string
  readonly metric: string
  readonly better: 'lower' | 'higher'
  readonly values: PerServer<number | undefined>
  readonly format: (value: number) => string
  /** Server CPU per operation: a cost shown beside the figure, not a figure the targets judge. */
  readonly cpu?: true
}

const ms = (value: number): string =>
  value < 1
    ? value.toFixed(3)
    : value < 10
      ? value.toFixed(2)
      : value < 100
        ? value.toFixed(1)
        : value.toFixed(0)
const count = (value: number): string => Math.round(value).toLocaleString('en-US')

function per<T, U = number | undefined>(results: PerServer<T>, pick: (value: T) => U): PerServer<U> {
  return Object.fromEntries(Object.entries(results).map(([name, value]) => [name, pick(value as T)]))
}

type Timed = { p50: number; p99: number; serverCpuUsPerOp: number }

const cpuRow = (workload: string, results: PerServer<{ serverCpuUsPerOp: number }>, unit = 'op'): Row => ({
  workload,
  metric: `server CPU µs/${unit}`,
  better: 'lower',
  values: per(results, (r) => r.serverCpuUsPerOp),
  format: count,
  cpu: true,
})

const latency = (workload: string, results: PerServer<Timed>, unit?: string): Row[] => [
  { workload, metric: 'p50 ms', better: 'lower', values: per(results, (r) => r.p50), format: ms },
  { workload, metric: 'p99 ms', better: 'lower', values: per(results, (r) => r.p99), format: ms },
  cpuRow(workload, results, unit),
]

export function rows({ workloads: w, settings, profile }: Results): Row[] {
  const retained = Math.max(...Object.values(w.retained).map((r) => r.retained)).toLocaleString('en-US')
  const throughput = `4. throughput, ${profile.throughput.clients} clients (create + tasks/result)`
  const notifications = '7. progress + status notifications over SSE'
  return [
    ...latency('1. plain tools/call (plain tool)', w.plain, 'call'),
    ...latency('1b. plain tools/call of a task-optional tool', w.plainOptional, 'call'),
    ...latency('2. task-augmented tools/call → CreateTaskResult', w.create, 'task'),
    ...latency(`3. create task (${settings.jobMs} ms job) + tasks/result at once`, w.createResult, 'task'),
    {
      workload: throughput,
      metric: 'tasks/s',
      better: 'higher',
      values: per(w.throughput, (r) => r.perSecond),
      format: count,
    },
    cpuRow(throughput, w.throughput, 'task'),
    {
      workload: throughput,
      metric: 'server busy (cores)',
      better: 'higher',
      values: per(w.throughput, (r) => r.serverBusy),
      format: (value) => value.toFixed(2),
      cpu: true,
    },
    ...latency(
      `5. tasks/get, ${retained} tasks retained`,
      per(w.retained, (r) => r.get),
      'get',
    ),
    {
      workload: '6. heap per retained finished task',
      metric: 'bytes',
      better: 'lower',
      values: per(w.retained, (r) => r.memory?.heapBytesPerTask),
      format: count,
    },
    {
      workload: notifications,
      metric: 'events/s',
      better: 'higher',
      values: per(w.notifications, (r) => r.perSecond),
      format: count,
    },
    cpuRow(notifications, w.notifications, 'event'),
  ]
}

const LABELS: Record<ServerName, string> = { taskwire: 'taskwire', 'sdk-v1': 'SDK v1', floor: 'floor' }

function ratio(row: Row, other: ServerName): string {
  const mine = row.values.taskwire
  const theirs = row.values[other]
  if (mine === undefined || theirs === undefined || !(theirs > 0)) return '–'
  return `${(mine / theirs).toFixed(2)}×`
}

/** The table in Markdown: it reads as text in a terminal and renders in the README. */
export function table(results: Results): string {
  const servers = results.servers
  const others = servers.filter((name) => name !== 'taskwire')
  const head = [
    'workload',
    'metric',
    ...servers.map((name) => LABELS[name]),
    ...others.map((o) => `taskwire ÷ ${LABELS[o]}`),
  ]
  const lines = rows(results).map((row) => [
    row.workload,
    row.metric,
    ...servers.map((name) => {
      const value = row.values[name]
      return value === undefined || Number.isNaN(value) ? 'n/a' : row.format(value)
    }),
    ...others.map((other) => ratio(row, other)),
  ])
  const widths = head.map((cell, index) =>
    Math.max(cell.length, ...lines.map((line) => (line[index] ?? '').length)),
  )
  // Figures are right-aligned, as Markdown formatters (Biome's among them) pad them.
  const pad = (cell: string, index: number) =>
    index < 2 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0)
  const render = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`
  const rule = `| ${widths.map((width, index) => (index < 2 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`
  return [render(head), rule, ...lines.map(render)].join('\n')
}

export interface TargetCheck {
  readonly target: string
  readonly measured: string
  readonly met: boolean | undefined
}

/** Issue #5's targets for taskwire, as measured in this run. */
export function targets(results: Results): TargetCheck[] {
  const w = results.workloads
  const check = (
    target: string,
    value: number | undefined,
    show: (v: number) => string,
    ok: (v: number) => boolean,
  ) =>
    value === undefined || Number.isNaN(value)
      ? { target, measured: 'not measured', met: undefined }
      : { target, measured: show(value), met: ok(value) }
  const floorCreate = w.create.floor?.p50
  const sdkRate = w.throughput['sdk-v1']?.perSecond
  const slower = rows(results).filter((row) => {
    if (row.cpu) return false
    const mine = row.values.taskwire
    const sdk = row.values['sdk-v1']
    if (mine === undefined || sdk === undefined || Number.isNaN(mine) || Number.isNaN(sdk)) return false
    return row.better === 'lower' ? mine > sdk : mine < sdk
  })
  return [
    check(
      '(2) CreateTaskResult p50 within 1.3× of the floor',
      ratioOf(w.create.taskwire?.p50, floorCreate),
      (v) => `${v.toFixed(2)}×`,
      (v) => v <= 1.3,
    ),
    check(
      `(3) create + tasks/result p50 under 3 ms beyond the ${results.settings.jobMs} ms job`,
      minus(w.createResult.taskwire?.p50, results.settings.jobMs),
      (v) => `${ms(v)} ms (p50 ${ms(w.createResult.taskwire?.p50 ?? Number.NaN)} ms end to end)`,
      (v) => v < 3,
    ),
    check(
      '(4) throughput at least 3× the SDK server',
      ratioOf(w.throughput.taskwire?.perSecond, sdkRate),
      (v) => `${v.toFixed(1)}×`,
      (v) => v >= 3,
    ),
    check(
      '(5) tasks/get p99 under 1 ms with the store full',
      w.retained.taskwire?.get.p99,
      (v) => `${ms(v)} ms`,
      (v) => v < 1,
    ),
    check(
      '(6) heap per retained task under 2 KB',
      w.retained.taskwire?.memory?.heapBytesPerTask,
      (v) => `${count(v)} B`,
      (v) => v < 2048,
    ),
    {
      target: 'no workload slower than the SDK server',
      measured:
        slower.length === 0 ? 'none slower' : slower.map((row) => `${row.workload} ${row.metric}`).join('; '),
      met: results.servers.includes('sdk-v1') ? slower.length === 0 : undefined,
    },
  ]
}

const ratioOf = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : a / b
const minus = (a: number | undefined, b: number) => (a === undefined ? undefined : a - b)

export function targetLines(results: Results): string {
  const mark = (met: boolean | undefined) => (met === undefined ? '–' : met ? 'met' : 'MISSED')
  return targets(results)
    .map(({ target, measured, met }) => `- ${target}: ${measured} — ${mark(met)}`)
    .join('\n')
}

export function machineLine({ machine, placement, profile, loadAverage, date }: Results): string {
  const pin =
    placement.method === 'taskset'
      ? `servers pinned to ${placement.servers}, load generator to ${placement.loadGenerator} (taskset)`
      : 'no pinning (taskset unavailable or one core)'
  return (
    `${date.slice(0, 10)}, \`${profile.name}\` profile: ${machine.cpuModel}, ${machine.cores} cores, ` +
    `${machine.memoryGiB} GiB, Node ${machine.node}, SDK ${machine.packages['@modelcontextprotocol/sdk']}; ${pin}; ` +
    `load average ${loadAverage.start} → ${loadAverage.end}.`
  )
}

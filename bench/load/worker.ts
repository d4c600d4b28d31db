/**
 * The load generator process. bench/run.ts starts it (pinned to its own core where it can) and sends
 * it one command at a time over IPC; it answers each with the figures measured.
 */
import type { WorkerCommand, WorkerReply } from '../ipc.ts'
import { RetainedTasks } from './retained.ts'
import { latency, notifications, throughput } from './workloads.ts'

/** Sessions holding retained tasks (workloads 5 and 6), one set per server. */
const sets = new Map<string, RetainedTasks>()

function setOf(name: string): RetainedTasks {
  const set = sets.get(name)
  if (set === undefined) throw new Error(`no sessions opened for "${name}"`)
  return set
}

async function run(command: WorkerCommand): Promise<unknown> {
  switch (command.type) {
    case 'latency':
      return latency(command.url, command.workload, command.options)
    case 'throughput':
      return throughput(command.url, command.clients, command.warmupMs, command.durationMs)
    case 'notifications':
      return notifications(command.url, command.count, command.rounds)
    case 'openSessions': {
      const set = new RetainedTasks()
      sets.set(command.set, set)
      return set.open(command.url, command.clients)
    }
    case 'fill':
      return setOf(command.set).fill(command.tasks)
    case 'retainedGet':
      return setOf(command.set).get(command.options)
    case 'closeSessions':
      setOf(command.set).close()
      sets.delete(command.set)
      return undefined
  }
}

const reply = (message: WorkerReply): void => {
  process.send?.(message)
}

process.on('message', (command: WorkerCommand) => {
  run(command).then(
    (result) => reply({ id: command.id, ok: true, result: result ?? null }),
    (error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
      reply({ id: command.id, ok: false, error: text })
    },
  )
})
process.on('disconnect', () => process.exit(0))

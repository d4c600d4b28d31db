/**
 * Starting the benchmark's child processes: each server and the load generator in a node process of
 * its own, talked to over IPC, pinned with `taskset` when the machine has it and two or more cores
 * (servers on CPU 0, the load generator and this orchestrator on CPU 1).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import type {
  MemorySample,
  ServerCommand,
  ServerName,
  ServerReport,
  WorkerCommand,
  WorkerReply,
} from './ipc.ts'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))

export interface Placement {
  readonly method: 'taskset' | 'none'
  readonly servers: string
  readonly loadGenerator: string
  readonly orchestrator: string
}

/** Pins this process to CPU 1 when it can, and says where everything runs. */
export function place(): Placement {
  const cores = availableParallelism()
  const taskset = cores >= 2 && spawnSync('taskset', ['-cp', '1', String(process.pid)]).status === 0
  if (!taskset) return { method: 'none', servers: 'any', loadGenerator: 'any', orchestrator: 'any' }
  return {
    method: 'taskset',
    servers: 'CPU 0',
    loadGenerator: 'CPU 1',
    orchestrator: 'CPU 1 (idle while measuring)',
  }
}

const SERVER_FILES: Record<ServerName, string> = {
  taskwire: 'bench/servers/taskwire.ts',
  'sdk-v1': 'bench/servers/sdk-v1.ts',
  floor: 'bench/servers/floor.ts',
}

function spawnNode(file: string, cpu: string | undefined, nodeArgs: string[]): ChildProcess {
  const args = [...nodeArgs, '--import', 'tsx', file]
  const options = { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] as const }
  return cpu === undefined
    ? spawn(process.execPath, args, { ...options, stdio: [...options.stdio] })
    : spawn('taskset', ['-c', cpu, process.execPath, ...args], { ...options, stdio: [...options.stdio] })
}

const cpuOf = (placement: Placement, role: 'server' | 'load'): string | undefined =>
  placement.method === 'taskset' ? (role === 'server' ? '0' : '1') : undefined

function exited(child: ChildProcess): Promise<never> {
  return new Promise((_resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`process exited early (${signal ?? code})`)))
  })
}

export class ServerProcess {
  readonly name: ServerName
  readonly url: string
  readonly #child: ChildProcess

  private constructor(name: ServerName, url: string, child: ChildProcess) {
    this.name = name
    this.url = url
    this.#child = child
  }

  /** `nodeArgs` adds node flags (say, `--cpu-prof`) to the server's own `--expose-gc`. */
  static async start(
    name: ServerName,
    placement: Placement,
    nodeArgs: string[] = [],
  ): Promise<ServerProcess> {
    const child = spawnNode(SERVER_FILES[name], cpuOf(placement, 'server'), ['--expose-gc', ...nodeArgs])
    const ready = new Promise<string>((resolve) => {
      child.on('message', (report: ServerReport) => {
        if (report.type === 'ready') resolve(report.url)
      })
    })
    return new ServerProcess(name, await Promise.race([ready, exited(child)]), child)
  }

  /** Memory after two full collections in the server process. */
  async memory(): Promise<MemorySample> {
    const report = await this.#ask('memory')
    if (report.type !== 'memory') throw new Error('unexpected report')
    return report.memory
  }

  /** CPU time the server process has used so far, in microseconds. */
  async cpuUs(): Promise<number> {
    const report = await this.#ask('cpu')
    if (report.type !== 'cpu') throw new Error('unexpected report')
    return report.cpuUs
  }

  #ask(type: ServerCommand['type']): Promise<ServerReport> {
    const child = this.#child
    return new Promise((resolve) => {
      const onReport = (report: ServerReport) => {
        if (report.type !== type) return
        child.off('message', onReport)
        resolve(report)
      }
      child.on('message', onReport)
      child.send({ type } satisfies ServerCommand)
    })
  }

  async stop(): Promise<void> {
    const child = this.#child
    if (child.exitCode !== null || child.signalCode !== null) return
    const gone = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await gone
    clearTimeout(force)
  }
}

type Command = WorkerCommand extends infer C ? (C extends WorkerCommand ? Omit<C, 'id'> : never) : never

export class LoadGenerator {
  readonly #child: ChildProcess
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  #nextId = 1

  constructor(placement: Placement) {
    this.#child = spawnNode('bench/load/worker.ts', cpuOf(placement, 'load'), [])
    this.#child.on('message', (reply: WorkerReply) => {
      const pending = this.#pending.get(reply.id)
      this.#pending.delete(reply.id)
      if (reply.ok) pending?.resolve(reply.result)
      else pending?.reject(new Error(reply.error))
    })
    this.#child.once('exit', (code) => {
      for (const pending of this.#pending.values())
        pending.reject(new Error(`load generator exited (${code})`))
      this.#pending.clear()
    })
  }

  run<T>(command: Command): Promise<T> {
    const id = this.#nextId++
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: (value) => resolve(value as T), reject })
      this.#child.send({ ...command, id } as WorkerCommand)
    })
  }

  stop(): void {
    this.#child.disconnect()
  }
}

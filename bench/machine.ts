/** What the benchmark ran on: CPU, cores, memory, node and package versions, and how busy it was. */
import { readFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './processes.ts'

export interface Machine {
  readonly cpuModel: string
  readonly cores: number
  readonly memoryGiB: number
  readonly node: string
  readonly os: string
  readonly packages: Readonly<Record<string, string>>
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'))
    return line?.split(':')[1]?.trim() ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

function versionOf(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'))
    return String((manifest as { version?: unknown }).version ?? 'unknown')
  } catch {
    return 'unknown'
  }
}

export function describeMachine(): Machine {
  return {
    cpuModel: cpuModel(),
    // All the machine's cores, whatever this process is pinned to.
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${process.platform} ${process.arch}`,
    packages: Object.fromEntries(
      ['@modelcontextprotocol/sdk', 'hono', '@hono/node-server', 'zod'].map((name) => [
        name,
        versionOf(name),
      ]),
    ),
  }
}

/** The 1-minute load average: above the core count, other processes competed with the benchmark. */
export const load1 = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100

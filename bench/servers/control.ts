/**
 * The admin side of a benchmark server process, over the IPC channel its parent opened: it says where
 * it listens, reports the CPU time it used, and on request collects garbage and reports
 * `process.memoryUsage()`. Run the process with
 * `--expose-gc`; without it the figures include uncollected garbage and say so (`gc: false`).
 */
import type { MemorySample, ServerCommand, ServerReport } from '../ipc.ts'

type Gc = () => void

const send = (report: ServerReport): void => {
  process.send?.(report)
}

async function collect(): Promise<MemorySample> {
  const gc = (globalThis as { gc?: Gc }).gc
  // Two full collections with a turn between, so weak references and finalizers settle.
  gc?.()
  await new Promise((resolve) => setImmediate(resolve))
  gc?.()
  const { heapUsed, heapTotal, rss, external, arrayBuffers } = process.memoryUsage()
  return { heapUsed, heapTotal, rss, external, arrayBuffers }
}

/**
 * Announces `url` to the parent and serves its commands; the process exits when the parent goes
 * away or sends SIGTERM. Started by hand (no IPC channel), it just prints the url.
 */
export function reportReady(url: string, close: () => Promise<void>): void {
  if (!process.send) {
    console.log(`listening on ${url}`)
  } else {
    process.on('message', (command: ServerCommand) => {
      if (command.type === 'memory') void collect().then((memory) => send({ type: 'memory', memory }))
      if (command.type === 'cpu') {
        const { user, system } = process.cpuUsage()
        send({ type: 'cpu', cpuUs: user + system })
      }
    })
    process.on('disconnect', () => void close().finally(() => process.exit(0)))
    send({ type: 'ready', url })
  }
  process.once('SIGTERM', () => void close().finally(() => process.exit(0)))
  process.once('SIGINT', () => void close().finally(() => process.exit(0)))
}

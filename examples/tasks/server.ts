/**
 * The tasks example, after FastMCP's: one task-optional tool, `slow_computation`, that sleeps for
 * `duration` seconds and reports progress every second. `npm start` runs it on the in-memory store.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import { createServer, serve, type TaskwireServer } from '../../src/index.ts'

export function createExampleServer(): TaskwireServer {
  const server = createServer({ name: 'taskwire-example', version: '0.1.0', tasks: { pollIntervalMs: 500 } })
  server.tool(
    {
      name: 'slow_computation',
      description: 'Sleeps for the given number of seconds, reporting progress every second',
      input: z.object({
        duration: z.number().int().min(1).max(60).describe('How long to work, in seconds (1-60)'),
      }),
      task: true,
    },
    async ({ duration }, ctx) => {
      for (let elapsed = 1; elapsed <= duration; elapsed++) {
        await sleep(1_000, undefined, { signal: ctx.signal })
        ctx.progress(elapsed, duration, `${elapsed} of ${duration} seconds`)
      }
      return `Computation finished after ${duration} seconds`
    },
  )
  return server
}

/** PORT as a port number, or a one-line reason it is not one. */
function portOf(value: string | undefined): number | string {
  if (value === undefined || value === '') return 3000
  const port = Number(value)
  if (/^\d+$/.test(value) && port <= 65_535) return port
  return `PORT must be a port number (0-65535), got "${value}"`
}

/** What went wrong at startup, in one line: a busy port is the usual first-run problem. */
function startupProblem(error: unknown, port: number, hostname: string): string {
  const code = (error as { code?: unknown }).code
  if (code === 'EADDRINUSE')
    return `port ${port} on ${hostname} is already in use (another server running?); start with PORT=<free port> npm start`
  if (code === 'EACCES') return `no permission to listen on port ${port} of ${hostname}; try PORT=3000`
  return error instanceof Error ? error.message : String(error)
}

async function main(): Promise<void> {
  const port = portOf(process.env.PORT)
  const hostname = process.env.HOST ?? '127.0.0.1'
  if (typeof port === 'string') throw new Error(port)
  const served = await serve(createExampleServer(), { port, hostname }).catch((error: unknown) => {
    throw new Error(startupProblem(error, port, hostname))
  })
  console.log(`taskwire example server listening on ${served.url}`)
  const stop = () => void served.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main().catch((error: unknown) => {
    console.error(`taskwire example server: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  })
}

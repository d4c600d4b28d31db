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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.env.PORT ?? 3000)
  const hostname = process.env.HOST ?? '127.0.0.1'
  const served = await serve(createExampleServer(), { port, hostname })
  console.log(`taskwire example server listening on ${served.url}`)
  const stop = () => void served.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

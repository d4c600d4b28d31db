/**
 * taskwire's benchmark server: the benchmark tools on `createServer`, served by `serve` exactly as a
 * user would, with the in-memory store's limits raised so that workload 5 can retain 100,000+ tasks.
 * Run by bench/run.ts pinned to one core; `npx tsx bench/servers/taskwire.ts` starts it by hand.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import { createServer, InMemoryTaskStore, serve } from '../../src/index.ts'
import { EVENT_BURST, SLEEP_MS, TOOLS } from '../ipc.ts'
import { reportReady } from './control.ts'

const RETAINED_TASKS = 1_000_000

const server = createServer({
  name: 'taskwire-bench',
  version: '0.1.0',
  tasks: {
    store: new InMemoryTaskStore({ maxTasks: RETAINED_TASKS, maxTasksPerRequestor: RETAINED_TASKS }),
    // The workloads create tasks back to back from each session, far above a client's fair share.
    createRate: false,
  },
})

server.tool({ name: TOOLS.echo, input: z.object({ text: z.string() }) }, ({ text }) => text)

server.tool({ name: TOOLS.instant, input: z.object({}), task: true }, () => 'ok')

server.tool({ name: TOOLS.sleep10, input: z.object({}), task: true }, async (_args, ctx) => {
  await sleep(SLEEP_MS, undefined, { signal: ctx.signal })
  return 'ok'
})

server.tool(
  { name: TOOLS.events, input: z.object({ count: z.number().int().min(1) }), task: true },
  async ({ count }, ctx) => {
    for (let sent = 1; sent <= count; sent++) {
      ctx.progress(sent, count, `step ${sent} of ${count}`)
      if (sent % EVENT_BURST === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    return 'ok'
  },
)

const served = await serve(server, { port: 0, hostname: '127.0.0.1' })
reportReady(served.url, async () => {
  await served.close()
  await server.close()
})

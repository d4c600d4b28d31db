/**
 * The approval example: one task tool, `cleanup_files`, that scans `count` temporary files (reporting
 * progress), asks the user to confirm through `ctx.elicit`, then deletes them or stops, as the user
 * answered. While it waits for the answer the task is `input_required`.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import { createServer, serve, type TaskwireServer } from '../../src/index.ts'

/** What the user is asked to fill in; it becomes the request's `requestedSchema`. */
const Approval = z.object({
  confirm: z.boolean().describe('Delete the files'),
  reason: z.string().optional().describe('Why (optional)'),
})

export interface ApprovalServerOptions {
  /** Time spent on each file, scanning and deleting (ms). */
  stepMs?: number
}

export function createApprovalServer({ stepMs = 200 }: ApprovalServerOptions = {}): TaskwireServer {
  const server = createServer({ name: 'taskwire-approval', version: '0.1.0', tasks: { pollIntervalMs: 200 } })
  server.tool(
    {
      name: 'cleanup_files',
      description: 'Finds temporary files, asks the user to confirm, then deletes them',
      input: z.object({ count: z.number().int().min(1).max(100).describe('How many files to clean up') }),
      task: true,
    },
    async ({ count }, ctx) => {
      for (let file = 1; file <= count; file++) {
        await sleep(stepMs, undefined, { signal: ctx.signal })
        ctx.progress(file, count * 2, `scanned ${file} of ${count} files`)
      }
      const answer = await ctx.elicit({
        message: `Delete ${count} temporary files?`,
        schema: Approval,
      })
      if (answer.action === 'decline') return 'Stopped: the user declined'
      if (answer.action === 'cancel') return 'Stopped: the user cancelled'
      if (!answer.content.confirm)
        return `Stopped: not confirmed (${answer.content.reason ?? 'no reason given'})`
      for (let file = 1; file <= count; file++) {
        await sleep(stepMs, undefined, { signal: ctx.signal })
        ctx.progress(count + file, count * 2, `deleted ${file} of ${count} files`)
      }
      return `Deleted ${count} files`
    },
  )
  return server
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.env.PORT ?? 3001)
  const hostname = process.env.HOST ?? '127.0.0.1'
  const served = await serve(createApprovalServer(), { port, hostname })
  console.log(`taskwire approval server listening on ${served.url}`)
  const stop = () => void served.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

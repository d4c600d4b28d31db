/** tasks/result at the edges: on a cancelled task, and when the client drops the stream. */

import { type Reply, RequestTimeout } from '../client/http.ts'
import type { McpSession } from '../client/session.ts'
import { cancelTask, createTask, poll, sleep, statusOf, taskResult, traceOf } from '../client/tasks.ts'
import { FIXTURE } from '../contract.ts'
import type { Check } from '../types.ts'
import { Verdict } from '../verdict.ts'
import { describe, hasTool, requireCapability } from './util.ts'

/** How long an answer may take once the task is cancelled before the call counts as hanging. */
const HANG_MS = 3_000

/** tasks/result, or undefined when it hangs past `timeoutMs`. */
function resultOrHang(session: McpSession, taskId: string, timeoutMs: number): Promise<Reply | undefined> {
  return taskResult(session, taskId, { timeoutMs }).catch((error: unknown) => {
    if (error instanceof RequestTimeout) return undefined
    throw error
  })
}

function judgeCancelled(v: Verdict, what: string, reply: Reply | undefined): void {
  if (
    !v.expect(
      'TASK-RESULT-06',
      reply !== undefined,
      `${what}: no answer ${HANG_MS} ms after the cancellation`,
    )
  )
    return
  const answer = reply as Reply
  v.expect(
    'TASK-RESULT-07',
    answer.error?.code === -32602,
    `${what} answered ${describe(answer)}; the reading tested is -32602`,
  )
}

const cancelled: Check = {
  id: 'result-cancelled',
  title: 'tasks/result on a cancelled task answers (reading: -32602)',
  covers: ['TASK-RESULT-06', 'TASK-RESULT-07'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    requireCapability(ctx, 'cancel')
    const v = new Verdict()
    const session = await ctx.open()
    const { taskId } = await createTask(session, FIXTURE.slow, { ms: 10_000 })
    const parked = resultOrHang(session, taskId, 200 + HANG_MS)
    await sleep(200)
    const cancel = await cancelTask(session, taskId)
    v.require(
      'TASK-CANCEL-02',
      cancel.result?.status === 'cancelled',
      `tasks/cancel answered ${describe(cancel)}`,
    )
    judgeCancelled(v, 'a tasks/result waiting when the task was cancelled', await parked)
    judgeCancelled(v, 'tasks/result on the cancelled task', await resultOrHang(session, taskId, HANG_MS))
    return v.outcome('both answered -32602 (a cancelled task has no result)')
  },
}

const disconnect: Check = {
  id: 'result-disconnect',
  title: 'dropping a tasks/result stream does not cancel the task',
  covers: ['TASK-RESULT-09'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const tag = ctx.tag('disconnect')
    const { taskId } = await createTask(session, FIXTURE.slow, { ms: 400, tag })
    const drop = new AbortController()
    const waiting = taskResult(session, taskId, { signal: drop.signal }).catch(() => undefined)
    await sleep(100)
    drop.abort()
    await waiting
    const status = statusOf((await poll(session, taskId)).last)
    v.expect(
      'TASK-RESULT-09',
      status === 'completed',
      `after the client dropped tasks/result the task ended ${status}`,
    )
    if (hasTool(ctx, FIXTURE.trace)) {
      const trace = await traceOf(session, tag)
      v.expect('TASK-RESULT-09', trace === 'finished', `the work did not finish (conf_trace: ${trace})`)
    }
    return v.outcome('the task completed after the client dropped its tasks/result')
  },
}

export const resultEdgeChecks: readonly Check[] = [cancelled, disconnect]

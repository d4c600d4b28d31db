/** tasks/cancel: on a working task, on terminal ones, and whether the work stops. */

import { hasRelatedTask, RELATED_TASK } from '../client/json.ts'
import { cancelTask, createTask, getTask, poll, sleep, traceOf } from '../client/tasks.ts'
import { FIXTURE } from '../contract.ts'
import { judgeTask } from '../shapes.ts'
import type { Check } from '../types.ts'
import { Verdict } from '../verdict.ts'
import { describe, expectError, hasTool, requireCapability } from './util.ts'

const WORK_MS = 1_200

const cancelWorking: Check = {
  id: 'cancel-working',
  title: 'tasks/cancel makes a working task cancelled before answering, for good, and stops the work',
  covers: ['TASK-CANCEL-02', 'TASK-CANCEL-03', 'TASK-CANCEL-04', 'TASK-CANCEL-05', 'TASK-META-04'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    requireCapability(ctx, 'cancel')
    const v = new Verdict()
    const session = await ctx.open()
    const tag = ctx.tag('cancel')
    const { taskId, reply } = await createTask(session, FIXTURE.slow, { ms: WORK_MS, tag })
    await sleep(100)
    const cancel = await cancelTask(session, taskId)
    const result = cancel.result
    v.require(
      'TASK-CANCEL-02',
      result?.taskId === taskId && result.status === 'cancelled',
      `tasks/cancel answered ${describe(cancel)}`,
    )
    judgeTask(v, 'tasks/cancel result', result)
    v.expect('TASK-META-04', !hasRelatedTask(result?._meta), `tasks/cancel result carries ${RELATED_TASK}`)
    const right = await getTask(session, taskId)
    const deleted = right.error?.code === -32602
    if (deleted) v.pass('TASK-CANCEL-05', 'the cancelled task was deleted at once')
    else
      v.expect(
        'TASK-CANCEL-02',
        right.result?.status === 'cancelled',
        `just after tasks/cancel, tasks/get answered ${describe(right)}`,
      )
    await sleep(Math.max(0, reply.at + WORK_MS + 300 - performance.now()))
    const later = await getTask(session, taskId)
    if (later.error?.code === -32602) v.pass('TASK-CANCEL-05', 'the cancelled task was deleted')
    else
      v.expect(
        'TASK-CANCEL-04',
        later.result?.status === 'cancelled',
        `once the work could have ended, tasks/get answered ${describe(later)}`,
      )
    if (hasTool(ctx, FIXTURE.trace)) {
      const trace = await traceOf(session, tag)
      const why =
        trace === 'finished' ? 'the work ran to its end after tasks/cancel' : `conf_trace says ${trace}`
      v.expect('TASK-CANCEL-03', trace === 'aborted', why)
    }
    return v.outcome('cancelled before the answer, still cancelled later, the work stopped')
  },
}

const cancelTerminal: Check = {
  id: 'cancel-terminal',
  title: 'cancelling a completed or cancelled task answers -32602',
  covers: ['TASK-CANCEL-01', 'TASK-ERR-03', 'TASK-ERR-04'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    requireCapability(ctx, 'cancel')
    const v = new Verdict()
    const session = await ctx.open()
    const done = await createTask(session, FIXTURE.slow, { ms: 0 })
    await poll(session, done.taskId)
    expectError(
      v,
      'TASK-CANCEL-01',
      await cancelTask(session, done.taskId),
      -32602,
      'tasks/cancel on a completed task',
    )
    const busy = await createTask(session, FIXTURE.slow, { ms: 2_000 })
    await cancelTask(session, busy.taskId)
    expectError(v, 'TASK-CANCEL-01', await cancelTask(session, busy.taskId), -32602, 'a second tasks/cancel')
    return v.outcome('both refused with -32602')
  },
}

export const cancelChecks: readonly Check[] = [cancelWorking, cancelTerminal]

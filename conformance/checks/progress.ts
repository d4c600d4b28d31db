/** Progress for tasks: the original token after CreateTaskResult, silence once terminal. */

import type { Received } from '../client/http.ts'
import { isNotification, relatedTaskOf } from '../client/json.ts'
import type { McpSession } from '../client/session.ts'
import { callTool, cancelTask, createTask, sleep, taskResult } from '../client/tasks.ts'
import { FIXTURE } from '../contract.ts'
import type { Check, CheckContext } from '../types.ts'
import { Skip, Verdict } from '../verdict.ts'
import { requireCapability } from './util.ts'

/** Grace for a notification that was already on its way on another connection. */
const GRACE_MS = 100

const progressFor =
  (token: string) =>
  ({ message }: Received): boolean =>
    isNotification(message, 'notifications/progress') && message.params?.progressToken === token

/** Skips unless conf_progress reports progress in a plain call (else a silent task proves nothing). */
async function requirePlainProgress(ctx: CheckContext, session: McpSession): Promise<void> {
  const token = ctx.tag('plain-progress')
  await callTool(session, FIXTURE.progress, { steps: 2, intervalMs: 5 }, { progressToken: token })
  if (!session.inbox.some(progressFor(token))) {
    throw new Skip('conf_progress sent no progress in a plain call: the fixture does not report progress')
  }
}

const afterCreation: Check = {
  id: 'progress-task',
  title: 'progress keeps the original token after CreateTaskResult and stops at the end',
  covers: ['TASK-PROGRESS-01', 'TASK-PROGRESS-02', 'TASK-PROGRESS-03'],
  fixtures: [FIXTURE.progress],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    await requirePlainProgress(ctx, session)
    await session.openGetStream()
    const token = ctx.tag('task-progress')
    const args = { steps: 4, intervalMs: 60 }
    const { taskId, reply } = await createTask(session, FIXTURE.progress, args, { progressToken: token })
    const result = await taskResult(session, taskId)
    await sleep(300)
    const seen = session.inbox.filter(progressFor(token))
    const after = seen.filter((received) => received.at > reply.at)
    v.expect(
      'TASK-PROGRESS-01',
      after.length > 0,
      'no progress with the original token arrived after the CreateTaskResult (looked on the tasks/result and GET streams)',
      `${after.length} progress notifications after the CreateTaskResult`,
    )
    const late = seen.filter((received) => received.at > result.at + GRACE_MS).length
    v.expect(
      'TASK-PROGRESS-02',
      late === 0,
      `${late} progress notifications came after tasks/result had answered`,
    )
    for (const { message } of after) {
      const related = relatedTaskOf(message.params?._meta)
      v.expect(
        'TASK-PROGRESS-03',
        related === taskId,
        'a progress notification of the task carries no related-task _meta',
      )
    }
    return v.outcome(`${after.length} progress notifications after creation, none after the end`)
  },
}

const onCancel: Check = {
  id: 'progress-stops-on-cancel',
  title: 'no progress once a task is cancelled',
  covers: ['TASK-PROGRESS-02'],
  fixtures: [FIXTURE.progress],
  async run(ctx) {
    requireCapability(ctx, 'cancel')
    const v = new Verdict()
    const session = await ctx.open()
    await session.openGetStream()
    const token = ctx.tag('cancel-progress')
    const args = { steps: 60, intervalMs: 40 }
    const { taskId } = await createTask(session, FIXTURE.progress, args, { progressToken: token })
    const first = await session.waitFor(progressFor(token), 2_000)
    if (first === undefined)
      throw new Skip('no progress arrived for the task within 2 s, so none can be seen to stop')
    const cancel = await cancelTask(session, taskId)
    await sleep(500)
    const late = session.inbox
      .filter(progressFor(token))
      .filter((received) => received.at > cancel.at + GRACE_MS)
    v.expect(
      'TASK-PROGRESS-02',
      late.length === 0,
      `${late.length} progress notifications came after tasks/cancel answered`,
    )
    return v.outcome('progress stopped when the task was cancelled')
  },
}

export const progressChecks: readonly Check[] = [afterCreation, onCancel]

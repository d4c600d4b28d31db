/** tasks/result: blocking, exact results, errors, related-task, latency. */

import type { RequirementId } from '../../spec/requirements.ts'
import { brief, relatedTaskOf } from '../client/json.ts'
import type { McpSession } from '../client/session.ts'
import { callTool, createTask, poll, statusOf, taskResult } from '../client/tasks.ts'
import { FIXTURE, PROTOCOL_ERROR } from '../contract.ts'
import type { Check } from '../types.ts'
import { Skip, Verdict } from '../verdict.ts'
import { describe, informative, sameJson, withoutMeta } from './util.ts'

const WORK_MS = 300
const LATENCY_WORK_MS = 20
/** How late after the work a waiting tasks/result may come before it is a WARN. */
const LATENCY_BUDGET_MS = 40
const LATENCY_RUNS = 5

const blocks: Check = {
  id: 'result-blocks',
  title: 'tasks/result waits for a working task and answers exactly the tool result',
  covers: ['TASK-RESULT-01', 'TASK-RESULT-02', 'TASK-RESULT-03'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const plain = await callTool(session, FIXTURE.slow, { ms: WORK_MS })
    const { taskId, reply } = await createTask(session, FIXTURE.slow, { ms: WORK_MS })
    const result = await taskResult(session, taskId)
    // From when the creating request was sent: the job cannot have ended before that plus WORK_MS,
    // however late the CreateTaskResult arrived (on a loaded machine it can take tens of ms).
    const waited = result.at - (reply.at - reply.elapsedMs)
    v.require(
      'TASK-RESULT-01',
      result.result !== undefined,
      `tasks/result on a working task answered ${describe(result)}`,
    )
    v.expect(
      'TASK-RESULT-01',
      waited >= WORK_MS * 0.8,
      `answered ${Math.round(waited)} ms after the task was requested, before a ${WORK_MS} ms job could end`,
    )
    const status = statusOf((await poll(session, taskId)).last)
    v.expect('TASK-RESULT-01', status === 'completed', `after tasks/result answered the task was ${status}`)
    v.expect(
      'TASK-RESULT-02',
      sameJson(withoutMeta(result.result), withoutMeta(plain.result)),
      `tasks/result ${brief(withoutMeta(result.result))} differs from the plain call's ${brief(withoutMeta(plain.result))}`,
    )
    const related = relatedTaskOf(result.result?._meta)
    v.expect('TASK-RESULT-03', related === taskId, `related-task in tasks/result _meta is ${brief(related)}`)
    return v.outcome(`waited ${Math.round(waited)} ms, then the plain call's result with related-task`)
  },
}

const latency: Check = {
  id: 'result-latency',
  title: 'a waiting tasks/result is answered promptly when the task ends',
  covers: ['TASK-RESULT-08'],
  fixtures: [FIXTURE.slow],
  exclusive: true,
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const lags: number[] = []
    for (let run = 0; run < LATENCY_RUNS; run++) {
      const { taskId, reply } = await createTask(session, FIXTURE.slow, { ms: LATENCY_WORK_MS })
      const result = await taskResult(session, taskId)
      lags.push(Math.max(0, Math.round(result.at - reply.at - LATENCY_WORK_MS)))
    }
    const median = [...lags].sort((a, b) => a - b)[Math.floor(LATENCY_RUNS / 2)] as number
    const seen = `median of ${LATENCY_RUNS}: ${median} ms after a ${LATENCY_WORK_MS} ms job ended (${lags.join(', ')})`
    v.expect('TASK-RESULT-08', median <= LATENCY_BUDGET_MS, `tasks/result came late: ${seen}`)
    return v.outcome(`answered promptly: ${seen}`)
  },
}

/** Creates a task on `tool`, waits for it to end, and judges its status and statusMessage. */
async function settle(v: Verdict, session: McpSession, tool: string, statusId: RequirementId) {
  const { taskId } = await createTask(session, tool, {})
  const { last } = await poll(session, taskId)
  const status = statusOf(last)
  v.expect(statusId, status === 'failed', `the task ended ${status}, not failed`)
  if (status === 'failed') {
    const message = last.result?.statusMessage
    v.expect(
      'TASK-EXEC-03',
      typeof message === 'string' && informative(message),
      `failed without a diagnostic statusMessage (${brief(message)})`,
    )
  }
  return { taskId, result: await taskResult(session, taskId) }
}

const isError: Check = {
  id: 'result-is-error',
  title: 'an isError tool result: the task fails, tasks/result still succeeds with it',
  covers: ['TASK-EXEC-02', 'TASK-EXEC-03', 'TASK-RESULT-05', 'TASK-RESULT-03'],
  fixtures: [FIXTURE.errorResult],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const plain = await callTool(session, FIXTURE.errorResult, {})
    if (plain.result?.isError !== true)
      throw new Skip(`the plain call answered ${describe(plain)}, not an isError result`)
    const { taskId, result } = await settle(v, session, FIXTURE.errorResult, 'TASK-EXEC-02')
    v.expect(
      'TASK-RESULT-05',
      result.error === undefined && sameJson(withoutMeta(result.result), withoutMeta(plain.result)),
      `tasks/result answered ${describe(result)}, not the isError CallToolResult as a success`,
    )
    v.expect(
      'TASK-RESULT-03',
      relatedTaskOf(result.result?._meta) === taskId,
      'tasks/result lacks related-task _meta',
    )
    return v.outcome('task failed with a statusMessage; tasks/result answered the isError result')
  },
}

const protocolError: Check = {
  id: 'result-protocol-error',
  title: 'a JSON-RPC error: the task fails, tasks/result answers the same error',
  covers: ['TASK-EXEC-01', 'TASK-EXEC-03', 'TASK-RESULT-04'],
  fixtures: [FIXTURE.protocolError],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const plain = await callTool(session, FIXTURE.protocolError, {})
    if (plain.error === undefined) {
      throw new Skip(
        `the plain call answered ${describe(plain)}, not the JSON-RPC error ${PROTOCOL_ERROR.code} the contract asks: without it there is no error for tasks/result to repeat`,
      )
    }
    const { result } = await settle(v, session, FIXTURE.protocolError, 'TASK-EXEC-01')
    const same = result.error?.code === plain.error.code && result.error.message === plain.error.message
    v.expect(
      'TASK-RESULT-04',
      same,
      `tasks/result answered ${describe(result)}; the plain call answered error ${plain.error.code} "${plain.error.message}"`,
    )
    return v.outcome(`task failed; tasks/result answered error ${plain.error.code} like the plain call`)
  },
}

export const resultChecks: readonly Check[] = [blocks, latency, isError, protocolError]

/** input_required: a task that elicits, and how its side-channel request reaches the requestor. */

import type { Answer, Received, Reply } from '../client/http.ts'
import { brief, firstText, type JsonObject, RELATED_TASK, relatedTaskOf } from '../client/json.ts'
import type { McpSession } from '../client/session.ts'
import { createTask, getTask, poll, sleep, statusOf, taskResult } from '../client/tasks.ts'
import { ELICIT, elicitText, FIXTURE } from '../contract.ts'
import type { Check } from '../types.ts'
import { Verdict } from '../verdict.ts'
import { describe } from './util.ts'

export const ANSWER = 'forty-two'
export const FORM_CLIENT = { elicitation: { form: {} } }

export function accept(taskId: string | undefined): Answer {
  const result: JsonObject = { action: 'accept', content: { answer: ANSWER } }
  if (taskId !== undefined) result._meta = { [RELATED_TASK]: { taskId } }
  return { result }
}

/** Answers elicitation requests, but only once `release()` is called (or after 3 s). */
function holdAnswers(session: McpSession): () => void {
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  session.onRequest(async (message) => {
    if (message.method !== 'elicitation/create') return { error: { code: -32601, message: 'not served' } }
    await Promise.race([released, sleep(3_000)])
    return accept(relatedTaskOf(message.params?._meta))
  })
  return release
}

/** The elicitation/create the task sends, or why none came (the task ended first, or silence). */
async function elicitationOf(session: McpSession, parked: Promise<Reply>): Promise<Received | string> {
  const ended = parked
    .then((reply) => `tasks/result answered ${describe(reply)} first`)
    .catch(() => 'nothing came')
  const request = await Promise.race([
    session.waitFor(({ message }) => message.method === 'elicitation/create', 5_000),
    ended,
  ])
  return request ?? 'nothing came within 5 s'
}

function judgeRequest(v: Verdict, { message, via }: Received, taskId: string): void {
  v.pass(
    'TASK-INPUT-02',
    `elicitation/create arrived on the ${via === 'get' ? 'GET' : 'tasks/result'} stream`,
  )
  const related = relatedTaskOf(message.params?._meta)
  v.expect('TASK-META-01', related !== undefined, `elicitation/create carries no ${RELATED_TASK}`)
  v.expect(
    'TASK-META-02',
    related === taskId,
    `elicitation/create names task ${brief(related)}, not ${taskId}`,
  )
  v.expect(
    'TASK-REQ-01',
    message.params?.task === undefined,
    'the elicitation was task-augmented although the client declared no tasks for it',
  )
}

const inputRequired: Check = {
  id: 'input-required',
  title: 'a task that elicits: input_required, related-task, delivery to tasks/result, then back to work',
  covers: [
    'TASK-INPUT-01',
    'TASK-INPUT-02',
    'TASK-INPUT-03',
    'TASK-META-01',
    'TASK-META-02',
    'TASK-REQ-01',
    'TASK-RESULT-02',
    'TASK-RESULT-03',
  ],
  fixtures: [FIXTURE.elicit],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open({ capabilities: FORM_CLIENT })
    const release = holdAnswers(session)
    await session.openGetStream()
    const { taskId } = await createTask(session, FIXTURE.elicit, {})
    const parked = taskResult(session, taskId, { timeoutMs: 10_000 })
    const request = await elicitationOf(session, parked)
    const watched = '(tasks/result and GET streams watched)'
    v.require(
      'TASK-INPUT-02',
      typeof request !== 'string',
      `no elicitation/create reached the client ${watched}: ${request}`,
    )
    judgeRequest(v, request as Received, taskId)
    const during = statusOf(await getTask(session, taskId))
    v.expect(
      'TASK-INPUT-01',
      during === 'input_required',
      `while the elicitation was open the task was ${during}`,
    )
    release()
    const until = (status: string) => status !== 'input_required'
    const after = statusOf((await poll(session, taskId, { until, timeoutMs: 3_000 })).last)
    v.expect('TASK-INPUT-03', after !== 'input_required', 'the task stayed input_required after the answer')
    const result = await parked
    const expected = elicitText('accept', ANSWER)
    const answered = `tasks/result answered ${describe(result)}, expected "${expected}"`
    v.expect('TASK-RESULT-02', firstText(result.result) === expected, answered)
    v.expect(
      'TASK-RESULT-03',
      relatedTaskOf(result.result?._meta) === taskId,
      'tasks/result lacks related-task _meta',
    )
    return v.outcome(
      `input_required while asking (${ELICIT.message}), then ${after}, then the answer in tasks/result`,
    )
  },
}

export const inputChecks: readonly Check[] = [inputRequired]

/** tasks/get, the status lifecycle, status notifications, and which taskId wins. */

import { type Reply, RequestTimeout } from '../client/http.ts'
import { brief, firstText, hasRelatedTask, isNotification, RELATED_TASK } from '../client/json.ts'
import { createTask, getTask, poll, sleep, TERMINAL } from '../client/tasks.ts'
import { FIXTURE, slowText } from '../contract.ts'
import { judgeTask, shapeProblems } from '../shapes.ts'
import type { Check } from '../types.ts'
import { Verdict } from '../verdict.ts'
import { describe, taskCapability } from './util.ts'

const NEXT: Readonly<Record<string, readonly string[]>> = {
  working: ['input_required', 'completed', 'failed', 'cancelled'],
  input_required: ['working', 'completed', 'failed', 'cancelled'],
}

/** The first transition in `statuses` the lifecycle does not allow, or undefined. */
export function badTransition(statuses: readonly string[]): string | undefined {
  for (let i = 1; i < statuses.length; i++) {
    const from = statuses[i - 1] as string
    const to = statuses[i] as string
    if (!(NEXT[from] ?? []).includes(to)) return `${from} → ${to}`
  }
  return undefined
}

const getShape: Check = {
  id: 'get-task',
  title: 'tasks/get answers the flat Task as JSON, without related-task',
  covers: ['TASK-GET-01', 'TASK-GET-02', 'TASK-META-04', 'TASK-SHAPE-01', 'TASK-TTL-01'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const { taskId } = await createTask(session, FIXTURE.slow, { ms: 200 })
    for (const moment of ['working', 'terminal']) {
      const reply = moment === 'working' ? await getTask(session, taskId) : (await poll(session, taskId)).last
      const result = reply.result
      v.expect(
        'TASK-GET-01',
        result?.taskId === taskId,
        `tasks/get (${moment}) answered ${describe(reply)}, not the flat Task`,
      )
      judgeTask(v, `tasks/get (${moment})`, result)
      v.expect(
        'TASK-META-04',
        !hasRelatedTask(result?._meta),
        `tasks/get (${moment}) result carries ${RELATED_TASK}`,
      )
      v.expect(
        'TASK-GET-02',
        reply.contentType === 'application/json',
        `tasks/get was answered as ${reply.contentType}`,
      )
    }
    return v.outcome('flat Task in plain JSON, no related-task, while working and once terminal')
  },
}

const lifecycle: Check = {
  id: 'status-lifecycle',
  title: 'statuses follow the lifecycle and terminal ones never change; status notifications are full Tasks',
  covers: [
    'TASK-STATUS-01',
    'TASK-STATUS-02',
    'TASK-STATUS-03',
    'TASK-NOTIFY-01',
    'TASK-NOTIFY-02',
    'TASK-NOTIFY-03',
  ],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const stream = await session.openGetStream()
    const { taskId } = await createTask(session, FIXTURE.slow, { ms: 300 })
    const { statuses } = await poll(session, taskId, { intervalMs: 20 })
    v.expect('TASK-STATUS-01', statuses[0] === 'working', `the first tasks/get said ${statuses[0]}`)
    v.expect(
      'TASK-STATUS-02',
      badTransition(statuses) === undefined,
      `tasks/get showed ${badTransition(statuses)}`,
    )
    const final = statuses.at(-1) ?? ''
    for (let i = 0; i < 3; i++) {
      await sleep(50)
      const again = (await getTask(session, taskId)).result?.status
      v.expect('TASK-STATUS-03', again === final, `a ${final} task later reported ${brief(again)}`)
    }
    stream.close()
    const notes = session.inbox
      .map(({ message }) => message)
      .filter(
        (message) =>
          isNotification(message, 'notifications/tasks/status') && message.params?.taskId === taskId,
      )
    if (notes.length === 0) return v.outcome(`${statuses.join(' → ')}; no status notifications (optional)`)
    v.pass('TASK-NOTIFY-01', `${notes.length} status notifications`)
    const noted = notes.map((note) => String(note.params?.status))
    v.expect(
      'TASK-STATUS-02',
      badTransition(noted) === undefined,
      `status notifications showed ${badTransition(noted)}`,
    )
    for (const note of notes) {
      const problems = shapeProblems(note.params)
      v.expect(
        'TASK-NOTIFY-02',
        problems.length === 0,
        `notifications/tasks/status params: ${problems.join(', ')}`,
      )
      v.expect(
        'TASK-NOTIFY-03',
        !hasRelatedTask(note.params?._meta),
        `a status notification carries ${RELATED_TASK}`,
      )
    }
    return v.outcome(`${statuses.join(' → ')}; ${notes.length} well-formed status notifications`)
  },
}

/** The reply, or undefined when none came within `timeoutMs`. */
function within(promise: Promise<Reply>): Promise<Reply | undefined> {
  return promise.catch((error: unknown) => {
    if (error instanceof RequestTimeout) return undefined
    throw error
  })
}

const silent = 'nothing within 3 s'

const relatedTaskIgnored: Check = {
  id: 'related-task-ignored',
  title: 'params.taskId wins over a related-task _meta in tasks/get, tasks/result, tasks/cancel',
  covers: ['TASK-META-03'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const done = await createTask(session, FIXTURE.slow, { ms: 0 })
    const busy = await createTask(session, FIXTURE.slow, { ms: 3_000 })
    await poll(session, done.taskId)
    const ask = (method: string, taskId: string, other: string) =>
      within(
        session.request(
          method,
          { taskId, _meta: { [RELATED_TASK]: { taskId: other } } },
          { timeoutMs: 3_000 },
        ),
      )
    const got = await ask('tasks/get', done.taskId, busy.taskId)
    const gotText = got === undefined ? silent : describe(got)
    v.expect(
      'TASK-META-03',
      got?.result?.taskId === done.taskId,
      `tasks/get naming another task in _meta answered ${gotText}`,
    )
    const result = await ask('tasks/result', done.taskId, busy.taskId)
    const resultText = result === undefined ? silent : describe(result)
    v.expect(
      'TASK-META-03',
      firstText(result?.result) === slowText(0),
      `tasks/result naming another task in _meta answered ${resultText}`,
    )
    if (taskCapability(ctx, 'cancel') !== undefined) {
      const cancelled = await ask('tasks/cancel', busy.taskId, done.taskId)
      const text = cancelled === undefined ? silent : describe(cancelled)
      v.expect(
        'TASK-META-03',
        cancelled?.result?.taskId === busy.taskId,
        `tasks/cancel naming another task in _meta answered ${text}`,
      )
    }
    const still = await getTask(session, done.taskId)
    v.expect(
      'TASK-META-03',
      TERMINAL.has(String(still.result?.status)),
      `the other task changed: ${describe(still)}`,
    )
    return v.outcome('the method parameter picked the task every time')
  },
}

export const statusChecks: readonly Check[] = [getShape, lifecycle, relatedTaskIgnored]

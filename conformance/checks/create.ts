/** Creating tasks: the CreateTaskResult, task ids, and the ttl granted. */

import { brief, IMMEDIATE_RESPONSE, isObject, type JsonObject } from '../client/json.ts'
import { callTool, createTask, getTask, sleep } from '../client/tasks.ts'
import { FIXTURE } from '../contract.ts'
import { judgeTask } from '../shapes.ts'
import type { Check } from '../types.ts'
import { Verdict } from '../verdict.ts'
import { describe } from './util.ts'

const WORK_MS = 1_500
const TEN_YEARS_MS = 10 * 365 * 24 * 3_600_000

const createTaskResult: Check = {
  id: 'create-task-result',
  title: 'a task-augmented tools/call answers a CreateTaskResult at once',
  covers: [
    'TASK-CREATE-01',
    'TASK-CREATE-02',
    'TASK-CREATE-03',
    'TASK-CREATE-04',
    'TASK-CREATE-05',
    'TASK-ID-01',
    'TASK-ID-02',
    'TASK-STATUS-01',
    'TASK-SHAPE-01',
    'TASK-SHAPE-02',
    'TASK-SHAPE-03',
    'TASK-TTL-01',
    'TASK-TTL-04',
  ],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const reply = await callTool(session, FIXTURE.slow, { ms: WORK_MS }, { task: { ttl: 60_000 } })
    const result = reply.result ?? {}
    const flat = typeof result.taskId === 'string' ? ' (a flat Task: it must be wrapped under "task")' : ''
    v.require('TASK-CREATE-01', isObject(result.task), `answered ${describe(reply)}${flat}`)
    v.pass('TASK-CREATE-01', 'CreateTaskResult with the Task under "task"')
    const task = result.task as JsonObject
    judgeTask(v, 'CreateTaskResult.task', task)
    v.expect('TASK-ID-01', typeof task.taskId === 'string', `taskId ${brief(task.taskId)} is not a string`)
    v.expect(
      'TASK-STATUS-01',
      task.status === 'working',
      `a task whose work takes ${WORK_MS} ms began "${task.status}"`,
    )
    v.expect(
      'TASK-CREATE-02',
      reply.elapsedMs < WORK_MS / 2,
      `the CreateTaskResult took ${Math.round(reply.elapsedMs)} ms for a ${WORK_MS} ms job: it waited for the work`,
    )
    const leaked = ['content', 'structuredContent', 'isError'].filter((key) => key in result)
    v.expect('TASK-CREATE-03', leaked.length === 0, `the CreateTaskResult carries ${leaked.join(', ')}`)
    const meta = result._meta
    if (isObject(meta) && IMMEDIATE_RESPONSE in meta) {
      v.expect(
        'TASK-CREATE-04',
        typeof meta[IMMEDIATE_RESPONSE] === 'string',
        `${IMMEDIATE_RESPONSE} is not a string`,
      )
    }
    if ('pollInterval' in task) v.pass('TASK-TTL-04', `pollInterval ${task.pollInterval} ms suggested`)
    const second = await createTask(session, FIXTURE.slow, { ms: 0 })
    v.pass('TASK-CREATE-05', '"task": {} (no ttl) created a task too')
    v.expect(
      'TASK-ID-02',
      second.taskId !== task.taskId,
      'two calls got the same task id: it is not generated per task',
    )
    return v.outcome('wrapped Task, status working, answered at once, no result inside')
  },
}

const uniqueIds: Check = {
  id: 'task-ids-unique',
  title: 'task ids are unique across sessions',
  covers: ['TASK-ID-03'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const sessions = [await ctx.open(), await ctx.open()]
    const ids: string[] = []
    for (const session of sessions) {
      const created = await Promise.all(
        Array.from({ length: 10 }, () => createTask(session, FIXTURE.slow, { ms: 0 })),
      )
      ids.push(...created.map((task) => task.taskId))
    }
    const distinct = new Set(ids).size
    v.expect(
      'TASK-ID-03',
      distinct === ids.length,
      `${ids.length - distinct} duplicate ids among ${ids.length} tasks`,
    )
    return v.outcome(`${ids.length} tasks in 2 sessions, ${distinct} distinct ids`)
  },
}

const ttlGranted: Check = {
  id: 'ttl-granted',
  title: 'the granted ttl is reported, and a huge ttl is capped',
  covers: ['TASK-TTL-01', 'TASK-TTL-02', 'TASK-SEC-08'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const asked = await createTask(session, FIXTURE.slow, { ms: 0 }, { task: { ttl: 60_000 } })
    const granted = asked.task.ttl
    v.pass('TASK-TTL-02', `asked 60000 ms, granted ${brief(granted)}`)
    const got = await getTask(session, asked.taskId)
    v.expect(
      'TASK-TTL-01',
      got.result?.ttl === granted,
      `tasks/get reports ttl ${brief(got.result?.ttl)}, the CreateTaskResult ${brief(granted)}`,
    )
    const huge = await createTask(session, FIXTURE.slow, { ms: 0 }, { task: { ttl: TEN_YEARS_MS } })
    const capped = typeof huge.task.ttl === 'number' && huge.task.ttl < TEN_YEARS_MS
    v.expect(
      'TASK-SEC-08',
      capped,
      `a ten-year ttl was granted as ${brief(huge.task.ttl)}: no maximum enforced`,
    )
    await sleep(100)
    const kept = await getTask(session, huge.taskId)
    v.expect(
      'TASK-TTL-01',
      kept.result?.taskId === huge.taskId,
      `the task granted ttl ${brief(huge.task.ttl)} was gone 100 ms later (${describe(kept)}): the ttl reported is not the one applied`,
    )
    return v.outcome(`ttl reported consistently; a ten-year ttl lowered to ${brief(huge.task.ttl)} ms`)
  },
}

export const createChecks: readonly Check[] = [createTaskResult, uniqueIds, ttlGranted]

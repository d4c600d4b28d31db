/** tasks/list: shape, paging, completeness, bad cursors. */

import { hasRelatedTask, isObject, RELATED_TASK } from '../client/json.ts'
import type { McpSession } from '../client/session.ts'
import { callTool } from '../client/tasks.ts'
import { FIXTURE } from '../contract.ts'
import { judgeTask, shapeProblems } from '../shapes.ts'
import type { Check } from '../types.ts'
import { Skip, Verdict } from '../verdict.ts'
import { describe, expectError, requireCapability } from './util.ts'

const TASKS = 55
const MAX_PAGES = 60

/**
 * Creates up to `count` quick tasks, 11 at a time. A server may cap the tasks a requestor holds
 * (TASK-SEC-09), so a refusal ends the creation instead of failing the check; too few tasks SKIP it.
 */
async function createMany(session: McpSession, count: number): Promise<Set<string>> {
  const created = new Set<string>()
  while (created.size < count) {
    const replies = await Promise.all(
      Array.from({ length: 11 }, () => callTool(session, FIXTURE.slow, { ms: 0 }, { task: {} })),
    )
    for (const reply of replies) {
      const task = reply.result?.task
      if (isObject(task) && typeof task.taskId === 'string') created.add(task.taskId)
    }
    const refused = replies.find((reply) => !isObject(reply.result?.task))
    if (refused === undefined) continue
    if (created.size < 11)
      throw new Skip(`the server created only ${created.size} tasks: ${describe(refused)}`)
    break
  }
  return created
}

const listAll: Check = {
  id: 'list-tasks',
  title: 'tasks/list pages through every task of the requestor',
  covers: ['TASK-LIST-01', 'TASK-LIST-02', 'TASK-LIST-03', 'TASK-LIST-04', 'TASK-META-04'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    requireCapability(ctx, 'list')
    const v = new Verdict()
    const session = await ctx.open()
    const created = await createMany(session, TASKS)
    const listed = new Set<string>()
    let cursor: string | undefined
    let pages = 0
    do {
      const reply = await session.request('tasks/list', cursor === undefined ? {} : { cursor })
      pages++
      const items = reply.result?.tasks
      v.require('TASK-LIST-01', Array.isArray(items), `tasks/list answered ${describe(reply)}`)
      const problems = (items as unknown[]).flatMap((item) => shapeProblems(item))
      v.expect(
        'TASK-LIST-01',
        problems.length === 0,
        `page ${pages} items: ${problems.slice(0, 3).join(', ')}`,
      )
      if (pages === 1 && isObject((items as unknown[])[0]))
        judgeTask(v, 'a tasks/list item', (items as unknown[])[0])
      for (const item of items as unknown[])
        if (isObject(item) && typeof item.taskId === 'string') listed.add(item.taskId)
      v.expect(
        'TASK-META-04',
        !hasRelatedTask(reply.result?._meta),
        `tasks/list result carries ${RELATED_TASK}`,
      )
      const next = reply.result?.nextCursor
      v.expect(
        'TASK-LIST-01',
        next === undefined || typeof next === 'string',
        `nextCursor ${JSON.stringify(next)}`,
      )
      cursor = typeof next === 'string' ? next : undefined
    } while (cursor !== undefined && pages < MAX_PAGES)
    const missing = [...created].filter((taskId) => !listed.has(taskId)).length
    v.expect(
      'TASK-LIST-03',
      missing === 0 || pages > 1,
      `${missing} of ${created.size} tasks missing from one page that had no nextCursor`,
    )
    v.expect(
      'TASK-LIST-04',
      missing === 0,
      `${missing} of the ${created.size} tasks the session created were not listed`,
    )
    if (pages > 1) v.pass('TASK-LIST-02', `${pages} pages`)
    return v.outcome(`all ${created.size} tasks listed over ${pages} page(s)`)
  },
}

const badCursor: Check = {
  id: 'list-bad-cursor',
  title: 'tasks/list with a cursor it never issued answers -32602',
  covers: ['TASK-ERR-02', 'TASK-ERR-03', 'TASK-ERR-04'],
  fixtures: [],
  async run(ctx) {
    requireCapability(ctx, 'list')
    const v = new Verdict()
    const session = await ctx.open()
    for (const cursor of ['conformance-not-a-cursor', 'eyJvZmZzZXQiOjk5OTk5OX0']) {
      const reply = await session.request('tasks/list', { cursor })
      expectError(v, 'TASK-ERR-02', reply, -32602, `tasks/list with cursor ${JSON.stringify(cursor)}`)
    }
    return v.outcome('made-up cursors answered -32602')
  },
}

export const listChecks: readonly Check[] = [listAll, badCursor]

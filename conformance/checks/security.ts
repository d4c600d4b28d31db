/** Isolation between requestors, task-id entropy, and clean-up after the ttl. */

import type { Reply } from '../client/http.ts'
import { brief, isObject } from '../client/json.ts'
import { cancelTask, createTask, getTask, poll, sleep, taskResult } from '../client/tasks.ts'
import { FIXTURE } from '../contract.ts'
import type { Check } from '../types.ts'
import { Skip, Verdict } from '../verdict.ts'
import { describe, taskCapability } from './util.ts'

const MIN_BITS = 64

/**
 * Estimated entropy of ids drawn by the same server: the alphabet they use, counted only at the
 * positions that vary between them (a fixed prefix, a timestamp head or a version nibble count 0).
 */
export function estimateBits(ids: readonly string[]): number {
  const chars = new Set(ids.join('').replace(/[-_.:]/g, ''))
  const all = [...chars].join('')
  const alphabet = /^[0-9]+$/.test(all)
    ? 10
    : /^[0-9a-f]+$/i.test(all) && !/[a-f].*[A-F]|[A-F].*[a-f]/.test(all)
      ? 16
      : 64
  const length = Math.min(...ids.map((id) => id.length))
  let varying = 0
  for (let i = 0; i < length; i++) if (new Set(ids.map((id) => id[i])).size > 1) varying++
  return Math.floor(varying * Math.log2(alphabet))
}

const isolation: Check = {
  id: 'isolation',
  title: 'another requestor cannot get, fetch, cancel or list a task',
  covers: ['TASK-SEC-01', 'TASK-SEC-02', 'TASK-SEC-03', 'TASK-SEC-04'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const owner = await ctx.open()
    const second = ctx.secondEndpoint
    const other = await ctx.open(second === undefined ? {} : { endpoint: second })
    const busy = await createTask(owner, FIXTURE.slow, { ms: 3_000 })
    const done = await createTask(owner, FIXTURE.slow, { ms: 0 })
    await poll(owner, done.taskId)
    const probes: Array<[string, Reply]> = [
      ['tasks/get', await getTask(other, busy.taskId)],
      ['tasks/result', await taskResult(other, done.taskId, { timeoutMs: 3_000 })],
    ]
    if (taskCapability(ctx, 'cancel') !== undefined)
      probes.push(['tasks/cancel', await cancelTask(other, busy.taskId)])
    const mine = new Set([busy.taskId, done.taskId])
    const list = taskCapability(ctx, 'list') === undefined ? undefined : await other.request('tasks/list')
    const items = Array.isArray(list?.result?.tasks) ? list.result.tasks : []
    const listed = items.some((item) => isObject(item) && mine.has(String(item.taskId)))
    const leaks = probes.filter(([, reply]) => reply.result !== undefined).map(([method]) => method)
    const who = second === undefined ? 'a second session' : 'a session with the --second-header credentials'
    if (leaks.length === 0 && !listed) {
      v.pass('TASK-SEC-01', `tasks are bound: ${who} cannot reach them`)
      for (const [method, reply] of probes) v.pass('TASK-SEC-02', `${method} refused: ${describe(reply)}`)
      if (list !== undefined) v.pass('TASK-SEC-03', 'tasks/list left them out')
      v.inapplicable(
        'TASK-SEC-04',
        'tasks are bound to their requestor, so their ids need not resist guessing',
      )
      return v.outcome(`${who} could not reach the tasks`)
    }
    const reached = [...leaks, ...(listed ? ['tasks/list'] : [])].join(', ')
    if (second !== undefined) {
      v.miss('TASK-SEC-01', `${who} reached another identity's tasks (${reached})`)
      for (const method of leaks) v.miss('TASK-SEC-02', `${method} answered for another identity's task`)
      if (listed) v.miss('TASK-SEC-03', "tasks/list returned another identity's tasks")
      return v.outcome('')
    }
    const more = await Promise.all(
      Array.from({ length: 18 }, () => createTask(owner, FIXTURE.slow, { ms: 0 })),
    )
    const ids = [busy.taskId, done.taskId, ...more.map((task) => task.taskId)]
    const bits = estimateBits(ids)
    v.expect(
      'TASK-SEC-04',
      bits >= MIN_BITS,
      `tasks are shared across sessions (${reached}) and their ids carry about ${bits} bits: guessable`,
    )
    return v.outcome(
      `tasks are shared across sessions (${reached}); ids carry about ${bits} bits. Give --second-header to test binding`,
    )
  },
}

const expiry: Check = {
  id: 'ttl-expiry',
  title: 'a task is gone soon after its ttl, counted from creation, runs out',
  covers: ['TASK-TTL-03', 'TASK-SEC-10', 'TASK-ERR-01'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const probe = await createTask(session, FIXTURE.slow, { ms: 0 }, { task: { ttl: 2_000 } })
    const granted = probe.task.ttl
    if (typeof granted !== 'number' || granted > 5_000) {
      throw new Skip(
        `asked a 2000 ms ttl, granted ${brief(granted)}: too long to watch expire in a quick run`,
      )
    }
    const work = Math.round(granted * 0.7)
    const { taskId, reply } = await createTask(
      session,
      FIXTURE.slow,
      { ms: work },
      { task: { ttl: granted } },
    )
    await sleep(reply.at + granted + 700 - performance.now())
    const late = await getTask(session, taskId)
    if (late.result !== undefined) {
      const why = `the task (ttl ${granted} ms, work ${work} ms) was still there ${granted + 700} ms after creation: its clock seems to start later (at completion?)`
      v.miss('TASK-SEC-10', why)
      return v.outcome('')
    }
    v.expect(
      'TASK-ERR-01',
      late.error?.code === -32602,
      `tasks/get on the expired task answered ${describe(late)}`,
    )
    v.pass('TASK-TTL-03', 'deleted once its ttl ran out')
    v.pass('TASK-SEC-10', `gone within 700 ms of its ttl (${granted} ms from creation)`)
    return v.outcome(`gone within 700 ms of its ttl of ${granted} ms from creation`)
  },
}

export const securityChecks: readonly Check[] = [isolation, expiry]

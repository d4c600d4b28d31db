/**
 * Issue 9, finding 7: nothing of a request outlives its answer. A plain call's ctx.progress and
 * ctx.log after the call was answered are dropped (they used to reach the GET stream with the
 * finished request's token), and `notifications/cancelled` naming a parked `tasks/result` ends that
 * wait with no response (cancellation.mdx) while the task itself runs on (N66: tasks are cancelled
 * with tasks/cancel only).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ToolContext } from '../../src/index.ts'
import { nextStart, type Probe, startTestServer } from '../fixtures/server.ts'
import {
  type GetStream,
  initialize,
  isNotification,
  type RawSession,
  resultOf,
} from '../helpers/raw-client.ts'
import { initializeWith } from '../helpers/raw-input.ts'
import { callTool, createTask, getTask, withTimeout } from '../helpers/tasks.ts'

let server: Awaited<ReturnType<typeof startTestServer>>
let probe: Probe
let session: RawSession
/** The context of the last `lingering` call, kept past its answer as a careless handler might. */
let kept: ToolContext | undefined

beforeEach(async () => {
  server = await startTestServer()
  probe = server.probe
  server.server.tool({ name: 'lingering' }, (_args, ctx) => {
    kept = ctx
    ctx.progress(1, 2, 'while running')
    return 'answered'
  })
  session = await initialize(server.url)
})
afterEach(async () => {
  probe.gate.open()
  await server.close()
})

/** A message the server sends on the GET stream after everything before it: a tools/list_changed. */
async function marker(stream: GetStream) {
  server.server.tool({ name: `marker_${Date.now()}` }, () => 'marker')
  return stream.next(isNotification('notifications/tools/list_changed'), { what: 'the marker' })
}

describe('a plain call that was answered', () => {
  it('sends nothing more for its ctx.progress and ctx.log', async () => {
    const stream = await session.openGetStream()
    const raw = await callTool(session, 'lingering', {}, { progressToken: 'late-token' })
    expect(resultOf(raw).content).toEqual([{ type: 'text', text: 'answered' }])
    expect(raw.messages.some(isNotification('notifications/progress'))).toBe(true)
    kept?.progress(2, 2, 'after the answer')
    kept?.log('error', 'after the answer')
    await marker(stream)
    const late = stream.messages.filter(
      (m) => m.method === 'notifications/progress' || m.method === 'notifications/message',
    )
    expect(late).toEqual([])
  })

  it('refuses ctx.elicit after the answer instead of sending it to the GET stream', async () => {
    const asking = await initializeWith(server.url, { elicitation: {} })
    const stream = await asking.openGetStream()
    await callTool(asking, 'lingering', {})
    const late: Promise<unknown> = kept?.elicit({ message: 'too late' }) ?? Promise.resolve()
    await expect(withTimeout(late, 'ctx.elicit to be refused')).rejects.toThrow(/already answered/)
    await marker(stream)
    expect(stream.messages.some((m) => m.method === 'elicitation/create')).toBe(false)
  })
})

describe('notifications/cancelled naming a parked tasks/result', () => {
  it('ends that tasks/result with no response and leaves the task running', async () => {
    const started = nextStart(probe)
    const task = await createTask(session, 'hold')
    await started
    const pending = session.start('tasks/result', { taskId: task.taskId })
    await pending.opened
    await session.notify('notifications/cancelled', { requestId: pending.id, reason: 'no longer needed' })
    const ended = await withTimeout(pending.done, 'the cancelled tasks/result to end')
    expect(ended.response).toBeUndefined()
    expect((await getTask(session, task.taskId)).status).toBe('working')
    // The task is not cancelled: a new tasks/result still gets its result.
    const again = session.start('tasks/result', { taskId: task.taskId })
    await again.opened
    probe.gate.open()
    expect(resultOf(await again.done).content).toEqual([{ type: 'text', text: 'released' }])
  })

  it('leaves other tasks/result calls on the same task parked', async () => {
    const started = nextStart(probe)
    const task = await createTask(session, 'hold')
    await started
    const cancelled = session.start('tasks/result', { taskId: task.taskId })
    const kept = session.start('tasks/result', { taskId: task.taskId })
    await Promise.all([cancelled.opened, kept.opened])
    await session.notify('notifications/cancelled', { requestId: cancelled.id })
    await withTimeout(cancelled.done, 'the cancelled tasks/result to end')
    expect(kept.settled).toBe(false)
    probe.gate.open()
    expect(resultOf(await kept.done).content).toEqual([{ type: 'text', text: 'released' }])
  })
})

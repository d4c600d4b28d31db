/**
 * Issue 9, finding 5: execution time is bounded. A tool's `timeoutMs` (or the server's
 * `toolTimeoutMs`) aborts `ctx.signal` with a reason whose `why` is 'timeout'; a task then ends
 * `failed` with "timed out after N ms" and its tasks/result answers the isError result a failed tool
 * answers; a plain call answers that isError result itself. Both happen at the deadline even when
 * the handler ignores its signal and never returns (decision 37). Fake timers throughout.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createServer, TaskAbortedError, type TaskwireServer, ToolTimeoutError } from '../../src/index.ts'
import { listen } from '../fixtures/server.ts'
import { initialize, type RawSession, resultOf } from '../helpers/raw-client.ts'
import { callTool, createTask, getTask, startCall } from '../helpers/tasks.ts'

const LIMIT_MS = 50
const SERVER_LIMIT_MS = 200

let server: TaskwireServer
let session: RawSession
let close: () => Promise<void>
/** `ctx.signal.reason` of each tool's last aborted handler. */
const reasons = new Map<string, unknown>()
/** Resolvers waiting for a handler of the named tool to start. */
const starts = new Map<string, () => void>()

function stuck(name: string) {
  return (_args: unknown, ctx: { signal: AbortSignal }) => {
    ctx.signal.addEventListener('abort', () => reasons.set(name, ctx.signal.reason), { once: true })
    starts.get(name)?.()
    return new Promise<never>(() => {}) // ignores its signal and never returns
  }
}

let releaseLate: () => void = () => {}

const started = (name: string) => new Promise<void>((resolve) => starts.set(name, resolve))

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  reasons.clear()
  server = createServer({ name: 'timeouts', version: '0', toolTimeoutMs: SERVER_LIMIT_MS })
  server
    .tool({ name: 'stuck_task', task: true, timeoutMs: LIMIT_MS }, stuck('stuck_task'))
    .tool({ name: 'stuck_plain', timeoutMs: LIMIT_MS }, stuck('stuck_plain'))
    .tool({ name: 'stuck_default', task: true }, stuck('stuck_default'))
    .tool({ name: 'stuck_unlimited', task: true, timeoutMs: null }, stuck('stuck_unlimited'))
    .tool({ name: 'quick', task: true, timeoutMs: LIMIT_MS }, () => 'in time')
    .tool({ name: 'late', task: true, timeoutMs: LIMIT_MS }, async () => {
      starts.get('late')?.()
      await new Promise<void>((resolve) => {
        releaseLate = resolve
      })
      return 'too late'
    })
  ;({ close } = await listen(server).then(async (served) => {
    session = await initialize(served.url)
    return served
  }))
})
afterEach(async () => {
  await close()
  vi.useRealTimers()
})

const timedOut = (ms: number) => new RegExp(`timed out after ${ms} ms`)

describe('a task whose tool has timeoutMs', () => {
  it('ends failed with "timed out after N ms" at the deadline, though the handler never returns', async () => {
    const running = started('stuck_task')
    const task = await createTask(session, 'stuck_task')
    await running
    await vi.advanceTimersByTimeAsync(LIMIT_MS - 1)
    expect((await getTask(session, task.taskId)).status).toBe('working')
    await vi.advanceTimersByTimeAsync(1)
    const failed = await getTask(session, task.taskId)
    expect(failed.status).toBe('failed')
    expect(failed.statusMessage).toMatch(timedOut(LIMIT_MS))
    expect(server.tasks.runningCount).toBe(0)
  })

  it('aborts ctx.signal with why "timeout"', async () => {
    const running = started('stuck_task')
    const task = await createTask(session, 'stuck_task')
    await running
    await vi.advanceTimersByTimeAsync(LIMIT_MS)
    const reason = reasons.get('stuck_task')
    expect(reason).toBeInstanceOf(TaskAbortedError)
    expect(reason).toMatchObject({ taskId: task.taskId, why: 'timeout', timeoutMs: LIMIT_MS })
  })

  it('answers a tasks/result parked on it with the isError result a failed tool gives', async () => {
    const running = started('stuck_task')
    const task = await createTask(session, 'stuck_task')
    await running
    const pending = session.start('tasks/result', { taskId: task.taskId })
    await pending.opened
    await vi.advanceTimersByTimeAsync(LIMIT_MS)
    const result = resultOf(await pending.done)
    expect(result.isError).toBe(true)
    expect(result.content).toEqual([{ type: 'text', text: expect.stringMatching(timedOut(LIMIT_MS)) }])
  })

  it('stays failed when the handler returns after the deadline', async () => {
    const running = started('late')
    const task = await createTask(session, 'late')
    await running
    await vi.advanceTimersByTimeAsync(LIMIT_MS)
    const failed = await getTask(session, task.taskId)
    releaseLate()
    await vi.advanceTimersByTimeAsync(0)
    expect(await getTask(session, task.taskId)).toEqual(failed)
    const result = resultOf(await session.request('tasks/result', { taskId: task.taskId }))
    expect(result.isError).toBe(true)
  })

  it('leaves a task that finishes in time alone', async () => {
    const task = await createTask(session, 'quick')
    expect(resultOf(await session.request('tasks/result', { taskId: task.taskId })).content).toEqual([
      { type: 'text', text: 'in time' },
    ])
    await vi.advanceTimersByTimeAsync(LIMIT_MS)
    expect((await getTask(session, task.taskId)).status).toBe('completed')
  })
})

describe('the server default toolTimeoutMs', () => {
  it('bounds a tool that sets no timeoutMs', async () => {
    const running = started('stuck_default')
    const task = await createTask(session, 'stuck_default')
    await running
    await vi.advanceTimersByTimeAsync(SERVER_LIMIT_MS)
    expect((await getTask(session, task.taskId)).statusMessage).toMatch(timedOut(SERVER_LIMIT_MS))
  })

  it('does not bound a tool with timeoutMs: null', async () => {
    const running = started('stuck_unlimited')
    const task = await createTask(session, 'stuck_unlimited')
    await running
    await vi.advanceTimersByTimeAsync(10 * SERVER_LIMIT_MS)
    expect((await getTask(session, task.taskId)).status).toBe('working')
    expect(reasons.has('stuck_unlimited')).toBe(false)
  })
})

describe('a plain call whose tool has timeoutMs', () => {
  it('answers an isError result at the deadline and aborts ctx.signal with why "timeout"', async () => {
    const running = started('stuck_plain')
    const pending = startCall(session, 'stuck_plain')
    await running
    await vi.advanceTimersByTimeAsync(LIMIT_MS)
    const result = resultOf(await pending.done)
    expect(result).toEqual({
      content: [{ type: 'text', text: expect.stringMatching(timedOut(LIMIT_MS)) }],
      isError: true,
    })
    const reason = reasons.get('stuck_plain')
    expect(reason).toBeInstanceOf(ToolTimeoutError)
    expect(reason).toMatchObject({ why: 'timeout', timeoutMs: LIMIT_MS })
  })

  it('is answered as usual when the handler finishes in time', async () => {
    server.tool({ name: 'quick_plain', timeoutMs: LIMIT_MS }, () => 'in time')
    expect(resultOf(await callTool(session, 'quick_plain')).content).toEqual([
      { type: 'text', text: 'in time' },
    ])
  })
})

describe('timeoutMs validation', () => {
  it.each([0, -1, 1.5, Number.NaN, 2 ** 31])(
    'refuses timeoutMs %s when the tool is registered',
    (timeoutMs) => {
      expect(() => server.tool({ name: 'bad', timeoutMs }, () => '')).toThrow(/timeoutMs/)
    },
  )

  it('refuses a server toolTimeoutMs of 0', () => {
    expect(() => createServer({ name: 'x', version: '0', toolTimeoutMs: 0 })).toThrow(/toolTimeoutMs/)
  })
})

/**
 * Issue 9, finding 7 (and "open waiters per session" in its budgets): a requestor may hold only so
 * many parked tasks/result calls (`tasks.maxWaitersPerRequestor`, default 100). Beyond it
 * tasks/result answers -32050 with `data: { limit, scope: 'waiters' }` (decision 39); a call that
 * ends, however it ends, frees its place; other requestors are not affected.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { nextStart, type Probe, startTestServer, type TestServerOptions } from '../fixtures/server.ts'
import { initialize, type PendingRequest, type RawSession, resultOf } from '../helpers/raw-client.ts'
import { createTask, expectError, withTimeout } from '../helpers/tasks.ts'

let server: Awaited<ReturnType<typeof startTestServer>> | undefined
let probe: Probe

afterEach(async () => {
  probe?.gate.open()
  await server?.close()
  server = undefined
})

async function start(options: TestServerOptions = {}) {
  server = await startTestServer({ tasks: { createRate: false, ...options.tasks } })
  probe = server.probe
  return initialize(server.url)
}

/** A `hold` task whose handler waits at the gate. */
async function heldTask(session: RawSession) {
  const started = nextStart(probe)
  const task = await createTask(session, 'hold')
  await started
  return task.taskId
}

/** Parks `count` tasks/result calls on `taskId` and waits until the server has them all. */
async function park(session: RawSession, taskId: string, count: number): Promise<PendingRequest[]> {
  const pending = Array.from({ length: count }, () => session.start('tasks/result', { taskId }))
  await Promise.all(pending.map((request) => request.opened))
  return pending
}

const waiting = () => server?.server.tasks.waiterCount

describe('with maxWaitersPerRequestor: 3', () => {
  const options = { tasks: { maxWaitersPerRequestor: 3 } }

  it('parks 3 tasks/result calls and answers the 4th -32050 naming the limit', async () => {
    const session = await start(options)
    const taskId = await heldTask(session)
    await park(session, taskId, 3)
    expect(waiting()).toBe(3)
    const refused = await session.request('tasks/result', { taskId })
    expect(refused.status).toBe(200)
    const { message, data } = expectError(refused, -32050)
    expect(data).toEqual({ limit: 3, scope: 'waiters' })
    expect(message).toMatch(/tasks\.maxWaitersPerRequestor/)
  })

  it('frees a place when a parked call is cancelled or its task completes', async () => {
    const session = await start(options)
    const taskId = await heldTask(session)
    const [first] = await park(session, taskId, 3)
    await session.notify('notifications/cancelled', { requestId: first?.id ?? '' })
    await withTimeout<unknown>(first?.done ?? Promise.resolve(), 'the cancelled call to end')
    expect(waiting()).toBe(2)
    const [again] = await park(session, taskId, 1)
    probe.gate.open()
    expect(resultOf((await again?.done) ?? never()).content).toEqual([{ type: 'text', text: 'released' }])
    expect(waiting()).toBe(0)
  })

  it('counts per requestor: another session still parks its calls', async () => {
    const greedy = await start(options)
    await park(greedy, await heldTask(greedy), 3)
    const other = await initialize(server?.url ?? '')
    const taskId = await heldTask(other)
    await park(other, taskId, 3)
    expect(waiting()).toBe(6)
  })

  it('frees the places of a session that ends, though its principal-bound task runs on', async () => {
    const authenticate = (request: Request) =>
      request.headers.get('authorization') === 'Bearer alice' ? { id: 'alice' } : undefined
    server = await startTestServer({ authenticate, tasks: { createRate: false, maxWaitersPerRequestor: 3 } })
    probe = server.probe
    const headers = { authorization: 'Bearer alice' }
    const first = await initialize(server.url, { headers })
    const taskId = await heldTask(first)
    await park(first, taskId, 3)
    expect(await first.close()).toBe(200)
    expect(waiting()).toBe(0)
    const second = await initialize(server.url, { headers })
    expect(resultOf(await second.request('tasks/get', { taskId })).status).toBe('working')
    await park(second, taskId, 3)
    expect(waiting()).toBe(3)
  })

  it('does not count a tasks/result on a terminal task, which never parks', async () => {
    const session = await start(options)
    await park(session, await heldTask(session), 3)
    const done = await createTask(session, 'sum', { a: 1, b: 1 })
    // sum completes at once; wait (bounded) until it is terminal, then fetch it at the limit.
    for (let turn = 0; turn < 100; turn++) {
      const status = resultOf(await session.request('tasks/get', { taskId: done.taskId })).status
      if (status === 'completed') break
    }
    expect(resultOf(await session.request('tasks/result', { taskId: done.taskId })).content).toEqual([
      { type: 'text', text: '2' },
    ])
  })
})

describe('the default maxWaitersPerRequestor', () => {
  it('parks 100 calls of one requestor and refuses the 101st', async () => {
    const session = await start()
    const taskId = await heldTask(session)
    await park(session, taskId, 100)
    expect(waiting()).toBe(100)
    expect(expectError(await session.request('tasks/result', { taskId }), -32050).data).toEqual({
      limit: 100,
      scope: 'waiters',
    })
  })
})

function never(): never {
  throw new Error('the parked call was not answered')
}

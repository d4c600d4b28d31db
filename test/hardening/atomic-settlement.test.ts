/**
 * Issue 9, finding 4: the in-memory store changed a task's status before it froze the outcome, so
 * an outcome that could not be frozen (a throwing getter, nesting deep enough to overflow the stack)
 * left the task `completed` or `failed` with no result: tasks/result answered "Task not found", no
 * status notification went out, and a tasks/result parked on the task hung until the ttl.
 *
 * 2025-11-25 tasks: tasks/result blocks until the task is terminal and then answers what the request
 * would have answered (N43, N44); a status notification is sent on every change (N18). The store
 * contract (src/tasks/store.ts): a task is terminal with its outcome in one step, or `failed` with
 * the reason, and its waiters are woken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, ProtocolError, serve, type TaskwireServer } from '../../src/index.ts'
import { Gate } from '../fixtures/server.ts'
import { initialize, type JsonRpcMessage, type RawSession } from '../helpers/raw-client.ts'
import { createTask, getTask, withTimeout } from '../helpers/tasks.ts'
import { bounded, expectAlive } from './helpers.ts'

const throwingGetter = () =>
  Object.defineProperty({}, 'detail', {
    enumerable: true,
    get: () => {
      throw new Error('the detail is not available')
    },
  })

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf'
  for (let level = 0; level < levels; level++) value = { a: value }
  return value
}

/** Tools that end with an error whose `data` cannot be kept; each waits for its gate first. */
const CASES = [
  { name: 'getter_in_error_data', data: throwingGetter, problem: /the detail is not available/ },
  { name: 'deep_error_data', data: () => nested(10_000), problem: /nests deeper than/ },
]

let server: TaskwireServer
let close: () => Promise<void>
let session: RawSession
const gates = new Map<string, Gate>()

beforeAll(async () => {
  server = createServer({ name: 'atomic', version: '0.0.0' })
  for (const { name, data } of CASES) {
    gates.set(name, new Gate())
    server.tool({ name, task: 'required' }, async () => {
      await gates.get(name)?.opened
      throw new ProtocolError(-32001, `${name} failed`, data())
    })
  }
  const served = await serve(server, { port: 0 })
  close = async () => {
    await served.close()
    await server.close()
  }
  session = await initialize(served.url)
})
afterAll(() => close())

const statusOf = (message: JsonRpcMessage) =>
  message.method === 'notifications/tasks/status' ? message.params?.status : undefined

describe('a task whose outcome cannot be kept', () => {
  it.each(CASES)(
    '$name ends failed with the reason, and wakes the parked tasks/result',
    async ({ name, problem }) => {
      const task = await createTask(session, name)
      const parked = session.start('tasks/result', { taskId: task.taskId })
      await withTimeout(parked.opened, 'the parked tasks/result to open its stream')
      gates.get(name)?.open()
      const raw = await withTimeout(parked.done, 'the parked tasks/result to be answered')
      expect(raw.response?.error?.code).toBe(-32603)
      expect(raw.response?.error?.message).toMatch(problem)
      expect(raw.messages.map(statusOf).filter((status) => status !== undefined)).toEqual(['failed'])
      const settled = await getTask(session, task.taskId)
      expect(settled.status).toBe('failed')
      expect(settled.statusMessage).toMatch(problem)
      // Read again: the same stored answer, not "Task not found".
      const again = await bounded(session, 'tasks/result', { taskId: task.taskId })
      expect(again.response?.error).toEqual(raw.response?.error)
      await expectAlive(session)
    },
  )
})

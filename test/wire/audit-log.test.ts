/**
 * N82: task creation, completion, retrieval and cancellation are logged with the requestor, through
 * the server's `logger` option.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Logger, serve } from '../../src/index.ts'
import { initialize, type RawSession, resultOf } from '../helpers/raw-client.ts'
import { createTask } from '../helpers/tasks.ts'

interface Line {
  message: string
  fields: Record<string, unknown> | undefined
}

describe('audit log (N82)', () => {
  const lines: Line[] = []
  const record = (message: string, fields?: Record<string, unknown>) => void lines.push({ message, fields })
  const logger: Logger = { debug: record, info: record, warn: record, error: record }
  const server = createServer({ name: 'audit', version: '0', logger })
  server.tool({ name: 'quick', task: true }, () => 'done')
  server.tool(
    { name: 'slow', task: true },
    (_args, ctx) =>
      new Promise((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))
      }),
  )
  let served: Awaited<ReturnType<typeof serve>>
  let session: RawSession

  beforeAll(async () => {
    served = await serve(server, { port: 0 })
    session = await initialize(served.url)
  })

  afterAll(async () => {
    await served.close()
    await server.close()
  })

  const linesOf = (taskId: string) => lines.filter((line) => line.fields?.taskId === taskId)

  it('logs creation, settlement and retrieval of a task with its requestor', async () => {
    const task = await createTask(session, 'quick')
    resultOf(await session.request('tasks/result', { taskId: task.taskId }))
    const logged = linesOf(task.taskId)
    expect(logged.map((line) => line.message)).toEqual([
      'task created',
      'task settled',
      'task result retrieved',
    ])
    for (const line of logged) expect(line.fields?.owner).toBe(`session:${session.sessionId}`)
    expect(logged[1]?.fields?.status).toBe('completed')
  })

  it('logs a cancellation and the cancelled settlement', async () => {
    const task = await createTask(session, 'slow')
    resultOf(await session.request('tasks/cancel', { taskId: task.taskId }))
    const messages = linesOf(task.taskId).map((line) => line.message)
    expect(messages).toEqual(['task created', 'task settled', 'task cancelled'])
    expect(linesOf(task.taskId)[1]?.fields?.status).toBe('cancelled')
  })
})

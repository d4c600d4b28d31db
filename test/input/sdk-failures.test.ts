/**
 * When input does not come, from the official SDK client (1.32.2): a client that never answers runs
 * into the input timeout, `tasks/cancel` while the task waits cancels it and aborts its handler (a
 * late answer changes nothing), and a client that did not declare a capability is never sent the
 * request: the handler gets ClientCapabilityError instead.
 */
import { CallToolResultSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ClientCapabilityError, InputTimeoutError, TaskAbortedError } from '../../src/index.ts'
import { startInputServer } from '../fixtures/input-server.ts'
import {
  createTask,
  mcpErrorOf,
  observingFetch,
  watchTaskStatuses,
  withTimeout,
} from '../helpers/sdk-client.ts'
import {
  answerElicitations,
  connectInputClient,
  firstText,
  type InputClientOptions,
  type InputConnection,
} from '../helpers/sdk-input.ts'
import { deferred } from '../helpers/server.ts'

const TIMEOUT_MS = 200
const TIMEOUT_MESSAGE = `The client did not answer elicitation/create within ${TIMEOUT_MS} ms`

let server: Awaited<ReturnType<typeof startInputServer>>
let slow: Awaited<ReturnType<typeof startInputServer>>
const connections: InputConnection[] = []

beforeAll(async () => {
  server = await startInputServer()
  slow = await startInputServer({ inputTimeoutMs: TIMEOUT_MS })
})

afterAll(async () => {
  for (const connection of connections) await connection.close()
  await server?.close()
  await slow?.close()
})

async function connect(url: string, options: InputClientOptions) {
  const connection = await connectInputClient(url, options)
  connections.push(connection)
  return connection
}

/** Runs `tool` as a task and waits (in tasks/result) for its outcome, then reads the task. */
async function settle(connection: InputConnection, tool: string, args: Record<string, unknown>) {
  const { client } = connection
  const created = await createTask(client, tool, args)
  const result = await client.experimental.tasks.getTaskResult(created.taskId, CallToolResultSchema)
  return { taskId: created.taskId, result, task: await client.experimental.tasks.getTask(created.taskId) }
}

describe('a client that never answers', () => {
  it('ends the wait with InputTimeoutError, which the handler can catch, and the task goes on', async () => {
    const silent = await connect(slow.url, { capabilities: { elicitation: {} } })
    const inbox = answerElicitations(silent.client, () => new Promise<ElicitResult>(() => {}))
    const statuses = watchTaskStatuses(silent.client)
    const { taskId, result, task } = await settle(silent, 'confirm', {
      key: 'timeout-caught',
      catchErrors: true,
    })
    expect(firstText(result)).toBe(`caught InputTimeoutError: ${TIMEOUT_MESSAGE}`)
    expect(task.status).toBe('completed')
    expect(slow.probe.get('timeout-caught', 'error')).toBeInstanceOf(InputTimeoutError)
    expect(inbox.received.map((entry) => entry.relatedTaskId)).toEqual([taskId])
    await statuses.next(taskId, 'completed')
    const mine = statuses.seen.filter((seen) => seen.taskId === taskId).map((seen) => seen.status)
    expect(mine).toEqual(['input_required', 'working', 'completed'])
  })

  it('fails the task with the timeout message when the handler does not catch it', async () => {
    const silent = await connect(slow.url, { capabilities: { elicitation: {} } })
    answerElicitations(silent.client, () => new Promise<ElicitResult>(() => {}))
    const { result, task } = await settle(silent, 'confirm', { key: 'timeout-failed' })
    expect(result.isError).toBe(true)
    expect(firstText(result)).toBe(TIMEOUT_MESSAGE)
    expect(task).toMatchObject({ status: 'failed', statusMessage: TIMEOUT_MESSAGE })
    expect(slow.probe.has('timeout-failed', 'answer')).toBe(false)
  })
})

describe('tasks/cancel while the task waits for input', () => {
  it('cancels the task, aborts the handler, and ignores the answer that comes later', async () => {
    const http = observingFetch()
    const holding = await connect(server.url, { capabilities: { elicitation: {} }, fetch: http.fetch })
    const late = deferred<ElicitResult>()
    const inbox = answerElicitations(holding.client, () => late.promise)
    const { client } = holding
    const created = await createTask(client, 'confirm', { key: 'cancel-waiting' })
    const request = await inbox.at(0, 'the elicitation of the task')
    expect(request.relatedTaskId).toBe(created.taskId)
    expect((await client.experimental.tasks.getTask(created.taskId)).status).toBe('input_required')

    const cancelled = await client.experimental.tasks.cancelTask(created.taskId)
    expect(cancelled.status).toBe('cancelled')
    const reason = await withTimeout(server.probe.when('cancel-waiting', 'aborted'), 'the handler to abort')
    expect(reason).toBeInstanceOf(TaskAbortedError)
    const failed = await withTimeout(server.probe.when('cancel-waiting', 'error'), 'ctx.elicit to reject')
    expect(failed).toBe(reason)

    const from = http.exchanged.length
    late.resolve({ action: 'accept', content: { confirm: true } })
    const posted = await http.when(
      (exchange) => exchange.httpMethod === 'POST' && exchange.requestId === request.requestId,
      'the late answer to be POSTed',
      from,
    )
    expect(posted.rpcMethod).toBeUndefined()
    expect(posted.response.status).toBe(202)
    expect((await client.experimental.tasks.getTask(created.taskId)).status).toBe('cancelled')
    expect(server.probe.has('cancel-waiting', 'answer')).toBe(false)
    const error = await mcpErrorOf(
      client.experimental.tasks.getTaskResult(created.taskId, CallToolResultSchema),
    )
    expect(error.code).toBe(-32602)
    expect(error.message).toContain('was cancelled')
  })
})

describe('a client without the capability a request needs', () => {
  it('gets no elicitation; the handler catches ClientCapabilityError with a clear message', async () => {
    const bare = await connect(server.url, { capabilities: {} })
    const statuses = watchTaskStatuses(bare.client)
    const { taskId, result, task } = await settle(bare, 'confirm', {
      key: 'no-elicitation',
      catchErrors: true,
    })
    const error = server.probe.get('no-elicitation', 'error')
    expect(error).toBeInstanceOf(ClientCapabilityError)
    expect((error as Error).message).toBe(
      'The client did not declare the "elicitation" capability, so it cannot answer elicitation requests; nothing was sent',
    )
    expect(firstText(result)).toBe(`caught ClientCapabilityError: ${(error as Error).message}`)
    expect(task.status).toBe('completed')
    await statuses.next(taskId, 'completed')
    expect(statuses.seen.filter((seen) => seen.taskId === taskId).map((seen) => seen.status)).toEqual([
      'completed',
    ])
    expect(bare.unhandled).toEqual([])
  })

  it('fails the task with that message when the handler does not catch it', async () => {
    const bare = await connect(server.url, { capabilities: {} })
    const { result, task } = await settle(bare, 'confirm', { key: 'no-elicitation-uncaught' })
    expect(result.isError).toBe(true)
    expect(firstText(result)).toContain('did not declare the "elicitation" capability')
    expect(task).toMatchObject({ status: 'failed', statusMessage: firstText(result) })
    expect(bare.unhandled).toEqual([])
  })

  it('refuses sampling to a client that declared elicitation but not sampling', async () => {
    const formOnly = await connect(server.url, { capabilities: { elicitation: {} } })
    const { result } = await settle(formOnly, 'summarize', { key: 'no-sampling', catchErrors: true })
    expect(firstText(result)).toBe(
      'caught ClientCapabilityError: The client did not declare the "sampling" capability, so it cannot answer sampling requests; nothing was sent',
    )
    expect(formOnly.unhandled).toEqual([])
  })

  it('refuses URL-mode elicitation to a client that declared form mode only', async () => {
    const formOnly = await connect(server.url, { capabilities: { elicitation: { form: {} } } })
    const inbox = answerElicitations(formOnly.client, () => ({ action: 'accept' }))
    const { result } = await settle(formOnly, 'visit', { key: 'no-url-mode', catchErrors: true })
    expect(firstText(result)).toContain('caught ClientCapabilityError')
    expect(firstText(result)).toContain('"elicitation.url"')
    expect(inbox.received).toEqual([])
  })
})

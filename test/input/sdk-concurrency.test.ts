/**
 * Several tasks waiting on input at once never receive each other's answers: two in one session and
 * two across two sessions, from the official SDK client (1.32.2). The clients hold every request until
 * all have arrived, then answer in reverse order with content derived from the request itself.
 */
import { CallToolResultSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startInputServer } from '../fixtures/input-server.ts'
import { createTask } from '../helpers/sdk-client.ts'
import {
  answerElicitations,
  connectInputClient,
  firstText,
  type InputConnection,
  type Received,
} from '../helpers/sdk-input.ts'
import { type Deferred, deferred } from '../helpers/server.ts'

let server: Awaited<ReturnType<typeof startInputServer>>
const connections: InputConnection[] = []

beforeAll(async () => {
  server = await startInputServer()
})

afterAll(async () => {
  for (const connection of connections) await connection.close()
  await server?.close()
})

/** A client whose elicitation answers wait until the test releases them, by request id. */
async function holdingClient() {
  const connection = await connectInputClient(server.url, { capabilities: { elicitation: {} } })
  connections.push(connection)
  const held = new Map<string | number, Deferred<ElicitResult>>()
  const inbox = answerElicitations(connection.client, (entry) => {
    const answer = deferred<ElicitResult>()
    held.set(entry.requestId, answer)
    return answer.promise
  })
  /** Answers `entry` with content naming what the client saw: who answers, the task, the message. */
  const release = (entry: Received<{ message: string }>, who: string) =>
    held.get(entry.requestId)?.resolve({
      action: 'accept',
      content: { confirm: true, note: `${who}|${entry.relatedTaskId}|${entry.params.message}` },
    })
  return { ...connection, inbox, release }
}

const noteOf = (key: string) => {
  const answer = server.probe.get(key, 'answer') as { content?: { note?: string } } | undefined
  return answer?.content?.note
}

describe('two tasks waiting on input in one session', () => {
  it('each handler receives the answer to its own request', async () => {
    const one = await holdingClient()
    const { client } = one
    const a = await createTask(client, 'confirm', { key: 'same-a' })
    const b = await createTask(client, 'confirm', { key: 'same-b' })
    const first = await one.inbox.at(0, 'the first elicitation')
    const second = await one.inbox.at(1, 'the second elicitation')
    expect(new Set([first.relatedTaskId, second.relatedTaskId])).toEqual(new Set([a.taskId, b.taskId]))
    expect(first.requestId).not.toBe(second.requestId)
    for (const task of [a, b]) {
      expect((await client.experimental.tasks.getTask(task.taskId)).status).toBe('input_required')
    }

    one.release(second, 'one')
    one.release(first, 'one')
    const resultA = await client.experimental.tasks.getTaskResult(a.taskId, CallToolResultSchema)
    const resultB = await client.experimental.tasks.getTaskResult(b.taskId, CallToolResultSchema)

    expect(noteOf('same-a')).toBe(`one|${a.taskId}|Confirm same-a?`)
    expect(noteOf('same-b')).toBe(`one|${b.taskId}|Confirm same-b?`)
    expect(firstText(resultA)).toContain(`one|${a.taskId}|Confirm same-a?`)
    expect(firstText(resultB)).toContain(`one|${b.taskId}|Confirm same-b?`)
  })
})

describe('two tasks waiting on input in two sessions', () => {
  it('each session is asked only for its own task, and each handler receives its own answer', async () => {
    const x = await holdingClient()
    const y = await holdingClient()
    const taskX = await createTask(x.client, 'confirm', { key: 'cross-x' })
    const taskY = await createTask(y.client, 'confirm', { key: 'cross-y' })
    const fromX = await x.inbox.at(0, 'the elicitation of session x')
    const fromY = await y.inbox.at(0, 'the elicitation of session y')
    expect(fromX).toMatchObject({ relatedTaskId: taskX.taskId, params: { message: 'Confirm cross-x?' } })
    expect(fromY).toMatchObject({ relatedTaskId: taskY.taskId, params: { message: 'Confirm cross-y?' } })

    y.release(fromY, 'y')
    x.release(fromX, 'x')
    const resultX = await x.client.experimental.tasks.getTaskResult(taskX.taskId, CallToolResultSchema)
    const resultY = await y.client.experimental.tasks.getTaskResult(taskY.taskId, CallToolResultSchema)

    expect(noteOf('cross-x')).toBe(`x|${taskX.taskId}|Confirm cross-x?`)
    expect(noteOf('cross-y')).toBe(`y|${taskY.taskId}|Confirm cross-y?`)
    expect(firstText(resultX)).toContain('x|')
    expect(firstText(resultY)).toContain('y|')
    expect(x.inbox.received).toHaveLength(1)
    expect(y.inbox.received).toHaveLength(1)
  })
})

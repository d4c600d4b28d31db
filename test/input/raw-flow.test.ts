/**
 * On the wire, with `fetch`: what a task's input request looks like (related-task `_meta`, `mode`),
 * how the task's status moves (working → input_required → working → completed, in notifications and
 * in tasks/get), how the client answers (a JSON-RPC response POSTed back, 202), and that an answer
 * POSTed from another requestor's session is ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startInputServer } from '../fixtures/input-server.ts'
import { type GetStream, type RawSession, RELATED_TASK, resultOf } from '../helpers/raw-client.ts'
import { answer, initializeWith, isRequest, isStatus, relatedTaskOf, textOf } from '../helpers/raw-input.ts'
import { answered, createTask, getTask, withTimeout } from '../helpers/tasks.ts'

let server: Awaited<ReturnType<typeof startInputServer>>
const sessions: RawSession[] = []

beforeAll(async () => {
  server = await startInputServer()
})

afterAll(async () => {
  for (const session of sessions) await session.close()
  await server?.close()
})

/** A session declaring `capabilities`, with its GET stream open. */
async function open(capabilities: Record<string, unknown>): Promise<{ session: RawSession; get: GetStream }> {
  const session = await initializeWith(server.url, capabilities)
  sessions.push(session)
  return { session, get: await session.openGetStream() }
}

describe('a task asking for input, on the wire', () => {
  it('sends elicitation/create with related-task _meta and mode "form", moving the task to input_required', async () => {
    const { session, get } = await open({ elicitation: {} })
    const task = await createTask(session, 'confirm', { key: 'raw-flow', gateAfter: true })
    expect(task.status).toBe('working')

    const request = await get.next(isRequest('elicitation/create'), { what: 'the elicitation' })
    expect(typeof request.id).toBe('string')
    expect(request.params).toEqual({
      mode: 'form',
      message: 'Confirm raw-flow?',
      requestedSchema: expect.objectContaining({ type: 'object', required: ['confirm'] }),
      _meta: { [RELATED_TASK]: { taskId: task.taskId } },
    })
    const inputRequired = await get.find(isStatus(task.taskId, 'input_required'))
    expect(get.messages.indexOf(inputRequired)).toBeLessThan(get.messages.indexOf(request))
    expect(inputRequired.params?._meta).toBeUndefined()
    expect((await getTask(session, task.taskId)).status).toBe('input_required')

    const content = { confirm: true, note: 'from the wire' }
    expect(await answer(session, request, { action: 'accept', content })).toBe(202)
    await get.find(isStatus(task.taskId, 'working'), { what: 'the working notification' })
    expect((await getTask(session, task.taskId)).status).toBe('working')
    expect(server.probe.get('raw-flow', 'answer')).toEqual({ action: 'accept', content })

    server.probe.gate('raw-flow', 'after').open()
    await get.find(isStatus(task.taskId, 'completed'), { what: 'the completed notification' })
    const result = resultOf(await session.request('tasks/result', { taskId: task.taskId }))
    expect(textOf(result)).toBe(`raw-flow: accept ${JSON.stringify(content)}`)
    expect(result._meta).toEqual({ [RELATED_TASK]: { taskId: task.taskId } })
    const statuses = get.messages.filter((message) => message.method === 'notifications/tasks/status')
    expect(statuses.map((message) => message.params?.status)).toEqual([
      'input_required',
      'working',
      'completed',
    ])
  })

  it('sends sampling/createMessage with related-task _meta and resumes the handler with the result', async () => {
    const { session, get } = await open({ sampling: {} })
    const task = await createTask(session, 'summarize', { key: 'raw-sample' })
    const request = await get.next(isRequest('sampling/createMessage'), { what: 'the sampling request' })
    expect(request.params).toEqual({
      messages: [{ role: 'user', content: { type: 'text', text: 'Summarize raw-sample' } }],
      maxTokens: 32,
      _meta: { [RELATED_TASK]: { taskId: task.taskId } },
    })
    const reply = { role: 'assistant', model: 'wire-model', content: { type: 'text', text: 'short' } }
    expect(await answer(session, request, reply)).toBe(202)
    const result = resultOf(await session.request('tasks/result', { taskId: task.taskId }))
    expect(textOf(result)).toBe('raw-sample: wire-model said short')
  })

  it('sends a URL-mode elicitation with mode "url", the url and an elicitationId', async () => {
    const { session, get } = await open({ elicitation: { url: {} } })
    const task = await createTask(session, 'visit', { key: 'raw-url' })
    const request = await get.next(isRequest('elicitation/create'), { what: 'the URL elicitation' })
    expect(request.params).toMatchObject({
      mode: 'url',
      message: 'Sign in for raw-url',
      url: 'https://example.com/sign-in',
      elicitationId: expect.any(String),
    })
    expect(relatedTaskOf(request)).toBe(task.taskId)
    expect(await answer(session, request, { action: 'accept' })).toBe(202)
    const result = resultOf(await session.request('tasks/result', { taskId: task.taskId }))
    expect(textOf(result)).toBe('raw-url: accept')
  })
})

describe('an answer from another requestor', () => {
  it('is accepted by the transport but ignored: the task keeps waiting for its own client', async () => {
    const { session, get } = await open({ elicitation: {} })
    const intruder = await initializeWith(server.url, { elicitation: {} })
    sessions.push(intruder)
    const task = await createTask(session, 'confirm', { key: 'raw-foreign' })
    const request = await get.next(isRequest('elicitation/create'), { what: 'the elicitation' })
    const result = session.start('tasks/result', { taskId: task.taskId })
    await result.opened

    const foreign = { confirm: false, note: 'from another requestor' }
    expect(await answer(intruder, request, { action: 'accept', content: foreign })).toBe(202)
    expect((await getTask(session, task.taskId)).status).toBe('input_required')
    expect(server.probe.has('raw-foreign', 'answer')).toBe(false)
    expect(answered(result)).toBe(false)

    const own = { confirm: true, note: 'from the requestor' }
    expect(await answer(session, request, { action: 'accept', content: own })).toBe(202)
    const done = await withTimeout(result.done, 'tasks/result to answer')
    expect(textOf(resultOf(done))).toBe(`raw-foreign: accept ${JSON.stringify(own)}`)
    expect(server.probe.get('raw-foreign', 'answer')).toEqual({ action: 'accept', content: own })
  })
})

/**
 * On the wire, with `fetch`: which stream a task's input request arrives on. With `tasks/result` open
 * for the task it travels there (even when a GET stream is open too), with only a GET stream it
 * travels there, and with neither it waits until the requestor opens one of them. An ordinary call's
 * request travels on the call's own stream. `tasks/result` keeps blocking until the task is terminal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startInputServer } from '../fixtures/input-server.ts'
import { type JsonRpcMessage, type RawSession, resultOf } from '../helpers/raw-client.ts'
import { answer, initializeWith, isRequest, isStatus, relatedTaskOf, textOf } from '../helpers/raw-input.ts'
import { answered, createTask, getTask, startCall, withTimeout } from '../helpers/tasks.ts'

let server: Awaited<ReturnType<typeof startInputServer>>
const sessions: RawSession[] = []

beforeAll(async () => {
  server = await startInputServer()
})

afterAll(async () => {
  for (const session of sessions) await session.close()
  await server?.close()
})

async function session(): Promise<RawSession> {
  const opened = await initializeWith(server.url, { elicitation: {} })
  sessions.push(opened)
  return opened
}

const accept = { action: 'accept', content: { confirm: true } }
const isElicitation = isRequest('elicitation/create')

/** Waits (bounded, one tasks/get per round) until the task says input_required: its request is queued. */
async function untilInputRequired(raw: RawSession, taskId: string): Promise<void> {
  for (let round = 0; round < 200; round++) {
    if ((await getTask(raw, taskId)).status === 'input_required') return
  }
  throw new Error(`task ${taskId} never became input_required`)
}

describe('a task request with tasks/result open for the task', () => {
  it('arrives on the tasks/result stream, which keeps blocking after the answer until the task is terminal', async () => {
    const raw = await session()
    const task = await createTask(raw, 'confirm', { key: 'via-result', gateBefore: true, gateAfter: true })
    const result = raw.start('tasks/result', { taskId: task.taskId })
    expect((await result.opened).headers.get('content-type')).toMatch(/^text\/event-stream/)
    server.probe.gate('via-result', 'before').open()

    const request = await result.stream.next(isElicitation, { what: 'the elicitation on tasks/result' })
    expect(relatedTaskOf(request)).toBe(task.taskId)
    await result.stream.find(isStatus(task.taskId, 'input_required'))
    expect(await answer(raw, request, accept)).toBe(202)
    await result.stream.find(isStatus(task.taskId, 'working'), { what: 'working on tasks/result' })
    expect((await getTask(raw, task.taskId)).status).toBe('working')
    expect(answered(result)).toBe(false)

    server.probe.gate('via-result', 'after').open()
    const done = await withTimeout(result.done, 'tasks/result to answer')
    expect(textOf(resultOf(done))).toBe('via-result: accept {"confirm":true}')
  })

  it('prefers the tasks/result stream to an open GET stream', async () => {
    const raw = await session()
    const get = await raw.openGetStream()
    const first = await createTask(raw, 'confirm', { key: 'prefer-result', gateBefore: true })
    const result = raw.start('tasks/result', { taskId: first.taskId })
    await result.opened
    server.probe.gate('prefer-result', 'before').open()
    const request = await result.stream.next(isElicitation, { what: 'the elicitation on tasks/result' })
    expect(await answer(raw, request, accept)).toBe(202)
    await withTimeout(result.done, 'tasks/result to answer')

    // A later task with no tasks/result open asks on the GET stream; what came before it there is all
    // the GET stream ever carried, so the first request did not go there too.
    const second = await createTask(raw, 'confirm', { key: 'prefer-result-later' })
    const later = await get.next(isElicitation, { what: 'the later elicitation on GET' })
    expect(relatedTaskOf(later)).toBe(second.taskId)
    expect(get.messages.filter(isElicitation)).toEqual([later])
    expect(await answer(raw, later, accept)).toBe(202)
  })
})

describe('a task request with only a GET stream open', () => {
  it('arrives on the GET stream', async () => {
    const raw = await session()
    const get = await raw.openGetStream()
    const task = await createTask(raw, 'confirm', { key: 'via-get' })
    const request = await get.next(isElicitation, { what: 'the elicitation on GET' })
    expect(relatedTaskOf(request)).toBe(task.taskId)
    expect(await answer(raw, request, { action: 'decline' })).toBe(202)
    const done = await raw.request('tasks/result', { taskId: task.taskId })
    expect(textOf(resultOf(done))).toBe('via-get: decline')
  })
})

describe('a task request with no stream open', () => {
  it('waits, and is delivered as soon as tasks/result is opened for the task', async () => {
    const raw = await session()
    const task = await createTask(raw, 'confirm', { key: 'queued-result' })
    await untilInputRequired(raw, task.taskId)
    const result = raw.start('tasks/result', { taskId: task.taskId })
    const request = await result.stream.next(isElicitation, { what: 'the queued elicitation' })
    expect(relatedTaskOf(request)).toBe(task.taskId)
    expect(await answer(raw, request, accept)).toBe(202)
    const done = await withTimeout(result.done, 'tasks/result to answer')
    expect(textOf(resultOf(done))).toBe('queued-result: accept {"confirm":true}')
  })

  it('waits, and is delivered as soon as a GET stream is opened', async () => {
    const raw = await session()
    const task = await createTask(raw, 'confirm', { key: 'queued-get' })
    await untilInputRequired(raw, task.taskId)
    const get = await raw.openGetStream()
    const request = await get.next(isElicitation, { what: 'the queued elicitation on GET' })
    expect(relatedTaskOf(request)).toBe(task.taskId)
    expect(await answer(raw, request, { action: 'cancel' })).toBe(202)
    const done = await raw.request('tasks/result', { taskId: task.taskId })
    expect(textOf(resultOf(done))).toBe('queued-get: cancel')
  })
})

describe('a request during an ordinary call', () => {
  it("arrives on the call's own stream without related-task, and the answer completes the call", async () => {
    const raw = await session()
    const get = await raw.openGetStream()
    const call = startCall(raw, 'confirm', { key: 'plain-stream' })
    const request = await call.stream.next(isElicitation, { what: "the elicitation on the call's stream" })
    expect(relatedTaskOf(request)).toBeUndefined()
    expect(request.params).toMatchObject({ mode: 'form', message: 'Confirm plain-stream?' })
    expect(await answer(raw, request, accept)).toBe(202)
    const done = await withTimeout(call.done, 'the call to answer')
    expect(done.contentType).toMatch(/^text\/event-stream/)
    expect(textOf(resultOf(done))).toBe('plain-stream: accept {"confirm":true}')

    // Bounded by a later request that must go to GET: nothing of the call came there before it.
    const task = await createTask(raw, 'confirm', { key: 'plain-stream-later' })
    const later: JsonRpcMessage = await get.next(isElicitation, { what: 'the later elicitation on GET' })
    expect(relatedTaskOf(later)).toBe(task.taskId)
    expect(get.messages.filter(isElicitation)).toEqual([later])
    expect(await answer(raw, later, accept)).toBe(202)
  })
})

/**
 * Ordinary (non-task) tool calls on the wire: the lazy upgrade of the POST to SSE when progress is
 * streamed, and notifications/cancelled aborting the call (2025-11-25 progress, cancellation).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nextStart, type Probe, startTestServer } from '../fixtures/server.ts'
import { initialize, type JsonRpcMessage, type RawSession, resultOf } from '../helpers/raw-client.ts'
import { abortedReason, callTool, listAll, startCall } from '../helpers/tasks.ts'

let probe: Probe
let close: () => Promise<void>
let session: RawSession

beforeEach(async () => {
  const started = await startTestServer()
  ;({ probe, close } = started)
  session = await initialize(started.url)
})
afterEach(() => close())

const progress = (token: string, value: number, total: number, message: string) => ({
  jsonrpc: '2.0',
  method: 'notifications/progress',
  params: { progressToken: token, progress: value, total, message },
})

describe('progress of a plain call', () => {
  it('streams progress on the POST as SSE, without related-task, then the result', async () => {
    const started = nextStart(probe)
    const pending = startCall(session, 'progress', { steps: 2 }, { progressToken: 'plain-1' })
    const head = await pending.opened
    expect(head.headers.get('content-type')).toBe('text/event-stream')
    await started
    const isProgress = (m: JsonRpcMessage) => m.method === 'notifications/progress'
    expect((await pending.stream.next(isProgress, { what: 'the first progress' })).params?.progress).toBe(1)
    expect((await pending.stream.next(isProgress, { what: 'the second progress' })).params?.progress).toBe(2)
    expect(pending.settled).toBe(false)
    probe.gate.open()
    const raw = await pending.done
    expect(raw.messages).toEqual([
      progress('plain-1', 1, 2, 'step 1'),
      progress('plain-1', 2, 2, 'step 2'),
      progress('plain-1', 3, 3, 'after the gate'),
      { jsonrpc: '2.0', id: pending.id, result: { content: [{ type: 'text', text: 'did 2 steps' }] } },
    ])
    expect(await listAll(session)).toEqual([])
  })

  it('answers as plain JSON when there is nothing to stream (no progressToken)', async () => {
    const started = nextStart(probe)
    const pending = startCall(session, 'progress', { steps: 2 })
    await started
    probe.gate.open()
    const raw = await pending.done
    expect(raw.contentType).toMatch(/^application\/json/)
    expect(raw.messages).toEqual([
      { jsonrpc: '2.0', id: pending.id, result: { content: [{ type: 'text', text: 'did 2 steps' }] } },
    ])
  })
})

describe('notifications/cancelled', () => {
  it('aborts an in-flight plain call, which then gets no response, and the server keeps serving', async () => {
    const started = nextStart(probe)
    const pending = startCall(session, 'hold')
    await started
    const notified = await session.notify('notifications/cancelled', {
      requestId: pending.id,
      reason: 'gave up',
    })
    expect(notified.status).toBe(202)
    expect(notified.messages).toEqual([])
    const reason = await abortedReason(probe, 'hold')
    expect(reason).toBeInstanceOf(Error)
    expect(reason).toMatchObject({ message: 'gave up' })
    const raw = await pending.done
    expect(raw.status).toBe(200)
    expect(raw.response).toBeUndefined()
    expect(raw.messages).toEqual([])
    expect(resultOf(await callTool(session, 'sum', { a: 1, b: 1 }))).toEqual({
      content: [{ type: 'text', text: '2' }],
    })
  })

  it('is ignored for a request id that is not in flight', async () => {
    const notified = await session.notify('notifications/cancelled', { requestId: 999, reason: 'nothing' })
    expect(notified.status).toBe(202)
    expect(resultOf(await callTool(session, 'sum', { a: 1, b: 2 }))).toEqual({
      content: [{ type: 'text', text: '3' }],
    })
  })
})

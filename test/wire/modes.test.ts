/**
 * Tool-level negotiation (2025-11-25 server/tools): `execution.taskSupport` in tools/list, and what a
 * call that breaks a tool's mode gets. N6-N10, decisions 1, 2 and 7.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Probe, startTestServer } from '../fixtures/server.ts'
import { initialize, isObject, type RawSession, resultOf } from '../helpers/raw-client.ts'
import { callTool, createTask, expectError, getTask, listAll, relatedTask } from '../helpers/tasks.ts'

let url: string
let probe: Probe
let close: () => Promise<void>
let session: RawSession

beforeEach(async () => {
  ;({ url, probe, close } = await startTestServer())
  session = await initialize(url)
})
afterEach(() => close())

describe('tools/list', () => {
  it('gives execution.taskSupport per tool and leaves it out for the forbidden echo', async () => {
    const raw = await session.request('tools/list')
    const { tools } = resultOf(raw)
    const execution = new Map<string, unknown>()
    for (const tool of Array.isArray(tools) ? tools : []) {
      if (isObject(tool)) execution.set(String(tool.name), 'execution' in tool ? tool.execution : 'absent')
    }
    const expected = {
      echo: 'absent',
      sum: { taskSupport: 'optional' },
      required_sum: { taskSupport: 'required' },
      hold: { taskSupport: 'optional' },
      fail: { taskSupport: 'optional' },
      protocol_error: { taskSupport: 'optional' },
      progress: { taskSupport: 'optional' },
      structured: { taskSupport: 'optional' },
    }
    for (const [name, value] of Object.entries(expected))
      expect({ name, execution: execution.get(name) }).toEqual({ name, execution: value })
    expect(resultOf(raw).nextCursor).toBeUndefined()
  })

  it('answers -32602 to a tools/list cursor it never issued', async () => {
    expectError(await session.request('tools/list', { cursor: 'not-a-cursor' }), -32602)
  })
})

describe('a forbidden tool', () => {
  it('answers -32601 for a forbidden tool called as a task and never runs it', async () => {
    const raw = await callTool(session, 'echo', { text: 'hi' }, { task: {} })
    expect(raw.status).toBe(200)
    const { message } = expectError(raw, -32601)
    expect(message).toMatch(/echo/)
    expect(probe.calls.get('echo')).toBeUndefined()
    expect(await listAll(session)).toEqual([])
  })

  it('still runs as a plain call', async () => {
    const raw = await callTool(session, 'echo', { text: 'hi' })
    expect(resultOf(raw)).toEqual({ content: [{ type: 'text', text: 'hi' }] })
    expect(probe.calls.get('echo')).toBe(1)
  })
})

describe('a required tool', () => {
  it('answers JSON-RPC -32601, not an isError result, when called without task, and never runs it', async () => {
    const raw = await callTool(session, 'required_sum', { a: 1, b: 2 })
    expect(raw.response).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32601, message: expect.stringContaining('required_sum') },
    })
    expect(probe.calls.get('required_sum')).toBeUndefined()
  })

  it('runs as a task when called with one', async () => {
    const task = await createTask(session, 'required_sum', { a: 1, b: 2 })
    const result = resultOf(await session.request('tasks/result', { taskId: task.taskId }))
    expect(result).toEqual({ content: [{ type: 'text', text: '3' }], _meta: relatedTask(task.taskId) })
    expect(probe.calls.get('required_sum')).toBe(1)
  })
})

describe('an optional tool', () => {
  it('runs as a plain call, answering the CallToolResult as JSON and creating no task', async () => {
    const raw = await callTool(session, 'sum', { a: 2, b: 3 })
    expect(raw.contentType).toMatch(/^application\/json/)
    expect(raw.response).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: { content: [{ type: 'text', text: '5' }] },
    })
    expect(await listAll(session)).toEqual([])
  })

  it('runs as a task, answering CreateTaskResult first and the CallToolResult from tasks/result', async () => {
    const task = await createTask(session, 'sum', { a: 2, b: 3 })
    expect(task.status).toBe('working')
    const result = resultOf(await session.request('tasks/result', { taskId: task.taskId }))
    expect(result).toEqual({ content: [{ type: 'text', text: '5' }], _meta: relatedTask(task.taskId) })
    expect((await getTask(session, task.taskId)).status).toBe('completed')
  })
})

describe('invalid arguments at 2025-11-25 (decision 7)', () => {
  it('answer a plain call with an isError result naming the tool', async () => {
    const result = resultOf(await callTool(session, 'sum', { a: 'one', b: 2 }))
    expect(result).toEqual({
      content: [{ type: 'text', text: expect.stringContaining('"sum"') }],
      isError: true,
    })
    expect(probe.calls.get('sum')).toBeUndefined()
  })

  it('end a task failed with the readable message, and tasks/result answers the isError result', async () => {
    const task = await createTask(session, 'sum', { a: 'one', b: 2 })
    const result = resultOf(await session.request('tasks/result', { taskId: task.taskId }))
    const text = '"sum"'
    expect(result).toMatchObject({
      content: [{ type: 'text', text: expect.stringContaining(text) }],
      isError: true,
    })
    const failed = await getTask(session, task.taskId)
    expect(failed.status).toBe('failed')
    expect(failed.statusMessage).toContain(text)
  })

  it('answer -32602 when arguments is not an object, or the tool name is unknown', async () => {
    expectError(await session.request('tools/call', { name: 'sum', arguments: [1, 2] }), -32602)
    const unknown = expectError(await callTool(session, 'no_such_tool', {}, { task: {} }), -32602)
    expect(unknown.message).toContain('no_such_tool')
    expect(probe.calls.get('sum')).toBeUndefined()
    expect(await listAll(session)).toEqual([])
  })
})

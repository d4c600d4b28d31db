/**
 * Issue 9, finding 1: names a client chooses are looked up in tables, and a plain object literal as a
 * table answers `Object.prototype`'s members too. `{"method":"constructor"}` used to kill the process
 * (the handler "found" was `Object`, its answer circular, and the throw landed in a detached promise);
 * `toString` answered `"[object Undefined]"`; a completion argument named `constructor` answered a
 * string. Every such name must get the answer an unknown name gets, and the server must go on serving.
 *
 * 2025-11-25 basic (JSON-RPC): an unknown method is -32601. server/tools "Error Handling": an unknown
 * tool is -32602. server/prompts: an unknown prompt is -32602. server/resources: an unknown resource is
 * -32002. server/utilities/completion: values are an array of strings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEverythingServer } from '../../examples/everything/server.ts'
import { serve, type TaskwireServer } from '../../src/index.ts'
import { initialize, type RawSession } from '../helpers/raw-client.ts'
import {
  bounded,
  expectAlive,
  initializeStdio,
  PROTOTYPE_NAMES,
  type StdioHarness,
  startStdio,
} from './helpers.ts'

const PROMPT = 'test_prompt_with_arguments'
const TEMPLATE = 'test://template/{id}/data'

describe('Object.prototype names over HTTP', () => {
  let server: TaskwireServer
  let close: () => Promise<void>
  let session: RawSession

  beforeAll(async () => {
    server = createEverythingServer()
    const served = await serve(server, { port: 0 })
    close = async () => {
      await served.close()
      await server.close()
    }
    session = await initialize(served.url)
  })
  afterAll(() => close())

  it('is checked against every name Object.prototype owns', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty']) {
      expect(PROTOTYPE_NAMES).toContain(name)
    }
  })

  it.each(PROTOTYPE_NAMES)('answers method %s with -32601, and serves the next request', async (name) => {
    const raw = await bounded(session, name)
    expect(raw.status).toBe(200)
    expect(raw.response?.error?.code).toBe(-32601)
    expect(raw.response?.result).toBeUndefined()
    await expectAlive(session)
  })

  it.each(PROTOTYPE_NAMES)('answers tasks/%s with -32601 too', async (name) => {
    const raw = await bounded(session, `tasks/${name}`)
    expect(raw.response?.error?.code).toBe(-32601)
    await expectAlive(session)
  })

  it.each(PROTOTYPE_NAMES)('knows no tool, prompt or resource named %s', async (name) => {
    const tool = await bounded(session, 'tools/call', { name, arguments: {} })
    expect(tool.response?.error?.code).toBe(-32602)
    const prompt = await bounded(session, 'prompts/get', { name })
    expect(prompt.response?.error?.code).toBe(-32602)
    const resource = await bounded(session, 'resources/read', { uri: name })
    expect(resource.response?.error?.code).toBe(-32002)
    const subscribe = await bounded(session, 'resources/subscribe', { uri: name })
    expect(subscribe.response?.error?.code).toBe(-32002)
    const task = await bounded(session, 'tasks/get', { taskId: name })
    expect(task.response?.error?.code).toBe(-32602)
    await expectAlive(session)
  })

  it.each(PROTOTYPE_NAMES)('completes no values for an argument named %s', async (name) => {
    const argument = { name, value: '' }
    const byPrompt = await bounded(session, 'completion/complete', {
      ref: { type: 'ref/prompt', name: PROMPT },
      argument,
      context: { arguments: { [name]: 'x' } },
    })
    expect(byPrompt.response?.result?.completion).toEqual({ values: [], total: 0, hasMore: false })
    const byTemplate = await bounded(session, 'completion/complete', {
      ref: { type: 'ref/resource', uri: TEMPLATE },
      argument,
    })
    expect(byTemplate.response?.result?.completion).toEqual({ values: [], total: 0, hasMore: false })
    const unknownPrompt = await bounded(session, 'completion/complete', {
      ref: { type: 'ref/prompt', name },
      argument: { name: 'arg1', value: '' },
    })
    expect(unknownPrompt.response?.error?.code).toBe(-32602)
  })

  it('still completes the argument that has a completer', async () => {
    const raw = await bounded(session, 'completion/complete', {
      ref: { type: 'ref/prompt', name: PROMPT },
      argument: { name: 'arg1', value: 'pa' },
    })
    expect(raw.response?.result?.completion).toEqual({
      values: ['paris', 'park', 'party'],
      total: 3,
      hasMore: false,
    })
  })
})

describe('Object.prototype names over stdio', () => {
  let stdio: StdioHarness
  let server: TaskwireServer

  beforeAll(async () => {
    server = createEverythingServer()
    stdio = startStdio(server)
    await initializeStdio(stdio)
  })
  afterAll(async () => {
    await stdio.close()
    await server.close()
  })

  it('answers every name as a method with -32601, and serves the next request', async () => {
    let id = 1
    for (const name of PROTOTYPE_NAMES) {
      const answer = await stdio.call(id++, name)
      expect(answer.error?.code, name).toBe(-32601)
      expect((await stdio.call(id++, 'ping')).result).toEqual({})
    }
  })

  it('knows no tool and completes nothing by those names', async () => {
    let id = 1_000
    for (const name of PROTOTYPE_NAMES) {
      const tool = await stdio.call(id++, 'tools/call', { name, arguments: {} })
      expect(tool.error?.code, name).toBe(-32602)
      const completion = await stdio.call(id++, 'completion/complete', {
        ref: { type: 'ref/prompt', name: PROMPT },
        argument: { name, value: '' },
      })
      expect(completion.result?.completion, name).toEqual({ values: [], total: 0, hasMore: false })
    }
  })
})

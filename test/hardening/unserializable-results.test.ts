/**
 * Issue 9, finding 2 (and the malformed results of finding 7): a tool result the framework could not
 * serialize crashed the process, a plain call at its response and a task at every tasks/result on
 * it. Malformed CallToolResults went out unchecked. Now every result is sealed and checked once, when
 * the tool settles: a plain call answers a tool execution error (isError, 2025-11-25 server/tools
 * "Error Handling"); a task ends `failed` and its tasks/result answers the -32603 it carries
 * (2025-11-25 tasks "Task Execution Errors": the result is what the request would have answered).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, serve, type TaskwireServer } from '../../src/index.ts'
import { initialize, type JsonObject, type RawSession } from '../helpers/raw-client.ts'
import { asTask, getTask, withTimeout } from '../helpers/tasks.ts'
import { bounded, expectAlive } from './helpers.ts'

const nested = (levels: number): JsonObject => {
  let value: JsonObject = { leaf: true }
  for (let level = 0; level < levels; level++) value = { a: value }
  return value
}

const throwing = (key: string) =>
  Object.defineProperty({ type: 'text' }, key, {
    enumerable: true,
    get: () => {
      throw new Error('the getter failed')
    },
  })

const circular = () => {
  const result: Record<string, unknown> = { content: [{ type: 'text', text: 'loop' }] }
  result.structuredContent = { self: result }
  return result
}

/** Each tool returns one kind of result that cannot be sent; `problem` is what the answer must say. */
const CASES: { name: string; result: (args: JsonObject) => unknown; problem: RegExp }[] = [
  {
    name: 'bigint_block',
    result: () => ({ content: [{ type: 'text', text: 'n', value: 10n }] }),
    problem: /cannot be sent: a BigInt .* at content\[0\]\.value/,
  },
  {
    name: 'circular',
    result: circular,
    problem: /cannot be sent: a circular reference at structuredContent\.self/,
  },
  {
    name: 'throwing_tojson',
    result: () => ({
      content: [],
      structuredContent: {
        when: {
          toJSON: () => {
            throw new Error('no JSON today')
          },
        },
      },
    }),
    problem: /cannot be sent: toJSON threw \(no JSON today\) at structuredContent\.when/,
  },
  {
    name: 'throwing_getter',
    result: () => ({ content: [throwing('text')] }),
    problem: /cannot be sent: reading it threw \(the getter failed\) at content\[0\]\.text/,
  },
  {
    name: 'very_deep',
    result: () => ({ content: [], structuredContent: nested(10_000) }),
    problem:
      /cannot be sent: it nests deeper than 64 levels at structuredContent\.a\.a.*\(the server option maxResultDepth\)/,
  },
  {
    // Reachable from client input alone: the arguments come back as structuredContent.
    name: 'echo_arguments',
    result: (args) => ({ content: [], structuredContent: args }),
    problem: /cannot be sent: it nests deeper than 64 levels at structuredContent/,
  },
  {
    name: 'numbers_as_content',
    result: () => ({ content: [1, 2, 3] }),
    problem: /not a valid CallToolResult: content\[0\]: .*expected object/,
  },
  {
    name: 'text_without_text',
    result: () => ({ content: [{ type: 'text' }] }),
    problem: /not a valid CallToolResult: content\[0\]\.text: .*expected string/,
  },
  {
    name: 'is_error_yes',
    result: () => ({ content: [], isError: 'yes' }),
    problem: /not a valid CallToolResult: isError: .*expected boolean/,
  },
]

/**
 * 10,000 levels of `{"a":...}` as JSON text (about 60 KB, well under the 4 MiB body limit), written
 * by hand: JSON.stringify itself overflows the stack on it.
 */
const DEEP_ARGUMENTS = `${'{"a":'.repeat(10_000)}{}${'}'.repeat(10_000)}`

let server: TaskwireServer
let close: () => Promise<void>
let session: RawSession

beforeAll(async () => {
  server = createServer({ name: 'unserializable', version: '0.0.0' })
  for (const { name, result } of CASES) {
    server.tool({ name, task: 'optional' }, (args) => result(args) as never)
  }
  const served = await serve(server, { port: 0 })
  close = async () => {
    await served.close()
    await server.close()
  }
  session = await initialize(served.url)
})
afterAll(() => close())

/** A tools/call, with the arguments spliced in as text (the deep case cannot be stringified). */
async function call(name: string, task: boolean): Promise<JsonObject> {
  const args = name === 'echo_arguments' ? DEEP_ARGUMENTS : '{}'
  const params = `{"name":"${name}","arguments":${args}${task ? ',"task":{}' : ''}}`
  const body = `{"jsonrpc":"2.0","id":"${name}-${task}","method":"tools/call","params":${params}}`
  const response = await withTimeout(session.post(body), `the answer to tools/call ${name}`)
  expect(response.status).toBe(200)
  return (await response.json()) as JsonObject
}

describe('a plain call whose result cannot be sent', () => {
  it.each(CASES)('$name answers an isError result naming the problem', async ({ name, problem }) => {
    const result = (await call(name, false)).result as JsonObject | undefined
    expect(result?.isError).toBe(true)
    const [block] = (result?.content ?? []) as { type: string; text: string }[]
    expect(block?.type).toBe('text')
    expect(block?.text).toContain(`Tool "${name}" returned a result that`)
    expect(block?.text).toMatch(problem)
    await expectAlive(session)
  })
})

describe('a task whose result cannot be sent', () => {
  it.each(CASES)(
    '$name ends failed, and tasks/result answers -32603 naming the problem',
    async ({ name, problem }) => {
      const task = asTask(((await call(name, true)).result as JsonObject | undefined)?.task)
      const raw = await bounded(session, 'tasks/result', { taskId: task.taskId })
      expect(raw.response?.result).toBeUndefined()
      expect(raw.response?.error?.code).toBe(-32603)
      expect(raw.response?.error?.message).toContain(`Tool "${name}" returned a result that`)
      expect(raw.response?.error?.message).toMatch(problem)
      // The same answer every time: what the store keeps is sealed, nothing is re-read.
      const again = await bounded(session, 'tasks/result', { taskId: task.taskId })
      expect(again.response?.error).toEqual(raw.response?.error)
      const settled = await getTask(session, task.taskId)
      expect(settled.status).toBe('failed')
      expect(settled.statusMessage).toMatch(problem)
      await expectAlive(session)
    },
  )
})

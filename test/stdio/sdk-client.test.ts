/**
 * The stdio transport from the official SDK client (1.32.2): `StdioClientTransport` spawns the
 * everything example with `--stdio` as a child process and talks newline-delimited JSON-RPC over its
 * stdin and stdout, the same server definition the HTTP tests use.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import {
  CallToolResultSchema,
  CreateMessageRequestSchema,
  type CreateMessageResult,
  ElicitRequestSchema,
  LoggingMessageNotificationSchema,
  ProgressNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTimeout } from '../helpers/sdk-client.ts'
import { firstText, runTaskStream } from '../helpers/sdk-input.ts'
import { Inbox } from '../surface/helpers.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const TSX = 'node_modules/.bin/tsx'
const SERVER = ['examples/everything/server.ts', '--stdio']

let client: Client
let transport: StdioClientTransport
let stderr = ''

beforeAll(async () => {
  transport = new StdioClientTransport({ command: TSX, args: SERVER, cwd: ROOT, stderr: 'pipe' })
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  client = new Client(
    { name: 'stdio-test', version: '0.0.0' },
    { capabilities: { elicitation: {}, sampling: {} } },
  )
  client.setRequestHandler(ElicitRequestSchema, ({ params }) => ({
    action: 'accept',
    content: { username: 'ada', email: `ada@example.com (${params.message})` },
  }))
  client.setRequestHandler(
    CreateMessageRequestSchema,
    (): CreateMessageResult => ({
      role: 'assistant',
      model: 'echo',
      content: { type: 'text', text: 'a model answer' },
    }),
  )
  await withTimeout(client.connect(transport), `the stdio server to start (stderr: ${stderr})`, 15_000)
}, 20_000)

afterAll(async () => {
  await client?.close()
})

describe('serveStdio, driven by the SDK client over a child process', () => {
  it('initializes with the same capabilities as over HTTP', () => {
    expect(client.getServerVersion()).toEqual({ name: 'taskwire-everything', version: '0.1.0' })
    expect(client.getServerCapabilities()).toMatchObject({
      tools: { listChanged: true },
      resources: { subscribe: true, listChanged: true },
      prompts: { listChanged: true },
      completions: {},
      logging: {},
      tasks: { list: {}, cancel: {} },
    })
  })

  it('calls a tool', async () => {
    const { tools } = await client.listTools()
    expect(tools.map((tool) => tool.name)).toContain('test_simple_text')
    const result = await client.callTool({ name: 'test_simple_text', arguments: {} })
    expect(result.content).toEqual([{ type: 'text', text: 'This is a simple text response for testing.' }])
  })

  it('reads a resource and a templated resource', async () => {
    const text = await client.readResource({ uri: 'test://static-text' })
    expect(text.contents[0]).toMatchObject({ text: 'This is the content of the static text resource.' })
    const templated = await client.readResource({ uri: 'test://template/7/data' })
    expect(templated.contents[0]).toMatchObject({
      text: JSON.stringify({ id: '7', templateTest: true, data: 'Data for ID: 7' }),
    })
  })

  it('gets a prompt with arguments, and completes one', async () => {
    const prompt = await client.getPrompt({
      name: 'test_prompt_with_arguments',
      arguments: { arg1: 'x', arg2: 'y' },
    })
    expect(prompt.messages[0]?.content).toEqual({
      type: 'text',
      text: "Prompt with arguments: arg1='x', arg2='y'",
    })
    const { completion } = await client.complete({
      ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
      argument: { name: 'arg1', value: 'par' },
    })
    expect(completion.values).toEqual(['paris', 'park', 'party'])
  })
})

describe('serveStdio: tasks, notifications and requests to the client', () => {
  it('runs a tool as a task, with status polling and the result', async () => {
    const outcome = await runTaskStream(client, 'test_task', { ms: 20 })
    expect(outcome.error).toBeUndefined()
    expect(outcome.taskId).toEqual(expect.any(String))
    expect(firstText(outcome.result)).toBe(`Task finished after 20 ms (task ${outcome.taskId})`)
  })

  it('sends log messages and progress notifications', async () => {
    const logs = new Inbox(client, LoggingMessageNotificationSchema)
    await client.setLoggingLevel('info')
    await client.callTool({ name: 'test_tool_with_logging', arguments: {} })
    await logs.find(({ params }) => params.data === 'Tool execution completed', 'the last log message')
    expect(logs.seen).toHaveLength(3)
    // Our own handler rather than the SDK's onprogress: the SDK dispatches notifications a microtask
    // late, so a progress notification read in the same chunk as the response would find its
    // handler gone; the server wrote them in order, and this handler sees every one.
    const progress = new Inbox(client, ProgressNotificationSchema)
    const params = {
      name: 'test_tool_with_progress',
      arguments: {},
      _meta: { progressToken: 'stdio-progress' },
    }
    await client.request({ method: 'tools/call', params }, CallToolResultSchema)
    await progress.find(({ params: sent }) => sent.progress === 100, 'the last progress notification')
    expect(progress.seen.map(({ params: sent }) => [sent.progressToken, sent.progress, sent.total])).toEqual([
      ['stdio-progress', 0, 100],
      ['stdio-progress', 50, 100],
      ['stdio-progress', 100, 100],
    ])
  })

  it('asks the client for elicitation and sampling during plain calls', async () => {
    const elicited = await client.callTool({ name: 'test_elicitation', arguments: { message: 'who?' } })
    expect(firstText(elicited)).toBe(
      'User response: action=accept, content={"username":"ada","email":"ada@example.com (who?)"}',
    )
    const sampled = await client.callTool({ name: 'test_sampling', arguments: { prompt: 'hi' } })
    expect(firstText(sampled)).toBe('LLM response: a model answer')
  })
})

describe('the stdio server process', () => {
  it('exits with code 0 on its own when its input ends', async () => {
    const child = spawn(TSX, SERVER, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (code, signal) => resolve([code, signal])),
    )
    child.stdin.end(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })}\nnot json\n`)
    expect(await withTimeout(exited, 'the server to exit', 15_000)).toEqual([0, null])
    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toContainEqual({ jsonrpc: '2.0', id: 1, result: {} })
    expect(lines).toContainEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error: a line is not valid JSON' },
    })
  }, 20_000)
})

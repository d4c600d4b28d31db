/**
 * The official SDK client meets taskwire: capabilities, tool listing and the task modes of each tool.
 */
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js'
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer } from '../fixtures/server.ts'
import { connectClient, drain, mcpErrorOf, type SdkConnection, streamTool } from '../helpers/sdk-client.ts'

let server: Awaited<ReturnType<typeof startTestServer>>
let sdk: SdkConnection

beforeAll(async () => {
  server = await startTestServer({ tasks: { pollIntervalMs: 20 } })
  sdk = await connectClient(server.url)
})

afterAll(async () => {
  await sdk?.close()
  await server?.close()
})

describe('capabilities and tools seen by the SDK client', () => {
  it('declares tasks for tools/call, with list and cancel, in the initialize result', () => {
    const capabilities = sdk.client.getServerCapabilities()
    expect(capabilities?.tasks?.requests?.tools?.call).toEqual({})
    expect(capabilities?.tasks?.list).toEqual({})
    expect(capabilities?.tasks?.cancel).toEqual({})
    expect(sdk.transport.protocolVersion).toBe('2025-11-25')
  })

  it('lists each tool with the execution.taskSupport of its mode', async () => {
    const { tools } = await sdk.client.listTools()
    const support = new Map(tools.map((tool) => [tool.name, tool.execution?.taskSupport]))
    expect(support.get('echo') ?? 'forbidden').toBe('forbidden')
    expect(support.get('sum')).toBe('optional')
    expect(support.get('required_sum')).toBe('required')
    expect(support.get('hold')).toBe('optional')
    expect(support.get('structured')).toBe('optional')
  })
})

describe('task modes through the SDK client', () => {
  it('answers a plain callTool on an optional tool and on a forbidden tool with their results', async () => {
    const before = { sum: server.probe.calls.get('sum') ?? 0, echo: server.probe.calls.get('echo') ?? 0 }
    const sum = await sdk.client.callTool({ name: 'sum', arguments: { a: 2, b: 3 } })
    expect(sum.content).toEqual([{ type: 'text', text: '5' }])
    expect(sum.isError ?? false).toBe(false)
    const echo = await sdk.client.callTool({ name: 'echo', arguments: { text: 'hello' } })
    expect(echo.content).toEqual([{ type: 'text', text: 'hello' }])
    expect(server.probe.calls.get('sum')).toBe(before.sum + 1)
    expect(server.probe.calls.get('echo')).toBe(before.echo + 1)
  })

  it('rejects a required tool called without a task with McpError -32601 and never runs it', async () => {
    // A client that has not listed tools: once it has, the SDK itself refuses the call (-32600) before
    // anything reaches the server, which would hide the server's answer.
    const fresh = await connectClient(server.url)
    const before = server.probe.calls.get('required_sum')
    try {
      const error = await mcpErrorOf(
        fresh.client.callTool({ name: 'required_sum', arguments: { a: 1, b: 2 } }),
      )
      expect(error.code).toBe(-32601)
      expect(server.probe.calls.get('required_sum')).toBe(before)
    } finally {
      await fresh.close()
    }
  })

  it('runs a required tool called as a task through callToolStream', async () => {
    const before = server.probe.calls.get('required_sum') ?? 0
    const messages = await drain(streamTool(sdk.client, 'required_sum', { a: 4, b: 5 }))
    const last = messages.at(-1)
    expect(last?.type).toBe('result')
    expect(last?.type === 'result' ? last.result.content : undefined).toEqual([{ type: 'text', text: '9' }])
    expect(server.probe.calls.get('required_sum')).toBe(before + 1)
  })

  it('rejects a forbidden tool called as a task with -32601 before its handler runs', async () => {
    const before = server.probe.calls.get('echo') ?? 0
    const messages = await drain(streamTool(sdk.client, 'echo', { text: 'no task for me' }))
    expect(messages.map((message) => message.type)).toEqual(['error'])
    const [only] = messages
    expect(only?.type === 'error' ? only.error.code : undefined).toBe(-32601)
    expect(server.probe.calls.get('echo') ?? 0).toBe(before)
  })

  it('validates the structured output of a task against the listed outputSchema', async () => {
    await sdk.client.listTools()
    const messages = await drain(streamTool(sdk.client, 'structured', { n: 7 }))
    const last = messages.at(-1)
    expect(last?.type).toBe('result')
    expect(last?.type === 'result' ? last.result.structuredContent : undefined).toEqual({ square: 49 })
  })
})

describe('an SDK client negotiating an older protocol version', () => {
  /** The SDK always offers its latest version; this fetch offers 2025-06-18 in `initialize` instead. */
  const offering =
    (version: string): FetchLike =>
    (input, init) => {
      if (typeof init?.body !== 'string') return fetch(input, init)
      const message = JSON.parse(init.body) as { method?: string; params?: Record<string, unknown> }
      if (message.method !== 'initialize') return fetch(input, init)
      const body = JSON.stringify({ ...message, params: { ...message.params, protocolVersion: version } })
      return fetch(input, { ...init, body })
    }

  it('gets 2025-06-18 without tasks, and a required tool then runs as a plain call', async () => {
    const old = await connectClient(server.url, { fetch: offering('2025-06-18') })
    try {
      expect(old.transport.protocolVersion).toBe('2025-06-18')
      expect(old.client.getServerCapabilities()?.tasks).toBeUndefined()
      const before = server.probe.calls.get('required_sum') ?? 0
      // Plain request: the SDK would refuse the call itself had it listed the tool as required.
      const result = await old.client.request(
        {
          method: 'tools/call',
          params: { name: 'required_sum', arguments: { a: 20, b: 22 }, task: { ttl: 60_000 } },
        },
        CallToolResultSchema,
      )
      expect(result.content).toEqual([{ type: 'text', text: '42' }])
      expect(server.probe.calls.get('required_sum')).toBe(before + 1)
    } finally {
      await old.close()
    }
  })
})

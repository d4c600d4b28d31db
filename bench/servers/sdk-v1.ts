/**
 * The same benchmark tools on the official SDK v1's experimental tasks (dev-only, for comparison):
 * one `McpServer` per session over `StreamableHTTPServerTransport` on node:http, as the SDK's own
 * stateful examples do, all sessions sharing one `InMemoryTaskStore`. Task tools follow the SDK's
 * documented pattern: `createTask` creates the record, starts the work and stores the result by hand.
 *
 * Settings (see `sdkSettings`, recorded with the results): the SDK's default SSE answers unless
 * SDK_JSON_RESPONSE=1; tasks carry `pollInterval` SDK_POLL_MS (default 100 ms).
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ToolTaskHandler } from '@modelcontextprotocol/sdk/experimental/tasks/interfaces.js'
import { InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { z } from 'zod'
import { EVENT_BURST, SLEEP_MS, sdkSettings, TOOLS } from '../ipc.ts'
import { reportReady } from './control.ts'

const { pollMs: SDK_POLL_MS, jsonResponse: SDK_JSON_RESPONSE } = sdkSettings(process.env)

const store = new InMemoryTaskStore()
const transports = new Map<string, StreamableHTTPServerTransport>()
const ok = (): CallToolResult => ({ content: [{ type: 'text', text: 'ok' }] })

type Work<A> = (args: A, progressToken: string | number | undefined) => Promise<CallToolResult>

/** The SDK's task pattern: create the record, run the work in the background, store its result. */
function taskTool<A>(work: Work<A>): ToolTaskHandler<z.ZodObject> {
  return {
    async createTask(args, extra) {
      const { taskStore } = extra
      const task = await taskStore.createTask({ ttl: extra.taskRequestedTtl, pollInterval: SDK_POLL_MS })
      const progressToken = extra._meta?.progressToken
      void (async () => {
        try {
          await taskStore.storeTaskResult(task.taskId, 'completed', await work(args as A, progressToken))
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error)
          await taskStore.storeTaskResult(task.taskId, 'failed', { content: [{ type: 'text', text }] })
        }
      })()
      return { task }
    },
    getTask: (_args, extra) => extra.taskStore.getTask(extra.taskId),
    getTaskResult: async (_args, extra) =>
      (await extra.taskStore.getTaskResult(extra.taskId)) as CallToolResult,
  }
}

function sessionServer(): McpServer {
  const server = new McpServer(
    { name: 'sdk-v1-bench', version: '0.1.0' },
    {
      capabilities: { tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
      taskStore: store,
    },
  )
  server.registerTool(TOOLS.echo, { inputSchema: { text: z.string() } }, ({ text }) => ({
    content: [{ type: 'text', text }],
  }))
  const optional = { taskSupport: 'optional' } as const
  const empty = z.object({})
  server.experimental.tasks.registerToolTask(
    TOOLS.instant,
    { inputSchema: empty, execution: optional },
    taskTool(async () => ok()),
  )
  server.experimental.tasks.registerToolTask(
    TOOLS.sleep10,
    { inputSchema: empty, execution: optional },
    taskTool(async () => {
      await sleep(SLEEP_MS)
      return ok()
    }),
  )
  server.experimental.tasks.registerToolTask(
    TOOLS.events,
    { inputSchema: z.object({ count: z.number().int().min(1) }), execution: optional },
    taskTool<{ count: number }>(async ({ count }, progressToken) => {
      for (let sent = 1; sent <= count; sent++) {
        // After CreateTaskResult the request's own notifier has no stream left; the session's
        // standalone (GET) stream is where the SDK can still deliver, as it does status notifications.
        if (progressToken !== undefined) {
          const params = { progressToken, progress: sent, total: count, message: `step ${sent} of ${count}` }
          await server.server.notification({ method: 'notifications/progress', params })
        }
        if (sent % EVENT_BURST === 0) await new Promise((resolve) => setImmediate(resolve))
      }
      return ok()
    }),
  )
  return server
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const sessionId = request.headers['mcp-session-id']
  const known = typeof sessionId === 'string' ? transports.get(sessionId) : undefined
  if (known !== undefined) return known.handleRequest(request, response)
  if (request.method !== 'POST' || sessionId !== undefined) {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"unknown session"}')
    return
  }
  // No session yet: this is initialize. A new transport and server for the new session.
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: randomUUID,
    enableJsonResponse: SDK_JSON_RESPONSE,
    onsessioninitialized: (id) => void transports.set(id, transport),
  })
  transport.onclose = () => {
    if (transport.sessionId !== undefined) transports.delete(transport.sessionId)
  }
  await sessionServer().connect(transport)
  await transport.handleRequest(request, response)
}

const http = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    if (!response.headersSent) response.writeHead(500).end(String(error))
  })
})
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
const { port } = http.address() as AddressInfo
reportReady(`http://127.0.0.1:${port}/mcp`, async () => {
  for (const transport of transports.values()) await transport.close()
  store.cleanup()
  http.closeAllConnections()
  await new Promise((resolve) => http.close(resolve))
})

/**
 * The floor: the same HTTP stack (Hono on @hono/node-server) answering JSON-RPC with no MCP logic.
 * Every request gets one canned result (shaped so the load generator's MCP client can read it as any
 * answer it expects), notifications get 202, and a GET opens an SSE stream. The one concession to
 * workload 7: a call of the `events` tool writes `count` canned progress events and a canned status
 * event to the open streams, so the floor also shows what the stack costs per SSE event.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { EVENT_BURST, TOOLS } from '../ipc.ts'
import { reportReady } from './control.ts'

const now = new Date().toISOString()
const task = { taskId: 'floor', status: 'completed', createdAt: now, lastUpdatedAt: now, ttl: 60_000 }
const CANNED = { content: [{ type: 'text', text: 'ok' }], task, protocolVersion: '2025-11-25' }
const SESSION = { 'mcp-session-id': 'floor' }
const SSE = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }

interface Message {
  id?: string | number
  method?: string
  params?: { name?: string; arguments?: { count?: number }; _meta?: { progressToken?: string | number } }
}

const encoder = new TextEncoder()
const streams = new Set<ReadableStreamDefaultController<Uint8Array>>()
let eventId = 0

const write = (message: unknown): void => {
  const text = encoder.encode(`id: ${++eventId}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`)
  for (const controller of streams) controller.enqueue(text)
}

async function emitEvents(count: number, progressToken: string | number): Promise<void> {
  for (let sent = 1; sent <= count; sent++) {
    const params = { progressToken, progress: sent, total: count, message: `step ${sent} of ${count}` }
    write({ jsonrpc: '2.0', method: 'notifications/progress', params })
    if (sent % EVENT_BURST === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  write({ jsonrpc: '2.0', method: 'notifications/tasks/status', params: task })
}

const app = new Hono()
app.post('/mcp', async (c) => {
  const message = (await c.req.json()) as Message
  if (message.id === undefined) return c.body(null, 202)
  const { params } = message
  if (message.method === 'tools/call' && params?.name === TOOLS.events) {
    const token = params._meta?.progressToken
    if (token !== undefined) setImmediate(() => void emitEvents(params.arguments?.count ?? 1, token))
  }
  return c.json({ jsonrpc: '2.0', id: message.id, result: CANNED }, 200, SESSION)
})
app.get('/mcp', () => {
  let own: ReadableStreamDefaultController<Uint8Array> | undefined
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      own = controller
      streams.add(controller)
      controller.enqueue(encoder.encode(`id: ${++eventId}\ndata: \n\n`))
    },
    cancel() {
      if (own) streams.delete(own)
    },
  })
  return new Response(body, { headers: SSE })
})

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
await new Promise<void>((resolve) => server.once('listening', resolve))
const address = server.address()
const port = typeof address === 'object' && address !== null ? address.port : 0
reportReady(`http://127.0.0.1:${port}/mcp`, async () => {
  for (const controller of streams) controller.close()
  await new Promise((resolve) => server.close(resolve))
})

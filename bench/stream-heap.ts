/**
 * Heap per open standalone GET stream: `npx tsx bench/stream-heap.ts [streams] [per-session]`.
 *
 * A taskwire server runs in a child process (`--expose-gc`) and reports `heapUsed` after two full
 * collections; this process opens sessions, measures, opens the streams on raw sockets (one
 * connection each, reading nothing but the response head and the priming event), measures again, and
 * prints the difference divided by the streams. The figure covers everything the server holds for a
 * stream: the Node socket and parser, the request and response objects, @hono/node-server's body
 * pump, and taskwire's own SSE objects. Not a test: it asserts nothing and times nothing.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { type AddressInfo, connect, type Socket } from 'node:net'
import { fileURLToPath } from 'node:url'
import { writeHeapSnapshot } from 'node:v8'

const SERVER_FLAG = '--stream-heap-server'

type Floor = 'taskwire' | 'hono' | 'node'

/** Where a floor is asked for, the same stack without taskwire, to tell our bytes from theirs. */
async function startServer(floor: Floor): Promise<string> {
  if (floor === 'node') return startNodeFloor()
  if (floor === 'hono') return startHonoFloor()
  const { createServer, serve } = await import('../src/index.ts')
  const server = createServer({ name: 'stream-heap', version: '0.0.0' })
  // Generous caps: this script counts bytes per stream, not the limits that bound them.
  const served = await serve(server, {
    port: 0,
    maxSessionsPerRequestor: 100_000,
    maxStreamsPerSession: 1_000,
  })
  return served.url
}

/** node:http alone: headers and a priming event written, the response left open. */
async function startNodeFloor(): Promise<string> {
  const { createServer } = await import('node:http')
  const server = createServer((request, response) => {
    if (request.method === 'POST') {
      request.resume()
      response.writeHead(200, { 'mcp-session-id': 'floor' }).end('{}')
      return
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' }).write('id: 0\ndata: \n\n')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`
}

/** Hono on @hono/node-server: a ReadableStream body per GET, as bench/servers/floor.ts does. */
async function startHonoFloor(): Promise<string> {
  const { serve } = await import('@hono/node-server')
  const { Hono } = await import('hono')
  const app = new Hono()
  app.post('/mcp', (c) => c.json({}, 200, { 'mcp-session-id': 'floor' }))
  app.get('/mcp', () => {
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('id: 0\ndata: \n\n')),
    })
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
  })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`
}

async function runServer(floor: Floor): Promise<void> {
  const url = await startServer(floor)
  const gc = (globalThis as { gc?: () => void }).gc
  process.on('message', (message) => {
    if (message === 'heap') {
      gc?.()
      gc?.()
      const { heapUsed } = process.memoryUsage()
      if (process.env.STREAM_HEAP_SNAPSHOT) writeHeapSnapshot()
      process.send?.({ heapUsed })
    }
  })
  // The parent gone (or done), nothing is left to measure.
  process.once('disconnect', () => process.exit(0))
  process.send?.({ url })
}

async function runClient(streams: number, perSession: number, floor: Floor): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), [SERVER_FLAG, floor], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
  })
  const { url } = (await reply(child)) as { url: string }
  const sessions: string[] = []
  for (let i = 0; i < Math.ceil(streams / perSession); i++) sessions.push(await initialize(url))
  // Warm the code paths (and let lazy allocations happen) before the baseline.
  const warm = await Promise.all([openStream(url, sessions[0] as string)])
  for (const socket of warm) socket.destroy()
  await new Promise((resolve) => setTimeout(resolve, 200))
  const before = await heap(child)
  const sockets: Socket[] = []
  for (let i = 0; i < streams; i++) {
    sockets.push(await openStream(url, sessions[Math.floor(i / perSession)] as string))
  }
  const after = await heap(child)
  const perStream = (after - before) / streams
  console.log(
    `${floor}: ${streams} GET streams over ${sessions.length} sessions: heapUsed ${mb(before)} -> ${mb(after)} MB, ` +
      `${(perStream / 1024).toFixed(2)} KB per stream`,
  )
  for (const socket of sockets) socket.destroy()
  child.kill()
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2)

async function reply(child: ChildProcess): Promise<unknown> {
  const [message] = await once(child, 'message')
  return message
}

async function heap(child: ChildProcess): Promise<number> {
  child.send('heap')
  return ((await reply(child)) as { heapUsed: number }).heapUsed
}

async function initialize(url: string): Promise<string> {
  const params = { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'h', version: '0' } }
  const headers = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' }
  const body = JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params })
  const response = await fetch(url, { method: 'POST', headers, body })
  await response.arrayBuffer()
  const id = response.headers.get('mcp-session-id')
  if (!id) throw new Error(`initialize failed: HTTP ${response.status}`)
  const initialized = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })
  const sessionHeaders = { ...headers, 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' }
  await (await fetch(url, { method: 'POST', headers: sessionHeaders, body: initialized })).arrayBuffer()
  return id
}

/** A GET stream on a socket of its own; resolves once the priming event has arrived. */
function openStream(url: string, sessionId: string): Promise<Socket> {
  const { hostname, port, pathname } = new URL(url)
  const socket = connect(Number(port), hostname)
  socket.setEncoding('utf8')
  socket.write(
    `GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n` +
      `Mcp-Session-Id: ${sessionId}\r\nMcp-Protocol-Version: 2025-11-25\r\n\r\n`,
  )
  return new Promise((resolve, reject) => {
    let text = ''
    const onData = (chunk: string) => {
      text += chunk
      if (!text.includes('\r\n\r\n')) return
      if (!text.startsWith('HTTP/1.1 200')) reject(new Error(text.split('\r\n')[0]))
      else if (text.includes('data:')) {
        socket.off('data', onData)
        resolve(socket)
      }
    }
    socket.on('data', onData)
    socket.once('error', reject)
  })
}

const args = process.argv.slice(2)
const floorArg = args.find((arg) => arg.startsWith('--floor='))?.slice('--floor='.length)
const [streamsArg = '1000', perSessionArg = '4'] = args.filter((arg) => !arg.startsWith('--'))
if (args.includes(SERVER_FLAG)) await runServer((args[1] ?? 'taskwire') as Floor)
else await runClient(Number(streamsArg), Number(perSessionArg), (floorArg ?? 'taskwire') as Floor)

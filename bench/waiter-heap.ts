/**
 * Heap per blocked `tasks/result` waiter, measured on the server: a server process of its own (run
 * with `--expose-gc`) holds `--sessions` sessions, each with `--per-session` tasks whose handler waits
 * on a gate; `heapUsed` after two full collections is read before and after one `tasks/result` per
 * task is parked, and the difference is divided by the waiters. Not a timed test: a reading.
 *
 *   npx tsx bench/waiter-heap.ts                          # 10 sessions x 100 waiters
 *   npx tsx bench/waiter-heap.ts --sessions 20 --per-session 50
 *   npx tsx bench/waiter-heap.ts --floor                  # the same against a bare node:http server
 *
 * The figure includes everything a parked call holds on the server: the socket and HTTP objects of
 * its connection, the exchange, its SSE stream and the waiter itself. `--floor` measures what the
 * connection alone costs: a node:http server that holds every request unanswered.
 */
import { fork } from 'node:child_process'
import { Agent, request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const ROLE = process.env.WAITER_HEAP_ROLE

interface Memory {
  readonly heapUsed: number
  readonly rss: number
}

async function serverMain(): Promise<void> {
  const { createServer, InMemoryTaskStore, serve } = await import('../src/index.ts')
  const gates = new Map<string, { promise: Promise<void>; open: () => void }>()
  const gate = (name: string) => {
    let open: () => void = () => {}
    const promise = new Promise<void>((resolve) => {
      open = resolve
    })
    gates.set(name, { promise, open })
  }
  gate('warm')
  gate('gated')
  const server = createServer({
    name: 'waiter-heap',
    version: '0',
    tasks: {
      store: new InMemoryTaskStore({ maxTasks: 1_000_000, maxTasksPerRequestor: 1_000_000 }),
      createRate: false,
    },
  })
  for (const name of gates.keys()) {
    server.tool({ name, task: 'required' }, async () => {
      await gates.get(name)?.promise
      return 'released'
    })
  }

  const served = await serve(server, { port: 0, maxSessions: 100_000 })
  process.on('message', async (command: string) => {
    if (command.startsWith('open:')) gates.get(command.slice(5))?.open()
    if (command === 'memory') process.send?.({ memory: await collect() })
    if (command === 'exit') {
      await served.close()
      await server.close()
      process.exit(0)
    }
  })
  process.send?.({ url: served.url })
}

/** A bare node:http server holding every request until told to answer: the floor of a parked call. */
async function floorMain(): Promise<void> {
  const { createServer } = await import('node:http')
  const held: import('node:http').ServerResponse[] = []
  const http = createServer((req, res) => {
    req.resume()
    held.push(res)
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as import('node:net').AddressInfo
  process.on('message', async (command: string) => {
    if (command.startsWith('open:')) for (const res of held.splice(0)) res.end('released')
    if (command === 'memory') process.send?.({ memory: await collect() })
    if (command === 'exit') process.exit(0)
  })
  process.send?.({ url: `http://127.0.0.1:${port}/mcp` })
}

async function collect(): Promise<Memory> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) throw new Error('run the server with --expose-gc')
  for (let round = 0; round < 3; round++) {
    gc()
    await new Promise((resolve) => setImmediate(resolve))
  }
  const { heapUsed, rss } = process.memoryUsage()
  return { heapUsed, rss }
}

const HEADERS = {
  accept: 'application/json, text/event-stream',
  'content-type': 'application/json',
  'mcp-protocol-version': '2025-11-25',
}

/** One POST; resolves with the status, the session header and the body text once the body ended. */
function post(url: string, agent: Agent, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; session: string | undefined; text: string }>((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...HEADERS, ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        text += chunk
      })
      res.on('end', () => {
        const session = res.headers['mcp-session-id']
        resolve({
          status: res.statusCode ?? 0,
          session: typeof session === 'string' ? session : undefined,
          text,
        })
      })
    })
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

/** One session with `count` tasks of `tool`; returns its headers and task ids. */
async function session(url: string, agent: Agent, count: number, tool = 'gated') {
  const init = { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'heap', version: '0' } }
  const opened = await post(url, agent, { jsonrpc: '2.0', id: 0, method: 'initialize', params: init })
  const headers = { 'mcp-session-id': opened.session ?? '' }
  const taskIds: string[] = []
  for (let i = 1; i <= count; i++) {
    const params = { name: tool, task: {} }
    const created = await post(url, agent, { jsonrpc: '2.0', id: i, method: 'tools/call', params }, headers)
    const taskId = JSON.parse(created.text).result?.task?.taskId
    if (typeof taskId !== 'string') throw new Error(`task not created: ${created.text}`)
    taskIds.push(taskId)
  }
  return { headers, taskIds }
}

/** One `tasks/result` per task, each on a connection of its own. */
function park(url: string, agent: Agent, sessions: { headers: Record<string, string>; taskIds: string[] }[]) {
  const parked: Promise<{ status: number; text: string }>[] = []
  for (const { headers, taskIds } of sessions) {
    taskIds.forEach((taskId, i) => {
      const body = { jsonrpc: '2.0', id: 10_000 + i, method: 'tasks/result', params: { taskId } }
      parked.push(post(url, agent, body, headers))
    })
  }
  return parked
}

/** Lets the requests reach the server and park (a reading, not a test: a fixed pause is fine here). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000))

function ask<T>(child: ReturnType<typeof fork>, command: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: Record<string, T>) => {
      if (!(key in message)) return
      child.off('message', onMessage)
      resolve(message[key] as T)
    }
    child.on('message', onMessage)
    child.send(command)
  })
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sessions: { type: 'string', default: '10' },
      'per-session': { type: 'string', default: '100' },
      floor: { type: 'boolean', default: false },
    },
  })
  const floor = values.floor === true
  const sessions = Number(values.sessions)
  const perSession = Number(values['per-session'])
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, WAITER_HEAP_ROLE: floor ? 'floor' : 'server' },
    execArgv: ['--expose-gc', '--import', 'tsx'],
  })
  const url = await new Promise<string>((resolve) =>
    child.once('message', (m: { url: string }) => resolve(m.url)),
  )
  const setupAgent = new Agent({ keepAlive: true, maxSockets: 1 })
  const open = (tool?: string) =>
    floor
      ? { headers: {}, taskIds: Array.from({ length: perSession }, String) }
      : session(url, setupAgent, perSession, tool)
  const warm = [await open('warm')]
  const all = []
  for (let s = 0; s < sessions; s++) all.push(await open())
  setupAgent.destroy()
  // One connection per parked call, as separate clients would have.
  const waitAgent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY })
  // A first round parks and releases waiters unmeasured, so code compiled on first use is not counted.
  const warmed = park(url, waitAgent, warm)
  await settle()
  child.send('open:warm')
  await Promise.all(warmed)
  const before = await ask<Memory>(child, 'memory', 'memory')
  const parked = park(url, waitAgent, all)
  await settle()
  const after = await ask<Memory>(child, 'memory', 'memory')
  const waiters = sessions * perSession
  const perWaiter = (after.heapUsed - before.heapUsed) / waiters
  child.send('open:gated')
  const answers = await Promise.all(parked)
  const refused = answers.filter((answer) => !answer.text.includes('released')).length
  console.log(
    JSON.stringify({
      server: floor ? 'bare node:http' : 'taskwire',
      sessions,
      perSession,
      waiters,
      heapBefore: before.heapUsed,
      heapAfter: after.heapUsed,
      heapPerWaiterBytes: Math.round(perWaiter),
      rssDeltaPerWaiterBytes: Math.round((after.rss - before.rss) / waiters),
      answersWithoutResult: refused,
    }),
  )
  waitAgent.destroy()
  child.send('exit')
}

if (ROLE === 'server') await serverMain()
else if (ROLE === 'floor') await floorMain()
else await main()

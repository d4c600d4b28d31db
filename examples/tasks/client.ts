/**
 * The tasks example client, on the official SDK client.
 *   tsx examples/tasks/client.ts                       run slow_computation as a task (default 3 s)
 *   tsx examples/tasks/client.ts immediate --duration 5  run it as a plain call
 * Connects to MCP_URL (default http://127.0.0.1:3000/mcp); exits 0 when the result is what it should be,
 * else 1 with one line saying why (the task's failure, or the server going away).
 */
import { parseArgs } from 'node:util'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { CallToolResultSchema, type Progress, type Task } from '@modelcontextprotocol/sdk/types.js'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { duration: { type: 'string', default: '3' } },
})
const mode = positionals[0] ?? 'task'
const duration = Number(values.duration)
const url = new URL(process.env.MCP_URL ?? 'http://127.0.0.1:3000/mcp')
const call = { name: 'slow_computation', arguments: { duration } }
const onprogress = (p: Progress) =>
  console.log(`progress: ${p.progress}/${p.total ?? '?'} ${p.message ?? ''}`)

function textOf(result: unknown): string {
  const content = (result as { content?: unknown }).content
  const blocks = Array.isArray(content) ? (content as Array<{ type: string; text?: string }>) : []
  return blocks.map((block) => block.text ?? '').join('')
}

/** An error the user should read as one line (zod's multi-line messages included). */
class Stop extends Error {}
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim()

/** Why a task failed: its statusMessage, else what tasks/result answers for it. */
async function failureOf(client: Client, task: Task): Promise<string> {
  if (task.statusMessage !== undefined) return task.statusMessage
  try {
    const result = await client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema)
    return textOf(result) || JSON.stringify(result)
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

async function runAsTask(client: Client): Promise<string> {
  // While the task runs the client stays free for other work: here it pings the server meanwhile.
  let pings = 0
  const other = setInterval(
    () =>
      void client.ping().then(
        () => pings++,
        () => {},
      ),
    700,
  )
  try {
    const stream = client.experimental.tasks.callToolStream(call, CallToolResultSchema, {
      task: { ttl: 60_000 },
      onprogress,
      resetTimeoutOnProgress: true,
    })
    let last: Task | undefined
    for await (const message of stream) {
      if (message.type === 'taskCreated') console.log(`task created: ${message.task.taskId}`)
      if (message.type === 'taskStatus' && message.task.status !== last?.status)
        console.log(`task status: ${message.task.status}`)
      if (message.type === 'taskStatus') last = message.task
      if (message.type === 'error' && last?.status === 'failed')
        throw new Stop(`the task failed: ${oneLine(await failureOf(client, last))}`)
      if (message.type === 'error') throw message.error
      if (message.type === 'result') {
        console.log(`did other work meanwhile: ${pings} pings answered`)
        return textOf(message.result)
      }
    }
    throw new Error('the task stream ended without a result')
  } finally {
    clearInterval(other)
  }
}

async function main(client: Client): Promise<void> {
  if (mode !== 'task' && mode !== 'immediate')
    throw new Stop(`unknown mode "${mode}": use "immediate" or nothing`)
  await client.connect(new StreamableHTTPClientTransport(url))
  connected = true
  const text =
    mode === 'task'
      ? await runAsTask(client)
      : textOf(
          await client.callTool(call, CallToolResultSchema, { onprogress, resetTimeoutOnProgress: true }),
        )
  console.log(`result: ${text}`)
  if (text !== `Computation finished after ${duration} seconds`) throw new Stop(`unexpected result: ${text}`)
}

/** Whether anything still answers HTTP at the server's address. */
const reachable = (target: URL) =>
  fetch(target, { method: 'HEAD', signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  )

/** One line for whatever ended the run: the server going away reads as such, not as an undici trace. */
async function explain(error: unknown): Promise<string> {
  if (error instanceof Stop) return error.message
  if (!(await reachable(url)))
    return connected ? `the server at ${url} went away` : `no server answers at ${url} (start one: npm start)`
  return oneLine(error instanceof Error ? error.message : String(error))
}

const client = new Client({ name: 'taskwire-example-client', version: '0.1.0' })
let connected = false
// Transport errors (a dropped stream, a refused reconnect) surface through the call that failed.
client.onerror = () => {}
main(client).then(
  () => client.close().then(() => process.exit(0)),
  async (error: unknown) => {
    console.error(`example client failed: ${await explain(error)}`)
    process.exit(1)
  },
)

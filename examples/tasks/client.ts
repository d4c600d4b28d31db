/**
 * The tasks example client, on the official SDK client.
 *   tsx examples/tasks/client.ts                       run slow_computation as a task (default 3 s)
 *   tsx examples/tasks/client.ts immediate --duration 5  run it as a plain call
 * Connects to MCP_URL (default http://127.0.0.1:3000/mcp); exits 0 when the result is what it should be.
 */
import { parseArgs } from 'node:util'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { CallToolResultSchema, type Progress } from '@modelcontextprotocol/sdk/types.js'

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

async function runAsTask(client: Client): Promise<string> {
  // While the task runs the client stays free for other work: here it pings the server meanwhile.
  let pings = 0
  const other = setInterval(() => void client.ping().then(() => pings++), 700)
  try {
    const stream = client.experimental.tasks.callToolStream(call, CallToolResultSchema, {
      task: { ttl: 60_000 },
      onprogress,
      resetTimeoutOnProgress: true,
    })
    for await (const message of stream) {
      if (message.type === 'taskCreated') console.log(`task created: ${message.task.taskId}`)
      if (message.type === 'taskStatus') console.log(`task status: ${message.task.status}`)
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

async function main(): Promise<void> {
  if (mode !== 'task' && mode !== 'immediate')
    throw new Error(`unknown mode "${mode}": use "immediate" or nothing`)
  const client = new Client({ name: 'taskwire-example-client', version: '0.1.0' })
  await client.connect(new StreamableHTTPClientTransport(url))
  try {
    const text =
      mode === 'task'
        ? await runAsTask(client)
        : textOf(
            await client.callTool(call, CallToolResultSchema, { onprogress, resetTimeoutOnProgress: true }),
          )
    console.log(`result: ${text}`)
    if (text !== `Computation finished after ${duration} seconds`)
      throw new Error(`unexpected result: ${text}`)
  } finally {
    await client.close()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`example client failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)

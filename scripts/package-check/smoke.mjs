/**
 * Run by scripts/check-package.sh with plain node in a project that installed the packed tarball: a
 * task server built on the installed `taskwire`, and the official SDK client calling its tool as a
 * task. Exits 0 when the task completes with the expected result; prints why otherwise.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js'
import { createServer, serve } from 'taskwire'
import { z } from 'zod'

const server = createServer({ name: 'packaged', version: '1.0.0' })
server.tool({ name: 'double', input: z.object({ n: z.number() }), task: 'required' }, async ({ n }, ctx) => {
  ctx.progress(1, 1, 'halfway there')
  return `doubled: ${n * 2}`
})
const served = await serve(server, { port: 0 })
const client = new Client({ name: 'package-smoke', version: '1.0.0' })

async function callAsTask() {
  const stream = client.experimental.tasks.callToolStream(
    { name: 'double', arguments: { n: 21 } },
    CallToolResultSchema,
    { task: { ttl: 60_000 } },
  )
  let taskId
  for await (const message of stream) {
    if (message.type === 'taskCreated') taskId = message.task.taskId
    if (message.type === 'error') throw message.error
    if (message.type === 'result') return { taskId, result: message.result }
  }
  throw new Error('the task stream ended without a result')
}

try {
  await client.connect(new StreamableHTTPClientTransport(new URL(served.url)))
  const { taskId, result } = await callAsTask()
  const text = result.content.map((block) => (block.type === 'text' ? block.text : '')).join('')
  if (taskId === undefined) throw new Error('no task was created')
  if (text !== 'doubled: 42') throw new Error(`unexpected result: ${JSON.stringify(result)}`)
  console.log(`node ${process.version}: task ${taskId} completed with "${text}"`)
} finally {
  await client.close()
  await served.close()
  await server.close()
}

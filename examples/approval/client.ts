/**
 * The approval example client, on the official SDK client. It declares elicitation, answers the
 * server's confirmation request, runs `cleanup_files` as a task and prints what happens.
 *   tsx examples/approval/client.ts                      accept: the files are deleted
 *   tsx examples/approval/client.ts --answer decline     decline (or cancel): the task stops
 *   tsx examples/approval/client.ts --count 5
 * Connects to MCP_URL (default http://127.0.0.1:3001/mcp); exits 0 when the outcome is the one the
 * chosen answer should give, 1 otherwise.
 */
import { parseArgs } from 'node:util'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import {
  CallToolResultSchema,
  ElicitRequestSchema,
  type ElicitResult,
  type Progress,
  RELATED_TASK_META_KEY,
  TaskStatusNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js'

const { values } = parseArgs({
  options: { answer: { type: 'string', default: 'accept' }, count: { type: 'string', default: '3' } },
})
const count = Number(values.count)
const url = new URL(process.env.MCP_URL ?? 'http://127.0.0.1:3001/mcp')

const expected = {
  accept: `Deleted ${count} files`,
  decline: 'Stopped: the user declined',
  cancel: 'Stopped: the user cancelled',
} as const
type Answer = keyof typeof expected
const isAnswer = (value: string): value is Answer => Object.hasOwn(expected, value)

function textOf(result: unknown): string {
  const content = (result as { content?: unknown }).content
  const blocks = Array.isArray(content) ? (content as Array<{ type: string; text?: string }>) : []
  return blocks.map((block) => block.text ?? '').join('')
}

/** Prints each status change once, from notifications and from the stream's polls alike. */
function statusPrinter() {
  const seen = new Set<string>()
  let last: string | undefined
  return (status: string, fromPoll: boolean) => {
    if (status === last || (fromPoll && seen.has(status))) return
    seen.add(status)
    last = status
    console.log(`task status: ${status}`)
  }
}

function connectClient(answer: Answer, report: (status: string, fromPoll: boolean) => void): Client {
  const client = new Client(
    { name: 'taskwire-approval-client', version: '0.1.0' },
    { capabilities: { elicitation: {} } },
  )
  client.setNotificationHandler(TaskStatusNotificationSchema, ({ params }) => report(params.status, false))
  client.setRequestHandler(ElicitRequestSchema, (request): ElicitResult => {
    const related = request.params._meta?.[RELATED_TASK_META_KEY]
    console.log(`server asks: ${request.params.message}${related ? ` (task ${related.taskId})` : ''}`)
    console.log(`answering: ${answer}`)
    if (answer !== 'accept') return { action: answer }
    return { action: 'accept', content: { confirm: true, reason: 'cleanup approved by the example client' } }
  })
  return client
}

async function runTask(client: Client, report: (status: string, fromPoll: boolean) => void): Promise<string> {
  const stream = client.experimental.tasks.callToolStream(
    { name: 'cleanup_files', arguments: { count } },
    CallToolResultSchema,
    {
      task: { ttl: 60_000 },
      onprogress: (p: Progress) =>
        console.log(`progress: ${p.progress}/${p.total ?? '?'} ${p.message ?? ''}`),
      resetTimeoutOnProgress: true,
    },
  )
  let taskId: string | undefined
  for await (const message of stream) {
    if (message.type === 'taskCreated') {
      taskId = message.task.taskId
      console.log(`task created: ${taskId}`)
    }
    if (message.type === 'taskStatus') report(message.task.status, true)
    if (message.type === 'error') throw message.error
    if (message.type === 'result') {
      // The stream may hand over the result from tasks/result without a last poll: ask once more.
      if (taskId !== undefined) report((await client.experimental.tasks.getTask(taskId)).status, true)
      return textOf(message.result)
    }
  }
  throw new Error('the task stream ended without a result')
}

async function main(): Promise<void> {
  const answer = values.answer
  if (!isAnswer(answer)) throw new Error(`unknown answer "${answer}": use accept, decline or cancel`)
  const report = statusPrinter()
  const client = connectClient(answer, report)
  await client.connect(new StreamableHTTPClientTransport(url))
  try {
    const outcome = await runTask(client, report)
    console.log(`outcome: ${outcome}`)
    if (outcome !== expected[answer])
      throw new Error(`expected "${expected[answer]}" after ${answer}, got "${outcome}"`)
  } finally {
    await client.close()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`approval client failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)

/**
 * The official SDK client (1.32.2) as a client that answers input requests: it declares the
 * capabilities a test chooses, records every elicitation and sampling request it receives, and answers
 * them as the test says. Plus running a tool as a task through the experimental tasks client.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js'
import {
  type CallToolResult,
  CallToolResultSchema,
  type ClientCapabilities,
  type CreateMessageRequest,
  CreateMessageRequestSchema,
  type CreateMessageResult,
  type ElicitRequest,
  ElicitRequestSchema,
  type ElicitResult,
  type McpError,
  RELATED_TASK_META_KEY,
} from '@modelcontextprotocol/sdk/types.js'
import { withTimeout } from './sdk-client.ts'

export interface InputClientOptions {
  capabilities?: ClientCapabilities
  /** A fetch to observe the HTTP exchange; defaults to the global fetch. */
  fetch?: FetchLike
  /**
   * Refuse the standalone GET stream (405), so that server requests can only come on `tasks/result`.
   * Otherwise connecting waits until the GET stream is open.
   */
  withoutGetStream?: boolean
}

export interface InputConnection {
  client: Client
  /** Requests the SDK did not route to a handler (none are expected). */
  unhandled: string[]
  close(): Promise<void>
}

export async function connectInputClient(
  url: string,
  options: InputClientOptions = {},
): Promise<InputConnection> {
  const inner: FetchLike = options.fetch ?? fetch
  const withoutGet = options.withoutGetStream === true
  let markOpen: () => void = () => {}
  const standalone = new Promise<void>((resolve) => {
    markOpen = resolve
  })
  const fetcher: FetchLike = async (input, init) => {
    const isGet = (init?.method ?? 'GET') === 'GET'
    if (isGet && withoutGet) return new Response(null, { status: 405 })
    const response = await inner(input, init)
    // The server registers a standalone stream before it answers the GET: from a 200 on, messages
    // routed to the session's GET stream reach this client.
    if (isGet && response.ok && !new Headers(init?.headers).has('last-event-id')) markOpen()
    return response
  }
  const transport = new StreamableHTTPClientTransport(new URL(url), { fetch: fetcher })
  const client = new Client(
    { name: 'taskwire-input-interop', version: '0.0.0' },
    { capabilities: options.capabilities ?? {} },
  )
  const unhandled: string[] = []
  client.fallbackRequestHandler = async (request) => {
    unhandled.push(request.method)
    throw new Error(`unexpected request ${request.method}`)
  }
  await client.connect(transport)
  if (!withoutGet) await withTimeout(standalone, 'the standalone GET stream to open')
  return {
    client,
    unhandled,
    close: async () => {
      await transport.terminateSession()
      await client.close()
    },
  }
}

export interface Received<P> {
  readonly params: P
  /** The JSON-RPC id the server gave the request. */
  readonly requestId: string | number
  /** `_meta["io.modelcontextprotocol/related-task"].taskId` of the request, as it came. */
  readonly relatedTaskId: string | undefined
}

/** The requests of one kind a client received, in order, with bounded waits for the next ones. */
export class Inbox<P> {
  readonly received: Received<P>[] = []
  readonly #waiters = new Set<() => void>()

  push(entry: Received<P>): void {
    this.received.push(entry)
    for (const waiter of [...this.#waiters]) waiter()
  }

  /** The request at `index` (0 = the first ever received); bounded. */
  at(index: number, what = `request #${index + 1}`): Promise<Received<P>> {
    const arrival = new Promise<Received<P>>((resolve) => {
      const check = () => {
        const entry = this.received[index]
        if (entry === undefined) return
        this.#waiters.delete(check)
        resolve(entry)
      }
      this.#waiters.add(check)
      check()
    })
    return withTimeout(arrival, what)
  }
}

type Meta = { _meta?: Record<string, unknown> }

function relatedTaskIdOf(params: Meta): string | undefined {
  const related = params._meta?.[RELATED_TASK_META_KEY] as { taskId?: unknown } | undefined
  return typeof related?.taskId === 'string' ? related.taskId : undefined
}

type ElicitParams = ElicitRequest['params']
type SamplingParams = CreateMessageRequest['params']

/** Records every elicitation/create and answers it with what `reply` returns (or never, if it never settles). */
export function answerElicitations(
  client: Client,
  reply: (request: Received<ElicitParams>) => ElicitResult | Promise<ElicitResult>,
): Inbox<ElicitParams> {
  const inbox = new Inbox<ElicitParams>()
  client.setRequestHandler(ElicitRequestSchema, (request, extra) => {
    const entry = {
      params: request.params,
      requestId: extra.requestId,
      relatedTaskId: relatedTaskIdOf(request.params),
    }
    inbox.push(entry)
    return reply(entry)
  })
  return inbox
}

/** Records every sampling/createMessage and answers it with what `reply` returns. */
export function answerSampling(
  client: Client,
  reply: (request: Received<SamplingParams>) => CreateMessageResult | Promise<CreateMessageResult>,
): Inbox<SamplingParams> {
  const inbox = new Inbox<SamplingParams>()
  client.setRequestHandler(CreateMessageRequestSchema, (request, extra) => {
    const entry = {
      params: request.params,
      requestId: extra.requestId,
      relatedTaskId: relatedTaskIdOf(request.params),
    }
    inbox.push(entry)
    return reply(entry)
  })
  return inbox
}

export interface StreamOutcome {
  taskId: string | undefined
  /** The statuses the stream reported, in order (from its `tasks/get` polls). */
  statuses: string[]
  result: CallToolResult | undefined
  error: McpError | undefined
}

/** Runs a tool as a task with `callToolStream` and collects what the stream yields; bounded. */
export function runTaskStream(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<StreamOutcome> {
  const collect = async (): Promise<StreamOutcome> => {
    const outcome: StreamOutcome = { taskId: undefined, statuses: [], result: undefined, error: undefined }
    const stream = client.experimental.tasks.callToolStream({ name, arguments: args }, CallToolResultSchema, {
      task: {},
    })
    for await (const message of stream) {
      if (message.type === 'taskCreated') outcome.taskId = message.task.taskId
      if (message.type === 'taskStatus') outcome.statuses.push(message.task.status)
      if (message.type === 'result') outcome.result = message.result as CallToolResult
      if (message.type === 'error') outcome.error = message.error
    }
    return outcome
  }
  return withTimeout(collect(), `the task stream of ${name} to end`)
}

/** The text of a CallToolResult's first text block. */
export function firstText(result: unknown): string | undefined {
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  const content = record(result).content
  const block = record(Array.isArray(content) ? content[0] : undefined)
  return block.type === 'text' && typeof block.text === 'string' ? block.text : undefined
}

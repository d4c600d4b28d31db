/**
 * The official SDK client (1.32.2) connected to a taskwire URL, for the interop tests in test/sdk/,
 * plus bounded waits, so that no test synchronises on a sleep.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { ResponseMessage } from '@modelcontextprotocol/sdk/shared/responseMessage.js'
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js'
import {
  type CallToolResult,
  CallToolResultSchema,
  CreateTaskResultSchema,
  McpError,
  type Task,
  type TaskStatusNotificationParams,
  TaskStatusNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js'

export interface SdkClientOptions {
  /** Extra HTTP headers on every request (e.g. `Authorization`), passed as the transport's `requestInit`. */
  headers?: Record<string, string>
  /** A fetch to observe or alter the HTTP exchange; defaults to the global fetch. */
  fetch?: FetchLike
  /** SSE reconnection delays of the transport; small by default so resumption tests stay fast. */
  reconnectionDelayMs?: number
}

export interface SdkConnection {
  client: Client
  transport: StreamableHTTPClientTransport
  /** Resolves once the standalone GET stream (opened by the SDK after `notifications/initialized`) is open. */
  standalone(): Promise<void>
  /** What the SDK reported through `client.onerror` (transport and protocol errors it did not throw). */
  errors: Error[]
  /** Ends the session (HTTP DELETE) and closes the client. */
  close(): Promise<void>
}

const BOUND_MS = 5_000

/** Connects a new SDK `Client` (a new session) to `url`. */
export async function connectClient(url: string, options: SdkClientOptions = {}): Promise<SdkConnection> {
  const inner: FetchLike = options.fetch ?? fetch
  let markOpen: () => void = () => {}
  const standalone = new Promise<void>((resolve) => {
    markOpen = resolve
  })
  // The server registers a standalone stream before it answers the GET, so a 200 here means that
  // messages sent to the session from now on reach this client.
  const observing: FetchLike = async (input, init) => {
    const response = await inner(input, init)
    const headers = new Headers(init?.headers)
    if (init?.method === 'GET' && response.ok && !headers.has('last-event-id')) markOpen()
    return response
  }
  const delay = options.reconnectionDelayMs ?? 1
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    fetch: observing,
    ...(options.headers === undefined ? {} : { requestInit: { headers: options.headers } }),
    reconnectionOptions: {
      initialReconnectionDelay: delay,
      maxReconnectionDelay: delay,
      reconnectionDelayGrowFactor: 1,
      maxRetries: 3,
    },
  })
  const client = new Client({ name: 'taskwire-sdk-interop', version: '0.0.0' })
  const errors: Error[] = []
  client.onerror = (error) => errors.push(error)
  await client.connect(transport)
  return {
    client,
    transport,
    errors,
    standalone: () => withTimeout(standalone, 'the standalone GET stream to open'),
    close: async () => {
      await transport.terminateSession()
      await client.close()
    },
  }
}

/** Sends a task-augmented `tools/call` and returns the task of its `CreateTaskResult`. */
export async function createTask(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
  ttl = 60_000,
): Promise<Task> {
  const created = await client.request(
    { method: 'tools/call', params: { name, arguments: args } },
    CreateTaskResultSchema,
    { task: { ttl } },
  )
  return created.task
}

/** A message of `callToolStream`. */
export type StreamMessage = ResponseMessage<CallToolResult>

/** `callToolStream` of `name` as a task with a 60 s ttl. */
export function streamTool(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): AsyncGenerator<StreamMessage, void, void> {
  return client.experimental.tasks.callToolStream({ name, arguments: args }, CallToolResultSchema, {
    task: { ttl: 60_000 },
  })
}

/** Reads the rest of a stream; a stream that goes on for longer than the bound fails the test. */
export function drain(stream: AsyncGenerator<StreamMessage, void, void>): Promise<StreamMessage[]> {
  const collect = async () => {
    const messages: StreamMessage[] = []
    for await (const message of stream) messages.push(message)
    return messages
  }
  return withTimeout(collect(), 'the callToolStream to end')
}

/** The McpError `promise` rejects with; fails when it resolves or rejects with anything else. */
export async function mcpErrorOf(promise: Promise<unknown>): Promise<McpError> {
  let value: unknown
  try {
    value = await promise
  } catch (error) {
    if (error instanceof McpError) return error
    throw new Error(`expected an McpError, got ${String(error)}`)
  }
  throw new Error(`expected a rejection with an McpError, got ${JSON.stringify(value)}`)
}

/** `promise`, or a rejection naming `what` once `ms` have passed (a bound, never a synchronisation). */
export function withTimeout<T>(promise: Promise<T>, what: string, ms = BOUND_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const bound = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
  })
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer))
}

/** Polls `condition` until it holds; fails after `ms`. */
export async function waitUntil(condition: () => boolean, what: string, ms = BOUND_MS): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

/** One HTTP request the transport made, with the JSON-RPC method it carried (POST) and its answer. */
export interface Exchanged {
  readonly httpMethod: string
  readonly rpcMethod: string | undefined
  /** The JSON-RPC id of a request. */
  readonly requestId: string | number | undefined
  readonly lastEventId: string | null
  readonly response: Response
}

/** A fetch that records each exchange and lets a test await the first one matching a predicate. */
export function observingFetch(inner: FetchLike = fetch) {
  const exchanged: Exchanged[] = []
  const waiters = new Set<(exchange: Exchanged) => void>()
  const observed: FetchLike = async (input, init) => {
    const response = await inner(input, init)
    type Sent = { method?: unknown; id?: unknown }
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Sent) : undefined
    const exchange: Exchanged = {
      httpMethod: init?.method ?? 'GET',
      rpcMethod: typeof body?.method === 'string' ? body.method : undefined,
      requestId: typeof body?.id === 'string' || typeof body?.id === 'number' ? body.id : undefined,
      lastEventId: new Headers(init?.headers).get('last-event-id'),
      response,
    }
    exchanged.push(exchange)
    for (const waiter of [...waiters]) waiter(exchange)
    return response
  }
  /** The first exchange from index `from` on that matches; bounded. */
  const when = (match: (exchange: Exchanged) => boolean, what: string, from = 0): Promise<Exchanged> => {
    const earlier = exchanged.slice(from).find(match)
    if (earlier !== undefined) return Promise.resolve(earlier)
    const arrival = new Promise<Exchanged>((resolve) => {
      const waiter = (exchange: Exchanged) => {
        if (!match(exchange)) return
        waiters.delete(waiter)
        resolve(exchange)
      }
      waiters.add(waiter)
    })
    return withTimeout(arrival, what)
  }
  return { fetch: observed, exchanged, when }
}

export interface StatusWatch {
  /** Every `notifications/tasks/status` received so far, in order. */
  readonly seen: TaskStatusNotificationParams[]
  /** The first status notification (past or future) for `taskId` with `status`; bounded. */
  next(taskId: string, status: Task['status']): Promise<TaskStatusNotificationParams>
}

/** Records the `notifications/tasks/status` the client receives. */
export function watchTaskStatuses(client: Client): StatusWatch {
  const seen: TaskStatusNotificationParams[] = []
  const waiters = new Set<(params: TaskStatusNotificationParams) => void>()
  client.setNotificationHandler(TaskStatusNotificationSchema, (notification) => {
    seen.push(notification.params)
    for (const waiter of [...waiters]) waiter(notification.params)
  })
  return {
    seen,
    next(taskId, status) {
      const matches = (params: TaskStatusNotificationParams) =>
        params.taskId === taskId && params.status === status
      const earlier = seen.find(matches)
      if (earlier !== undefined) return Promise.resolve(earlier)
      const arrival = new Promise<TaskStatusNotificationParams>((resolve) => {
        const waiter = (params: TaskStatusNotificationParams) => {
          if (!matches(params)) return
          waiters.delete(waiter)
          resolve(params)
        }
        waiters.add(waiter)
      })
      return withTimeout(arrival, `notifications/tasks/status ${status} for task ${taskId}`)
    },
  }
}

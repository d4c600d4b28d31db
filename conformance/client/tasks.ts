/**
 * Task operations as the checks use them: create a task, poll it, fetch its result. They report
 * exactly what the server said; judging it is the checks' business.
 */
import { Violation } from '../verdict.ts'
import type { Reply, RequestOptions } from './http.ts'
import { brief, isObject, type JsonObject } from './json.ts'
import type { McpSession } from './session.ts'

export const TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled'])
export const STATUSES: ReadonlySet<string> = new Set(['working', 'input_required', ...TERMINAL])

export interface CallOptions extends RequestOptions {
  /** The `task` param; leave out for a plain call. */
  task?: JsonObject
  progressToken?: string | number
}

export function callTool(
  session: McpSession,
  name: string,
  args: JsonObject,
  options: CallOptions = {},
): Promise<Reply> {
  const { task, progressToken, ...request } = options
  const params: JsonObject = {
    name,
    arguments: args,
    ...(task === undefined ? {} : { task }),
    ...(progressToken === undefined ? {} : { _meta: { progressToken } }),
  }
  return session.request('tools/call', params, request)
}

export interface Created {
  readonly reply: Reply
  /** `result.task` of the CreateTaskResult. */
  readonly task: JsonObject
  readonly taskId: string
}

/** A task-augmented tools/call that must answer a CreateTaskResult (TASK-CREATE-01) to go on. */
export async function createTask(
  session: McpSession,
  name: string,
  args: JsonObject,
  options: CallOptions = {},
): Promise<Created> {
  const reply = await callTool(session, name, args, { task: {}, ...options })
  const task = reply.result?.task
  if (!isObject(task) || typeof task.taskId !== 'string') {
    throw new Violation(
      'TASK-CREATE-01',
      `${name} called with "task" did not answer a CreateTaskResult: ${brief(reply.result ?? reply.error ?? reply.body)}`,
    )
  }
  return { reply, task, taskId: task.taskId }
}

export const getTask = (session: McpSession, taskId: string, options?: RequestOptions) =>
  session.request('tasks/get', { taskId }, options)

export const taskResult = (session: McpSession, taskId: string, options?: RequestOptions) =>
  session.request('tasks/result', { taskId }, options)

export const cancelTask = (session: McpSession, taskId: string, options?: RequestOptions) =>
  session.request('tasks/cancel', { taskId }, options)

export const statusOf = (reply: Reply): string | undefined =>
  typeof reply.result?.status === 'string' ? reply.result.status : undefined

export interface Polled {
  /** The last tasks/get answer. */
  readonly last: Reply
  /** Every status seen, in order (repeats folded). */
  readonly statuses: readonly string[]
}

/** Polls tasks/get until `until` holds for the status (default: terminal) or `timeoutMs` passes. */
export async function poll(
  session: McpSession,
  taskId: string,
  { until = (status: string) => TERMINAL.has(status), timeoutMs = 8_000, intervalMs = 25 } = {},
): Promise<Polled> {
  const statuses: string[] = []
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const last = await getTask(session, taskId)
    const status = statusOf(last)
    if (status !== undefined && statuses.at(-1) !== status) statuses.push(status)
    if (status === undefined || until(status) || performance.now() > deadline) return { last, statuses }
    await sleep(intervalMs)
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The text conf_trace reports for a tag. */
export async function traceOf(session: McpSession, tag: string): Promise<string | undefined> {
  const reply = await callTool(session, 'conf_trace', { tag })
  const content = reply.result?.content
  if (!Array.isArray(content)) return undefined
  const block = content[0]
  return isObject(block) && typeof block.text === 'string' ? block.text : undefined
}

/** tools/list and tools/call, ordinary or task-augmented. */
import { ProtocolError } from '../../protocol/errors.ts'
import type { Params } from '../../protocol/jsonrpc.ts'
import { Method } from '../../protocol/methods.ts'
import { readOptionalString, readString } from '../../protocol/params.ts'
import type { TaskMode, TaskRequest } from '../../protocol/task-model.ts'
import { createToolContext } from '../context.ts'
import { executeTool } from '../execute.ts'
import type { RegisteredTool } from '../tool.ts'
import { startToolTask } from './tool-task.ts'
import { type RequestCall, RequestCancelled } from './types.ts'

/** server/utilities/pagination: opaque cursors; a cursor we did not issue is -32602. */
export function handleToolsList({ params, session }: RequestCall): Params {
  const { server } = session
  const cursor = readOptionalString(params, 'cursor', Method.ToolsList)
  const start = cursor === undefined ? 0 : decodeOffset(cursor)
  const tools = [...server.tools.values()]
  const page = tools.slice(start, start + server.toolsPageSize)
  const wire = session.revision?.tasks
  const listed = page.map((tool) => {
    const execution = server.tasksEnabledFor(session) ? wire?.toolExecution(tool.mode) : undefined
    return execution === undefined ? tool.listing : { ...tool.listing, execution }
  })
  const next = start + page.length
  return next < tools.length ? { tools: listed, nextCursor: encodeOffset(next) } : { tools: listed }
}

const encodeOffset = (offset: number): string => Buffer.from(`tools:${offset}`).toString('base64url')

function decodeOffset(cursor: string): number {
  const match = /^tools:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (match?.[1] === undefined) {
    throw ProtocolError.invalidParams(
      'tools/list: invalid cursor; pass back the nextCursor of an earlier page unchanged',
    )
  }
  return Number(match[1])
}

export async function handleToolsCall(call: RequestCall): Promise<Params> {
  const { params, session } = call
  const name = readString(params, 'name', Method.ToolsCall)
  const tool = session.server.tools.get(name)
  if (tool === undefined) throw ProtocolError.invalidParams(`Unknown tool: ${name}`)
  const args = params?.arguments
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    throw ProtocolError.invalidParams(`tools/call: "arguments" must be an object`)
  }
  // N20: a receiver that did not declare tasks for tools/call processes the request normally,
  // ignoring `task`; so the task param is read only where the capability was declared.
  const wire = session.server.tasksEnabledFor(session) ? session.revision?.tasks : undefined
  const taskRequest = wire?.readTaskRequest(params)
  if (wire !== undefined) enforceTaskMode(tool, taskRequest)
  if (taskRequest !== undefined) return startToolTask(call, tool, args, taskRequest)
  return callTool(call, tool, args)
}

/**
 * 2025-11-25 server/tools "Tool-Level Negotiation", checked before anything runs: a "required" tool
 * called without `task` is -32601 (N10, MUST); a "forbidden" (or unmarked) tool called with `task` is
 * -32601 too (N7, SHOULD). Both are JSON-RPC errors, never isError results.
 */
export function enforceTaskMode(tool: RegisteredTool, taskRequest: TaskRequest | undefined): void {
  const mode: TaskMode = tool.mode
  if (mode === 'required' && taskRequest === undefined) {
    throw ProtocolError.methodNotFound(
      `Tool "${tool.name}" must be called as a task (execution.taskSupport is "required"): add "task": {} to the tools/call params`,
    )
  }
  if (mode === 'forbidden' && taskRequest !== undefined) {
    throw ProtocolError.methodNotFound(
      `Tool "${tool.name}" cannot run as a task (execution.taskSupport is "forbidden"): call it without "task"`,
    )
  }
}

/** An ordinary call: runs in the request, messages on the request's stream, cancelled by notifications/cancelled. */
async function callTool(call: RequestCall, tool: RegisteredTool, args: unknown): Promise<Params> {
  const { id, params, session } = call
  const controller = new AbortController()
  session.inflight.set(id, controller)
  const ctx = createToolContext({
    signal: controller.signal,
    requestId: id,
    session: session.info(),
    auth: session.principal,
    task: undefined,
    progressToken: progressTokenOf(params),
    notify: (method, notificationParams) =>
      void session.outbound.send({ jsonrpc: '2.0', method, params: notificationParams }, id),
    shouldLog: (level) => session.shouldLog(level),
    sendToClient: (method, requestParams) =>
      session.server.input.forCall(session, id, method, requestParams, controller.signal),
    elicitationModes: session.revision?.elicitationModes ?? false,
  })
  try {
    const outcome = await executeTool(tool, args, ctx, session.revision ?? failNotInitialized())
    if (controller.signal.aborted) throw new RequestCancelled()
    if (outcome.kind === 'error')
      throw new ProtocolError(outcome.error.code, outcome.error.message, outcome.error.data)
    return outcome.result
  } finally {
    session.inflight.delete(id)
  }
}

export function progressTokenOf(params: Params | undefined): string | number | undefined {
  const meta = params?._meta
  if (typeof meta !== 'object' || meta === null) return undefined
  const token = (meta as Params).progressToken
  return typeof token === 'string' || typeof token === 'number' ? token : undefined
}

function failNotInitialized(): never {
  throw ProtocolError.invalidRequest('Invalid request: the session is not initialized')
}

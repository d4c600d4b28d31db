/** tools/list and tools/call, ordinary or task-augmented. */
import { ProtocolError } from '../../protocol/errors.ts'
import type { Params } from '../../protocol/jsonrpc.ts'
import { Method } from '../../protocol/methods.ts'
import { readOptionalString, readString } from '../../protocol/params.ts'
import type { TaskMode, TaskRequest } from '../../protocol/task-model.ts'
import type { TaskOutcome } from '../../tasks/types.ts'
import { closestNames } from '../closest.ts'
import { executeTool } from '../execute.ts'
import { paginate } from '../paginate.ts'
import { toolError } from '../result.ts'
import { ToolTimeoutError, withDeadline } from '../timeouts.ts'
import type { RegisteredTool } from '../tool.ts'
import { inflightContext } from './request-context.ts'
import { startToolTask } from './tool-task.ts'
import { type RequestCall, RequestCancelled } from './types.ts'

export function handleToolsList({ params, session }: RequestCall): Params {
  const { server } = session
  const cursor = readOptionalString(params, 'cursor', Method.ToolsList)
  const page = paginate([...server.tools.values()], cursor, server.toolsPageSize, Method.ToolsList)
  const wire = server.tasksEnabledFor(session) ? session.revision?.tasks : undefined
  const tools = page.items.map((tool) => {
    const execution = wire?.toolExecution(tool.mode)
    return execution === undefined ? tool.listing : { ...tool.listing, execution }
  })
  return page.nextCursor === undefined ? { tools } : { tools, nextCursor: page.nextCursor }
}

export async function handleToolsCall(call: RequestCall): Promise<Params> {
  const { params, session } = call
  const name = readString(params, 'name', Method.ToolsCall)
  const tool = session.server.tools.get(name)
  if (tool === undefined) throw ProtocolError.invalidParams(unknownTool(name, session.server.tools.keys()))
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

/** "Unknown tool: x", with the closest registered names when some are a few edits away. */
function unknownTool(name: string, registered: Iterable<string>): string {
  const near = closestNames(name, registered)
  if (near.length === 0) return `Unknown tool: ${name} (tools/list names the tools this server has)`
  const last = near.pop()
  return `Unknown tool: ${name}; did you mean ${near.length === 0 ? last : `${near.join(', ')} or ${last}`}?`
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

/**
 * An ordinary call: runs in the request, messages on the request's stream, cancelled by
 * notifications/cancelled. Past its time limit it is answered with an isError result at once and
 * its signal aborted, whether or not the handler returns (spec/decisions.md 37).
 */
async function callTool(call: RequestCall, tool: RegisteredTool, args: unknown): Promise<Params> {
  const { ctx, signal, abort, done } = inflightContext(call)
  const revision = call.session.revision ?? failNotInitialized()
  let timedOut = false
  const onTimeout = (timeoutMs: number): TaskOutcome => {
    // A call the client cancelled before its deadline stays unanswered (cancellation.mdx).
    timedOut = !signal.aborted
    const error = new ToolTimeoutError(tool.name, timeoutMs)
    abort(error)
    return { kind: 'result', result: toolError(error.message) }
  }
  try {
    const limits = call.session.server.resultLimits
    const work = executeTool(tool, args, ctx, { revision, limits, asTask: false })
    const outcome = await withDeadline(work, call.session.server.timeoutOf(tool), onTimeout)
    if (signal.aborted && !timedOut) throw new RequestCancelled()
    if (outcome.kind === 'error')
      throw new ProtocolError(outcome.error.code, outcome.error.message, outcome.error.data)
    return outcome.result
  } finally {
    done()
  }
}

function failNotInitialized(): never {
  throw ProtocolError.invalidRequest('Invalid request: the session is not initialized')
}

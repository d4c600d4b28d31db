/**
 * Runs one tool call, ordinary or as a task, and reports how the request ended. One place decides
 * what becomes a protocol error and what a tool execution error.
 */
import { ErrorCode, ProtocolError } from '../protocol/errors.ts'
import type { JsonLimits } from '../protocol/json-seal.ts'
import type { Revision } from '../protocol/revisions/index.ts'
import type { TaskSettlement } from '../tasks/manager.ts'
import type { TaskOutcome } from '../tasks/types.ts'
import type { ToolContext } from './context.ts'
import { firstText, sendableResult, toolError, UnsendableResult } from './result.ts'
import type { RegisteredTool } from './tool.ts'

export interface ExecuteOptions {
  readonly revision: Revision
  /** Bounds of the result (server options maxResultBytes, maxResultDepth). */
  readonly limits: JsonLimits
  /** Whether the call runs as a task: an unsendable result then fails the task with -32603. */
  readonly asTask: boolean
}

export async function executeTool(
  tool: RegisteredTool,
  args: unknown,
  ctx: ToolContext,
  { revision, limits, asTask }: ExecuteOptions,
): Promise<TaskOutcome> {
  const validation = tool.validate(args)
  if (!validation.ok) {
    return revision.invalidArguments === 'tool-error'
      ? { kind: 'result', result: toolError(validation.message) }
      : { kind: 'error', error: ProtocolError.invalidParams(validation.message).toJSON() }
  }
  try {
    const value = await tool.handler(validation.value, ctx)
    return { kind: 'result', result: sendableResult(value, tool, limits) }
  } catch (error) {
    if (error instanceof UnsendableResult) return unsendable(error.message, asTask)
    if (error instanceof ProtocolError) return { kind: 'error', error: error.toJSON() }
    return { kind: 'result', result: toolError(error instanceof Error ? error.message : String(error)) }
  }
}

/**
 * A result that cannot be sent is the tool's failure, not the client's: a plain call answers it as a
 * tool execution error (isError, so a model can see it); a task ends `failed` with -32603, the
 * answer its tasks/result gives (2025-11-25 tasks "Task Execution Errors").
 */
function unsendable(message: string, asTask: boolean): TaskOutcome {
  if (!asTask) return { kind: 'result', result: toolError(message) }
  return { kind: 'error', error: { code: ErrorCode.InternalError, message } }
}

/**
 * 2025-11-25 tasks "Task Execution Errors": a JSON-RPC error, or a tool result with isError, ends
 * the task `failed` with a diagnostic statusMessage (N71); anything else ends it `completed`.
 */
export function settlementOf(outcome: TaskOutcome): TaskSettlement {
  if (outcome.kind === 'error') return { status: 'failed', outcome, statusMessage: outcome.error.message }
  if (outcome.result.isError === true) {
    return {
      status: 'failed',
      outcome,
      statusMessage: firstText(outcome.result) ?? 'The tool reported an error',
    }
  }
  return { status: 'completed', outcome }
}

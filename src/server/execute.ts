/**
 * Runs one tool call, ordinary or as a task, and reports how the request ended. One place decides
 * what becomes a protocol error and what a tool execution error.
 */
import { ProtocolError } from '../protocol/errors.ts'
import type { Revision } from '../protocol/revisions/index.ts'
import type { TaskSettlement } from '../tasks/manager.ts'
import type { TaskOutcome } from '../tasks/types.ts'
import type { ToolContext } from './context.ts'
import { firstText, normalizeResult, toolError } from './result.ts'
import type { RegisteredTool } from './tool.ts'

export async function executeTool(
  tool: RegisteredTool,
  args: unknown,
  ctx: ToolContext,
  revision: Revision,
): Promise<TaskOutcome> {
  const validation = tool.validate(args)
  if (!validation.ok) {
    return revision.invalidArguments === 'tool-error'
      ? { kind: 'result', result: toolError(validation.message) }
      : { kind: 'error', error: ProtocolError.invalidParams(validation.message).toJSON() }
  }
  try {
    const value = await tool.handler(validation.value, ctx)
    return { kind: 'result', result: normalizeResult(value, tool) }
  } catch (error) {
    if (error instanceof ProtocolError) return { kind: 'error', error: error.toJSON() }
    return { kind: 'result', result: toolError(error instanceof Error ? error.message : String(error)) }
  }
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

/**
 * What a tool handler may return, and how it becomes a CallToolResult. A tool that fails is not a
 * protocol error: it answers `isError: true` (2025-11-25 server/tools "Error Handling").
 *
 * This is also the one place a tool's result is made safe to send: sealed (see protocol/json-seal.ts)
 * and checked against the CallToolResult schema once, when the tool settles. What leaves here is
 * frozen JSON data of known size that nothing downstream (store, SSE, stdio) can fail to write.
 */
import { z } from 'zod'
import type { CallToolResult, ContentBlock } from '../protocol/content.ts'
import { ProtocolError } from '../protocol/errors.ts'
import { describeJsonProblem, type JsonLimits, type JsonProblem, sealJson } from '../protocol/json-seal.ts'
import { isObject, type Params } from '../protocol/jsonrpc.ts'
import { callToolResultProblem } from '../protocol/tool-result.ts'
import type { RegisteredTool } from './tool.ts'

export type { CallToolResult, ContentBlock }

/** A string, content blocks, a full CallToolResult, or (with an `output` schema) the structured value. */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` lets handlers that return nothing type-check.
export type ToolReturn<Out = never> = string | ContentBlock[] | CallToolResult | Out | undefined | void

const isCallToolResult = (value: unknown): value is CallToolResult =>
  isObject(value) && Array.isArray(value.content)

const text = (value: string): ContentBlock => ({ type: 'text', text: value })

export const toolError = (message: string): Params => ({ content: [text(message)], isError: true })

/** A tool's result cannot be sent; the message names the tool, the problem and where it is. */
export class UnsendableResult extends Error {
  override readonly name = 'UnsendableResult'
}

/**
 * The handler's value as a CallToolResult that can be sent, or an UnsendableResult. The value is
 * sealed before anything reads it (so a getter or toJSON runs once, inside the seal), then
 * normalised, then the whole result is sealed again within the limits (cheap: the sealed part is
 * reused) and its shape checked.
 */
export function sendableResult(value: unknown, tool: RegisteredTool, limits: JsonLimits): Params {
  const plain = value === undefined ? undefined : sealed(value, tool.name, limits)
  const result = sealed(normalizeResult(plain, tool), tool.name, limits)
  const problem = callToolResultProblem(result)
  if (problem !== undefined) {
    throw new UnsendableResult(
      `Tool "${tool.name}" returned a result that is not a valid CallToolResult: ${problem}`,
    )
  }
  return result as Params
}

function sealed(value: unknown, name: string, limits: JsonLimits): unknown {
  const outcome = sealJson(value, limits)
  if (outcome.ok) return outcome.value
  const message = `Tool "${name}" returned a result that cannot be sent: ${describeJsonProblem(outcome.problem)}`
  throw new UnsendableResult(`${message}${optionOf(outcome.problem)}`)
}

/** Which server option sets the limit a result ran into. */
function optionOf(problem: JsonProblem): string {
  if (problem.kind === 'too-large') return ' (the server option maxResultBytes)'
  if (problem.kind === 'too-deep') return ' (the server option maxResultDepth)'
  return ''
}

export function normalizeResult(value: unknown, tool: RegisteredTool): Params {
  if (tool.output !== undefined) return structured(value, tool.name, tool.output)
  if (value === undefined || value === null) return { content: [] }
  if (typeof value === 'string') return { content: [text(value)] }
  if (Array.isArray(value)) return { content: value }
  if (isCallToolResult(value)) return value as Params
  return { content: [text(JSON.stringify(value))] }
}

/** With an output schema the value is validated and sent both as structuredContent and as JSON text. */
function structured(value: unknown, name: string, schema: z.ZodType<Record<string, unknown>>): Params {
  if (isCallToolResult(value) && (value.isError === true || value.structuredContent !== undefined))
    return value as Params
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw ProtocolError.internal(
      `Tool "${name}" returned a value that does not match its output schema:\n${z.prettifyError(parsed.error)}`,
    )
  }
  return { content: [text(JSON.stringify(parsed.data))], structuredContent: parsed.data }
}

/** A human-readable line for a task's statusMessage from an `isError` result. */
export function firstText(result: Params): string | undefined {
  const content = result.content
  if (!Array.isArray(content)) return undefined
  const block = content.find((item) => isObject(item) && item.type === 'text')
  return isObject(block) && typeof block.text === 'string' ? block.text : undefined
}

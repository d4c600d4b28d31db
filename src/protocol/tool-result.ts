/**
 * The shape check of a tool's result: 2025-11-25 server/tools "Tool Result" (content blocks of the
 * known types, `structuredContent` an object, `isError` a boolean), with the SDK's own schema.
 */
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js'
import type { z } from 'zod'

const BLOCK_TYPES = 'text, image, audio, resource_link or resource'

/** Why `value` is not a CallToolResult, e.g. `content[0].text: expected string`; undefined when it is. */
export function callToolResultProblem(value: unknown): string | undefined {
  const parsed = CallToolResultSchema.safeParse(value)
  if (parsed.success) return undefined
  const issue = parsed.error.issues[0]
  return issue === undefined ? 'it does not match the CallToolResult schema' : describe(issue, [])
}

/**
 * A content block that fails matches no branch of the union; the branch whose `type` it does match
 * says what is actually wrong ("text: expected string"), so that one is reported.
 */
function describe(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): string {
  const path = [...prefix, ...issue.path]
  if (issue.code !== 'invalid_union') return `${pathOf(path)}: ${issue.message}`
  const branch = issue.errors.find((issues) => !issues.some((inner) => inner.path[0] === 'type'))
  const inner = branch?.[0]
  if (inner !== undefined) return describe(inner, path)
  return `${pathOf(path)}: not a content block (its "type" must be ${BLOCK_TYPES})`
}

function pathOf(path: readonly PropertyKey[]): string {
  let text = ''
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`
    else text += text === '' ? String(key) : `.${String(key)}`
  }
  return text === '' ? 'the result' : text
}

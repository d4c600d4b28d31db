/**
 * The shape check of a tool's result: 2025-11-25 server/tools "Tool Result" (content blocks of the
 * known types, `structuredContent` an object, `isError` a boolean). The schema follows the types of
 * content.ts; objects stay open (`looseObject`), as later revisions may add fields.
 */
import { z } from 'zod'

const BLOCK_TYPES = 'text, image, audio, resource_link or resource'

const meta = z.record(z.string(), z.unknown()).optional()
const annotations = z
  .looseObject({
    audience: z.array(z.enum(['user', 'assistant'])).optional(),
    priority: z.number().min(0).max(1).optional(),
    lastModified: z.string().optional(),
  })
  .optional()
const common = { annotations, _meta: meta }
const media = (type: 'image' | 'audio') =>
  z.looseObject({ type: z.literal(type), data: z.string(), mimeType: z.string(), ...common })
const resourceContents = z.union([
  z.looseObject({ uri: z.string(), mimeType: z.string().optional(), text: z.string(), _meta: meta }),
  z.looseObject({ uri: z.string(), mimeType: z.string().optional(), blob: z.string(), _meta: meta }),
])

/** 2025-11-25 "ContentBlock". A plain union, so a failing block reports every branch (see describe). */
const contentBlock = z.union([
  z.looseObject({ type: z.literal('text'), text: z.string(), ...common }),
  media('image'),
  media('audio'),
  z.looseObject({
    type: z.literal('resource_link'),
    uri: z.string(),
    name: z.string(),
    size: z.number().optional(),
    ...common,
  }),
  z.looseObject({ type: z.literal('resource'), resource: resourceContents, ...common }),
])

const CallToolResultSchema = z.looseObject({
  content: z.array(contentBlock),
  structuredContent: z.record(z.string(), z.unknown()).optional(),
  isError: z.boolean().optional(),
  _meta: meta,
})

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

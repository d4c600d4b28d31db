/**
 * Tool definitions: what a developer writes, and the normalised form the server serves. The zod
 * input schema gives both validation and the `inputSchema` of tools/list.
 */
import { z } from 'zod'
import { TaskwireError } from '../errors.ts'
import type { Params } from '../protocol/jsonrpc.ts'
import type { TaskMode } from '../protocol/task-model.ts'
import type { ToolContext } from './context.ts'
import { jsonSchemaOf } from './json-schema.ts'
import type { ToolReturn } from './result.ts'
import { checkTimeout } from './timeouts.ts'
import { requireZod4 } from './zod-version.ts'

/** `true` is shorthand for 'optional'; absent or `false` is 'forbidden' (the spec's default). */
export type ToolTaskOption = boolean | TaskMode

export type AnyObjectSchema = z.ZodType<Record<string, unknown>>

export interface ToolDefinition<
  I extends AnyObjectSchema | undefined,
  O extends AnyObjectSchema | undefined,
> {
  /** 1-128 characters of A-Z a-z 0-9 _ - . (2025-11-25 server/tools "Tool Names"). */
  name: string
  title?: string
  description?: string
  /** Arguments schema; the handler runs only with arguments that pass it. */
  input?: I
  /**
   * A ready JSON Schema served as `inputSchema` exactly as given (`$schema`, `$defs`, `$ref`,
   * `allOf`, `if`/`then`/`else` included), in place of the one `input` gives. taskwire does not
   * validate against it: arguments are checked by `input` when present, else passed on as sent.
   */
  inputSchema?: Params
  /** Structured output schema: gives `outputSchema`, and the handler's value becomes `structuredContent`. */
  output?: O
  /** Whether the tool may, must or must not run as a task. */
  task?: ToolTaskOption
  /**
   * Longest a call may run, plain or as a task, in ms; null for no limit. Default: the server's
   * `toolTimeoutMs` (one hour). At the deadline `ctx.signal` aborts with `reason.why === 'timeout'`,
   * a plain call answers an isError result, and a task ends `failed`, even if the handler never returns.
   */
  timeoutMs?: number | null
  annotations?: Params
  _meta?: Params
}

/** Without an `input` schema nothing is validated, so the handler sees the arguments as sent. */
export type ToolArgs<I> = I extends AnyObjectSchema ? z.output<I> : Record<string, unknown>
export type ToolOutput<O> = O extends AnyObjectSchema ? z.input<O> : never

export type ToolHandler<I, O> = (
  args: ToolArgs<I>,
  ctx: ToolContext,
) => ToolReturn<ToolOutput<O>> | Promise<ToolReturn<ToolOutput<O>>>

export type Validation = { ok: true; value: Record<string, unknown> } | { ok: false; message: string }

/** A tool as the server keeps it. */
export interface RegisteredTool {
  readonly name: string
  readonly mode: TaskMode
  /** The Tool wire fields except `execution`, which depends on the session's revision. */
  readonly listing: Params
  readonly validate: (args: unknown) => Validation
  readonly output: AnyObjectSchema | undefined
  /** The tool's own limit in ms, null for none; undefined: the server's default applies. */
  readonly timeoutMs: number | null | undefined
  readonly handler: (args: Record<string, unknown>, ctx: ToolContext) => unknown
}

const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/

export function taskModeOf(option: ToolTaskOption | undefined): TaskMode {
  if (option === true) return 'optional'
  if (option === false || option === undefined) return 'forbidden'
  if (option === 'optional' || option === 'required' || option === 'forbidden') return option
  throw new TaskwireError(
    'INVALID_TOOL',
    `task must be true, false, 'optional', 'required' or 'forbidden'; got ${String(option)}`,
  )
}

/** 2025-11-25 server/tools: `inputSchema` MUST be a JSON Schema object of type "object". */
function inputSchemaOf(name: string, input: AnyObjectSchema | undefined, inputSchema?: Params): Params {
  if (inputSchema === undefined)
    return input === undefined ? { type: 'object' } : jsonSchemaOf(input, 'input', 'any')
  if (inputSchema.type !== 'object') {
    throw new TaskwireError('INVALID_TOOL', `Tool "${name}": inputSchema must have "type": "object"`)
  }
  return inputSchema
}

function validatorOf(name: string, schema: AnyObjectSchema | undefined): (args: unknown) => Validation {
  if (schema === undefined) return (args) => ({ ok: true, value: (args ?? {}) as Record<string, unknown> })
  return (args) => {
    const parsed = schema.safeParse(args ?? {})
    if (parsed.success) return { ok: true, value: parsed.data }
    return { ok: false, message: `Invalid arguments for tool "${name}":\n${z.prettifyError(parsed.error)}` }
  }
}

export function registerTool<I extends AnyObjectSchema | undefined, O extends AnyObjectSchema | undefined>(
  definition: ToolDefinition<I, O>,
  handler: ToolHandler<I, O>,
): RegisteredTool {
  const { name, title, description, input, output, annotations, _meta } = definition
  if (!TOOL_NAME.test(name)) {
    throw new TaskwireError(
      'INVALID_TOOL',
      `Tool name "${name}" must be 1-128 characters of A-Z a-z 0-9 _ - .`,
    )
  }
  if (input !== undefined) requireZod4(input, `Tool "${name}": \`input\``)
  if (output !== undefined) requireZod4(output, `Tool "${name}": \`output\``)
  const listing: Params = {
    name,
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    inputSchema: inputSchemaOf(name, input, definition.inputSchema),
    ...(output === undefined ? {} : { outputSchema: jsonSchemaOf(output, 'output', 'any') }),
    ...(annotations === undefined ? {} : { annotations }),
    ...(_meta === undefined ? {} : { _meta }),
  }
  return {
    name,
    mode: taskModeOf(definition.task),
    listing,
    validate: validatorOf(name, input),
    output,
    timeoutMs:
      definition.timeoutMs === undefined
        ? undefined
        : checkTimeout(`Tool "${name}": timeoutMs`, definition.timeoutMs),
    handler: handler as RegisteredTool['handler'],
  }
}

/**
 * Prompts (2025-11-25 server/prompts): definitions with zod-validated string arguments, and what a
 * prompt handler may return.
 */
import { z } from 'zod'
import { TaskwireError } from '../errors.ts'
import { ProtocolError } from '../protocol/errors.ts'
import type { Params } from '../protocol/jsonrpc.ts'
import type { ToolContext } from './context.ts'
import { type Completer, completersOf } from './resources.ts'
import { requireZod4 } from './zod-version.ts'

export type PromptArgsSchema = z.ZodObject<Record<string, z.ZodType<string | undefined>>>

export interface PromptDefinition<A extends PromptArgsSchema | undefined> {
  name: string
  title?: string
  description?: string
  /** String arguments; optional fields are optional arguments. */
  arguments?: A
  /** Completion of argument values for completion/complete, by argument name. */
  complete?: Record<string, Completer>
  _meta?: Params
}

export type PromptMessage = Params
/** A plain string (one user text message), messages, or a full GetPromptResult. */
export type PromptReturn = string | PromptMessage[] | { description?: string; messages: PromptMessage[] }

export type PromptHandler<A> = (
  args: A extends PromptArgsSchema ? z.output<A> : Record<string, never>,
  ctx: ToolContext,
) => PromptReturn | Promise<PromptReturn>

interface RegisteredPrompt {
  readonly listing: Params
  readonly schema: PromptArgsSchema | undefined
  /** By argument name; a Map, since the name comes from the client (completion/complete). */
  readonly complete: ReadonlyMap<string, Completer>
  readonly handler: (args: Record<string, unknown>, ctx: ToolContext) => PromptReturn | Promise<PromptReturn>
}

/** The `arguments` entries of prompts/list, read off the zod object. */
function argumentsOf(schema: PromptArgsSchema): Params[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const description = descriptionOf(field)
    return {
      name,
      ...(description === undefined ? {} : { description }),
      required: !field.safeParse(undefined).success,
    }
  })
}

/** `.describe()` set inside `.optional()` or `.default()` stays on the inner schema: look there too. */
function descriptionOf(field: z.core.$ZodType): string | undefined {
  let current: z.core.$ZodType | undefined = field
  for (let depth = 0; current !== undefined && depth < 4; depth++) {
    const description = z.globalRegistry.get(current)?.description
    if (description !== undefined) return description
    current =
      current instanceof z.ZodOptional || current instanceof z.ZodDefault ? current.unwrap() : undefined
  }
  return undefined
}

export class PromptRegistry {
  readonly #prompts = new Map<string, RegisteredPrompt>()

  add<A extends PromptArgsSchema | undefined>(
    definition: PromptDefinition<A>,
    handler: PromptHandler<A>,
  ): void {
    const { name, title, description, arguments: schema, complete = {}, _meta } = definition
    if (this.#prompts.has(name))
      throw new TaskwireError('DUPLICATE_PROMPT', `A prompt named "${name}" is already registered`)
    if (schema !== undefined) requireZod4(schema, `Prompt "${name}": \`arguments\``)
    const listing: Params = {
      name,
      ...(title === undefined ? {} : { title }),
      ...(description === undefined ? {} : { description }),
      ...(schema === undefined ? {} : { arguments: argumentsOf(schema) }),
      ...(_meta === undefined ? {} : { _meta }),
    }
    this.#prompts.set(name, {
      listing,
      schema,
      complete: completersOf(complete),
      handler: handler as RegisteredPrompt['handler'],
    })
  }

  get listings(): Params[] {
    return [...this.#prompts.values()].map((prompt) => prompt.listing)
  }

  get size(): number {
    return this.#prompts.size
  }

  completer(name: string, argument: string): Completer | undefined {
    return this.#prompts.get(name)?.complete.get(argument)
  }

  /** prompts/get: unknown prompt and invalid arguments are -32602 (server/prompts "Error Handling"). */
  async get(name: string, args: unknown, ctx: ToolContext): Promise<Params> {
    const prompt = this.#prompts.get(name)
    if (prompt === undefined) throw ProtocolError.invalidParams(`Unknown prompt: ${name}`)
    let values: Record<string, unknown> = {}
    if (prompt.schema !== undefined) {
      const parsed = prompt.schema.safeParse(args ?? {})
      if (!parsed.success) {
        throw ProtocolError.invalidParams(
          `Invalid arguments for prompt "${name}":\n${z.prettifyError(parsed.error)}`,
        )
      }
      values = parsed.data
    }
    return resultOf(await prompt.handler(values, ctx))
  }
}

function resultOf(value: PromptReturn): Params {
  if (typeof value === 'string')
    return { messages: [{ role: 'user', content: { type: 'text', text: value } }] }
  if (Array.isArray(value)) return { messages: value }
  return value as Params
}

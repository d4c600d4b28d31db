/**
 * `ctx.elicit` and `ctx.sample`: requests to the client made from inside a tool, the same code for
 * ordinary calls and tasks. Only the delivery differs, and the caller supplies it as `send`.
 */
import { z } from 'zod'
import type { CreateMessageResult, ElicitResult, SamplingRequest } from '../protocol/content.ts'
import { isObject, type Params } from '../protocol/jsonrpc.ts'
import { Method } from '../protocol/methods.ts'
import { jsonSchemaOf } from './json-schema.ts'

/** The client did not declare the capability a request needs, so it is not sent. */
export class ClientCapabilityError extends Error {
  override readonly name = 'ClientCapabilityError'
}

export interface FormElicitation<S extends z.ZodType<Record<string, unknown>> | undefined = undefined> {
  message: string
  /** A zod object of primitive fields: gives `requestedSchema`, and accepted content is validated against it. */
  schema?: S
  /** A ready JSON Schema (flat object of primitives), when not using `schema`. */
  requestedSchema?: Params
}

export interface UrlElicitation {
  message: string
  /** Out-of-band: the client shows the user this URL (2025-11-25 client/elicitation "URL mode"). */
  url: string
  elicitationId?: string
}

export type Elicitation<C> =
  | { action: 'accept'; content: C }
  | { action: 'decline'; content?: undefined }
  | { action: 'cancel'; content?: undefined }

export type { CreateMessageResult, ElicitResult, SamplingRequest }

export type SendToClient = (method: string, params: Params) => Promise<Params>

function requireCapability(capabilities: Record<string, unknown>, path: string[], what: string): void {
  let node: unknown = capabilities
  for (const key of path) node = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined
  if (!isObject(node)) {
    throw new ClientCapabilityError(
      `The client did not declare the "${path.join('.')}" capability, so it cannot ${what}; nothing was sent`,
    )
  }
}

/** 2025-11-25 client/elicitation "Capabilities": an empty `elicitation` object means form mode only. */
function checkElicitation(capabilities: Record<string, unknown>, url: boolean): void {
  requireCapability(capabilities, ['elicitation'], 'answer elicitation requests')
  const declared = capabilities.elicitation as Record<string, unknown>
  if (url) requireCapability(capabilities, ['elicitation', 'url'], 'answer URL-mode elicitation')
  else if (Object.keys(declared).length > 0 && !isObject(declared.form)) {
    requireCapability(capabilities, ['elicitation', 'form'], 'answer form-mode elicitation')
  }
}

export async function elicit(
  send: SendToClient,
  capabilities: Record<string, unknown>,
  request: FormElicitation<z.ZodType<Record<string, unknown>> | undefined> | UrlElicitation,
  withMode: boolean,
): Promise<Elicitation<Record<string, unknown>>> {
  const url = 'url' in request
  checkElicitation(capabilities, url)
  const params: Params = url
    ? {
        mode: 'url',
        message: request.message,
        url: request.url,
        elicitationId: request.elicitationId ?? crypto.randomUUID(),
      }
    : {
        ...(withMode ? { mode: 'form' } : {}),
        message: request.message,
        requestedSchema: requestedSchemaOf(request),
      }
  const answer = await send(Method.ElicitationCreate, params)
  return readElicitation(answer, url ? undefined : request.schema)
}

function requestedSchemaOf(request: FormElicitation<z.ZodType<Record<string, unknown>> | undefined>): Params {
  if (request.schema === undefined) return request.requestedSchema ?? { type: 'object', properties: {} }
  return jsonSchemaOf(request.schema, 'input')
}

function readElicitation(
  answer: Params,
  schema: z.ZodType<Record<string, unknown>> | undefined,
): Elicitation<Record<string, unknown>> {
  const { action, content } = answer
  if (action === 'decline' || action === 'cancel') return { action }
  if (action !== 'accept')
    throw new Error(`The client answered elicitation/create with an unknown action: ${String(action)}`)
  const raw = isObject(content) ? content : {}
  if (schema === undefined) return { action, content: raw }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    throw new Error(
      `The client's elicitation answer does not match the requested schema:\n${z.prettifyError(parsed.error)}`,
    )
  }
  return { action, content: parsed.data }
}

/** 2025-11-25 client/sampling: `sampling` must be declared, and `sampling.tools` to pass tools. */
export async function sample(
  send: SendToClient,
  capabilities: Record<string, unknown>,
  request: SamplingRequest,
): Promise<CreateMessageResult> {
  requireCapability(capabilities, ['sampling'], 'answer sampling requests')
  if (request.tools !== undefined) requireCapability(capabilities, ['sampling', 'tools'], 'sample with tools')
  return (await send(Method.SamplingCreateMessage, { ...request })) as CreateMessageResult
}

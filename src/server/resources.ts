/**
 * Resources and resource templates (2025-11-25 server/resources): definitions, lookup by URI, and
 * what a read handler may return.
 */
import { TaskwireError } from '../errors.ts'
import { ErrorCode, ProtocolError } from '../protocol/errors.ts'
import type { Params } from '../protocol/jsonrpc.ts'
import type { ToolContext as RequestContext } from './context.ts'
import { UriTemplate } from './uri-template.ts'

export interface ResourceDefinition {
  uri: string
  name: string
  title?: string
  description?: string
  mimeType?: string
  size?: number
  annotations?: Params
  _meta?: Params
}

/**
 * The variable names of an RFC 6570 template literal: 'id' | 'path' for 'users://{id}/{+path}'.
 * A template known only as `string` gives `string`.
 */
export type TemplateVariables<T extends string> = string extends T
  ? string
  : T extends `${string}{${infer Name}}${infer Rest}`
    ? (Name extends `+${infer Bare}` ? Bare : Name) | TemplateVariables<Rest>
    : never

export interface ResourceTemplateDefinition<T extends string = string> {
  uriTemplate: T
  name: string
  title?: string
  description?: string
  mimeType?: string
  annotations?: Params
  _meta?: Params
  /** Completion of template variables for completion/complete, by variable name. */
  complete?: Partial<Record<TemplateVariables<T>, Completer>>
}

/** Completion values for a partial `value`; `context` holds other arguments already resolved. */
export type Completer = (value: string, context: Record<string, string>) => string[] | Promise<string[]>

/** Text, bytes (sent as base64 `blob`), or full ResourceContents entries. */
export type ResourceBody = string | Uint8Array | Params | Params[]

export type ResourceReader = (uri: string, ctx: RequestContext) => ResourceBody | Promise<ResourceBody>
/** Reads a URI the template matched; a match binds every variable of the template (decoded). */
export type TemplateReader<V extends string = string> = (
  uri: string,
  variables: Record<V, string>,
  ctx: RequestContext,
) => ResourceBody | Promise<ResourceBody>

interface StaticResource {
  readonly listing: Params
  readonly mimeType: string | undefined
  readonly read: ResourceReader
}

interface TemplateResource {
  readonly listing: Params
  readonly template: UriTemplate
  readonly mimeType: string | undefined
  /** By variable name; a Map, since the name comes from the client (completion/complete). */
  readonly complete: ReadonlyMap<string, Completer>
  readonly read: TemplateReader
}

/** The developer's `complete` table as a Map: only its own entries, never Object.prototype's members. */
export const completersOf = (complete: Partial<Record<string, Completer>>): ReadonlyMap<string, Completer> =>
  new Map(
    Object.entries(complete).filter((entry): entry is [string, Completer] => typeof entry[1] === 'function'),
  )

const defined = (fields: Params): Params =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))

export class ResourceRegistry {
  readonly #static = new Map<string, StaticResource>()
  readonly #templates = new Map<string, TemplateResource>()

  add(definition: ResourceDefinition, read: ResourceReader): void {
    if (this.#static.has(definition.uri)) {
      throw new TaskwireError(
        'DUPLICATE_RESOURCE',
        `A resource with URI "${definition.uri}" is already registered`,
      )
    }
    this.#static.set(definition.uri, {
      listing: defined({ ...definition }),
      mimeType: definition.mimeType,
      read,
    })
  }

  addTemplate(definition: ResourceTemplateDefinition, read: TemplateReader): void {
    if (this.#templates.has(definition.name)) {
      throw new TaskwireError(
        'DUPLICATE_RESOURCE',
        `A resource template named "${definition.name}" is already registered`,
      )
    }
    const { complete = {}, ...listing } = definition
    this.#templates.set(definition.name, {
      listing: defined(listing),
      template: new UriTemplate(definition.uriTemplate),
      mimeType: definition.mimeType,
      complete: completersOf(complete),
      read,
    })
  }

  get resources(): Params[] {
    return [...this.#static.values()].map((resource) => resource.listing)
  }

  get templates(): Params[] {
    return [...this.#templates.values()].map((template) => template.listing)
  }

  get size(): number {
    return this.#static.size + this.#templates.size
  }

  /** Completion for a template variable: by template URI (ref/resource) and variable name. */
  completer(uriTemplate: string, variable: string): Completer | undefined {
    for (const template of this.#templates.values()) {
      if (template.template.template === uriTemplate) return template.complete.get(variable)
    }
    return undefined
  }

  /** resources/read: a static resource first, then the first template that matches. */
  async read(uri: string, ctx: RequestContext): Promise<Params[]> {
    const resource = this.#static.get(uri)
    if (resource !== undefined) return contentsOf(uri, resource.mimeType, await resource.read(uri, ctx))
    for (const template of this.#templates.values()) {
      const variables = template.template.match(uri)
      if (variables !== undefined)
        return contentsOf(uri, template.mimeType, await template.read(uri, variables, ctx))
    }
    // 2025-11-25 server/resources "Error Handling": resource not found is -32002.
    throw new ProtocolError(ErrorCode.ResourceNotFound, `Resource not found: ${uri}`, { uri })
  }

  has(uri: string): boolean {
    return (
      this.#static.has(uri) || [...this.#templates.values()].some((t) => t.template.match(uri) !== undefined)
    )
  }
}

function contentsOf(uri: string, mimeType: string | undefined, body: ResourceBody): Params[] {
  const mime = mimeType === undefined ? {} : { mimeType }
  if (typeof body === 'string') return [{ uri, ...mime, text: body }]
  if (body instanceof Uint8Array) return [{ uri, ...mime, blob: Buffer.from(body).toString('base64') }]
  if (Array.isArray(body)) return body
  return [body]
}

/** resources/*, prompts/* and completion/complete (2025-11-25 server/resources, prompts, completion). */
import { ErrorCode, ProtocolError } from '../../protocol/errors.ts'
import type { Params } from '../../protocol/jsonrpc.ts'
import { Method } from '../../protocol/methods.ts'
import { readOptionalObject, readOptionalString, readString } from '../../protocol/params.ts'
import { paginate } from '../paginate.ts'
import { inflightContext } from './request-context.ts'
import { type RequestCall, RequestCancelled } from './types.ts'

const listOf = (key: string, items: Params[], call: RequestCall): Params => {
  const cursor = readOptionalString(call.params, 'cursor', call.method)
  const page = paginate(items, cursor, call.session.server.toolsPageSize, call.method)
  return page.nextCursor === undefined
    ? { [key]: page.items }
    : { [key]: page.items, nextCursor: page.nextCursor }
}

export const handleResourcesList = (call: RequestCall): Params =>
  listOf('resources', call.session.server.resources.resources, call)

export const handleResourceTemplatesList = (call: RequestCall): Params =>
  listOf('resourceTemplates', call.session.server.resources.templates, call)

export const handlePromptsList = (call: RequestCall): Params =>
  listOf('prompts', call.session.server.prompts.listings, call)

/** Runs a handler with an ordinary request's context; a cancelled request gets no response. */
async function withContext(
  call: RequestCall,
  run: (ctx: ReturnType<typeof inflightContext>['ctx']) => Promise<Params>,
) {
  const { ctx, signal, done } = inflightContext(call)
  try {
    const result = await run(ctx)
    if (signal.aborted) throw new RequestCancelled()
    return result
  } finally {
    done()
  }
}

export async function handleResourcesRead(call: RequestCall): Promise<Params> {
  const uri = readString(call.params, 'uri', Method.ResourcesRead)
  return withContext(call, async (ctx) => ({ contents: await call.session.server.resources.read(uri, ctx) }))
}

export async function handlePromptsGet(call: RequestCall): Promise<Params> {
  const name = readString(call.params, 'name', Method.PromptsGet)
  const args = readOptionalObject(call.params, 'arguments', Method.PromptsGet)
  return withContext(call, (ctx) => call.session.server.prompts.get(name, args, ctx))
}

/** resources/subscribe: the session hears notifications/resources/updated for the URI. */
export function handleResourcesSubscribe({ params, session, method }: RequestCall): Params {
  const uri = readString(params, 'uri', method)
  if (!session.server.resources.has(uri)) {
    throw new ProtocolError(ErrorCode.ResourceNotFound, `Resource not found: ${uri}`, { uri })
  }
  session.subscriptions.add(uri)
  return {}
}

export function handleResourcesUnsubscribe({ params, session, method }: RequestCall): Params {
  session.subscriptions.delete(readString(params, 'uri', method))
  return {}
}

/** At most 100 values per answer (server/utilities/completion). */
const MAX_COMPLETIONS = 100

export async function handleComplete({ params, session }: RequestCall): Promise<Params> {
  const ref = readOptionalObject(params, 'ref', Method.CompletionComplete)
  const argument = readOptionalObject(params, 'argument', Method.CompletionComplete)
  if (ref === undefined || argument === undefined) {
    throw ProtocolError.invalidParams('completion/complete: "ref" and "argument" are required objects')
  }
  const name = readString(argument, 'name', Method.CompletionComplete)
  const value = typeof argument.value === 'string' ? argument.value : ''
  const resolved = resolvedArguments(readOptionalObject(params, 'context', Method.CompletionComplete))
  const completer = completerFor(ref, name, session.server)
  const all = completer === undefined ? [] : await completer(value, resolved)
  const values = all.slice(0, MAX_COMPLETIONS)
  return { completion: { values, total: all.length, hasMore: all.length > values.length } }
}

/** `context.arguments`: the string values only, as own properties (what `Completer` promises). */
function resolvedArguments(context: Params | undefined): Record<string, string> {
  const args = context?.arguments
  if (typeof args !== 'object' || args === null) return {}
  return Object.fromEntries(Object.entries(args).filter((entry) => typeof entry[1] === 'string'))
}

function completerFor(ref: Params, name: string, server: RequestCall['session']['server']) {
  if (ref.type === 'ref/prompt') {
    const prompt = readString(ref, 'name', Method.CompletionComplete)
    if (!server.prompts.listings.some((listing) => listing.name === prompt)) {
      throw ProtocolError.invalidParams(`Unknown prompt: ${prompt}`)
    }
    return server.prompts.completer(prompt, name)
  }
  if (ref.type === 'ref/resource')
    return server.resources.completer(readString(ref, 'uri', Method.CompletionComplete), name)
  throw ProtocolError.invalidParams('completion/complete: "ref.type" must be "ref/prompt" or "ref/resource"')
}

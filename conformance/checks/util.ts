/** Small helpers the checks share: describing replies, judging error codes, capability gates. */
import type { RequirementId } from '../../spec/requirements.ts'
import type { Reply } from '../client/http.ts'
import { brief, isObject, type JsonObject } from '../client/json.ts'
import type { CheckContext } from '../types.ts'
import { Skip, type Verdict } from '../verdict.ts'

/** One readable phrase for whatever the server answered. */
export function describe(reply: Reply): string {
  if (reply.error !== undefined) return `error ${reply.error.code} "${clip(reply.error.message)}"`
  if (reply.result !== undefined) return `result ${brief(reply.result)}`
  return `HTTP ${reply.status} ${brief(reply.body ?? '', 120)}`
}

/** A message on one line, cut to `max` characters. */
export function clip(message: string, max = 90): string {
  const line = message.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max)}…` : line
}

/** A message that says something: not empty, not just the name of the code. */
export function informative(message: string | undefined): boolean {
  const text = message?.trim() ?? ''
  return text.length >= 8 && !/^(internal error|error|invalid params|invalid request)\.?$/i.test(text)
}

/**
 * Records `id` on whether `reply` is the JSON-RPC error `code`, plus TASK-ERR-03 (no -32603 for a
 * client mistake) and TASK-ERR-04 (an informative message).
 */
export function expectError(
  v: Verdict,
  id: RequirementId,
  reply: Reply,
  code: number,
  what: string,
): boolean {
  const ok = v.expect(
    id,
    reply.error?.code === code,
    `${what} answered ${describe(reply)}, expected error ${code}`,
  )
  v.expect(
    'TASK-ERR-03',
    reply.error?.code !== -32603,
    `${what} answered -32603 (internal error) for a client mistake`,
  )
  if (reply.error !== undefined) {
    v.expect(
      'TASK-ERR-04',
      informative(reply.error.message),
      `${what}: uninformative message "${reply.error.message}"`,
    )
  }
  return ok
}

/** The `tasks` capability leaf, e.g. `leaf(ctx, 'cancel')`; undefined when not declared. */
export function taskCapability(ctx: CheckContext, name: 'list' | 'cancel'): JsonObject | undefined {
  const tasks = ctx.discovery.capabilities.tasks
  if (!isObject(tasks)) return undefined
  const leaf = tasks[name]
  return isObject(leaf) ? leaf : undefined
}

export function requireCapability(ctx: CheckContext, name: 'list' | 'cancel'): void {
  if (taskCapability(ctx, name) === undefined) {
    throw new Skip(`the server does not declare tasks.${name}, so tasks/${name} is not expected to work`)
  }
}

export const hasTool = (ctx: CheckContext, name: string): boolean => ctx.discovery.tools.has(name)

/** The result of a reply, without its `_meta` (for comparing results across calls). */
export function withoutMeta(result: JsonObject | undefined): JsonObject | undefined {
  if (result === undefined) return undefined
  const { _meta: _ignored, ...rest } = result
  return rest
}

/** Deep equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]))
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson(a[key], b[key]))
  }
  return false
}

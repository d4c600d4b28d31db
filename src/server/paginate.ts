/**
 * Offset pagination for the server's own lists (tools, resources, templates, prompts), behind
 * opaque cursors (server/utilities/pagination): a cursor we did not issue is -32602.
 */
import { ProtocolError } from '../protocol/errors.ts'

export interface Page<T> {
  readonly items: readonly T[]
  readonly nextCursor?: string
}

const encode = (kind: string, offset: number): string =>
  Buffer.from(`${kind}:${offset}`).toString('base64url')

function decode(kind: string, cursor: string, method: string): number {
  const match = new RegExp(`^${kind}:(\\d{1,9})$`).exec(Buffer.from(cursor, 'base64url').toString())
  if (match?.[1] === undefined) {
    throw ProtocolError.invalidParams(
      `${method}: invalid cursor; pass back the nextCursor of an earlier page unchanged`,
    )
  }
  return Number(match[1])
}

export function paginate<T>(
  items: readonly T[],
  cursor: string | undefined,
  pageSize: number,
  method: string,
): Page<T> {
  const kind = method.split('/')[0] ?? method
  const start = cursor === undefined ? 0 : decode(kind, cursor, method)
  const page = items.slice(start, start + pageSize)
  const next = start + page.length
  return next < items.length ? { items: page, nextCursor: encode(kind, next) } : { items: page }
}

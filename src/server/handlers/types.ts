import type { Params, RequestId } from '../../protocol/jsonrpc.ts'
import type { Session } from '../session.ts'
import type { RequestScope } from '../transport.ts'

/** One incoming request as a method handler sees it. */
export interface RequestCall {
  readonly id: RequestId
  readonly method: string
  readonly params: Params | undefined
  readonly session: Session
  readonly scope: RequestScope
}

export type MethodHandler = (call: RequestCall) => Params | Promise<Params>

/** Thrown by a handler whose request was cancelled: the request gets no response (cancellation.mdx). */
export class RequestCancelled extends Error {
  override readonly name = 'RequestCancelled'
}

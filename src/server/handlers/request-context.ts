/**
 * The handler context of an ordinary (non-task) request: its messages travel on the request's own
 * stream, `notifications/cancelled` aborts it, and it is tracked while in flight.
 */
import type { Params } from '../../protocol/jsonrpc.ts'
import { createToolContext, type ToolContext } from '../context.ts'
import type { RequestCall } from './types.ts'

export interface InflightContext {
  readonly ctx: ToolContext
  readonly signal: AbortSignal
  /** Stops tracking the request; call when it is answered. */
  readonly done: () => void
}

export function progressTokenOf(params: Params | undefined): string | number | undefined {
  const meta = params?._meta
  if (typeof meta !== 'object' || meta === null) return undefined
  const token = (meta as Params).progressToken
  return typeof token === 'string' || typeof token === 'number' ? token : undefined
}

export function inflightContext({ id, params, session }: RequestCall): InflightContext {
  const controller = new AbortController()
  session.inflight.set(id, controller)
  const ctx = createToolContext({
    signal: controller.signal,
    requestId: id,
    session: session.info(),
    auth: session.principal,
    task: undefined,
    progressToken: progressTokenOf(params),
    notify: (method, notificationParams) =>
      void session.outbound.send({ jsonrpc: '2.0', method, params: notificationParams }, id),
    shouldLog: (level) => session.shouldLog(level),
    sendToClient: (method, requestParams) =>
      session.server.input.forCall(session, id, method, requestParams, controller.signal),
    elicitationModes: session.revision?.elicitationModes ?? false,
    closeStream: (retryMs) => session.outbound.closeStream?.(id, retryMs) ?? false,
  })
  return { ctx, signal: controller.signal, done: () => session.inflight.delete(id) }
}

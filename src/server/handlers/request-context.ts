/**
 * The handler context of an ordinary (non-task) request: its messages travel on the request's own
 * stream, `notifications/cancelled` aborts it, and it is tracked while in flight. Once the request
 * is answered its context is spent: progress, log messages and requests to the client that a
 * handler still makes are dropped or refused, since they would name a request that no longer exists
 * (2025-11-25 progress: notifications refer to an active request).
 */
import type { Params } from '../../protocol/jsonrpc.ts'
import { createToolContext, type ToolContext } from '../context.ts'
import type { RequestCall } from './types.ts'

export interface InflightContext {
  readonly ctx: ToolContext
  readonly signal: AbortSignal
  /** Aborts the handler's signal (a timeout); the request is still answered by its caller. */
  readonly abort: (reason: Error) => void
  /** Stops tracking the request and spends its context; call when it is answered. */
  readonly done: () => void
}

export function progressTokenOf(params: Params | undefined): string | number | undefined {
  const meta = params?._meta
  if (typeof meta !== 'object' || meta === null) return undefined
  const token = (meta as Params).progressToken
  return typeof token === 'string' || typeof token === 'number' ? token : undefined
}

/** The call was answered, so what its handler still asks of the client has nowhere to go. */
export class CallAnsweredError extends Error {
  override readonly name = 'CallAnsweredError'
}

export function inflightContext({ id, method, params, session }: RequestCall): InflightContext {
  const controller = new AbortController()
  const abort = (reason: Error) => controller.abort(reason)
  const untrack = session.track(id, abort)
  let answered = false
  const ctx = createToolContext({
    signal: controller.signal,
    requestId: id,
    session: session.info(),
    auth: session.principal,
    task: undefined,
    progressToken: progressTokenOf(params),
    notify: (notification, notificationParams) => {
      if (!answered)
        session.outbound.send({ jsonrpc: '2.0', method: notification, params: notificationParams }, id)
    },
    shouldLog: (level) => session.shouldLog(level),
    sendToClient: (request, requestParams) =>
      answered
        ? Promise.reject(
            new CallAnsweredError(
              `${method} ${JSON.stringify(id)} was already answered; ${request} was not sent`,
            ),
          )
        : session.server.input.forCall(session, id, request, requestParams, controller.signal),
    elicitationModes: session.revision?.elicitationModes ?? false,
    closeStream: (retryMs) => !answered && (session.outbound.closeStream?.(id, retryMs) ?? false),
  })
  const done = () => {
    answered = true
    untrack()
  }
  return { ctx, signal: controller.signal, abort, done }
}

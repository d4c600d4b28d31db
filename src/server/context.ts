/** The context object every tool handler receives: `(args, ctx) => result`. */
import type { z } from 'zod'
import type { RequestId } from '../protocol/jsonrpc.ts'
import type { TaskStatus } from '../protocol/task-model.ts'
import type { ProtocolVersion } from '../protocol/versions.ts'
import {
  type CreateMessageResult,
  type Elicitation,
  elicit,
  type FormElicitation,
  type SamplingRequest,
  type SendToClient,
  sample,
  type UrlElicitation,
} from './client-calls.ts'
import type { Principal } from './transport.ts'

type ObjectSchema = z.ZodType<Record<string, unknown>>

/** RFC 5424 severities, as MCP logging uses them (lowest first). */
export const LOG_LEVELS = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface SessionInfo {
  readonly id: string
  readonly protocolVersion: ProtocolVersion
  readonly clientInfo: Readonly<Record<string, unknown>> | undefined
  readonly clientCapabilities: Readonly<Record<string, unknown>>
}

export interface TaskInfo {
  readonly id: string
  /** The task's current status (`working`, `input_required`, or terminal once cancelled). */
  readonly status: TaskStatus
}

export interface ToolContext {
  /** Aborted by `tasks/cancel` (tasks), `notifications/cancelled` (ordinary calls), ttl expiry or shutdown. */
  readonly signal: AbortSignal
  readonly requestId: RequestId
  readonly session: SessionInfo
  /** The principal the authentication hook returned, if any. */
  readonly auth: Principal | undefined
  /** Set when the call runs as a task. */
  readonly task: TaskInfo | undefined
  /**
   * Reports progress when the client sent a progressToken. Values must increase; a value that does
   * not is dropped. Nothing is sent once the task is terminal (2025-11-25 progress, rule 3.b).
   */
  progress(progress: number, total?: number, message?: string): void
  /** Sends `notifications/message` when `level` is at or above the session's logging level. */
  log(level: LogLevel, data: unknown, logger?: string): void
  /**
   * Asks the user through the client (`elicitation/create`) and resolves with the answer: accept
   * (with content, validated against `schema` when given), decline or cancel. In a task the task is
   * `input_required` meanwhile. Fails with ClientCapabilityError when the client did not declare
   * elicitation, and with InputTimeoutError when no answer comes in time.
   */
  elicit<S extends ObjectSchema | undefined = undefined>(
    request: FormElicitation<S> | UrlElicitation,
  ): Promise<Elicitation<S extends ObjectSchema ? z.output<S> : Record<string, unknown>>>
  /** Asks the client's model (`sampling/createMessage`); the same rules as `elicit`. */
  sample(request: SamplingRequest): Promise<CreateMessageResult>
  /**
   * Closes the HTTP connection of this call's SSE stream, keeping the call running: the client comes
   * back with `GET` + `Last-Event-ID` (after `retryMs`, default the transport's `sseRetryMs`) and
   * receives what was sent meanwhile, the result included (2025-11-25 transports: the server MAY
   * close the connection after sending an event id). Returns false where there is no such stream
   * to close: stdio, tasks, or a client that could not resume it.
   */
  closeStream(options?: { retryMs?: number }): boolean
}

export interface ContextInit {
  readonly signal: AbortSignal
  readonly requestId: RequestId
  readonly session: SessionInfo
  readonly auth: Principal | undefined
  readonly task: TaskInfo | undefined
  readonly progressToken: string | number | undefined
  /** Delivers a notification where this call's messages go; the caller handles routing and liveness. */
  readonly notify: (method: string, params: Record<string, unknown>) => void
  readonly shouldLog: (level: LogLevel) => boolean
  /** Sends a request to the client and resolves with its result; the caller handles routing. */
  readonly sendToClient: SendToClient
  /** Whether elicitation/create carries `mode` in this session's revision. */
  readonly elicitationModes: boolean
  /** Closes the call's stream for polling, where the transport has one (`Outbound.closeStream`). */
  readonly closeStream?: (retryMs: number | undefined) => boolean
}

export function createToolContext(init: ContextInit): ToolContext {
  const { signal, requestId, session, auth, task, progressToken, notify, shouldLog, sendToClient } = init
  let last = Number.NEGATIVE_INFINITY
  return {
    signal,
    requestId,
    session,
    auth,
    task,
    progress(progress, total, message) {
      if (progressToken === undefined || !Number.isFinite(progress) || progress <= last) return
      last = progress
      notify('notifications/progress', {
        progressToken,
        progress,
        ...(total === undefined ? {} : { total }),
        ...(message === undefined ? {} : { message }),
      })
    },
    log(level, data, logger) {
      if (!shouldLog(level)) return
      notify('notifications/message', { level, data, ...(logger === undefined ? {} : { logger }) })
    },
    elicit: ((request: FormElicitation<ObjectSchema | undefined> | UrlElicitation) =>
      elicit(
        sendToClient,
        session.clientCapabilities,
        request,
        init.elicitationModes,
      )) as ToolContext['elicit'],
    sample: (request) => sample(sendToClient, session.clientCapabilities, request),
    closeStream: (options) => init.closeStream?.(options?.retryMs) ?? false,
  }
}

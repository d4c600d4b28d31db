/** One MCP session: negotiated revision, client capabilities, in-flight requests, and dispatch. */
import { randomBytes } from 'node:crypto'
import { ProtocolError, toProtocolError } from '../protocol/errors.ts'
import {
  errorMessage,
  type Incoming,
  type JsonRpcNotification,
  type JsonRpcRequest,
  type JsonRpcResponse,
  type RequestId,
  resultMessage,
} from '../protocol/jsonrpc.ts'
import { Method, Notification } from '../protocol/methods.ts'
import type { Revision } from '../protocol/revisions/index.ts'
import type { ProtocolVersion } from '../protocol/versions.ts'
import { LOG_LEVELS, type LogLevel, type SessionInfo } from './context.ts'
import { handlerFor } from './dispatch.ts'
import { RequestCancelled } from './handlers/types.ts'
import type { TaskwireServer } from './server.ts'
import type { Outbound, Principal, RequestScope, SessionPort } from './transport.ts'

/** Ends one tracked request early; it is then answered with nothing. */
export type Cancel = (reason: Error) => void

export class Session implements SessionPort {
  readonly id = randomBytes(16).toString('base64url')
  readonly server: TaskwireServer
  readonly principal: Principal | undefined
  readonly outbound: Outbound
  /**
   * Requests in flight that notifications/cancelled can end: ordinary calls and parked tasks/result
   * calls. A task's creating request is answered at once, so it is never here (N66).
   */
  readonly #inflight = new Map<RequestId, Cancel>()
  /** Resource URIs this session subscribed to (resources/subscribe). */
  readonly subscriptions = new Set<string>()
  revision: Revision | undefined
  clientInfo: Record<string, unknown> | undefined
  clientCapabilities: Record<string, unknown> = {}
  logLevel: LogLevel = 'debug'
  #closed = false

  constructor(server: TaskwireServer, principal: Principal | undefined, outbound: Outbound) {
    this.server = server
    this.principal = principal
    this.outbound = outbound
  }

  get protocolVersion(): ProtocolVersion | undefined {
    return this.revision?.version
  }

  /**
   * The requestor tasks are bound to (2025-11-25 tasks "Security: Isolation", N74): the authenticated
   * principal when there is one, so that it finds its tasks again from a new session; else this session.
   */
  get owner(): string {
    return this.principal === undefined ? `session:${this.id}` : `principal:${this.principal.id}`
  }

  get closed(): boolean {
    return this.#closed
  }

  info(): SessionInfo {
    return {
      id: this.id,
      protocolVersion: this.revision?.version ?? '2025-11-25',
      clientInfo: this.clientInfo,
      clientCapabilities: this.clientCapabilities,
    }
  }

  shouldLog(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(this.logLevel)
  }

  async handle(incoming: Incoming, scope: RequestScope): Promise<JsonRpcResponse | undefined> {
    if (incoming.kind === 'request') return this.#request(incoming.message, scope)
    if (incoming.kind === 'notification') this.#notification(incoming.message)
    // A client's answer to elicitation/create or sampling/createMessage (unknown ids are ignored).
    else this.server.input.settle(incoming.message, this.owner)
    return undefined
  }

  streamOpened(): void {
    this.server.input.flushSession(this)
  }

  /**
   * Tracks request `id` until the returned function is called, so that notifications/cancelled (or
   * the session's end) reaches `cancel`.
   */
  track(id: RequestId, cancel: Cancel): () => void {
    this.#inflight.set(id, cancel)
    return () => {
      if (this.#inflight.get(id) === cancel) this.#inflight.delete(id)
    }
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    const cancels = [...this.#inflight.values()]
    this.#inflight.clear()
    for (const cancel of cancels) cancel(new Error('Session closed'))
    this.server.sessionClosed(this)
  }

  async #request(request: JsonRpcRequest, scope: RequestScope): Promise<JsonRpcResponse | undefined> {
    const { id, method, params } = request
    try {
      if (this.revision === undefined && method !== Method.Initialize && method !== Method.Ping) {
        throw ProtocolError.invalidRequest(
          `Invalid request: "${method}" before "initialize"; initialize the session first`,
        )
      }
      const handler = handlerFor(method, this)
      return resultMessage(id, await handler({ id, method, params, session: this, scope }))
    } catch (error) {
      if (error instanceof RequestCancelled) return undefined
      const protocolError = toProtocolError(error)
      if (!(error instanceof ProtocolError))
        this.server.logger.error('request failed', { method, error: String(error) })
      return errorMessage(id, protocolError.toJSON())
    }
  }

  #notification(notification: JsonRpcNotification): void {
    if (notification.method === Notification.Cancelled) {
      // cancellation.mdx: ends an in-flight request, which then gets no response. A task's creating
      // request was answered already, so it is not tracked: tasks are cancelled with tasks/cancel
      // only (N66); a parked tasks/result stops waiting, its task runs on.
      const requestId = notification.params?.requestId
      if (typeof requestId === 'string' || typeof requestId === 'number') {
        const reason = notification.params?.reason
        this.#inflight.get(requestId)?.(
          new Error(typeof reason === 'string' ? reason : 'Cancelled by the client'),
        )
      }
    }
    // notifications/initialized and unknown notifications need no action.
  }
}

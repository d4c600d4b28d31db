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

export class Session implements SessionPort {
  readonly id = randomBytes(16).toString('base64url')
  readonly server: TaskwireServer
  readonly principal: Principal | undefined
  readonly outbound: Outbound
  /** Ordinary (non-task) requests in flight, so that notifications/cancelled can abort them. */
  readonly inflight = new Map<RequestId, AbortController>()
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

  close(): void {
    if (this.#closed) return
    this.#closed = true
    for (const controller of this.inflight.values()) controller.abort(new Error('Session closed'))
    this.inflight.clear()
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
      // cancellation.mdx: aborts an ordinary in-flight request. A task's creating request was answered
      // already, so it is not in `inflight`: tasks are cancelled with tasks/cancel only (N66).
      const requestId = notification.params?.requestId
      if (typeof requestId === 'string' || typeof requestId === 'number') {
        const reason = notification.params?.reason
        this.inflight
          .get(requestId)
          ?.abort(new Error(typeof reason === 'string' ? reason : 'Cancelled by the client'))
      }
    }
    // notifications/initialized and unknown notifications need no action.
  }
}

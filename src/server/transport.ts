/**
 * The contract between the MCP core and a transport (Streamable HTTP today, stdio later). The core
 * knows messages and sessions; the transport knows streams. Nothing here names HTTP.
 */
import type { Incoming, JsonRpcMessage, JsonRpcResponse, RequestId } from '../protocol/jsonrpc.ts'
import type { ProtocolVersion } from '../protocol/versions.ts'
import type { Logger } from './options.ts'

/** Who is calling, as an authentication hook established it. `id` is what tasks are bound to. */
export interface Principal {
  readonly id: string
  readonly [key: string]: unknown
}

/** How the core sends server→client messages of one session. */
export interface Outbound {
  /**
   * Sends a message. `via` is the id of the client request whose response stream should carry it;
   * when that stream is gone (or `via` is absent) the transport uses the session's standalone stream,
   * and when there is none the message is dropped. Never sent on two streams. Returns whether a
   * stream took it.
   */
  send(message: JsonRpcMessage, via?: RequestId): boolean
  /** Whether the response stream of request `via` is connected to the client right now. */
  isConnected(via: RequestId): boolean
  /**
   * Ends the connection carrying request `via`'s stream once an event id has reached the client, so
   * that it polls back (2025-11-25 transports, SSE polling); later messages wait for its return.
   * `retryMs` is the reconnection delay to announce. Optional: transports without such streams
   * (stdio) leave it out. Returns whether a connection was closed.
   */
  closeStream?(via: RequestId, retryMs?: number): boolean
}

/** What the transport offers for one incoming request while it is handled. */
export interface RequestScope {
  /** Aborted when the response can no longer be delivered (the client went away, the session ended). */
  readonly signal: AbortSignal
  /** Hint: this request may take a while; open its stream now rather than when the first message comes. */
  openStream(): void
  /**
   * Optional, and cheaper than `signal` for a request that waits long (a parked tasks/result): calls
   * `listener` once when `signal` would abort; the returned function removes it. Without it the
   * core listens on `signal`.
   */
  onAbort?(listener: () => void): () => void
}

/** One MCP session as the transport sees it. */
export interface SessionPort {
  readonly id: string
  readonly principal: Principal | undefined
  /** The negotiated version, once `initialize` has been answered. */
  readonly protocolVersion: ProtocolVersion | undefined
  /** Handles one incoming message; resolves with the response for a request, undefined otherwise. */
  handle(incoming: Incoming, scope: RequestScope): Promise<JsonRpcResponse | undefined>
  /** The transport opened a standalone stream (one that carries messages tied to no request). */
  streamOpened(): void
  /** Ends the session: in-flight requests are aborted, session-bound tasks are cancelled. */
  close(): void
}

export interface SessionFactory {
  openSession(options: { principal: Principal | undefined; outbound: Outbound }): SessionPort
  /** Where transports log what goes wrong outside any session (a TaskwireServer passes its own). */
  readonly logger?: Logger
}

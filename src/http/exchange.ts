/**
 * One client request from POST to response, with the lazy upgrade: the answer is plain
 * `application/json` unless something has to be streamed before the response is ready, in which case
 * it becomes `text/event-stream` (2025-11-25 transports: Sending Messages to the Server, 5 and 6).
 */

import type { EncodeProblem } from '../protocol/encode.ts'
import { ErrorCode } from '../protocol/errors.ts'
import {
  errorMessage,
  type JsonRpcMessage,
  type JsonRpcResponse,
  type RequestId,
} from '../protocol/jsonrpc.ts'
import type { RequestScope } from '../server/transport.ts'
import type { EventStream } from './event-stream.ts'
import type { Peer } from './peer.ts'
import { internalError, jsonResponse, sseResponse } from './responses.ts'

/** What an exchange needs from its session. */
export interface ExchangeHost {
  /**
   * A new request stream with a connection attached (primed when the session wants it), answered
   * with `headers` beside the SSE ones.
   */
  openRequestStream(exchange: Exchange, peer: Peer, headers: Record<string, string>): OpenedStream
  /** The exchange has written its response (or given up); forget it and its stream. */
  finished(exchange: Exchange, stream: EventStream | undefined): void
  /** Hears of a response that could not be encoded. */
  readonly onProblem?: EncodeProblem | undefined
}

export interface OpenedStream {
  readonly stream: EventStream
  /** The HTTP response carrying the stream. */
  readonly response: Response
}

/** Extra headers for the HTTP response; `response` is undefined when they are needed before it. */
export type ResponseHeaders = (response?: JsonRpcResponse) => Record<string, string>

type State = 'pending' | 'streaming' | 'done'

/**
 * The exchange is its request's RequestScope itself: a parked request costs one object, not a scope
 * object with closures beside it.
 */
export class Exchange implements RequestScope {
  readonly requestId: RequestId
  readonly response: Promise<Response>
  #state: State = 'pending'
  /** The POST connection closed while still pending: nothing can reach the client on it anymore. */
  #postGone = false
  #stream: EventStream | undefined
  #resolve: (response: Response) => void = () => {}
  /** Made on the first read of `signal` (most handlers never read it); the reason waits till then. */
  #abort: AbortController | undefined
  #abortReason: DOMException | undefined
  /** `onAbort` listeners, made on first use (an array: usually one, and cheaper than a Set). */
  #onAbort: (() => void)[] | undefined
  readonly #host: ExchangeHost
  readonly #headers: ResponseHeaders
  readonly #peer: Peer
  /** Removes the hangup listener once the answer no longer depends on the POST connection. */
  readonly #stopListening: () => void

  constructor(host: ExchangeHost, requestId: RequestId, peer: Peer, headers: ResponseHeaders) {
    this.#host = host
    this.requestId = requestId
    this.#headers = headers
    this.#peer = peer
    const { hangup } = peer
    this.response = new Promise((resolve) => {
      this.#resolve = resolve
    })
    this.#stopListening = hangup.on(() => this.#postDisconnected())
    if (hangup.happened) this.#postDisconnected()
  }

  /** Whether messages sent `via` this request can still go to its own stream. */
  get accepting(): boolean {
    return this.#state === 'streaming' || (this.#state === 'pending' && !this.#postGone)
  }

  /** A client is still connected, waiting for this answer (counts as session activity). */
  get waiting(): boolean {
    return (this.#state === 'pending' && !this.#postGone) || this.#stream?.connected === true
  }

  /** Sends a message related to this request, upgrading to SSE if this is the first one. */
  send(message: JsonRpcMessage): boolean {
    if (!this.accepting) return false
    this.#upgrade().emit(message)
    return true
  }

  /**
   * SSE polling: answers with a stream now if still pending (its priming event gives the client an
   * id to resume from), then closes the connection; the handler goes on and what it sends is kept.
   */
  closeStream(retryMs: number): boolean {
    if (!this.accepting) return false
    return this.#upgrade().disconnect(retryMs)
  }

  /** The core resolved `handle`: write the response (none when the request was cancelled). */
  finish(response: JsonRpcResponse | undefined): void {
    const state = this.#state
    if (state === 'done') return
    this.#state = 'done'
    this.#stopListening()
    if (state === 'pending') this.#resolve(this.#answer(response))
    else if (this.#stream) {
      if (response) this.#stream.emit(response)
      // 2025-11-25 transports: after the response the server SHOULD terminate the SSE stream.
      this.#stream.end()
    }
    this.#host.finished(this, this.#stream)
  }

  /**
   * Last resort after an unexpected error while answering: a client still waiting for the HTTP
   * response gets a 500, a stream is ended. The cause is the caller's to log.
   */
  fail(): void {
    this.#state = 'done'
    this.#stopListening()
    this.#resolve(internalError(this.requestId)) // no effect once the response was resolved
    this.#stream?.end()
    this.#host.finished(this, this.#stream)
  }

  /** The session ends: abort the handler and answer now rather than leave the client hanging. */
  terminate(reason: string): void {
    this.abort(reason)
    const message = `The session ended before this request completed (${reason}); initialize a new session`
    this.finish(errorMessage(this.requestId, { code: ErrorCode.InternalError, message }))
  }

  abort(reason: string): void {
    if (this.#abortReason !== undefined) return
    this.#abortReason = new DOMException(reason, 'AbortError')
    this.#abort?.abort(this.#abortReason)
    const listeners = this.#onAbort
    this.#onAbort = undefined
    for (const listener of listeners ?? []) listener()
  }

  /** This request as the core sees it while handling it. */
  get scope(): RequestScope {
    return this
  }

  /** RequestScope: aborted when the response can no longer be delivered. */
  get signal(): AbortSignal {
    if (this.#abort === undefined) {
      this.#abort = new AbortController()
      if (this.#abortReason !== undefined) this.#abort.abort(this.#abortReason)
    }
    return this.#abort.signal
  }

  /** RequestScope: the cheap form of listening to `signal`. */
  onAbort(listener: () => void): () => void {
    if (this.#abortReason !== undefined) {
      queueMicrotask(listener)
      return () => {}
    }
    this.#onAbort ??= []
    this.#onAbort.push(listener)
    return () => {
      const at = this.#onAbort?.indexOf(listener) ?? -1
      if (at >= 0) this.#onAbort?.splice(at, 1)
    }
  }

  /** RequestScope: this request may take a while; answer with a stream now. */
  openStream(): void {
    if (this.accepting) this.#upgrade()
  }

  /**
   * The SSE connection of this request dropped. If no event id ever reached the client it cannot
   * resume, so the response can no longer be delivered: abort. Otherwise keep going; the client
   * SHOULD NOT read a disconnect as cancellation (2025-11-25 transports) and may resume.
   */
  streamDropped(stream: EventStream): void {
    if (!stream.resumable) this.abort('the client disconnected')
  }

  #postDisconnected(): void {
    if (this.#state !== 'pending') return // a streaming connection reports through streamDropped
    this.#postGone = true
    this.abort('the client disconnected')
  }

  #upgrade(): EventStream {
    if (this.#stream) return this.#stream
    const { stream, response } = this.#host.openRequestStream(this, this.#peer, this.#headers())
    this.#stream = stream
    this.#state = 'streaming'
    this.#resolve(response)
    return stream
  }

  #answer(response: JsonRpcResponse | undefined): Response {
    if (response) return jsonResponse(response, 200, this.#headers(response), this.#host.onProblem)
    // A cancelled request gets no response (Cancellation), but a request MUST be answered with JSON
    // or an event stream: an empty, already finished event stream says "nothing follows".
    const empty = new ReadableStream<Uint8Array>({ start: (controller) => controller.close() })
    return sseResponse(empty, this.#headers())
  }
}

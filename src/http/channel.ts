/**
 * The transport side of one MCP session: it is the `Outbound` the core sends through, it tracks the
 * requests in flight and the SSE streams, and it answers resumption.
 */
import type { EncodeProblem } from '../protocol/encode.ts'
import type { JsonRpcMessage, RequestId } from '../protocol/jsonrpc.ts'
import type { Outbound, SessionPort } from '../server/transport.ts'
import { EventStore, type EventStoreLimits, type Replay, type StreamKind } from './event-store.ts'
import { EventStream, type StreamHost } from './event-stream.ts'
import { Exchange, type ExchangeHost, type OpenedStream, type ResponseHeaders } from './exchange.ts'
import { DEFAULT_SSE_RETRY_MS } from './options.ts'
import type { Peer } from './peer.ts'
import { LAST_EVENT_ID, reject, sseHeaders, sseResponse } from './responses.ts'
import { formatEvent, type SseHub } from './sse.ts'

/** GET streams carry no headers of their own: one frozen set serves them all. */
const PLAIN_SSE_HEADERS = Object.freeze(sseHeaders())

export interface ChannelOptions {
  readonly events: EventStoreLimits
  /** Connected standalone GET streams at most; another GET gets 429. */
  readonly maxStreams: number
  /** SSE `retry` announced by `closeStream`. */
  readonly retryMs?: number
  /** Hears of messages that could not be encoded. */
  readonly onProblem?: EncodeProblem
}

/** 1 and "1" are different JSON-RPC ids. */
const idKey = (id: RequestId): string => `${typeof id}:${id}`

export class SessionChannel implements Outbound, ExchangeHost, StreamHost {
  #port: SessionPort | undefined
  readonly #hub: SseHub
  readonly #store: EventStore
  readonly #retryMs: number
  readonly #maxStreams: number
  /** Hears of messages that could not be encoded (logged; the client gets a -32603 in their place). */
  readonly onProblem: EncodeProblem | undefined
  readonly #exchanges = new Map<string, Exchange>()
  /** Streams that can still take events: unfinished request streams and tracked standalone ones. */
  readonly #streams = new Map<string, EventStream>()
  /** Which exchange a live request stream belongs to. */
  readonly #owners = new Map<string, Exchange>()
  /** Standalone streams, oldest (re)opened first: every connected one, and the newest even if not. */
  #standalone: EventStream[] = []
  #seq = 0
  #streamCount = 0
  #lastActivity = Date.now()
  #closed = false

  constructor(
    hub: SseHub,
    { events, maxStreams, retryMs = DEFAULT_SSE_RETRY_MS, onProblem }: ChannelOptions,
  ) {
    this.#hub = hub
    this.#store = new EventStore(events)
    this.#maxStreams = maxStreams
    this.#retryMs = retryMs
    this.onProblem = onProblem
  }

  /** Two-phase: the core needs this `Outbound` to open the session it is bound to. */
  bind(port: SessionPort): void {
    this.#port = port
  }

  get port(): SessionPort {
    if (!this.#port) throw new Error('SessionChannel used before bind()')
    return this.#port
  }

  get closed(): boolean {
    return this.#closed
  }

  /**
   * Routes per the Outbound contract: to the stream of request `via` while its response is not
   * written, else to the standalone stream (the newest connected GET stream, or the newest one for
   * replay), else nowhere. One message goes to one stream (2025-11-25 transports: Multiple Connections).
   */
  send(message: JsonRpcMessage, via?: RequestId): boolean {
    if (this.#closed) return false
    const exchange = via === undefined ? undefined : this.#exchanges.get(idKey(via))
    if (exchange?.accepting) return exchange.send(message)
    // 2025-11-25 transports: a GET stream MUST NOT carry a response unless resuming a request stream.
    if (!('method' in message)) return false
    const stream = this.#standalone.findLast((candidate) => candidate.connected) ?? this.#standalone.at(-1)
    stream?.emit(message)
    return stream !== undefined
  }

  isConnected(via: RequestId): boolean {
    return this.#exchanges.get(idKey(via))?.waiting === true
  }

  closeStream(via: RequestId, retryMs = this.#retryMs): boolean {
    return this.#exchanges.get(idKey(via))?.closeStream(retryMs) === true
  }

  /** Starts tracking a request; undefined when a request with that id is already in flight. */
  begin(requestId: RequestId, peer: Peer, headers: ResponseHeaders): Exchange | undefined {
    const key = idKey(requestId)
    if (this.#exchanges.has(key)) return undefined
    const exchange = new Exchange(this, requestId, peer, headers)
    this.#exchanges.set(key, exchange)
    return exchange
  }

  openRequestStream(exchange: Exchange, peer: Peer, headers: Record<string, string>): OpenedStream {
    const stream = this.#newStream('request')
    this.#owners.set(stream.id, exchange)
    const { response } = this.#connect(stream, peer, sseHeaders(headers))
    this.#prime(stream)
    return { stream, response }
  }

  finished(exchange: Exchange, stream: EventStream | undefined): void {
    const key = idKey(exchange.requestId)
    if (this.#exchanges.get(key) === exchange) this.#exchanges.delete(key)
    if (stream) {
      this.#streams.delete(stream.id)
      this.#owners.delete(stream.id)
    }
    this.touch()
  }

  /** A GET without `Last-Event-ID`: a new standalone stream (up to `maxStreams` at once). */
  openStandalone(peer: Peer): Response {
    if (this.#streamsFull()) return this.#tooManyStreams()
    const stream = this.#newStream('standalone')
    this.#standalone.push(stream)
    const { response } = this.#connect(stream, peer, PLAIN_SSE_HEADERS)
    this.#prime(stream)
    this.#pruneStandalone()
    // Messages the core held back for want of a stream can go now.
    queueMicrotask(() => this.#port?.streamOpened())
    return response
  }

  /** A GET with `Last-Event-ID`: replay what followed it on its stream, then carry on with that stream. */
  resume(lastEventId: string, peer: Peer): Response {
    const replay = this.#store.after(lastEventId)
    if (!replay) {
      return reject(
        400,
        `${LAST_EVENT_ID} "${lastEventId}" is unknown or its events are no longer all stored (a session keeps maxEventsPerSession events and maxEventBytesPerSession bytes); open a fresh stream with a GET without ${LAST_EVENT_ID}`,
      )
    }
    const known = this.#streams.get(replay.streamId)
    // Resuming a disconnected standalone stream connects one more, as a new GET would.
    if (replay.kind === 'standalone' && !known?.connected && this.#streamsFull())
      return this.#tooManyStreams()
    const stream = known ?? this.#revive(replay)
    if (!stream) return replayFinished(replay)
    const connection = this.#connect(stream, peer, PLAIN_SSE_HEADERS)
    EventStream.replay(connection, replay.events)
    if (stream.kind === 'standalone') {
      this.#standalone = [...this.#standalone.filter((candidate) => candidate !== stream), stream]
      this.#pruneStandalone()
      queueMicrotask(() => this.#port?.streamOpened())
    }
    return connection.response
  }

  /** Connected standalone streams are all in #standalone (see #pruneStandalone), at most maxStreams + 1. */
  #streamsFull(): boolean {
    return this.#standalone.filter((stream) => stream.connected).length >= this.#maxStreams
  }

  #tooManyStreams(): Response {
    return reject(
      429,
      `Too many streams: this session already has ${this.#maxStreams} GET streams open (maxStreamsPerSession); close one before opening another`,
    )
  }

  touch(): void {
    this.#lastActivity = Date.now()
  }

  /** Idle: no connected client (POST waiting or SSE stream) and no request for `timeoutMs`. */
  isIdle(now: number, timeoutMs: number): boolean {
    if (now - this.#lastActivity < timeoutMs) return false
    for (const exchange of this.#exchanges.values()) if (exchange.waiting) return false
    for (const stream of this.#streams.values()) if (stream.connected) return false
    return true
  }

  /** Ends everything: in-flight requests are aborted and answered, streams end, the core is told. */
  close(reason: string): void {
    if (this.#closed) return
    this.#closed = true
    for (const exchange of [...this.#exchanges.values()]) exchange.terminate(reason)
    for (const stream of this.#streams.values()) stream.end()
    this.#streams.clear()
    this.#standalone = []
    this.#port?.close()
  }

  #newStream(kind: StreamKind, id = `${kind === 'request' ? 'r' : 'g'}${++this.#streamCount}`): EventStream {
    const stream = new EventStream(id, kind, this.#store, this)
    this.#streams.set(id, stream)
    return stream
  }

  /** A standalone stream we stopped tracking comes back under its old id, so its cursor stays valid. */
  #revive(replay: Replay): EventStream | undefined {
    if (replay.kind !== 'standalone' || this.#closed) return undefined
    const stream = this.#newStream('standalone', replay.streamId)
    this.#standalone.push(stream)
    return stream
  }

  #connect(stream: EventStream, peer: Peer, headers: Record<string, string>) {
    const connection = this.#hub.open(stream, peer, headers)
    stream.attach(connection)
    return connection
  }

  nextSeq(): number {
    return this.#seq++
  }

  /** A connection of `stream` ended; a client that left may leave a request without its answer. */
  streamEnded(stream: EventStream, byClient: boolean): void {
    this.touch() // idle time counts from the last disconnect
    if (!byClient) return
    if (stream.kind === 'standalone') this.#pruneStandalone()
    else this.#owners.get(stream.id)?.streamDropped(stream)
  }

  /** Older disconnected standalone streams can never be chosen again; forget them (replay revives). */
  #pruneStandalone(): void {
    const newest = this.#standalone.at(-1)
    const keep = this.#standalone.filter((stream) => stream.connected || stream === newest)
    for (const stream of this.#standalone) if (!keep.includes(stream)) this.#streams.delete(stream.id)
    this.#standalone = keep
  }

  /**
   * 2025-11-25 transports: the server SHOULD prime a new stream with an id and empty data. Clients of
   * older revisions may choke on an empty `data`, so only sessions at 2025-11-25 or later get it.
   */
  #prime(stream: EventStream): void {
    const version = this.#port?.protocolVersion
    if (version !== undefined && version >= '2025-11-25') stream.prime()
  }
}

/**
 * Resuming a request stream whose response was already written: replay the rest, then end. With
 * nothing left, answer 204, which per the HTML SSE standard tells the client to stop reconnecting.
 */
function replayFinished(replay: Replay): Response {
  if (replay.events.length === 0) return new Response(null, { status: 204 })
  return sseResponse(replay.events.map((event) => formatEvent(event.id, event.data)).join(''))
}

/**
 * The client end of one HTTP exchange: when it goes away (`Hangup`) and how SSE response bodies
 * reach it (`SseOpener`). Hosting adapters may provide both (node.ts does); the portable fallbacks
 * are `Request.signal` and `ReadableStream` bodies.
 */
import type { Hangup } from './hangup.ts'

export interface Peer {
  readonly hangup: Hangup
  readonly sse: SseOpener
}

const encoder = new TextEncoder()

/** Where the bytes of one SSE response body go. */
export interface SseSink {
  /** Queues text for the client. */
  write(text: string): void
  /** Bytes queued and not yet taken by the client: how far behind it is. */
  readonly buffered: number
  /** Ends the body after what was written. */
  end(): void
  /** Cuts the body off with an error (the reader fell too far behind). */
  fail(): void
}

/** What an opener may tell of the reader of a body it opened. */
export interface SseReader {
  /** The reader cancelled the body: the client is gone. */
  drop(): void
}

/**
 * Starts SSE responses. The portable one (`webSse`) answers with a `ReadableStream` body; node.ts
 * writes to the Node response directly, which saves the web stream and @hono/node-server's pump
 * around it (about half the heap of an open GET stream, measured with bench/stream-heap.ts).
 */
export interface SseOpener {
  /** A 200 response with `headers`, the sink of its body, and the Response the handler answers with. */
  open(headers: Record<string, string>, reader: SseReader): { sink: SseSink; response: Response }
}

/** Counts buffered bytes, so `desiredSize` tells how far the reader is behind. */
const HIGH_WATER_MARK = 64 * 1024

/** A `ReadableStream` body, for any runtime that serves a web `Response`. */
class StreamSink implements SseSink {
  readonly body: ReadableStream<Uint8Array>
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined

  constructor(reader: SseReader) {
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller
        },
        cancel: () => reader.drop(),
      },
      { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
    )
  }

  get buffered(): number {
    return HIGH_WATER_MARK - (this.#controller?.desiredSize ?? 0)
  }

  write(text: string): void {
    this.#controller?.enqueue(encoder.encode(text))
  }

  end(): void {
    this.#controller?.close()
  }

  fail(): void {
    this.#controller?.error(new Error('SSE reader fell too far behind'))
  }
}

export const webSse: SseOpener = {
  open(headers, reader) {
    const sink = new StreamSink(reader)
    return { sink, response: new Response(sink.body, { status: 200, headers }) }
  },
}

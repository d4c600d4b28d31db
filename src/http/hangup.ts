/**
 * When the client of one HTTP exchange goes away. Reading `Request.signal` makes @hono/node-server
 * build an AbortController per request, and on Node 20 that per-request garbage costs minor-GC pauses
 * under load (measured in bench/); node.ts hands over the Node response's `close` event instead. Any
 * other runtime falls back to `Request.signal`.
 */
export interface Hangup {
  /** The client has gone away. */
  readonly happened: boolean
  /** Calls `listener` once when the client goes away; the returned function removes it. */
  on(listener: () => void): () => void
}

/** What node.ts needs of a Node `ServerResponse`. */
export interface NodeResponseLike {
  readonly destroyed: boolean
  readonly writableFinished: boolean
  on(event: 'close', listener: () => void): unknown
  off(event: 'close', listener: () => void): unknown
}

/** A Node response closes either when it was written out or when the client left; only the latter counts. */
export function hangupOfNodeResponse(response: NodeResponseLike): Hangup {
  return {
    get happened() {
      return response.destroyed && !response.writableFinished
    },
    on(listener) {
      const onClose = () => {
        if (!response.writableFinished) listener()
      }
      // `on`, not `once`: 'close' fires once anyway, and `once` wraps every listener in a bound
      // function and a state object, per request, for as long as the request is open.
      response.on('close', onClose)
      return () => response.off('close', onClose)
    },
  }
}

/** The portable fallback, read only when first needed. */
export function hangupOfRequest(request: Request): Hangup {
  return {
    get happened() {
      return request.signal.aborted
    },
    on(listener) {
      const { signal } = request
      signal.addEventListener('abort', listener, { once: true })
      return () => signal.removeEventListener('abort', listener)
    },
  }
}

/**
 * When the client of one HTTP exchange goes away. node.ts hands over the Node response's `close`
 * event (see its NodeLink); any other runtime falls back to `Request.signal`.
 */
export interface Hangup {
  /** The client has gone away. */
  readonly happened: boolean
  /** Calls `listener` once when the client goes away; the returned function removes it. */
  on(listener: () => void): () => void
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

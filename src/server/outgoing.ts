/**
 * Requests the server sends to the client (elicitation/create, sampling/createMessage) and waits on.
 * Ids are unique in this process, so an answer finds its request whichever session it arrives on;
 * an answer counts only from a session of the same requestor, so two clients never settle each
 * other's requests.
 */
import type { ErrorObject } from '../protocol/errors.ts'
import type { JsonRpcResponse, Params, RequestId } from '../protocol/jsonrpc.ts'

/** The client did not answer in time. Handlers can catch it; uncaught, the call fails with its message. */
export class InputTimeoutError extends Error {
  override readonly name = 'InputTimeoutError'
}

/** The client answered the request with a JSON-RPC error. */
export class ClientRequestError extends Error {
  override readonly name = 'ClientRequestError'
  readonly code: number
  readonly data: unknown
  constructor(method: string, error: ErrorObject) {
    super(`The client answered ${method} with error ${error.code}: ${error.message}`)
    this.code = error.code
    this.data = error.data
  }
}

interface Pending {
  readonly owner: string
  readonly method: string
  readonly resolve: (result: Params) => void
  readonly reject: (error: unknown) => void
}

export interface OutgoingOptions {
  readonly owner: string
  readonly method: string
  readonly timeoutMs: number
  readonly signal: AbortSignal
}

export class OutgoingRequests {
  readonly #pending = new Map<RequestId, Pending>()
  #seq = 0

  /** Reserves an id and returns it with the promise of the client's answer. */
  create({ owner, method, timeoutMs, signal }: OutgoingOptions): { id: string; answer: Promise<Params> } {
    const id = `taskwire-${++this.#seq}`
    const answer = new Promise<Params>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        this.#pending.delete(id)
      }
      const onAbort = () => {
        done()
        reject(signal.reason)
      }
      const timer = setTimeout(() => {
        done()
        reject(new InputTimeoutError(`The client did not answer ${method} within ${timeoutMs} ms`))
      }, timeoutMs)
      this.#pending.set(id, {
        owner,
        method,
        resolve: (result) => {
          done()
          resolve(result)
        },
        reject: (error) => {
          done()
          reject(error)
        },
      })
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })
    })
    // Callers may fail before awaiting the answer; that must not surface as an unhandled rejection.
    answer.catch(() => {})
    return { id, answer }
  }

  /** Gives up on a request that could not be sent; its promise rejects with `error`. */
  abandon(id: string, error: Error): void {
    this.#pending.get(id)?.reject(error)
  }

  /** Settles the request a client response answers; false when it answers nothing of this requestor. */
  settle(response: JsonRpcResponse, owner: string): boolean {
    if (response.id === null) return false
    const pending = this.#pending.get(response.id)
    if (pending === undefined || pending.owner !== owner) return false
    if ('error' in response) pending.reject(new ClientRequestError(pending.method, response.error))
    else pending.resolve(response.result)
    return true
  }

  get size(): number {
    return this.#pending.size
  }
}

/**
 * The one way a message becomes text for the wire (HTTP bodies, SSE events, stdio lines). It never
 * throws: whatever a handler put in a message (a BigInt, a cycle, a throwing getter, nesting deep
 * enough to overflow the stack), the dispatch chain goes on and the client still gets an answer.
 */
import { ErrorCode, errorText } from './errors.ts'
import { describeJsonProblem, MAX_JSON_DEPTH, sealJson } from './json-seal.ts'
import { errorMessage, type JsonRpcMessage, type RequestId } from './jsonrpc.ts'

/** Told what could not be encoded and why; for the server's log. */
export type EncodeProblem = (problem: string, message: JsonRpcMessage) => void

/**
 * The JSON text of `message`. When it cannot be encoded: a response becomes a -32603 error for the
 * same id (JSON-RPC 2.0: a request is answered, even when its result cannot be), anything else
 * (a notification, a request to the client) is dropped and `undefined` returned. Either way
 * `onProblem` hears why.
 */
export function encodeMessage(message: JsonRpcMessage, onProblem?: EncodeProblem): string | undefined {
  try {
    return JSON.stringify(message)
  } catch (error) {
    const problem = problemOf(message, error)
    report(onProblem, problem, message)
    const id = responseId(message)
    if (id === undefined) return undefined
    const text = `Internal error: the server could not encode its response (${problem})`
    return JSON.stringify(errorMessage(id, { code: ErrorCode.InternalError, message: text }))
  }
}

/** The id of a response (the only kind of message that has to be answered in its place). */
function responseId(message: JsonRpcMessage): RequestId | null | undefined {
  if ('method' in message || !('id' in message)) return undefined
  const { id } = message
  return typeof id === 'string' || typeof id === 'number' || id === null ? id : null
}

/** Where and why: the seal walk finds the spot JSON.stringify only threw at. */
function problemOf(message: JsonRpcMessage, error: unknown): string {
  const sealed = sealJson(message, { maxDepth: MAX_JSON_DEPTH, maxBytes: Number.POSITIVE_INFINITY })
  if (!sealed.ok) return describeJsonProblem(sealed.problem)
  return errorText(error)
}

/** An EncodeProblem that logs through a logger's `error` (the server's Logger fits). */
export const logEncodeProblem =
  (error: (message: string, fields: Record<string, unknown>) => void): EncodeProblem =>
  (problem, message) => {
    const id = 'id' in message ? { id: message.id } : {}
    const method = 'method' in message ? { method: message.method } : {}
    error('a message could not be encoded and was replaced or dropped', { problem, ...id, ...method })
  }

function report(onProblem: EncodeProblem | undefined, problem: string, message: JsonRpcMessage): void {
  try {
    onProblem?.(problem, message)
  } catch {
    // A failing logger must not turn a handled problem back into a crash.
  }
}

/**
 * The one error family that becomes a JSON-RPC error on the wire. Everything a handler throws that is
 * not a ProtocolError is normalised by `toProtocolError` (internal error) or, for tools, turned into a
 * tool execution error by the runner.
 */

/** JSON-RPC 2.0 codes, and the server-defined ones taskwire uses (the -32000..-32099 range). */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** 2025-11-25 server/resources "Error Handling": resource not found. */
  ResourceNotFound: -32002,
  /** Server-defined: a task limit (per requestor or overall) is reached. See README "Limits". */
  TaskLimitReached: -32050,
} as const

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode] | number

export interface ErrorObject {
  code: number
  message: string
  data?: unknown
}

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError'
  readonly code: number
  readonly data: unknown

  constructor(code: ErrorCodeValue, message: string, data?: unknown, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.data = data
  }

  toJSON(): ErrorObject {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data }
  }

  static invalidParams(message: string, data?: unknown): ProtocolError {
    return new ProtocolError(ErrorCode.InvalidParams, message, data)
  }

  static methodNotFound(message: string, data?: unknown): ProtocolError {
    return new ProtocolError(ErrorCode.MethodNotFound, message, data)
  }

  static invalidRequest(message: string, data?: unknown): ProtocolError {
    return new ProtocolError(ErrorCode.InvalidRequest, message, data)
  }

  static internal(message: string, cause?: unknown): ProtocolError {
    return new ProtocolError(ErrorCode.InternalError, message, undefined, { cause })
  }
}

/** A throwable's message for logs and diagnostics; never throws, even for a hostile `toString`. */
export function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error)
  } catch {
    return 'an error that cannot be shown'
  }
}

/** Normalises any throwable into a ProtocolError; unknown errors become -32603 without leaking stacks. */
export function toProtocolError(error: unknown): ProtocolError {
  if (error instanceof ProtocolError) return error
  const message = error instanceof Error ? error.message : String(error)
  return ProtocolError.internal(`Internal error: ${message}`, error)
}

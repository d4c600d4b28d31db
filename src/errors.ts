/** Errors for misuse of the framework by the developer (never sent on the wire as such). */
export type TaskwireErrorCode =
  | 'INVALID_TOOL'
  | 'DUPLICATE_TOOL'
  | 'DUPLICATE_RESOURCE'
  | 'INVALID_RESOURCE'
  | 'DUPLICATE_PROMPT'
  | 'INVALID_OPTION'
  | 'INVALID_SCHEMA'
  | 'SERVER_CLOSED'

export class TaskwireError extends Error {
  override readonly name = 'TaskwireError'
  readonly code: TaskwireErrorCode

  constructor(code: TaskwireErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

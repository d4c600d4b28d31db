/** Readers for request params that answer -32602 with a message naming the field and what it must be. */
import { ProtocolError } from './errors.ts'
import type { Params } from './jsonrpc.ts'

/** Upper bound on identifiers we accept from the wire: longer ones cannot be ours. */
export const MAX_ID_LENGTH = 256

/**
 * A field of the params, own properties only: params come from the client, and a plain object also
 * answers for Object.prototype's members.
 */
export const fieldOf = (params: Params | undefined, field: string): unknown =>
  params !== undefined && Object.hasOwn(params, field) ? params[field] : undefined

export function readString(params: Params | undefined, field: string, method: string): string {
  const value = fieldOf(params, field)
  if (typeof value !== 'string' || value === '') {
    throw ProtocolError.invalidParams(`${method}: "${field}" must be a non-empty string`)
  }
  return value
}

export function readOptionalString(
  params: Params | undefined,
  field: string,
  method: string,
): string | undefined {
  const value = fieldOf(params, field)
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw ProtocolError.invalidParams(`${method}: "${field}" must be a string`)
  return value
}

export function readOptionalObject(
  params: Params | undefined,
  field: string,
  method: string,
): Params | undefined {
  const value = fieldOf(params, field)
  if (value === undefined) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ProtocolError.invalidParams(`${method}: "${field}" must be an object`)
  }
  return value as Params
}

/** The task id of tasks/get, tasks/result and tasks/cancel: params.taskId is authoritative (N47/N49). */
export function readTaskId(params: Params | undefined, method: string): string {
  const taskId = readString(params, 'taskId', method)
  if (taskId.length > MAX_ID_LENGTH) {
    throw ProtocolError.invalidParams(
      `${method}: Task not found (taskId longer than ${MAX_ID_LENGTH} characters)`,
    )
  }
  return taskId
}

/**
 * Judges the Task object wherever it appears (CreateTaskResult.task, tasks/get, tasks/cancel,
 * tasks/list items, notifications/tasks/status) against the 2025-11-25 schema, recording findings.
 */
import { brief, isObject } from './client/json.ts'
import { STATUSES } from './client/tasks.ts'
import type { Verdict } from './verdict.ts'

/** RFC 3339 date-time, the profile of ISO 8601 the spec links to. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/

export const isDateTime = (value: unknown): boolean =>
  typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))

const isInteger = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value)

/** Problems with the Task's fields other than the timestamps and ttl (those have their own ids). */
export function shapeProblems(task: unknown): string[] {
  if (!isObject(task)) return [`not an object: ${brief(task)}`]
  const problems: string[] = []
  if (typeof task.taskId !== 'string' || task.taskId === '') problems.push(`taskId ${brief(task.taskId)}`)
  if (typeof task.status !== 'string' || !STATUSES.has(task.status))
    problems.push(`status ${brief(task.status)}`)
  if ('statusMessage' in task && typeof task.statusMessage !== 'string') {
    problems.push(`statusMessage ${brief(task.statusMessage)}`)
  }
  if ('pollInterval' in task && !isInteger(task.pollInterval)) {
    problems.push(`pollInterval ${brief(task.pollInterval)}`)
  }
  if (!('ttl' in task)) problems.push('ttl missing')
  if (!('lastUpdatedAt' in task)) problems.push('lastUpdatedAt missing')
  return problems
}

/** Records TASK-SHAPE-01/02/03 and TASK-TTL-01 for one Task; `where` names it in the messages. */
export function judgeTask(v: Verdict, where: string, task: unknown): boolean {
  const problems = shapeProblems(task)
  const shapeOk = v.expect(
    'TASK-SHAPE-01',
    problems.length === 0,
    `${where}: ${problems.join(', ')}`,
    `${where} is a well-formed Task`,
  )
  const fields = isObject(task) ? task : {}
  const created = v.expect(
    'TASK-SHAPE-02',
    isDateTime(fields.createdAt),
    `${where}: createdAt ${brief(fields.createdAt)} is not an ISO 8601 date-time`,
  )
  const updated = v.expect(
    'TASK-SHAPE-03',
    isDateTime(fields.lastUpdatedAt),
    `${where}: lastUpdatedAt ${brief(fields.lastUpdatedAt)} is not an ISO 8601 date-time`,
  )
  const ttl = fields.ttl
  const ttlOk = v.expect(
    'TASK-TTL-01',
    ttl === null || (isInteger(ttl) && (ttl as number) >= 0),
    `${where}: ttl ${brief(ttl)} is neither a non-negative integer nor null`,
  )
  return shapeOk && created && updated && ttlOk
}

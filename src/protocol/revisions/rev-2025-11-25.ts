/**
 * Tasks as shipped in protocol revision 2025-11-25 (SEP-1686): basic/utilities/tasks and
 * schema/2025-11-25/schema.ts.
 */
import { ProtocolError } from '../errors.ts'
import type { Params } from '../jsonrpc.ts'
import { RELATED_TASK_META_KEY } from '../methods.ts'
import { readOptionalObject } from '../params.ts'
import type { TaskMode, TaskRequest, TaskSnapshot } from '../task-model.ts'
import type { Revision, TaskFeatures, TasksWire } from './types.ts'

const iso = (epochMs: number): string => new Date(epochMs).toISOString()

/** Capabilities: every leaf is an object and `{}` means supported; absent means not supported. */
function capability({ list, cancel }: TaskFeatures): Params {
  return {
    ...(list ? { list: {} } : {}),
    ...(cancel ? { cancel: {} } : {}),
    requests: { tools: { call: {} } },
  }
}

/** Tool-level negotiation: "forbidden" is the default, so it is left out rather than spelled. */
function toolExecution(mode: TaskMode): Params | undefined {
  return mode === 'forbidden' ? undefined : { taskSupport: mode }
}

/** `params.task` is TaskMetadata { ttl?: integer }; `task: {}` still asks for a task. */
function readTaskRequest(params: Params | undefined): TaskRequest | undefined {
  const task = readOptionalObject(params, 'task', 'tools/call')
  if (task === undefined) return undefined
  const ttl = task.ttl
  if (ttl === undefined || ttl === null) return {}
  if (typeof ttl !== 'number' || !Number.isSafeInteger(ttl) || ttl < 0) {
    throw ProtocolError.invalidParams(
      'tools/call: "task.ttl" must be a non-negative integer number of milliseconds',
    )
  }
  return { ttlMs: ttl }
}

/** Task: createdAt, lastUpdatedAt and ttl (nullable) are required; times are ISO 8601 (N34, N35, N37). */
function task(snapshot: TaskSnapshot): Params {
  const wire: Params = {
    taskId: snapshot.taskId,
    status: snapshot.status,
    createdAt: iso(snapshot.createdAt),
    lastUpdatedAt: iso(snapshot.lastUpdatedAt),
    ttl: snapshot.ttlMs,
  }
  if (snapshot.statusMessage !== undefined) wire.statusMessage = snapshot.statusMessage
  if (snapshot.pollIntervalMs !== undefined) wire.pollInterval = snapshot.pollIntervalMs
  return wire
}

const tasksWire: TasksWire = {
  capability,
  toolExecution,
  readTaskRequest,
  task,
  // CreateTaskResult wraps the Task under "task"; everywhere else it is flat.
  createTaskResult: (snapshot) => ({ task: task(snapshot) }),
  relatedTaskMeta: (taskId) => ({ [RELATED_TASK_META_KEY]: { taskId } }),
}

export const revision20251125: Revision = {
  version: '2025-11-25',
  tasks: tasksWire,
  invalidArguments: 'tool-error',
  elicitationModes: true,
}

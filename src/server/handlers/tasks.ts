/** tasks/get, tasks/result, tasks/list and tasks/cancel (2025-11-25 basic/utilities/tasks). */
import { ProtocolError } from '../../protocol/errors.ts'
import type { Params } from '../../protocol/jsonrpc.ts'
import { Method } from '../../protocol/methods.ts'
import { readOptionalString, readTaskId } from '../../protocol/params.ts'
import type { TasksWire } from '../../protocol/revisions/index.ts'
import { isTerminal } from '../../protocol/task-model.ts'
import type { TaskRecord } from '../../tasks/types.ts'
import type { Session } from '../session.ts'
import type { RequestScope } from '../transport.ts'
import { type RequestCall, RequestCancelled } from './types.ts'

/** N68: an unknown, expired or foreign task id is -32602. Foreign tasks look unknown (N78). */
const notFound = (method: string, taskId: string) =>
  ProtocolError.invalidParams(`Failed to retrieve task: Task not found (${method} for taskId "${taskId}")`)

function wireOf(session: Session): TasksWire {
  const wire = session.revision?.tasks
  if (wire === undefined) throw new Error('tasks method dispatched on a session without tasks')
  return wire
}

/** Looks the task up for this requestor only; params.taskId is authoritative (N47, N49). */
async function ownTask(call: RequestCall): Promise<TaskRecord> {
  const taskId = readTaskId(call.params, call.method)
  const task = await call.session.server.tasks.store.get(taskId, call.session.owner)
  if (task === undefined) throw notFound(call.method, taskId)
  return task
}

/** tasks/get answers the flat Task, without related-task metadata (N50). */
export async function handleTasksGet(call: RequestCall): Promise<Params> {
  return wireOf(call.session).task(await ownTask(call))
}

/**
 * tasks/result blocks until the task is terminal (N43), waking on the completion event, then answers
 * exactly what the underlying request answered (N42, N44, N72, N73) with related-task `_meta` (N51).
 * A cancelled task has no result: see spec/decisions.md, "tasks/result of a cancelled task".
 */
export async function handleTasksResult(call: RequestCall): Promise<Params> {
  const task = await ownTask(call)
  // Returned, not awaited: a parked call keeps one suspended frame (waitFor's), not two.
  if (!isTerminal(task.status)) return waitFor(task, call).then((settled) => answer(settled, call.session))
  return answer(task, call.session)
}

function answer(task: TaskRecord, session: Session): Promise<Params> {
  session.server.logger.info('task result retrieved', {
    taskId: task.taskId,
    status: task.status,
    owner: session.owner,
  })
  return resultOf(task, session)
}

/**
 * Parks the call until the task is terminal. It ends early, with no response, when the client goes
 * away (N17: nothing is cancelled, spec/decisions.md 11) or cancels this request with
 * notifications/cancelled (the task runs on: tasks are cancelled with tasks/cancel only, N66).
 */
async function waitFor(task: TaskRecord, call: RequestCall): Promise<TaskRecord> {
  const { session, scope, id } = call
  const { server } = session
  const wait = server.tasks.waitForTerminal(task.taskId, session.owner)
  const unlisten = onAbort(scope, wait.cancel)
  const untrack = session.track(id, wait.cancel)
  const unroute = server.routes.add(task.taskId, {
    outbound: session.outbound,
    requestId: id,
    wire: wireOf(session),
  })
  try {
    scope.openStream()
    // Requests of the task that waited for a stream (spec/decisions.md 19) go on this one now.
    server.input.flushTask(task.taskId, session.owner)
    const settled = await wait.settled
    if (wait.cancelled) throw new RequestCancelled()
    if (settled === undefined) {
      throw ProtocolError.invalidParams(`Failed to retrieve task: Task has expired (taskId "${task.taskId}")`)
    }
    return settled
  } finally {
    wait.cancel() // a no-op once settled; releases the waiter if anything above threw
    unlisten()
    untrack()
    unroute()
  }
}

/** Calls `listener` once when the scope aborts (at once if it has); returns its remover. */
function onAbort(scope: RequestScope, listener: () => void): () => void {
  if (scope.onAbort !== undefined) return scope.onAbort(listener)
  const { signal } = scope
  if (signal.aborted) listener()
  signal.addEventListener('abort', listener, { once: true })
  return () => signal.removeEventListener('abort', listener)
}

async function resultOf(task: TaskRecord, session: Session): Promise<Params> {
  if (task.status === 'cancelled') {
    throw ProtocolError.invalidParams(`Task "${task.taskId}" was cancelled and has no result`, {
      taskId: task.taskId,
      status: task.status,
      ...(task.statusMessage === undefined ? {} : { statusMessage: task.statusMessage }),
    })
  }
  const outcome = await session.server.tasks.store.getResult(task.taskId, session.owner)
  if (outcome === undefined) throw notFound(Method.TasksResult, task.taskId)
  if (outcome.kind === 'error')
    throw new ProtocolError(outcome.error.code, outcome.error.message, outcome.error.data)
  const meta = {
    ...(outcome.result._meta as Params | undefined),
    ...wireOf(session).relatedTaskMeta(task.taskId),
  }
  return { ...outcome.result, _meta: meta }
}

/** tasks/list: the requestor's tasks only (N79), opaque cursors, nextCursor while more remain (N57). */
export async function handleTasksList(call: RequestCall): Promise<Params> {
  const { session, params } = call
  const cursor = readOptionalString(params, 'cursor', Method.TasksList)
  const page = await session.server.tasks.store.list(session.owner, cursor === undefined ? {} : { cursor })
  const wire = wireOf(session)
  const tasks = page.tasks.map((task) => wire.task(task))
  return page.nextCursor === undefined ? { tasks } : { tasks, nextCursor: page.nextCursor }
}

/**
 * tasks/cancel: a terminal task is -32602 (N60); otherwise the task is `cancelled` before we answer
 * (N62), its handler's signal is aborted (N61), and it stays cancelled (N63).
 */
export async function handleTasksCancel(call: RequestCall): Promise<Params> {
  const { session } = call
  const task = await ownTask(call)
  const transition = isTerminal(task.status) ? undefined : await session.server.tasks.cancel(task.taskId)
  if (transition !== undefined && !transition.applied && transition.task === undefined) {
    throw notFound(call.method, task.taskId)
  }
  if (transition?.applied !== true) {
    const status = transition?.task?.status ?? task.status
    throw ProtocolError.invalidParams(`Cannot cancel task: already in terminal status '${status}'`, {
      taskId: task.taskId,
      status,
    })
  }
  session.server.logger.info('task cancelled', { taskId: task.taskId, owner: session.owner })
  return wireOf(session).task(transition.task)
}

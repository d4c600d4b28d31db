/** Which handler serves which method, and which methods a session may call at all. */
import { ProtocolError } from '../protocol/errors.ts'
import { Method } from '../protocol/methods.ts'
import { handleInitialize, handlePing, handleSetLevel } from './handlers/lifecycle.ts'
import { handleTasksCancel, handleTasksGet, handleTasksList, handleTasksResult } from './handlers/tasks.ts'
import { handleToolsCall, handleToolsList } from './handlers/tools.ts'
import type { MethodHandler } from './handlers/types.ts'
import type { Session } from './session.ts'

const CORE: Readonly<Record<string, MethodHandler>> = {
  [Method.Initialize]: handleInitialize,
  [Method.Ping]: handlePing,
  [Method.ToolsList]: handleToolsList,
  [Method.ToolsCall]: handleToolsCall,
  [Method.LoggingSetLevel]: handleSetLevel,
}

const TASKS: Readonly<Record<string, MethodHandler>> = {
  [Method.TasksGet]: handleTasksGet,
  [Method.TasksResult]: handleTasksResult,
  [Method.TasksList]: handleTasksList,
  [Method.TasksCancel]: handleTasksCancel,
}

export function handlerFor(method: string, session: Session): MethodHandler {
  const core = CORE[method]
  if (core !== undefined) return core
  const tasks = TASKS[method]
  if (tasks !== undefined) {
    if (session.server.tasksEnabledFor(session)) return tasks
    throw ProtocolError.methodNotFound(
      `Method not found: ${method} (this session has no tasks capability: it needs protocol version 2025-11-25 and a server with task tools)`,
    )
  }
  throw ProtocolError.methodNotFound(`Method not found: ${method}`)
}

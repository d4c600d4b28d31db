/** Which handler serves which method, and which methods a session may call at all. */
import { ProtocolError } from '../protocol/errors.ts'
import { Method } from '../protocol/methods.ts'
import { handleInitialize, handlePing, handleSetLevel } from './handlers/lifecycle.ts'
import {
  handleComplete,
  handlePromptsGet,
  handlePromptsList,
  handleResourcesList,
  handleResourcesRead,
  handleResourcesSubscribe,
  handleResourcesUnsubscribe,
  handleResourceTemplatesList,
} from './handlers/surface.ts'
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

/** Methods served only when the server declares the capability they belong to. */
const OPTIONAL: Readonly<
  Record<string, { capability: 'resources' | 'prompts' | 'completions'; handler: MethodHandler }>
> = {
  [Method.ResourcesList]: { capability: 'resources', handler: handleResourcesList },
  [Method.ResourceTemplatesList]: { capability: 'resources', handler: handleResourceTemplatesList },
  [Method.ResourcesRead]: { capability: 'resources', handler: handleResourcesRead },
  [Method.ResourcesSubscribe]: { capability: 'resources', handler: handleResourcesSubscribe },
  [Method.ResourcesUnsubscribe]: { capability: 'resources', handler: handleResourcesUnsubscribe },
  [Method.PromptsList]: { capability: 'prompts', handler: handlePromptsList },
  [Method.PromptsGet]: { capability: 'prompts', handler: handlePromptsGet },
  [Method.CompletionComplete]: { capability: 'completions', handler: handleComplete },
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
  const optional = OPTIONAL[method]
  if (optional !== undefined) {
    if (session.server.declares(optional.capability)) return optional.handler
    throw ProtocolError.methodNotFound(
      `Method not found: ${method} (this server declares no ${optional.capability} capability)`,
    )
  }
  const tasks = TASKS[method]
  if (tasks !== undefined) {
    if (session.server.tasksEnabledFor(session)) return tasks
    throw ProtocolError.methodNotFound(
      `Method not found: ${method} (this session has no tasks capability: it needs protocol version 2025-11-25 and a server with task tools)`,
    )
  }
  throw ProtocolError.methodNotFound(`Method not found: ${method}`)
}

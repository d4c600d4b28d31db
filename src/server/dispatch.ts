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

/*
 * The tables are Maps, never object literals: a method name comes from the client, and an object
 * literal would also "have" Object.prototype's members (`constructor`, `toString`, `__proto__`, ...).
 * 2025-11-25 basic: a method the server does not serve is -32601, whatever it is called.
 */
const CORE: ReadonlyMap<string, MethodHandler> = new Map<string, MethodHandler>([
  [Method.Initialize, handleInitialize],
  [Method.Ping, handlePing],
  [Method.ToolsList, handleToolsList],
  [Method.ToolsCall, handleToolsCall],
  [Method.LoggingSetLevel, handleSetLevel],
])

interface OptionalMethod {
  readonly capability: 'resources' | 'prompts' | 'completions'
  readonly handler: MethodHandler
}

/** Methods served only when the server declares the capability they belong to. */
const OPTIONAL: ReadonlyMap<string, OptionalMethod> = new Map<string, OptionalMethod>([
  [Method.ResourcesList, { capability: 'resources', handler: handleResourcesList }],
  [Method.ResourceTemplatesList, { capability: 'resources', handler: handleResourceTemplatesList }],
  [Method.ResourcesRead, { capability: 'resources', handler: handleResourcesRead }],
  [Method.ResourcesSubscribe, { capability: 'resources', handler: handleResourcesSubscribe }],
  [Method.ResourcesUnsubscribe, { capability: 'resources', handler: handleResourcesUnsubscribe }],
  [Method.PromptsList, { capability: 'prompts', handler: handlePromptsList }],
  [Method.PromptsGet, { capability: 'prompts', handler: handlePromptsGet }],
  [Method.CompletionComplete, { capability: 'completions', handler: handleComplete }],
])

const TASKS: ReadonlyMap<string, MethodHandler> = new Map<string, MethodHandler>([
  [Method.TasksGet, handleTasksGet],
  [Method.TasksResult, handleTasksResult],
  [Method.TasksList, handleTasksList],
  [Method.TasksCancel, handleTasksCancel],
])

export function handlerFor(method: string, session: Session): MethodHandler {
  const core = CORE.get(method)
  if (core !== undefined) return core
  const optional = OPTIONAL.get(method)
  if (optional !== undefined) {
    if (session.server.declares(optional.capability)) return optional.handler
    throw ProtocolError.methodNotFound(
      `Method not found: ${method} (this server declares no ${optional.capability} capability)`,
    )
  }
  const tasks = TASKS.get(method)
  if (tasks !== undefined) {
    if (session.server.tasksEnabledFor(session)) return tasks
    throw ProtocolError.methodNotFound(
      `Method not found: ${method} (this session has no tasks capability: it needs protocol version 2025-11-25 and a server with task tools)`,
    )
  }
  throw ProtocolError.methodNotFound(`Method not found: ${method}`)
}

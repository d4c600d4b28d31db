/**
 * A task-augmented tools/call (2025-11-25 tasks "Creating Tasks"): the task is created, answered at
 * once with CreateTaskResult (N40, N41), and the tool runs in the background with its own signal.
 */
import type { Params } from '../../protocol/jsonrpc.ts'
import { Method } from '../../protocol/methods.ts'
import type { TaskRequest } from '../../protocol/task-model.ts'
import type { TaskRun } from '../../tasks/running.ts'
import { createToolContext } from '../context.ts'
import { executeTool, settlementOf } from '../execute.ts'
import { toolError } from '../result.ts'
import { timeoutMessage } from '../timeouts.ts'
import type { RegisteredTool } from '../tool.ts'
import { progressTokenOf } from './request-context.ts'
import type { RequestCall } from './types.ts'

export async function startToolTask(
  call: RequestCall,
  tool: RegisteredTool,
  args: unknown,
  request: TaskRequest,
): Promise<Params> {
  const { id, params, session } = call
  const { server } = session
  const revision = session.revision
  const wire = revision?.tasks
  if (revision === undefined || wire === undefined) throw new Error('task started on a session without tasks')
  const task = await server.tasks.create({
    owner: session.owner,
    sessionId: session.id,
    method: Method.ToolsCall,
    toolName: tool.name,
    ttlMs: server.grantTtl(request.ttlMs),
    pollIntervalMs: server.taskOptions.pollIntervalMs,
  })
  const { taskId } = task
  server.logger.info('task created', { taskId, tool: tool.name, owner: session.owner })
  // The context reads the task through `run`, which the manager lets go of once the task ends: a
  // handler that never returns then pins only what it holds itself.
  const ctx = (run: TaskRun) =>
    createToolContext({
      signal: run.signal,
      requestId: id,
      session: session.info(),
      auth: session.principal,
      task: {
        id: taskId,
        get status() {
          return run.status
        },
      },
      // progress.mdx rule 3: the original progressToken stays valid until the task is terminal (N53-N55).
      progressToken: progressTokenOf(params),
      notify: (method, notificationParams) => {
        if (!run.live) return
        // N45, read literally (issue #2451 is open): notifications related to a task carry related-task.
        server.sendForTask(task, (target) => ({
          jsonrpc: '2.0',
          method,
          params: { ...notificationParams, _meta: target.relatedTaskMeta(taskId) },
        }))
      },
      shouldLog: (level) => session.shouldLog(level),
      sendToClient: (method, requestParams) => server.input.forTask(task, method, requestParams, run.signal),
      elicitationModes: revision.elicitationModes,
    })
  const timeoutMs = server.timeoutOf(tool)
  // Past its limit a task answers what a failed tool answers: an isError result (decision 37).
  const timeout =
    timeoutMs === null
      ? undefined
      : {
          ms: timeoutMs,
          settle: () =>
            settlementOf({ kind: 'result', result: toolError(timeoutMessage(tool.name, timeoutMs)) }),
        }
  const options = { revision, limits: server.resultLimits, asTask: true }
  const work = async (run: TaskRun) => settlementOf(await executeTool(tool, args, ctx(run), options))
  server.tasks.start(task, work, timeout)
  return wire.createTaskResult(task)
}

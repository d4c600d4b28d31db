/** The server a developer builds: tools, task settings, and the sessions transports open on it. */

import { TaskwireError } from '../errors.ts'
import type { JsonLimits } from '../protocol/json-seal.ts'
import type { JsonRpcMessage, Params } from '../protocol/jsonrpc.ts'
import { Notification } from '../protocol/methods.ts'
import type { TasksWire } from '../protocol/revisions/index.ts'
import { isTerminal } from '../protocol/task-model.ts'
import { TaskManager } from '../tasks/manager.ts'
import { InMemoryTaskStore } from '../tasks/memory-store.ts'
import type { TaskRecord } from '../tasks/types.ts'
import { DEFAULT_INPUT_TIMEOUT_MS, InputRequests } from './input-requests.ts'
import {
  DEFAULT_MAX_TASK_TTL_MS,
  DEFAULT_MIN_TASK_TTL_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_TASK_TTL_MS,
  DEFAULT_TOOLS_PAGE_SIZE,
  grantTtl,
  type Logger,
  resultLimitsOf,
  type ServerOptions,
  silentLogger,
  type TtlOptions,
} from './options.ts'
import {
  type PromptArgsSchema,
  type PromptDefinition,
  type PromptHandler,
  PromptRegistry,
} from './prompts.ts'
import {
  type ResourceDefinition,
  type ResourceReader,
  ResourceRegistry,
  type ResourceTemplateDefinition,
  type TemplateReader,
  type TemplateVariables,
} from './resources.ts'
import { Session } from './session.ts'
import { TaskRoutes } from './task-routes.ts'
import { checkTimeout, DEFAULT_TOOL_TIMEOUT_MS } from './timeouts.ts'
import {
  type AnyObjectSchema,
  type RegisteredTool,
  registerTool,
  type ToolDefinition,
  type ToolHandler,
} from './tool.ts'
import type { Outbound, Principal, SessionFactory } from './transport.ts'

export type ResolvedTaskOptions = TtlOptions

export class TaskwireServer implements SessionFactory {
  readonly options: ServerOptions
  readonly tasks: TaskManager
  readonly taskOptions: ResolvedTaskOptions
  readonly routes = new TaskRoutes()
  readonly logger: Logger
  readonly toolsPageSize: number
  /** Bounds of every tool result (maxResultBytes, maxResultDepth). */
  readonly resultLimits: JsonLimits
  /** The limit of tools that set no `timeoutMs` (ms); null for none. */
  readonly toolTimeoutMs: number | null
  /** Requests to clients made from inside tools (elicitation, sampling). */
  readonly input: InputRequests
  readonly resources = new ResourceRegistry()
  readonly prompts = new PromptRegistry()
  readonly #tools = new Map<string, RegisteredTool>()
  /** Tools that can run as tasks; the tasks capability is declared while there is one. */
  #taskTools = 0
  readonly #sessions = new Map<string, Session>()

  constructor(options: ServerOptions) {
    this.options = options
    const {
      defaultTtlMs = DEFAULT_TASK_TTL_MS,
      maxTtlMs = DEFAULT_MAX_TASK_TTL_MS,
      minTtlMs = DEFAULT_MIN_TASK_TTL_MS,
      pollIntervalMs = DEFAULT_POLL_INTERVAL_MS,
      store = new InMemoryTaskStore(),
      createRate,
      maxWaitersPerRequestor,
    } = options.tasks ?? {}
    this.taskOptions = { defaultTtlMs, maxTtlMs, minTtlMs, pollIntervalMs }
    this.logger = options.logger ?? silentLogger
    this.toolsPageSize = options.toolsPageSize ?? DEFAULT_TOOLS_PAGE_SIZE
    this.resultLimits = resultLimitsOf(options)
    const { toolTimeoutMs = DEFAULT_TOOL_TIMEOUT_MS } = options
    this.toolTimeoutMs = checkTimeout('toolTimeoutMs', toolTimeoutMs)
    this.tasks = new TaskManager(store, {
      ...(createRate === undefined ? {} : { createRate }),
      ...(maxWaitersPerRequestor === undefined ? {} : { maxWaitersPerRequestor }),
    })
    this.input = new InputRequests(this, options.inputTimeoutMs ?? DEFAULT_INPUT_TIMEOUT_MS)
    this.tasks.on('status', (task) => this.#notifyStatus(task))
  }

  /**
   * Registers a tool.
   * @example
   * server.tool({ name: 'echo', input: z.object({ text: z.string() }), task: true }, ({ text }) => text)
   */
  tool<I extends AnyObjectSchema | undefined = undefined, O extends AnyObjectSchema | undefined = undefined>(
    definition: ToolDefinition<I, O>,
    handler: ToolHandler<I, O>,
  ): this {
    if (this.#tools.has(definition.name)) {
      throw new TaskwireError('DUPLICATE_TOOL', `A tool named "${definition.name}" is already registered`)
    }
    const tool = registerTool(definition, handler)
    this.#tools.set(definition.name, tool)
    if (tool.mode !== 'forbidden') this.#taskTools++
    this.#listChanged(Notification.ToolListChanged)
    return this
  }

  /** Removes a tool; initialized sessions hear notifications/tools/list_changed. */
  removeTool(name: string): boolean {
    const tool = this.#tools.get(name)
    const removed = this.#tools.delete(name)
    if (tool !== undefined && tool.mode !== 'forbidden') this.#taskTools--
    if (removed) this.#listChanged(Notification.ToolListChanged)
    return removed
  }

  /**
   * Registers a resource with a fixed URI.
   * @example
   * server.resource({ uri: 'file:///readme', name: 'readme', mimeType: 'text/markdown' }, () => '# Hello')
   */
  resource(definition: ResourceDefinition, read: ResourceReader): this {
    this.resources.add(definition, read)
    this.#listChanged(Notification.ResourceListChanged)
    return this
  }

  /**
   * Registers resources by URI template (RFC 6570 `{var}` and `{+var}`).
   * @example
   * server.resourceTemplate({ uriTemplate: 'users://{id}/profile', name: 'profile' }, (uri, { id }) => profileOf(id))
   */
  resourceTemplate<T extends string>(
    definition: ResourceTemplateDefinition<T>,
    read: TemplateReader<TemplateVariables<T>>,
  ): this {
    this.resources.addTemplate(definition as ResourceTemplateDefinition, read as TemplateReader)
    this.#listChanged(Notification.ResourceListChanged)
    return this
  }

  /**
   * Registers a prompt whose arguments a zod object validates.
   * @example
   * server.prompt({ name: 'review', arguments: z.object({ code: z.string() }) }, ({ code }) => `Review:\n${code}`)
   */
  prompt<A extends PromptArgsSchema | undefined = undefined>(
    definition: PromptDefinition<A>,
    handler: PromptHandler<A>,
  ): this {
    this.prompts.add(definition, handler)
    this.#listChanged(Notification.PromptListChanged)
    return this
  }

  /** Tells the sessions subscribed to `uri` that it changed (notifications/resources/updated). */
  notifyResourceUpdated(uri: string): void {
    for (const session of this.#sessions.values()) {
      if (session.subscriptions.has(uri)) {
        session.outbound.send({ jsonrpc: '2.0', method: Notification.ResourceUpdated, params: { uri } })
      }
    }
  }

  /** list_changed to every initialized session (none are initialized while a server is being set up). */
  #listChanged(method: string): void {
    for (const session of this.#sessions.values()) {
      if (session.revision !== undefined) session.outbound.send({ jsonrpc: '2.0', method })
    }
  }

  get tools(): ReadonlyMap<string, RegisteredTool> {
    return this.#tools
  }

  get serverInfo(): Params {
    const { name, version, title } = this.options
    return title === undefined ? { name, version } : { name, version, title }
  }

  /** Tasks exist for a session when its revision has them and some tool can run as one. */
  tasksEnabledFor(session: Session): boolean {
    return session.revision?.tasks !== undefined && this.#taskTools > 0
  }

  /** Whether the server declares an optional capability: it has something registered to serve it. */
  declares(capability: 'resources' | 'prompts' | 'completions'): boolean {
    if (capability === 'resources') return this.resources.size > 0
    if (capability === 'prompts') return this.prompts.size > 0
    return this.prompts.size > 0 || this.resources.templates.length > 0
  }

  capabilitiesFor(session: Session): Params {
    const capabilities: Params = { tools: { listChanged: true }, logging: {} }
    if (this.declares('resources')) capabilities.resources = { subscribe: true, listChanged: true }
    if (this.declares('prompts')) capabilities.prompts = { listChanged: true }
    if (this.declares('completions')) capabilities.completions = {}
    const wire = session.revision?.tasks
    if (wire !== undefined && this.tasksEnabledFor(session)) {
      // N1/N2: declared once some tool can run as a task. We always know the requestor (session or
      // principal), so tasks/list is declared too (N77).
      capabilities.tasks = wire.capability({ list: true, cancel: true })
    }
    return capabilities
  }

  /** How long a call of `tool` may run (ms), or null for no limit. */
  timeoutOf(tool: RegisteredTool): number | null {
    return tool.timeoutMs === undefined ? this.toolTimeoutMs : tool.timeoutMs
  }

  grantTtl(requested: number | undefined): number | null {
    return grantTtl(requested, this.taskOptions)
  }

  openSession({ principal, outbound }: { principal: Principal | undefined; outbound: Outbound }): Session {
    const session = new Session(this, principal, outbound)
    this.#sessions.set(session.id, session)
    return session
  }

  /** Called by Session.close(): forgets it and ends the tasks bound to it alone (nobody can reach them). */
  sessionClosed(session: Session): void {
    this.#sessions.delete(session.id)
    if (session.principal === undefined) void this.#dropOwnerTasks(session.owner)
  }

  /**
   * Sends a message for a task (spec/decisions.md 10): on a connected tasks/result stream for it if
   * any, else on the standalone stream of the session that created it, else on the most recent
   * tasks/result stream, where it waits for the client to resume. `build` renders it in the
   * receiving session's wire format.
   */
  sendForTask(task: TaskRecord, build: (wire: TasksWire) => JsonRpcMessage): boolean {
    const live = this.routes.latest(task.taskId, (route) => route.outbound.isConnected(route.requestId))
    if (live !== undefined) return live.outbound.send(build(live.wire), live.requestId)
    const session = task.sessionId === undefined ? undefined : this.#sessions.get(task.sessionId)
    const wire = session?.revision?.tasks
    if (session !== undefined && wire !== undefined && session.outbound.send(build(wire))) return true
    const latest = this.routes.latest(task.taskId)
    return latest?.outbound.send(build(latest.wire), latest.requestId) === true
  }

  /** Stops running tasks, closes sessions and the store. */
  async close(): Promise<void> {
    for (const session of [...this.#sessions.values()]) session.close()
    this.tasks.stopAll()
    await this.tasks.store.close()
  }

  /** 2025-11-25 tasks "Task Status Notification" (N18): sent on every applied change, without related-task (N52). */
  #notifyStatus(task: TaskRecord): void {
    // N82: task completion is logged, with the requestor.
    if (isTerminal(task.status)) {
      this.logger.info('task settled', { taskId: task.taskId, status: task.status, owner: task.owner })
    }
    this.sendForTask(task, (wire) => ({
      jsonrpc: '2.0',
      method: Notification.TaskStatus,
      params: wire.task(task),
    }))
  }

  async #dropOwnerTasks(owner: string): Promise<void> {
    const { store } = this.tasks
    try {
      let cursor: string | undefined
      do {
        const page = await store.list(owner, cursor === undefined ? {} : { cursor })
        for (const task of page.tasks) {
          await this.tasks.cancel(task.taskId, 'Session ended')
          await store.delete(task.taskId)
        }
        cursor = page.nextCursor
      } while (cursor !== undefined)
    } catch (error) {
      this.logger.warn('could not drop the tasks of a closed session', { owner, error: String(error) })
    }
  }
}

/** Creates a taskwire server. Serve it with `serve(server, { port })` or embed `createHttpApp(server)`. */
export function createServer(options: ServerOptions): TaskwireServer {
  return new TaskwireServer(options)
}

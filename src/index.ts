/**
 * taskwire: MCP servers whose tools run as tasks. This barrel is the public API: a new export here
 * is a new promise to users.
 */

export { TaskwireError } from './errors.ts'
export type { HttpOptions, ServedHttp, ServeOptions } from './http/index.ts'
export { createFetchHandler, createHttpApp, serveHttp as serve } from './http/index.ts'
export { ErrorCode, ProtocolError } from './protocol/errors.ts'
export type { TaskMode, TaskStatus } from './protocol/task-model.ts'
export type { ProtocolVersion } from './protocol/versions.ts'
export { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './protocol/versions.ts'
export type {
  CreateMessageResult,
  Elicitation,
  FormElicitation,
  SamplingRequest,
  UrlElicitation,
} from './server/client-calls.ts'
export { ClientCapabilityError } from './server/client-calls.ts'
export type { LogLevel, SessionInfo, TaskInfo, ToolContext } from './server/context.ts'
export { LOG_LEVELS } from './server/context.ts'
export { CallAnsweredError } from './server/handlers/request-context.ts'
export { DEFAULT_INPUT_TIMEOUT_MS, MAX_QUEUED_INPUT_REQUESTS } from './server/input-requests.ts'
export type { Logger, ServerOptions, TaskOptions } from './server/options.ts'
export {
  DEFAULT_MAX_RESULT_BYTES,
  DEFAULT_MAX_RESULT_DEPTH,
  DEFAULT_MAX_TASK_TTL_MS,
  DEFAULT_MIN_TASK_TTL_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_TASK_TTL_MS,
  DEFAULT_TOOLS_PAGE_SIZE,
} from './server/options.ts'
export { ClientRequestError, InputTimeoutError } from './server/outgoing.ts'
export type {
  PromptArgsSchema,
  PromptDefinition,
  PromptHandler,
  PromptMessage,
  PromptReturn,
} from './server/prompts.ts'
export type {
  Completer,
  ResourceBody,
  ResourceDefinition,
  ResourceReader,
  ResourceTemplateDefinition,
  TemplateReader,
  TemplateVariables,
} from './server/resources.ts'
export type { CallToolResult, ContentBlock, ToolReturn } from './server/result.ts'
export type { ResolvedTaskOptions } from './server/server.ts'
export { createServer, TaskwireServer } from './server/server.ts'
export { DEFAULT_TOOL_TIMEOUT_MS, ToolTimeoutError } from './server/timeouts.ts'
export type { AnyObjectSchema, ToolArgs, ToolDefinition, ToolHandler, ToolTaskOption } from './server/tool.ts'
export type { Outbound, Principal, RequestScope, SessionFactory, SessionPort } from './server/transport.ts'
export type { ServedStdio, StdioOptions } from './stdio/index.ts'
export { serveStdio } from './stdio/index.ts'
export type { InMemoryTaskStoreOptions } from './tasks/memory-store.ts'
export { InMemoryTaskStore } from './tasks/memory-store.ts'
export type { RateOptions } from './tasks/rate-limit.ts'
export { DEFAULT_CREATE_RATE } from './tasks/rate-limit.ts'
export {
  DEFAULT_MAX_RETAINED_RESULT_BYTES,
  DEFAULT_MAX_RETAINED_RESULT_BYTES_PER_REQUESTOR,
} from './tasks/result-budget.ts'
export { TaskAbortedError } from './tasks/running.ts'
export type { ListOptions, TaskStore } from './tasks/store.ts'
export type { ListPage, NewTask, TaskOutcome, TaskRecord, Transition } from './tasks/types.ts'
export { DEFAULT_MAX_WAITERS_PER_REQUESTOR } from './tasks/waiters.ts'

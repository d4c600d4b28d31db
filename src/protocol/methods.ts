/** Method names of the MCP messages taskwire serves or sends. */
export const Method = {
  Initialize: 'initialize',
  Ping: 'ping',
  ToolsList: 'tools/list',
  ToolsCall: 'tools/call',
  LoggingSetLevel: 'logging/setLevel',
  ResourcesList: 'resources/list',
  ResourceTemplatesList: 'resources/templates/list',
  ResourcesRead: 'resources/read',
  ResourcesSubscribe: 'resources/subscribe',
  ResourcesUnsubscribe: 'resources/unsubscribe',
  PromptsList: 'prompts/list',
  PromptsGet: 'prompts/get',
  CompletionComplete: 'completion/complete',
  TasksGet: 'tasks/get',
  TasksResult: 'tasks/result',
  TasksList: 'tasks/list',
  TasksCancel: 'tasks/cancel',
  ElicitationCreate: 'elicitation/create',
  SamplingCreateMessage: 'sampling/createMessage',
} as const

export const Notification = {
  Initialized: 'notifications/initialized',
  Cancelled: 'notifications/cancelled',
  Progress: 'notifications/progress',
  Message: 'notifications/message',
  TaskStatus: 'notifications/tasks/status',
  ResourceUpdated: 'notifications/resources/updated',
  ResourceListChanged: 'notifications/resources/list_changed',
  PromptListChanged: 'notifications/prompts/list_changed',
  ToolListChanged: 'notifications/tools/list_changed',
} as const

/** 2025-11-25 tasks: `_meta` key tying a message to a task (basic/utilities/tasks "Related Task Metadata"). */
export const RELATED_TASK_META_KEY = 'io.modelcontextprotocol/related-task'

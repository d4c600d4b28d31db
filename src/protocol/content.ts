/**
 * The wire shapes of tool results, content blocks and sampling (MCP 2025-11-25 schema: "Content",
 * "CallToolResult", "Sampling", "Elicitation"), as TypeScript types only. They are written here so
 * that the published declarations need no MCP SDK: a consumer compiling with `skipLibCheck: false`
 * resolves every type from taskwire itself. Open objects (`_meta`, `structuredContent`, schemas)
 * are `Params` (`Record<string, unknown>`), as the spec's schema declares them.
 */

import type { Params } from './jsonrpc.ts'

/** 2025-11-25 "Role": the sender or recipient of a message. */
export type Role = 'user' | 'assistant'

/** 2025-11-25 "Annotations": hints for the client on how to use or show an object. */
export interface Annotations {
  audience?: Role[]
  /** 0 (least important) to 1 (most important). */
  priority?: number
  /** ISO 8601 timestamp of the last change. */
  lastModified?: string
}

/** 2025-11-25 "Icon": an image a client may show for a tool, resource or prompt. */
export interface Icon {
  src: string
  mimeType?: string
  sizes?: string[]
  theme?: 'light' | 'dark'
}

export interface TextContent {
  type: 'text'
  text: string
  annotations?: Annotations
  _meta?: Params
}

export interface ImageContent {
  type: 'image'
  /** Base64-encoded image data. */
  data: string
  mimeType: string
  annotations?: Annotations
  _meta?: Params
}

export interface AudioContent {
  type: 'audio'
  /** Base64-encoded audio data. */
  data: string
  mimeType: string
  annotations?: Annotations
  _meta?: Params
}

/** A resource the client may read; it need not appear in resources/list. */
export interface ResourceLink {
  type: 'resource_link'
  uri: string
  name: string
  title?: string
  description?: string
  mimeType?: string
  /** Size of the raw content in bytes, if known. */
  size?: number
  icons?: Icon[]
  annotations?: Annotations
  _meta?: Params
}

export interface TextResourceContents {
  uri: string
  mimeType?: string
  text: string
  _meta?: Params
}

export interface BlobResourceContents {
  uri: string
  mimeType?: string
  /** Base64-encoded bytes. */
  blob: string
  _meta?: Params
}

/** The contents of a resource, inside a tool result or a prompt message. */
export interface EmbeddedResource {
  type: 'resource'
  resource: TextResourceContents | BlobResourceContents
  annotations?: Annotations
  _meta?: Params
}

/** 2025-11-25 "ContentBlock": what tool results and prompt messages are made of. */
export type ContentBlock = TextContent | ImageContent | AudioContent | ResourceLink | EmbeddedResource

/** 2025-11-25 "Result": every result may carry `_meta` and fields of later revisions. */
export interface Result {
  _meta?: Params
  [key: string]: unknown
}

/** 2025-11-25 "CallToolResult". `isError: true` is a tool execution error, not a protocol error. */
export interface CallToolResult extends Result {
  content: ContentBlock[]
  /** Conforms to the tool's `outputSchema` when it has one. */
  structuredContent?: Params
  isError?: boolean
}

/** A tool call the model asks for in a sampling answer (2025-11-25 sampling with tools). */
export interface ToolUseContent {
  type: 'tool_use'
  /** Matched by the `toolUseId` of the ToolResultContent that answers it. */
  id: string
  name: string
  input: Params
  _meta?: Params
}

/** The outcome of a ToolUseContent, sent back to the model in a later sampling message. */
export interface ToolResultContent {
  type: 'tool_result'
  toolUseId: string
  content: ContentBlock[]
  structuredContent?: Params
  isError?: boolean
  _meta?: Params
}

/** 2025-11-25 "SamplingMessageContentBlock". */
export type SamplingContent = TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent

export interface SamplingMessage {
  role: Role
  content: SamplingContent | SamplingContent[]
  _meta?: Params
}

export interface ModelHint {
  /** A substring of a model name, e.g. "sonnet"; the client may map it to another provider's model. */
  name?: string
}

/** Each priority is 0 to 1; the client decides how to weigh them. */
export interface ModelPreferences {
  hints?: ModelHint[]
  costPriority?: number
  speedPriority?: number
  intelligencePriority?: number
}

/** A tool the model may call during sampling (the shape of a tools/list entry). */
export interface SamplingTool {
  name: string
  title?: string
  description?: string
  inputSchema: { type: 'object'; properties?: Params; required?: string[]; [key: string]: unknown }
  outputSchema?: { type: 'object'; properties?: Params; required?: string[]; [key: string]: unknown }
  annotations?: Params
  icons?: Icon[]
  _meta?: Params
}

export interface ToolChoice {
  /** "auto" (the default): the model decides; "required": it must call one; "none": it must not. */
  mode?: 'auto' | 'required' | 'none'
}

/** 2025-11-25 "CreateMessageRequestParams", without `task` and `_meta`, which taskwire sets. */
export interface SamplingRequest {
  messages: SamplingMessage[]
  modelPreferences?: ModelPreferences
  systemPrompt?: string
  /** Soft-deprecated in 2025-11-25; needs the client's `sampling.context` capability. */
  includeContext?: 'none' | 'thisServer' | 'allServers'
  temperature?: number
  maxTokens: number
  stopSequences?: string[]
  /** Passed through to the model provider. */
  metadata?: Params
  /** Needs the client's `sampling.tools` capability. */
  tools?: SamplingTool[]
  toolChoice?: ToolChoice
}

/**
 * 2025-11-25 "CreateMessageResult": the client's answer to sampling/createMessage. `content` is one
 * block or, since 2025-11-25, an array (tool use may answer several); taskwire does not reshape it.
 */
export interface CreateMessageResult extends Result, SamplingMessage {
  model: string
  stopReason?: 'endTurn' | 'stopSequence' | 'maxTokens' | 'toolUse' | (string & {})
}

/** 2025-11-25 "ElicitResult" as the client sends it. */
export interface ElicitResult extends Result {
  action: 'accept' | 'decline' | 'cancel'
  content?: { [key: string]: string | number | boolean | string[] }
}

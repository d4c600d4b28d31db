/**
 * Raw-client conveniences for the input tests: a session that declares client capabilities (the
 * raw client's `initialize` declares none), predicates for server→client requests and status
 * notifications, and answering a request by POSTing a JSON-RPC response.
 */
import {
  isObject,
  type JsonObject,
  type JsonRpcMessage,
  LATEST_VERSION,
  RawSession,
  RELATED_TASK,
  rawPost,
} from './raw-client.ts'

/** Opens a session (initialize + notifications/initialized) declaring `capabilities`. */
export async function initializeWith(url: string, capabilities: JsonObject): Promise<RawSession> {
  const params = {
    protocolVersion: LATEST_VERSION,
    capabilities,
    clientInfo: { name: 'raw-input-client', version: '0.0.0' },
  }
  const response = await rawPost(url, { jsonrpc: '2.0', id: 0, method: 'initialize', params })
  const text = await response.text()
  const body: unknown = text === '' ? undefined : JSON.parse(text)
  const sessionId = response.headers.get('mcp-session-id')
  if (response.status !== 200 || sessionId === null || !isObject(body) || !isObject(body.result)) {
    throw new Error(`initialize failed: HTTP ${response.status} ${text}`)
  }
  const session = new RawSession(url, sessionId, body.result, {})
  const initialized = await session.notify('notifications/initialized')
  if (initialized.status !== 202) throw new Error(`notifications/initialized got HTTP ${initialized.status}`)
  return session
}

/** A request (not a notification, not a response) from the server with this method. */
export const isRequest =
  (method: string) =>
  (message: JsonRpcMessage): boolean =>
    message.method === method && message.id !== undefined && message.id !== null

/** A `notifications/tasks/status` for `taskId` with `status`. */
export const isStatus =
  (taskId: string, status: string) =>
  (message: JsonRpcMessage): boolean =>
    message.method === 'notifications/tasks/status' &&
    message.id === undefined &&
    message.params?.taskId === taskId &&
    message.params?.status === status

/** The task a message's `_meta` ties it to, if any. */
export function relatedTaskOf(message: JsonRpcMessage): string | undefined {
  const meta = message.params?._meta
  const related = isObject(meta) ? meta[RELATED_TASK] : undefined
  return isObject(related) && typeof related.taskId === 'string' ? related.taskId : undefined
}

/**
 * Answers a server→client request with `result`, echoing its related-task `_meta` (N45) when it has
 * one, from `session`; resolves with the HTTP status of the POST.
 */
export async function answer(
  session: RawSession,
  request: JsonRpcMessage,
  result: JsonObject,
): Promise<number> {
  const taskId = relatedTaskOf(request)
  const meta = taskId === undefined ? {} : { _meta: { [RELATED_TASK]: { taskId } } }
  const response = await session.post({ jsonrpc: '2.0', id: request.id, result: { ...result, ...meta } })
  await response.arrayBuffer()
  return response.status
}

/** The text of a CallToolResult's first text block. */
export function textOf(result: JsonObject | undefined): string | undefined {
  const content = result?.content
  const first = Array.isArray(content) ? (content[0] as unknown) : undefined
  return isObject(first) && typeof first.text === 'string' ? first.text : undefined
}

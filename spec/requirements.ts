/**
 * The requirement catalog: what a server can be held to under the 2025-11-25 tasks protocol, as the
 * receiver of task-augmented `tools/call` and as the requestor of the side-channel requests a task
 * makes. One entry per obligation, in our own words, with a stable id the conformance checks cite.
 * `spec/requirements.md` is rendered from this module (`npm run spec:render`); do not edit it by hand.
 *
 * Levels follow RFC 2119. A prohibition ("MUST NOT", "SHOULD NOT") is phrased as the positive
 * obligation it implies and keeps its level. `side` says whom the statement binds: `server` for rules
 * the specification states for servers only, `both` for rules it states for every receiver or every
 * requestor (a client is bound by them too when it plays that role).
 */

export type Level = 'MUST' | 'SHOULD' | 'MAY'
export type Side = 'server' | 'client' | 'both'

export interface Requirement {
  /** Stable: never renumbered, never reused. */
  readonly id: RequirementId
  readonly level: Level
  readonly side: Side
  /** One line in our words. */
  readonly summary: string
  /** The section of the 2025-11-25 specification it comes from. */
  readonly section: string
  /** Where the specification is open or contradicts itself: the reading the suite tests, and why. */
  readonly note?: string
}

const SPEC = 'https://modelcontextprotocol.io/specification/2025-11-25'
const tasks = (anchor: string) => `${SPEC}/basic/utilities/tasks#${anchor}`
const PROGRESS = `${SPEC}/basic/utilities/progress#behavior-requirements`
const CANCELLATION = `${SPEC}/basic/utilities/cancellation#behavior-requirements`
const transports = (anchor: string) => `${SPEC}/basic/transports#${anchor}`
const JSON_RPC_ERRORS = 'https://www.jsonrpc.org/specification#error_object'

type Row = readonly [id: string, level: Level, side: Side, section: string, summary: string, note?: string]

// biome-ignore format: one requirement per row, so the catalog reads as a table (the formatter would give each field a line)
const ROWS = [
  // Capabilities and negotiation
  ['TASK-CAP-01', 'MUST', 'both', tasks('capabilities'),
    'A server that accepts task-augmented `tools/call` announces a `tasks` capability in its `initialize` result.'],
  ['TASK-CAP-02', 'MUST', 'server', tasks('server-capabilities'),
    'Support is announced per request type, as `tasks.requests.tools.call`; every leaf of `tasks` is an object (`{}`), never a boolean.'],
  ['TASK-CAP-03', 'MAY', 'both', tasks('capability-negotiation'),
    '`tasks.list` and `tasks.cancel` are optional; once declared, `tasks/list` and `tasks/cancel` work.',
    'The text has no keyword: the leaf "controls" whether the method is supported. The list and cancel checks run only when the leaf is declared and SKIP otherwise.'],
  ['TASK-MODE-01', 'MUST', 'server', tasks('tool-level-negotiation'),
    "`tools/list` gives each tool's task support as `execution.taskSupport`: `forbidden`, `optional` or `required`; left out, it means `forbidden`.",
    'A schema-typed field without a keyword sentence. The suite checks the fixture tools are listed with the modes the contract gives them.'],
  ['TASK-MODE-02', 'MUST', 'server', tasks('tool-level-negotiation'),
    'A `required` tool called without `task` is refused with the JSON-RPC error `-32601`: not run, not answered with an `isError` result.',
    'Conflict: Error Handling lets a receiver that requires tasks answer `-32600` (a MAY, with a -32600 example). The tool-level rule is a MUST and more specific, so the suite expects `-32601`, reports `-32600` as WARN (TASK-ERR-05) and FAILs anything else. taskwire: spec/decisions.md 1.'],
  ['TASK-MODE-03', 'SHOULD', 'server', tasks('tool-level-negotiation'),
    'A tool whose `taskSupport` is `forbidden` or absent, called with `task`, is refused with `-32601` before its handler runs.',
    'The spec asks only for the code. The suite also reports a handler that ran before the refusal, because the call had side effects the client could not want (spec/decisions.md 2).'],
  ['TASK-MODE-04', 'MUST', 'server', tasks('tool-level-negotiation'),
    'An `optional` tool is served both ways: with `task` it answers a `CreateTaskResult`, without it an ordinary `CallToolResult`.',
    'Clients MAY call it either way, so the server must accept both.'],
  ['TASK-NEG-01', 'MUST', 'both', tasks('task-support-and-handling'),
    'A server that did not declare `tasks.requests.tools.call` (for the session) runs a `tools/call` carrying `task` as an ordinary call and ignores `task`; it is no error.',
    'Needs a server without the capability: the suite uses `--no-tasks-url`, else a session negotiated at 2025-06-18 (which has no tasks), else it SKIPs. taskwire applies it per session: sessions negotiated at 2025-06-18 or earlier have no tasks, and even `required` tools run as plain calls there (spec/decisions.md 3).'],
  ['TASK-NEG-02', 'MAY', 'both', tasks('task-support-and-handling'),
    'A server that declared task support for a request type may refuse plain requests of that type.'],

  // Creating tasks
  ['TASK-CREATE-01', 'MUST', 'both', tasks('result-retrieval'),
    'An accepted task-augmented request is answered with a `CreateTaskResult`: the Task wrapped under `result.task`.'],
  ['TASK-CREATE-02', 'SHOULD', 'both', tasks('result-retrieval'),
    'The `CreateTaskResult` comes back as soon as the task is accepted, without waiting for the work.'],
  ['TASK-CREATE-03', 'MUST', 'both', tasks('creating-tasks'),
    "The `CreateTaskResult` holds no part of the operation's result (no `content`, `structuredContent`, `isError`); that comes from `tasks/result` only.",
    'Stated without a keyword ("does not include the actual operation result"); catalogued as MUST because it defines the message.'],
  ['TASK-CREATE-04', 'MAY', 'server', tasks('creating-tasks'),
    'The `CreateTaskResult` `_meta` may carry `io.modelcontextprotocol/model-immediate-response`: a string the host can hand the model meanwhile.',
    'Provisional and non-binding; the suite only checks that, when present, it is a string.'],
  ['TASK-CREATE-05', 'MUST', 'both', tasks('creating-tasks'),
    '`task` asks for a task with or without `ttl`: `task: {}` is as valid as `task: { ttl }`.',
    "Follows from the requestor's MAY on `ttl` and the schema (`TaskMetadata.ttl` is optional)."],

  // Task ids, status, shape
  ['TASK-ID-01', 'MUST', 'both', tasks('task-id-requirements'), 'A task id is a string.'],
  ['TASK-ID-02', 'MUST', 'both', tasks('task-id-requirements'),
    'The server generates the task id when it creates the task.'],
  ['TASK-ID-03', 'MUST', 'both', tasks('task-id-requirements'),
    'A task id is unique among all tasks the server holds, across sessions.'],
  ['TASK-STATUS-01', 'MUST', 'both', tasks('task-status-lifecycle'), 'A new task starts in `working`.'],
  ['TASK-STATUS-02', 'MUST', 'both', tasks('task-status-lifecycle'),
    'Status changes only from `working` to `input_required`/`completed`/`failed`/`cancelled`, and from `input_required` to `working`/`completed`/`failed`/`cancelled`.'],
  ['TASK-STATUS-03', 'MUST', 'both', tasks('task-status-lifecycle'),
    '`completed`, `failed` and `cancelled` are final: a task never leaves them.'],
  ['TASK-SHAPE-01', 'MUST', 'both', tasks('task'),
    'Every Task carries `taskId`, `status` (one of the five), `createdAt`, `lastUpdatedAt` and `ttl`; `statusMessage` is a string and `pollInterval` an integer when present.',
    'From schema.ts; `ttl` and `lastUpdatedAt` are required there although the prose lists them loosely.'],
  ['TASK-SHAPE-02', 'MUST', 'both', tasks('ttl-and-resource-management'),
    'Every task response gives `createdAt` as an ISO 8601 timestamp.'],
  ['TASK-SHAPE-03', 'MUST', 'both', tasks('ttl-and-resource-management'),
    'Every task response gives `lastUpdatedAt` as an ISO 8601 timestamp.'],

  // Lifetime
  ['TASK-TTL-01', 'MUST', 'both', tasks('ttl-and-resource-management'),
    '`tasks/get` reports the ttl actually granted, in milliseconds, or `null` for unlimited.'],
  ['TASK-TTL-02', 'MAY', 'both', tasks('ttl-and-resource-management'),
    'The server may grant a ttl other than the one requested.'],
  ['TASK-TTL-03', 'MAY', 'both', tasks('ttl-and-resource-management'),
    'Once the ttl has run out, counted from creation, the server may delete the task and its result whatever its status.',
    'ttl counts from creation (Data Types: "from creation"). Keeping a task longer, as the official SDK v1 does by restarting the clock at completion, is allowed here and reported under TASK-SEC-10. taskwire clamps the requested ttl to [1 s, 24 h] and deletes a task when it expires, running or not (spec/decisions.md 12).'],
  ['TASK-TTL-04', 'MAY', 'both', tasks('ttl-and-resource-management'),
    'The server may suggest a polling interval in milliseconds as `pollInterval`.'],

  // tasks/get and tasks/result
  ['TASK-GET-01', 'MUST', 'both', tasks('getting-tasks'),
    '`tasks/get` answers the Task flat in `result` (Result & Task), not wrapped.'],
  ['TASK-GET-02', 'SHOULD', 'server', tasks('input-required-status'),
    '`tasks/get` is answered as plain JSON, not upgraded to an SSE stream, where possible.'],
  ['TASK-RESULT-01', 'MUST', 'both', tasks('result-retrieval'),
    '`tasks/result` on a `working` or `input_required` task holds its answer until the task is terminal.'],
  ['TASK-RESULT-02', 'MUST', 'both', tasks('result-retrieval'),
    'On a terminal task `tasks/result` answers exactly what the underlying request would have answered.'],
  ['TASK-RESULT-03', 'MUST', 'both', tasks('related-task-metadata'),
    'A successful `tasks/result` carries `_meta["io.modelcontextprotocol/related-task"] = { taskId }`.'],
  ['TASK-RESULT-04', 'MUST', 'both', tasks('task-execution-errors'),
    'If the underlying request ended in a JSON-RPC error, `tasks/result` answers that same error.'],
  ['TASK-RESULT-05', 'MUST', 'both', tasks('task-execution-errors'),
    'If the underlying request produced a result, even a `CallToolResult` with `isError: true`, `tasks/result` answers it as a JSON-RPC success.'],
  ['TASK-RESULT-06', 'MUST', 'both', tasks('result-retrieval'),
    '`tasks/result` on a cancelled task, or waiting on a task that gets cancelled, is answered instead of hanging.',
    "What it answers is unspecified (modelcontextprotocol#1956). A cancelled task is terminal, and a terminal task's tasks/result must be answered, so hanging FAILs. The form of the answer is TASK-RESULT-07."],
  ['TASK-RESULT-07', 'SHOULD', 'both', tasks('result-retrieval'),
    'That answer is a `-32602` error: a cancelled task has no result.',
    'Our reading (spec/decisions.md 4): like cancelling a terminal task, a state-based refusal of the request. Another code (the official SDK answers -32603, an internal error) or a success is reported as WARN, never FAIL.'],
  ['TASK-RESULT-08', 'SHOULD', 'both', tasks('result-retrieval'),
    'A `tasks/result` that waits is answered promptly once the task is terminal, not a polling interval later.',
    'Not a sentence of the spec: the suite\'s quality reading of "block until terminal". Only ever a WARN.'],
  ['TASK-RESULT-09', 'SHOULD', 'both', tasks('retrieving-task-results'),
    'A requestor may drop a `tasks/result` or `tasks/get` stream at any time; the server does not take that as cancelling the task.',
    'The tasks page lets clients disconnect; the transport page says a disconnection SHOULD NOT be read as cancellation. taskwire keeps the call parked and resumable with Last-Event-ID (spec/decisions.md 11).'],

  // tasks/list
  ['TASK-LIST-01', 'MUST', 'both', tasks('listing-tasks'),
    '`tasks/list` answers `{ tasks: Task[] }` with flat Task items, and `nextCursor` (a string) when a page follows.'],
  ['TASK-LIST-02', 'SHOULD', 'both', tasks('task-listing'),
    '`tasks/list` limits its pages and pages with cursors.'],
  ['TASK-LIST-03', 'MUST', 'both', tasks('task-listing'),
    '`nextCursor` is present whenever more tasks remain.'],
  ['TASK-LIST-04', 'MUST', 'both', tasks('task-listing'),
    'Every task the requestor can fetch with `tasks/get` appears in its `tasks/list`.'],

  // tasks/cancel
  ['TASK-CANCEL-01', 'MUST', 'both', tasks('task-cancellation'),
    'Cancelling a task that is already `completed`, `failed` or `cancelled` is refused with `-32602`.'],
  ['TASK-CANCEL-02', 'MUST', 'both', tasks('task-cancellation'),
    'A valid `tasks/cancel` makes the task `cancelled` before answering, and answers the flat Task showing `cancelled`.'],
  ['TASK-CANCEL-03', 'SHOULD', 'both', tasks('task-cancellation'),
    'On `tasks/cancel` the server tries to stop the work.'],
  ['TASK-CANCEL-04', 'MUST', 'both', tasks('task-cancellation'),
    'A cancelled task stays `cancelled` even if its work later finishes or fails.'],
  ['TASK-CANCEL-05', 'MAY', 'both', tasks('task-cancellation'),
    'A cancelled task may be deleted at any time, even at once.'],

  // Notifications and related-task metadata
  ['TASK-NOTIFY-01', 'MAY', 'both', tasks('task-notifications'),
    'The server may send `notifications/tasks/status` when a status changes, for every transition or only some.',
    'taskwire sends one on every applied change after creation (the CreateTaskResult already shows `working`), without related-task (spec/decisions.md 9).'],
  ['TASK-NOTIFY-02', 'MUST', 'both', tasks('task-status-notification'),
    'A `notifications/tasks/status` carries the full, flat Task as its `params`.'],
  ['TASK-NOTIFY-03', 'SHOULD', 'both', tasks('task-notifications'),
    'A `notifications/tasks/status` leaves out related-task `_meta` (the task id is in its params).'],
  ['TASK-META-01', 'MUST', 'both', tasks('associating-task-related-messages'),
    'Every request, notification and response that belongs to a task carries `_meta["io.modelcontextprotocol/related-task"]` with its id.'],
  ['TASK-META-02', 'MUST', 'both', tasks('associating-task-related-messages'),
    'A side-channel request (elicitation, sampling) a task waits on carries the id of that very task as related-task.',
    'Whether the requestor must echo related-task in its answer is not said; taskwire matches answers by JSON-RPC id and accepts them only from the same requestor (spec/decisions.md 20).'],
  ['TASK-META-03', 'MUST', 'both', tasks('associating-task-related-messages'),
    'For `tasks/get`, `tasks/result` and `tasks/cancel`, `params.taskId` picks the task; a related-task in the request `_meta` is ignored.'],
  ['TASK-META-04', 'SHOULD', 'both', tasks('associating-task-related-messages'),
    'Results of `tasks/get`, `tasks/list` and `tasks/cancel` leave out related-task `_meta`.'],

  // input_required
  ['TASK-INPUT-01', 'SHOULD', 'both', tasks('input-required-status'),
    'While the task waits for input from the requestor its status is `input_required`.',
    'taskwire: `input_required` exactly while at least one request to the requestor is open (spec/decisions.md 18).'],
  ['TASK-INPUT-02', 'MUST', 'both', tasks('input-required-status'),
    'A side-channel request a task makes reaches a requestor that waits in `tasks/result`, on that stream or another SSE stream of its session.',
    'No keyword: `input_required` is defined as "call tasks/result to receive the input requests", and a server that never delivers them leaves the task stuck. The suite also opens the GET stream and accepts either. taskwire sends it on an open tasks/result stream, else the GET stream, else queues it until one opens (spec/decisions.md 10, 19).'],
  ['TASK-INPUT-03', 'SHOULD', 'both', tasks('input-required-status'),
    'Once its input has arrived the task leaves `input_required`, usually back to `working`.'],

  // Progress
  ['TASK-PROGRESS-01', 'MUST', 'both', PROGRESS,
    "Progress for a task keeps using the original request's `progressToken`, also after the `CreateTaskResult`."],
  ['TASK-PROGRESS-02', 'MUST', 'both', PROGRESS, 'No progress is sent for a task once it is terminal.'],
  ['TASK-PROGRESS-03', 'SHOULD', 'both', tasks('associating-task-related-messages'),
    'Progress notifications for a task carry related-task `_meta`.',
    'Read literally, "all notifications related to a task MUST" carry it, but no sentence says so for progress (modelcontextprotocol#2451, open). The suite tests the literal reading and reports a miss as WARN; taskwire sends it (spec/decisions.md 8).'],

  // Errors
  ['TASK-ERR-01', 'MUST', 'both', tasks('protocol-errors'),
    'A `taskId` that is unknown, expired, malformed or of the wrong type in `tasks/get`, `tasks/result` or `tasks/cancel` is answered `-32602`.',
    'An expired task is indistinguishable from an unknown one (the spec allows answering "not found" once it is purged); a `tasks/result` waiting when the task expires gets -32602 too (spec/decisions.md 5).'],
  ['TASK-ERR-02', 'MUST', 'both', tasks('protocol-errors'),
    'An unknown or invalid `tasks/list` cursor is answered `-32602`.'],
  ['TASK-ERR-03', 'MUST', 'both', tasks('protocol-errors'),
    'Internal errors are `-32603`, and only they: client mistakes that have their own code are not answered `-32603`.',
    'A black-box suite cannot make a server fail inside; it checks the other half, on every client mistake it provokes.'],
  ['TASK-ERR-04', 'SHOULD', 'both', tasks('protocol-errors'), 'Error messages say what went wrong.'],
  ['TASK-ERR-05', 'MAY', 'both', tasks('protocol-errors'),
    'A server that requires tasks for a request type may refuse a plain request with `-32600`.',
    'For `tools/call` this collides with TASK-MODE-02 (-32601, MUST). Reading: -32600 stays the generic answer for request types without a tool-level field; on a `required` tool it is reported as WARN.'],
  ['TASK-EXEC-01', 'MUST', 'both', tasks('task-execution-errors'),
    'A task whose underlying request ended in a JSON-RPC error ends `failed`.',
    'Stated as a fact without a keyword; catalogued as MUST because it defines `failed`.'],
  ['TASK-EXEC-02', 'SHOULD', 'server', tasks('task-execution-errors'),
    'A tool task whose result has `isError: true` ends `failed`.',
    'Lowercase "should" in 2025-11-25 (a later draft made it SHOULD; the 2026 extension reverses it to `completed`). Reading tested: `failed`; `completed` is a WARN. taskwire: spec/decisions.md 6.'],
  ['TASK-EXEC-03', 'SHOULD', 'both', tasks('task-execution-errors'),
    'The `tasks/get` of a failed task carries a diagnostic `statusMessage`.'],

  // Security and resources
  ['TASK-SEC-01', 'MUST', 'both', tasks('task-isolation-and-access-control'),
    'Where requests carry an authorization context, each task is bound to the context that created it.',
    'Black-box the suite compares two sessions; with `--second-header` they carry different credentials. Reading (modelcontextprotocol#2054): without credentials the session is the context. Sharing tasks across sessions of one context is not failed. taskwire binds to the principal when the auth hook gives one, else to the session; DELETE of a session cancels the tasks bound to it alone (spec/decisions.md 13, 14).'],
  ['TASK-SEC-02', 'MUST', 'both', tasks('task-isolation-and-access-control'),
    '`tasks/get`, `tasks/result` and `tasks/cancel` on a task of another authorization context are refused.'],
  ['TASK-SEC-03', 'MUST', 'both', tasks('task-isolation-and-access-control'),
    "`tasks/list` returns only tasks of the requestor's authorization context."],
  ['TASK-SEC-04', 'MUST', 'both', tasks('task-isolation-and-access-control'),
    'Without context binding, task ids are cryptographically random, with enough entropy to resist guessing.',
    'Judged from the ids seen: length, alphabet and absence of sequence. A heuristic; it cannot prove randomness.'],
  ['TASK-SEC-05', 'SHOULD', 'both', tasks('task-isolation-and-access-control'),
    'A server without context binding documents that anyone holding a task id can reach the task.'],
  ['TASK-SEC-06', 'SHOULD', 'both', tasks('task-isolation-and-access-control'),
    'A server that cannot tell requestors apart does not declare `tasks.list`.',
    'taskwire always knows the requestor (principal or session), so it always declares `tasks.list` (spec/decisions.md 15). Not observable from outside.'],
  ['TASK-SEC-07', 'SHOULD', 'both', tasks('task-isolation-and-access-control'),
    'Task operations are rate-limited against denial of service and id enumeration.'],
  ['TASK-SEC-08', 'SHOULD', 'both', tasks('resource-management'),
    'The ttl has a documented maximum: a larger request is lowered to it.'],
  ['TASK-SEC-09', 'SHOULD', 'both', tasks('resource-management'),
    'Concurrent tasks per requestor are limited, and the limit is documented.',
    'No code is given for a refused creation; taskwire answers -32050, a server-defined code, with the limit in `data` (spec/decisions.md 16). No check: it would take thousands of tasks.'],
  ['TASK-SEC-10', 'SHOULD', 'both', tasks('resource-management'), 'Expired tasks are cleaned up promptly.'],
  ['TASK-SEC-11', 'SHOULD', 'both', tasks('resource-management'), 'Resource use is monitored, with alerts.'],
  ['TASK-SEC-12', 'SHOULD', 'both', tasks('audit-and-logging'),
    'Task creation, completion and retrieval are logged, with the auth context when there is one, and suspicious patterns are watched for.'],

  // Transport and JSON-RPC (the tasks page: implementations MUST keep to the Streamable HTTP spec)
  ['TASK-HTTP-01', 'MUST', 'both', transports('sending-messages-to-the-server'),
    'Task traffic keeps to Streamable HTTP: a request is answered `application/json` or `text/event-stream`, a notification or response `202`, and the session id from `initialize` is honoured.'],
  ['TASK-HTTP-02', 'MUST', 'both', transports('sending-messages-to-the-server'),
    'A POST body the server cannot accept (not JSON, not a JSON-RPC message) gets an HTTP 4xx status.'],
  ['TASK-HTTP-03', 'MUST', 'server', transports('session-management'),
    'A request naming an unknown session, or one ended with `DELETE`, gets HTTP 404.'],
  ['TASK-HTTP-04', 'SHOULD', 'server', transports('session-management'),
    'A server that uses sessions answers a non-initialize request without `Mcp-Session-Id` with HTTP 400.'],
  ['TASK-RPC-01', 'MUST', 'both', JSON_RPC_ERRORS,
    'An unknown method (such as the pre-release `tasks/delete`) is answered `-32601`.'],
  ['TASK-RPC-02', 'MUST', 'both', JSON_RPC_ERRORS,
    'A JSON-RPC error answering malformed JSON uses `-32700`.'],

  // The server as requestor of task-augmented side-channel requests (elicitation, sampling)
  ['TASK-REQ-01', 'SHOULD', 'both', tasks('capability-negotiation'),
    'The server task-augments an elicitation or sampling request only if the client declared tasks for that request type.'],
  ['TASK-REQ-02', 'MUST', 'both', tasks('task-status-notification'),
    'Having task-augmented a request, the server does not depend on `notifications/tasks/status`; it polls `tasks/get`.'],
  ['TASK-REQ-03', 'SHOULD', 'both', tasks('getting-tasks'),
    "It polls at the client's `pollInterval` until the task is terminal, and calls `tasks/result` at once on `input_required`."],
  ['TASK-REQ-04', 'SHOULD', 'both', tasks('associating-task-related-messages'),
    'Its `tasks/get`, `tasks/result` and `tasks/cancel` requests leave out related-task `_meta`.'],
  ['TASK-REQ-05', 'MUST', 'both', tasks('task-listing'),
    'It treats `tasks/list` cursors from the client as opaque.'],
  ['TASK-REQ-06', 'MUST', 'both', CANCELLATION,
    'It cancels a client-side task with `tasks/cancel`, never with `notifications/cancelled`.',
    'The receiver side is silent: taskwire ignores a `notifications/cancelled` that names the request which created a task (spec/decisions.md 17).'],
  ['TASK-REQ-07', 'SHOULD', 'both', tasks('task-cancellation'),
    'It fetches what it needs before cancelling, without counting on cancelled tasks being kept.'],
  ['TASK-REQ-08', 'SHOULD', 'both', tasks('audit-and-logging'),
    'It logs the lifecycle of the tasks it creates and tracks their ids.'],
  ['TASK-REQ-09', 'MAY', 'both', tasks('creating-tasks'), 'It may ask the client for a ttl.'],
] as const satisfies readonly Row[]

/** Every id of the catalog; checks name theirs with it, so a typo does not compile. */
export type RequirementId = (typeof ROWS)[number][0]

export const REQUIREMENTS: readonly Requirement[] = (ROWS as readonly Row[]).map(
  ([key, level, side, section, summary, note]) => {
    const id = key as RequirementId
    return note === undefined
      ? { id, level, side, section, summary }
      : { id, level, side, section, summary, note }
  },
)

const BY_ID = new Map(REQUIREMENTS.map((requirement) => [requirement.id, requirement]))

/** The requirement with this id; throws on an id the catalog does not hold (a typo in a check). */
export function requirement(id: RequirementId): Requirement {
  const found = BY_ID.get(id)
  if (found === undefined) throw new Error(`Unknown requirement id ${id}`)
  return found
}

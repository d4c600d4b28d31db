/**
 * Everything that differs between protocol revisions sits behind this interface. A new revision (the
 * 2026-07-28 tasks extension, for one) is a new module implementing it, not edits elsewhere.
 */
import type { Params } from '../jsonrpc.ts'
import type { TaskMode, TaskRequest, TaskSnapshot } from '../task-model.ts'
import type { ProtocolVersion } from '../versions.ts'

export interface TaskFeatures {
  list: boolean
  cancel: boolean
}

/** The wire form of tasks in one revision. */
export interface TasksWire {
  /** The `tasks` entry of ServerCapabilities. */
  capability(features: TaskFeatures): Params
  /** The `execution` entry of a Tool in tools/list, or undefined to leave it out. */
  toolExecution(mode: TaskMode): Params | undefined
  /** The task augmentation of a tools/call, or undefined when the call is an ordinary one. */
  readTaskRequest(params: Params | undefined): TaskRequest | undefined
  /** A flat Task (tasks/get, tasks/cancel, tasks/list items, notifications/tasks/status). */
  task(snapshot: TaskSnapshot): Params
  /** The immediate answer to an accepted task-augmented request. */
  createTaskResult(snapshot: TaskSnapshot): Params
  /** The `_meta` entries that tie a message to a task. */
  relatedTaskMeta(taskId: string): Params
}

export interface Revision {
  readonly version: ProtocolVersion
  /** Undefined where the revision has no tasks: then a stray `task` param is ignored (N20). */
  readonly tasks: TasksWire | undefined
  /**
   * Where invalid tool arguments are reported. 2025-11-25 server/tools "Error Handling" lists input
   * validation errors as tool execution errors (isError: true); 2025-06-18 listed "invalid arguments"
   * among protocol errors (-32602).
   */
  readonly invalidArguments: 'tool-error' | 'protocol-error'
  /** elicitation/create carries `mode` ("form" | "url") from 2025-11-25 on; URL mode exists only there. */
  readonly elicitationModes: boolean
}

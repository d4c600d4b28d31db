/** Typed events of the task layer (house style: one events interface, eventemitter3). */
import { EventEmitter } from 'eventemitter3'
import type { TaskRecord } from './types.ts'

export interface TaskEvents {
  /** A status change was applied: `task` is the task as it now stands. */
  status: (task: TaskRecord) => void
  /** The store dropped the task because its ttl ran out. */
  expired: (task: TaskRecord) => void
}

export class TaskEventEmitter extends EventEmitter<TaskEvents> {}

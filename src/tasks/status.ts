/**
 * 2025-11-25 tasks "Task Status Lifecycle": tasks begin `working` (N25); the only transitions are
 * working → input_required | completed | failed | cancelled and input_required → working | completed |
 * failed | cancelled (N26); terminal statuses never change again (N27).
 */
import type { TaskStatus } from '../protocol/task-model.ts'

const ALLOWED: Readonly<Record<TaskStatus, ReadonlySet<TaskStatus>>> = {
  working: new Set(['input_required', 'completed', 'failed', 'cancelled']),
  input_required: new Set(['working', 'completed', 'failed', 'cancelled']),
  completed: new Set(),
  failed: new Set(),
  cancelled: new Set(),
}

export const INITIAL_STATUS: TaskStatus = 'working'

export const canTransition = (from: TaskStatus, to: TaskStatus): boolean => ALLOWED[from].has(to)

export { isTerminal } from '../protocol/task-model.ts'

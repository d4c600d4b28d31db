/**
 * Parked `tasks/result` calls. 2025-11-25 tasks (N43): a non-terminal task's result blocks until the
 * task is terminal; waiters wake on the status event itself, never by polling.
 */
import type { TaskRecord } from './types.ts'

type Wake = (task: TaskRecord | undefined) => void

export class Waiters {
  readonly #byTask = new Map<string, Set<Wake>>()

  /** Registers a waiter; the returned function removes it again. */
  add(taskId: string, wake: Wake): () => void {
    let set = this.#byTask.get(taskId)
    if (set === undefined) {
      set = new Set()
      this.#byTask.set(taskId, set)
    }
    set.add(wake)
    return () => this.#remove(taskId, wake)
  }

  /** Wakes and forgets every waiter of the task; `undefined` means the task is gone. */
  wake(taskId: string, task: TaskRecord | undefined): void {
    const set = this.#byTask.get(taskId)
    if (set === undefined) return
    this.#byTask.delete(taskId)
    for (const wake of set) wake(task)
  }

  #remove(taskId: string, wake: Wake): void {
    const set = this.#byTask.get(taskId)
    if (set === undefined) return
    set.delete(wake)
    if (set.size === 0) this.#byTask.delete(taskId)
  }
}

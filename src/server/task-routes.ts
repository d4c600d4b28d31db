/**
 * Where a task's messages go. 2025-11-25 tasks "Input Required Status": while the requestor waits in
 * `tasks/result`, messages for the task travel on that stream; otherwise they go to the session's
 * standalone stream (the HTTP GET stream), which clients SHOULD expect (N28).
 */
import type { RequestId } from '../protocol/jsonrpc.ts'
import type { TasksWire } from '../protocol/revisions/index.ts'
import type { Outbound } from './transport.ts'

export interface Route {
  readonly outbound: Outbound
  readonly requestId: RequestId
  /** The wire format of the session that waits, to render messages for it. */
  readonly wire: TasksWire
}

export class TaskRoutes {
  readonly #open = new Map<string, Route[]>()

  /** Registers an open `tasks/result` call for the task; the returned function unregisters it. */
  add(taskId: string, route: Route): () => void {
    const routes = this.#open.get(taskId) ?? []
    routes.push(route)
    this.#open.set(taskId, routes)
    return () => {
      const index = routes.indexOf(route)
      if (index >= 0) routes.splice(index, 1)
      if (routes.length === 0 && this.#open.get(taskId) === routes) this.#open.delete(taskId)
    }
  }

  /** The most recent open `tasks/result` call for the task that `accept`s, if any. */
  latest(taskId: string, accept: (route: Route) => boolean = () => true): Route | undefined {
    return this.#open.get(taskId)?.findLast(accept)
  }
}

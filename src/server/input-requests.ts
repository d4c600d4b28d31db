/**
 * Delivery of server→client requests made from inside a tool (issue: input_required). For an
 * ordinary call they travel on the call's own stream. For a task they carry related-task `_meta`
 * (N31, N46), move the task to `input_required` while open, and go where the task's messages go
 * (spec/decisions.md 10); when no stream can take them yet they wait in a bounded queue until the
 * requestor opens `tasks/result` for the task or a standalone stream.
 */
import type { JsonRpcMessage, JsonRpcResponse, Params, RequestId } from '../protocol/jsonrpc.ts'
import type { TasksWire } from '../protocol/revisions/index.ts'
import type { TaskRecord } from '../tasks/types.ts'
import { OutgoingRequests } from './outgoing.ts'
import type { TaskwireServer } from './server.ts'
import type { Session } from './session.ts'

/** Default time a tool waits for the client to answer an elicitation or sampling request. */
export const DEFAULT_INPUT_TIMEOUT_MS = 10 * 60_000
/** Requests per requestor that may wait for a stream to open. */
export const MAX_QUEUED_INPUT_REQUESTS = 100

type Build = (wire: TasksWire) => JsonRpcMessage

interface Queued {
  readonly id: string
  readonly task: TaskRecord
  readonly build: Build
}

export class InputRequests {
  readonly #server: TaskwireServer
  readonly #outgoing = new OutgoingRequests()
  readonly #timeoutMs: number
  /** Task requests no stream could take yet, by requestor. */
  readonly #queued = new Map<string, Queued[]>()

  constructor(server: TaskwireServer, timeoutMs: number) {
    this.#server = server
    this.#timeoutMs = timeoutMs
  }

  /** A request made during an ordinary call: on that call's stream. */
  async forCall(
    session: Session,
    via: RequestId,
    method: string,
    params: Params,
    signal: AbortSignal,
  ): Promise<Params> {
    const { id, answer } = this.#outgoing.create({
      owner: session.owner,
      method,
      timeoutMs: this.#timeoutMs,
      signal,
    })
    if (!session.outbound.send({ jsonrpc: '2.0', id, method, params }, via)) {
      this.#outgoing.abandon(id, new Error(`No stream is open to deliver ${method} to the client`))
    }
    return answer
  }

  /** A request made by a task's work. */
  async forTask(task: TaskRecord, method: string, params: Params, signal: AbortSignal): Promise<Params> {
    const { id, answer } = this.#outgoing.create({
      owner: task.owner,
      method,
      timeoutMs: this.#timeoutMs,
      signal,
    })
    const { tasks } = this.#server
    await tasks.beginInput(task.taskId)
    try {
      const build: Build = (wire) => ({
        jsonrpc: '2.0',
        id,
        method,
        params: {
          ...params,
          _meta: { ...(params._meta as Params | undefined), ...wire.relatedTaskMeta(task.taskId) },
        },
      })
      if (!this.#server.sendForTask(task, build)) this.#enqueue({ id, task, build })
      return await answer
    } catch (error) {
      this.#outgoing.abandon(id, error instanceof Error ? error : new Error(String(error)))
      throw error
    } finally {
      this.#dequeue(task.owner, id)
      await tasks.endInput(task.taskId)
    }
  }

  /** A client response: settles the request it answers, if it belongs to this requestor. */
  settle(response: JsonRpcResponse, owner: string): boolean {
    return this.#outgoing.settle(response, owner)
  }

  /** The requestor opened `tasks/result` for the task: what waited for it goes there now. */
  flushTask(taskId: string, owner: string): void {
    for (const queued of [...(this.#queued.get(owner) ?? [])]) {
      if (queued.task.taskId === taskId && this.#server.sendForTask(queued.task, queued.build)) {
        this.#dequeue(owner, queued.id)
      }
    }
  }

  /** A standalone stream opened on the session: the requestor's waiting requests go there. */
  flushSession(session: Session): void {
    const wire = session.revision?.tasks
    if (wire === undefined) return
    for (const queued of [...(this.#queued.get(session.owner) ?? [])]) {
      if (session.outbound.send(queued.build(wire))) this.#dequeue(session.owner, queued.id)
    }
  }

  #enqueue(queued: Queued): void {
    const list = this.#queued.get(queued.task.owner) ?? []
    if (list.length >= MAX_QUEUED_INPUT_REQUESTS) {
      throw new Error(
        `Too many requests wait for the client to open a stream (${MAX_QUEUED_INPUT_REQUESTS}); open tasks/result or a GET stream`,
      )
    }
    list.push(queued)
    this.#queued.set(queued.task.owner, list)
  }

  #dequeue(owner: string, id: string): void {
    const list = this.#queued.get(owner)
    if (list === undefined) return
    const rest = list.filter((queued) => queued.id !== id)
    if (rest.length === 0) this.#queued.delete(owner)
    else this.#queued.set(owner, rest)
  }
}

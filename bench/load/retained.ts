/**
 * Workloads 5 and 6 need state between commands: sessions opened first (so the baseline memory
 * includes them), then filled with finished tasks, then `tasks/get` of random retained tasks, each
 * asked by the session that owns it (a task is visible to its requestor only).
 */
import { performance } from 'node:perf_hooks'
import { type FillSummary, type LatencyOptions, type LatencyRun, TOOLS } from '../ipc.ts'
import type { McpClient } from './client.ts'
import { connect, createTask, measure } from './workloads.ts'

export class RetainedTasks {
  #clients: McpClient[] = []
  /** Every task created, with the index of the client that owns it. */
  readonly #owners: number[] = []
  readonly #ids: string[] = []

  async open(url: string, clients: number): Promise<void> {
    this.#clients = await Promise.all(Array.from({ length: clients }, () => connect(url)))
  }

  /** Creates `tasks` finished tasks of the instant tool, all clients at once; waits until all are done. */
  async fill(tasks: number): Promise<FillSummary> {
    let next = 0
    const start = performance.now()
    await Promise.all(
      this.#clients.map(async (client, index) => {
        let last: string | undefined
        while (next < tasks) {
          next++
          last = await createTask(client, TOOLS.instant)
          this.#owners.push(index)
          this.#ids.push(last)
        }
        // Tasks finish in order per session: once the last one has a result, all have.
        if (last !== undefined) await client.request('tasks/result', { taskId: last })
      }),
    )
    const seconds = (performance.now() - start) / 1000
    return { tasks, seconds, perSecond: tasks / seconds }
  }

  /** `tasks/get` of a random retained task, sequentially. */
  async get(options: LatencyOptions): Promise<LatencyRun> {
    const count = this.#ids.length
    if (count === 0) throw new Error('retainedGet before fill')
    return measure(() => {
      const pick = Math.floor(Math.random() * count)
      const client = this.#clients[this.#owners[pick] ?? 0]
      if (client === undefined) throw new Error('no client for a retained task')
      return client.request('tasks/get', { taskId: this.#ids[pick] })
    }, options)
  }

  /** Drops the connections without ending the sessions: the server is about to be stopped anyway. */
  close(): void {
    for (const client of this.#clients) client.destroy()
    this.#clients = []
  }
}

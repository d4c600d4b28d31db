/**
 * The fixture server plus one extra tool the fixture does not have: `stubborn`, which ignores its
 * signal, so a test can make a handler keep going (and report progress) after its task is terminal.
 */

import { createTestServer, Gate, httpOptionsOf, listen, type TestServerOptions } from '../fixtures/server.ts'

export interface Deferred<T> {
  readonly promise: Promise<T>
  resolve(value: T): void
}

export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => {}
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

export interface Stubborn {
  /** Opening it lets the handler go on, whatever happened to its task meanwhile. */
  readonly gate: Gate
  /** Resolves with the task id when the handler starts. */
  readonly started: Deferred<string | undefined>
  /** Resolves when the handler has reported its post-gate progress and is about to return. */
  readonly finished: Deferred<void>
}

/** Starts the fixture server with `stubborn` added (one handler run per server). */
export async function startServerWithStubborn(options: TestServerOptions = {}) {
  const { server, probe } = createTestServer(options)
  const stubborn: Stubborn = { gate: new Gate(), started: deferred(), finished: deferred() }
  server.tool({ name: 'stubborn', task: true }, async (_args, ctx) => {
    stubborn.started.resolve(ctx.task?.id)
    await stubborn.gate.opened // ctx.signal is ignored on purpose
    ctx.progress(1, 1, 'after the gate')
    stubborn.finished.resolve()
    return 'finished anyway'
  })
  return { probe, stubborn, ...(await listen(server, httpOptionsOf(options))) }
}

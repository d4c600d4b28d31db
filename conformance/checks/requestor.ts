/**
 * The server as requestor: when the client accepts task-augmented elicitation, a server that uses it
 * must poll the client's task rather than wait for notifications. The client side is emulated here.
 */

import type { Answer } from '../client/http.ts'
import {
  firstText,
  hasRelatedTask,
  isNotification,
  isObject,
  type JsonObject,
  type RequestId,
} from '../client/json.ts'
import { createTask, taskResult } from '../client/tasks.ts'
import { elicitText, FIXTURE } from '../contract.ts'
import type { Check } from '../types.ts'
import { Skip, Verdict } from '../verdict.ts'
import { ANSWER, accept } from './input.ts'
import { describe } from './util.ts'

const CLIENT_TASK = 'conformance-client-task'
const OPAQUE_CURSOR = 'conformance~opaque~cursor'
const POLL_MS = 100

/** The client-side task the emulation reports, in the given status. */
function clientTask(status: string): JsonObject {
  const now = new Date().toISOString()
  return {
    taskId: CLIENT_TASK,
    status,
    createdAt: now,
    lastUpdatedAt: now,
    ttl: 60_000,
    pollInterval: POLL_MS,
  }
}

/** Plays the receiver of task-augmented elicitation, recording what the server does as requestor. */
class ClientReceiver {
  augmentedId: RequestId | undefined
  readonly polls: number[] = []
  metaOnTaskRequests = 0
  cursorBack: unknown

  handle(method: string | undefined, params: JsonObject | undefined, id: RequestId): Answer {
    if (method === 'elicitation/create') {
      if (params?.task === undefined) return accept(undefined)
      this.augmentedId = id
      return { result: { task: clientTask('working') } }
    }
    if (method?.startsWith('tasks/') && hasRelatedTask(params?._meta)) this.metaOnTaskRequests++
    if (method === 'tasks/get') {
      this.polls.push(performance.now())
      return { result: clientTask(this.polls.length >= 2 ? 'completed' : 'working') }
    }
    if (method === 'tasks/result') return accept(CLIENT_TASK)
    if (method === 'tasks/list') {
      if (params?.cursor === undefined)
        return { result: { tasks: [clientTask('working')], nextCursor: OPAQUE_CURSOR } }
      this.cursorBack = params.cursor
      return { result: { tasks: [] } }
    }
    if (method === 'tasks/cancel') return { result: clientTask('cancelled') }
    return { error: { code: -32601, message: `not served: ${method}` } }
  }
}

const sideChannelTasks: Check = {
  id: 'requestor-side-channel',
  title:
    'as requestor of task-augmented elicitation the server polls, keeps cursors opaque, cancels with tasks/cancel',
  covers: ['TASK-REQ-02', 'TASK-REQ-03', 'TASK-REQ-04', 'TASK-REQ-05', 'TASK-REQ-06'],
  fixtures: [FIXTURE.elicit],
  async run(ctx) {
    const v = new Verdict()
    const requests = { elicitation: { create: {} } }
    const capabilities = { elicitation: { form: {} }, tasks: { list: {}, cancel: {}, requests } }
    const session = await ctx.open({ capabilities })
    const receiver = new ClientReceiver()
    session.onRequest((message) => receiver.handle(message.method, message.params, message.id as RequestId))
    await session.openGetStream()
    const { taskId } = await createTask(session, FIXTURE.elicit, {})
    const parked = taskResult(session, taskId, { timeoutMs: 10_000 }).catch(() => undefined)
    const asked = await session.waitFor(({ message }) => message.method === 'elicitation/create', 5_000)
    if (asked === undefined) throw new Skip('no elicitation/create reached the client within 5 s')
    if (receiver.augmentedId === undefined) {
      await parked
      // The requestor rules bind a server that task-augments its requests; this one does not (a MAY).
      throw new Skip(
        'the server did not task-augment its elicitation although the client accepts it: requestor rules not exercised',
        sideChannelTasks.covers,
      )
    }
    const result = await parked
    const expected = elicitText('accept', ANSWER)
    v.expect(
      'TASK-REQ-02',
      firstText(result?.result) === expected,
      `without status notifications the tool never got its answer: ${result === undefined ? 'no answer' : describe(result)}`,
    )
    v.expect(
      'TASK-REQ-04',
      receiver.metaOnTaskRequests === 0,
      `${receiver.metaOnTaskRequests} tasks/* requests carried related-task`,
    )
    const gaps = receiver.polls.slice(1).map((at, i) => at - (receiver.polls[i] as number))
    v.expect(
      'TASK-REQ-03',
      gaps.every((gap) => gap >= POLL_MS / 2),
      `polled faster than pollInterval ${POLL_MS} ms`,
    )
    if (receiver.cursorBack !== undefined) {
      v.expect('TASK-REQ-05', receiver.cursorBack === OPAQUE_CURSOR, 'the cursor came back changed')
    } else v.inapplicable('TASK-REQ-05', 'the server never paged through tasks/list, so it held no cursor')
    const cancelled = session.inbox.some(
      ({ message }) =>
        isNotification(message, 'notifications/cancelled') &&
        isObject(message.params) &&
        message.params.requestId === receiver.augmentedId,
    )
    v.expect(
      'TASK-REQ-06',
      !cancelled,
      'the server sent notifications/cancelled for its task-augmented request',
    )
    return v.outcome(`polled ${receiver.polls.length} times and fetched the answer`)
  },
}

export const requestorChecks: readonly Check[] = [sideChannelTasks]

/** Streamable HTTP around task traffic: content types, 202s, unknown and ended sessions. */

import { rawFetch } from '../client/raw.ts'
import { createTask, getTask } from '../client/tasks.ts'
import { FIXTURE } from '../contract.ts'
import type { Check } from '../types.ts'
import { Skip, Verdict } from '../verdict.ts'

const TYPES = new Set(['application/json', 'text/event-stream'])

const basics: Check = {
  id: 'transport-basics',
  title: 'task requests answer JSON or SSE, notifications 202, the GET stream is SSE or 405',
  covers: ['TASK-HTTP-01'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const created = await createTask(session, FIXTURE.slow, { ms: 0 })
    const got = await getTask(session, created.taskId)
    for (const [what, reply] of [
      ['tools/call', created.reply],
      ['tasks/get', got],
    ] as const) {
      v.expect(
        'TASK-HTTP-01',
        reply.status === 200 && TYPES.has(reply.contentType),
        `${what}: HTTP ${reply.status} ${reply.contentType}`,
      )
    }
    const status = await session.notify('notifications/cancelled', {
      requestId: 1,
      reason: 'conformance probe',
    })
    v.expect('TASK-HTTP-01', status === 202, `a notification got HTTP ${status}, not 202`)
    const stream = await session.openGetStream()
    stream.close()
    v.expect('TASK-HTTP-01', stream.status === 200 || stream.status === 405, `GET got HTTP ${stream.status}`)
    return v.outcome('JSON or SSE answers, 202 for notifications')
  },
}

const ping = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })

const unknownSession: Check = {
  id: 'rob-unknown-session',
  title: 'a session id the server never issued gets 404',
  covers: ['TASK-HTTP-03'],
  fixtures: [],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    if (session.sessionId === undefined) throw new Skip('the server issues no session ids')
    const headers = session.headers({ 'mcp-session-id': 'conformance-no-such-session' })
    const post = await rawFetch(session.endpoint.url, { method: 'POST', headers, body: ping })
    v.expect('TASK-HTTP-03', post.status === 404, `POST with an unknown session got HTTP ${post.status}`)
    return v.outcome('404')
  },
}

const afterDelete: Check = {
  id: 'rob-after-delete',
  title: 'after DELETE the session id gets 404 for POST and GET',
  covers: ['TASK-HTTP-03'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    if (session.sessionId === undefined) throw new Skip('the server issues no session ids')
    const { taskId } = await createTask(session, FIXTURE.slow, { ms: 0 })
    const deleted = await session.delete()
    if (deleted === 405) throw new Skip('the server does not let clients end sessions (DELETE answered 405)')
    v.expect('TASK-HTTP-03', deleted >= 200 && deleted < 300, `DELETE got HTTP ${deleted}`)
    const body = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tasks/get', params: { taskId } })
    const post = await rawFetch(session.endpoint.url, { method: 'POST', headers: session.headers(), body })
    v.expect('TASK-HTTP-03', post.status === 404, `tasks/get after DELETE got HTTP ${post.status}`)
    const headers = session.headers({ accept: 'text/event-stream', 'content-type': undefined })
    const get = await rawFetch(session.endpoint.url, { method: 'GET', headers }, 3_000).catch(() => undefined)
    v.expect('TASK-HTTP-03', get?.status === 404, `GET after DELETE got HTTP ${get?.status ?? 'no answer'}`)
    return v.outcome('404 for the ended session')
  },
}

const missingSession: Check = {
  id: 'rob-missing-session',
  title: 'a request without Mcp-Session-Id gets 400 on a server that uses sessions',
  covers: ['TASK-HTTP-04'],
  fixtures: [],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    if (session.sessionId === undefined) throw new Skip('the server issues no session ids')
    const headers = session.headers({ 'mcp-session-id': undefined })
    const post = await rawFetch(session.endpoint.url, { method: 'POST', headers, body: ping })
    v.expect('TASK-HTTP-04', post.status === 400, `POST without a session id got HTTP ${post.status}`)
    return v.outcome('400')
  },
}

export const sessionChecks: readonly Check[] = [basics, unknownSession, afterDelete, missingSession]

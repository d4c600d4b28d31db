/** Robustness probes: malformed JSON, wrong param types, abusive task ids, unknown methods. */

import type { RequirementId } from '../../spec/requirements.ts'
import type { JsonObject } from '../client/json.ts'
import { rawFetch } from '../client/raw.ts'
import type { McpSession } from '../client/session.ts'
import { FIXTURE } from '../contract.ts'
import type { Check } from '../types.ts'
import { Verdict } from '../verdict.ts'
import { expectError, taskCapability } from './util.ts'

const malformedJson: Check = {
  id: 'rob-malformed-json',
  title: 'a body that is not JSON, or not JSON-RPC, gets 4xx (and -32700 for a parse error)',
  covers: ['TASK-HTTP-02', 'TASK-RPC-02'],
  fixtures: [],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const post = (body: string) =>
      rawFetch(session.endpoint.url, { method: 'POST', headers: session.headers(), body })
    const broken = await post('{"jsonrpc": "2.0", "id": 1, "method": "tasks/get", "params": {')
    v.expect(
      'TASK-HTTP-02',
      broken.status >= 400 && broken.status < 500,
      `truncated JSON got HTTP ${broken.status}`,
    )
    const code = broken.message?.error?.code
    if (code !== undefined)
      v.expect('TASK-RPC-02', code === -32700, `truncated JSON answered error ${code}, not -32700`)
    const stranger = await post('{"hello": "world"}')
    v.expect(
      'TASK-HTTP-02',
      stranger.status >= 400 && stranger.status < 500,
      `a JSON object that is no JSON-RPC message got HTTP ${stranger.status}`,
    )
    return v.outcome('refused with 4xx; parse errors are -32700')
  },
}

/** Sends each request and expects -32602 under `id` for the ones that name a task or cursor. */
async function expectInvalid(
  v: Verdict,
  session: McpSession,
  id: RequirementId,
  calls: Array<[string, JsonObject?]>,
) {
  for (const [method, params] of calls) {
    const reply = await session.request(method, params, { timeoutMs: 5_000 })
    const shown = params === undefined ? '(no params)' : JSON.stringify(params).slice(0, 60)
    expectError(v, id, reply, -32602, `${method} ${shown}`)
  }
}

const wrongTypes: Check = {
  id: 'rob-wrong-param-types',
  title: 'task methods with wrongly typed or missing params answer -32602',
  covers: ['TASK-ERR-01', 'TASK-ERR-02', 'TASK-ERR-03', 'TASK-ERR-04'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    await expectInvalid(v, session, 'TASK-ERR-01', [
      ['tasks/get', { taskId: 123 }],
      ['tasks/get', undefined],
      ['tasks/result', { taskId: true }],
      ...(taskCapability(ctx, 'cancel') === undefined
        ? []
        : [['tasks/cancel', { taskId: null }] as [string, JsonObject]]),
    ])
    if (taskCapability(ctx, 'list') !== undefined) {
      await expectInvalid(v, session, 'TASK-ERR-02', [['tasks/list', { cursor: 5 }]])
    }
    const reply = await session.request('tools/call', {
      name: FIXTURE.slow,
      arguments: { ms: 0 },
      task: 'yes',
    })
    v.expect(
      'TASK-ERR-03',
      reply.error?.code !== -32603,
      'a string "task" param answered -32603 (internal error)',
    )
    return v.outcome('every malformed call answered -32602')
  },
}

const taskIdAbuse: Check = {
  id: 'rob-task-id-abuse',
  title: 'huge, odd and wrongly typed task ids answer -32602 quickly',
  covers: ['TASK-ERR-01', 'TASK-ERR-03', 'TASK-HTTP-01'],
  fixtures: [],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const huge = 'x'.repeat(100_000)
    const reply = await session.request('tasks/get', { taskId: huge }, { timeoutMs: 5_000 })
    v.expect('TASK-HTTP-01', reply.status < 500, `a 100 kB task id got HTTP ${reply.status}`)
    expectError(v, 'TASK-ERR-01', reply, -32602, 'tasks/get with a 100 kB task id')
    await expectInvalid(v, session, 'TASK-ERR-01', [
      ['tasks/get', { taskId: {} }],
      ['tasks/get', { taskId: [] }],
      ['tasks/get', { taskId: -1.5 }],
      ['tasks/get', { taskId: '../../etc/passwd' }],
      ['tasks/result', { taskId: '\u0000' }],
      ['tasks/result', { taskId: 'conformance-unknown-task-0000' }],
    ])
    return v.outcome('all answered -32602')
  },
}

const unknownTask: Check = {
  id: 'unknown-task',
  title: 'tasks/get, tasks/result and tasks/cancel on an unknown task answer -32602',
  covers: ['TASK-ERR-01', 'TASK-ERR-03', 'TASK-ERR-04'],
  fixtures: [],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const params = { taskId: '00000000000000000000000000000000' }
    const methods = [
      'tasks/get',
      'tasks/result',
      ...(taskCapability(ctx, 'cancel') === undefined ? [] : ['tasks/cancel']),
    ]
    await expectInvalid(
      v,
      session,
      'TASK-ERR-01',
      methods.map((method) => [method, params]),
    )
    return v.outcome('-32602 with a message that says what is wrong')
  },
}

const unknownMethod: Check = {
  id: 'rob-unknown-method',
  title: 'unknown methods (the pre-release tasks/delete, tasks/nonsense) answer -32601',
  covers: ['TASK-RPC-01'],
  fixtures: [],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    for (const method of ['tasks/delete', 'tasks/nonsense']) {
      const reply = await session.request(method, { taskId: 'x' })
      v.expect(
        'TASK-RPC-01',
        reply.error?.code === -32601,
        `${method} answered ${reply.error?.code ?? reply.status}`,
      )
    }
    return v.outcome('-32601 for both')
  },
}

export const robustnessChecks: readonly Check[] = [
  malformedJson,
  wrongTypes,
  taskIdAbuse,
  unknownTask,
  unknownMethod,
]

/** The tasks capability, tool-level task modes, and a server without the capability. */

import { brief, firstText, isObject } from '../client/json.ts'
import { callTool, createTask, traceOf } from '../client/tasks.ts'
import { FIXTURE, FIXTURE_MODES, type FixtureTool, slowText } from '../contract.ts'
import type { Check } from '../types.ts'
import { Skip, Verdict } from '../verdict.ts'
import { describe, hasTool } from './util.ts'

const MODES = new Set(['forbidden', 'optional', 'required'])

const capability: Check = {
  id: 'capability',
  title: 'tasks capability and execution.taskSupport in tools/list',
  covers: ['TASK-CAP-01', 'TASK-CAP-02', 'TASK-CAP-03', 'TASK-MODE-01'],
  fixtures: [FIXTURE.slow],
  async run({ discovery }) {
    const v = new Verdict()
    const tasks = discovery.capabilities.tasks
    v.require(
      'TASK-CAP-01',
      isObject(tasks),
      `initialize declared no tasks capability: ${brief(discovery.capabilities)}`,
    )
    v.pass('TASK-CAP-01', 'tasks capability declared')
    const requests = isObject(tasks) ? tasks.requests : undefined
    const toolsLeaf = isObject(requests) && isObject(requests.tools) ? requests.tools.call : undefined
    v.expect(
      'TASK-CAP-02',
      isObject(toolsLeaf),
      `tasks.requests.tools.call is ${brief(toolsLeaf)}, not an object`,
    )
    for (const leaf of ['list', 'cancel'] as const) {
      const value = isObject(tasks) ? tasks[leaf] : undefined
      if (value === undefined) continue
      v.expect(
        'TASK-CAP-02',
        isObject(value),
        `tasks.${leaf} is ${brief(value)}: capability leaves are objects`,
      )
      v.pass('TASK-CAP-03', `tasks.${leaf} declared`)
    }
    for (const [name, tool] of discovery.tools) {
      const execution = tool.execution
      const mode = isObject(execution) ? execution.taskSupport : undefined
      v.expect(
        'TASK-MODE-01',
        mode === undefined || MODES.has(String(mode)),
        `${name}: taskSupport ${brief(mode)}`,
      )
      const wanted = FIXTURE_MODES[name as FixtureTool]
      if (wanted === undefined) continue
      const listed = mode ?? 'forbidden'
      v.expect(
        'TASK-MODE-01',
        listed === wanted,
        `${name} is listed as ${listed}; the contract makes it ${wanted}`,
      )
    }
    return v.outcome('capability declared with object leaves; fixture tools listed with their modes')
  },
}

const requiredWithoutTask: Check = {
  id: 'mode-required-without-task',
  title: 'a required tool called without task is refused with -32601',
  covers: ['TASK-MODE-02', 'TASK-ERR-05', 'TASK-NEG-02'],
  fixtures: [FIXTURE.required],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const tag = ctx.tag('required')
    const reply = await callTool(session, FIXTURE.required, { tag })
    const code = reply.error?.code
    if (code === -32600) {
      v.warn(
        'TASK-ERR-05',
        'answered -32600: the generic MAY of Error Handling, but the tool-level MUST asks -32601',
      )
    } else if (reply.result?.isError === true) {
      v.miss(
        'TASK-MODE-02',
        `answered a CallToolResult with isError: true ("${firstText(reply.result)}") instead of the JSON-RPC error -32601`,
      )
    } else {
      v.expect(
        'TASK-MODE-02',
        code === -32601,
        `answered ${describe(reply)} instead of the JSON-RPC error -32601`,
      )
    }
    if (reply.error !== undefined) v.pass('TASK-NEG-02', 'plain calls of a task-required tool are refused')
    if (hasTool(ctx, FIXTURE.trace)) {
      const trace = await traceOf(session, tag)
      v.expect(
        'TASK-MODE-02',
        trace === 'unknown',
        `the handler ran (conf_trace: ${trace}) although the call had no task`,
      )
    }
    return v.outcome('refused with -32601; the handler did not run')
  },
}

const forbiddenWithTask: Check = {
  id: 'mode-forbidden-with-task',
  title: 'a forbidden tool called with task is refused with -32601 before it runs',
  covers: ['TASK-MODE-03'],
  fixtures: [FIXTURE.forbidden],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const tag = ctx.tag('forbidden')
    const reply = await callTool(session, FIXTURE.forbidden, { tag }, { task: {} })
    const what = isObject(reply.result?.task) ? 'created a task' : describe(reply)
    v.expect(
      'TASK-MODE-03',
      reply.error?.code === -32601,
      `answered ${what} instead of the JSON-RPC error -32601`,
    )
    if (hasTool(ctx, FIXTURE.trace)) {
      const trace = await traceOf(session, tag)
      v.expect(
        'TASK-MODE-03',
        trace === 'unknown',
        `the handler ran (conf_trace: ${trace}) before the call was refused`,
      )
    }
    return v.outcome('refused with -32601; the handler did not run')
  },
}

const optionalBothWays: Check = {
  id: 'mode-optional-both-ways',
  title: 'an optional tool runs as a plain call and as a task',
  covers: ['TASK-MODE-04'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const session = await ctx.open()
    const plain = await callTool(session, FIXTURE.slow, { ms: 0 })
    v.expect(
      'TASK-MODE-04',
      firstText(plain.result) === slowText(0) && plain.result?.task === undefined,
      `a plain call answered ${describe(plain)}, not the tool's CallToolResult`,
    )
    await createTask(session, FIXTURE.slow, { ms: 0 })
    v.pass('TASK-MODE-04', 'a task call answered a CreateTaskResult')
    return v.outcome('plain call answered the result; task call answered a CreateTaskResult')
  },
}

const noCapability: Check = {
  id: 'no-capability-ignores-task',
  title: 'a server without tasks.requests.tools.call ignores task and runs the call',
  covers: ['TASK-NEG-01'],
  fixtures: [FIXTURE.slow],
  async run(ctx) {
    const v = new Verdict()
    const endpoint = ctx.noTasksEndpoint
    const where = endpoint === undefined ? 'a session negotiated at 2025-06-18' : '--no-tasks-url'
    const session = await ctx.open(endpoint === undefined ? { protocolVersion: '2025-06-18' } : { endpoint })
    const tasks = session.capabilities.tasks
    const requests = isObject(tasks) ? tasks.requests : undefined
    if (isObject(requests) && isObject(requests.tools) && requests.tools.call !== undefined) {
      throw new Skip(
        `${where} declares tasks.requests.tools.call; give --no-tasks-url for a server without it`,
      )
    }
    const listed = await session.request('tools/list')
    const tools = Array.isArray(listed.result?.tools) ? listed.result.tools : []
    if (!tools.some((tool) => isObject(tool) && tool.name === FIXTURE.slow)) {
      throw new Skip(`${where} offers no ${FIXTURE.slow}`)
    }
    const reply = await callTool(session, FIXTURE.slow, { ms: 5 }, { task: { ttl: 60_000 } })
    v.expect(
      'TASK-NEG-01',
      firstText(reply.result) === slowText(5) && reply.result?.task === undefined,
      `${where}: a tools/call carrying "task" answered ${describe(reply)} instead of running as an ordinary call`,
    )
    return v.outcome(`${where}: "task" ignored, the call ran normally`)
  },
}

export const negotiationChecks: readonly Check[] = [
  capability,
  requiredWithoutTask,
  forbiddenWithTask,
  optionalBothWays,
  noCapability,
]

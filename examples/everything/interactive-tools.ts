/**
 * Tools that talk to the client while they run: log messages, progress, sampling, elicitation, a
 * stream closed mid-call for the client to poll back, and a task.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import type { TaskwireServer } from '../../src/index.ts'

/** SEP-1330: every enum shape elicitation allows. A ready JSON Schema, since zod has no `enumNames`. */
const ENUMS_SCHEMA = {
  type: 'object',
  properties: {
    untitledSingle: { type: 'string', enum: ['option1', 'option2', 'option3'] },
    titledSingle: {
      type: 'string',
      oneOf: [
        { const: 'value1', title: 'First Option' },
        { const: 'value2', title: 'Second Option' },
        { const: 'value3', title: 'Third Option' },
      ],
    },
    legacyEnum: {
      type: 'string',
      enum: ['opt1', 'opt2', 'opt3'],
      enumNames: ['Option One', 'Option Two', 'Option Three'],
    },
    untitledMulti: { type: 'array', items: { type: 'string', enum: ['option1', 'option2', 'option3'] } },
    titledMulti: {
      type: 'array',
      items: {
        anyOf: [
          { const: 'value1', title: 'First Choice' },
          { const: 'value2', title: 'Second Choice' },
          { const: 'value3', title: 'Third Choice' },
        ],
      },
    },
  },
}

/** SEP-1034: defaults for every primitive type; zod's `.default()` becomes the JSON Schema `default`. */
const DEFAULTS_SCHEMA = z.object({
  name: z.string().default('John Doe'),
  age: z.int().default(30),
  score: z.number().default(95.5),
  status: z.enum(['active', 'inactive', 'pending']).default('active'),
  verified: z.boolean().default(true),
})

const CONTACT = z.object({
  username: z.string().describe("User's response"),
  email: z.string().describe("User's email address"),
})

const described = (answer: { action: string; content?: unknown }) =>
  `action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`

export function addInteractiveTools(server: TaskwireServer): void {
  addNotifyingTools(server)
  addClientRequestTools(server)
  server.tool(
    { name: 'test_reconnection', description: 'Closes its SSE stream mid-call; the client polls back' },
    async (_args, ctx) => {
      // 2025-11-25 transports (SEP-1699): the client resumes with GET + Last-Event-ID.
      ctx.closeStream({ retryMs: 100 })
      await sleep(100, undefined, { signal: ctx.signal })
      return 'Reconnection test completed'
    },
  )
  server.tool(
    {
      name: 'test_task',
      description: 'Works for `ms` milliseconds, as a task or a plain call, reporting progress',
      input: z.object({ ms: z.int().min(0).max(60_000).default(50) }),
      task: true,
    },
    async ({ ms }, ctx) => {
      ctx.progress(0, 1, 'started')
      await sleep(ms, undefined, { signal: ctx.signal })
      ctx.progress(1, 1, 'done')
      return `Task finished after ${ms} ms${ctx.task === undefined ? '' : ` (task ${ctx.task.id})`}`
    },
  )
}

function addNotifyingTools(server: TaskwireServer): void {
  server.tool(
    { name: 'test_tool_with_logging', description: 'Sends three info log messages while it runs' },
    async (_args, ctx) => {
      ctx.log('info', 'Tool execution started')
      await sleep(50, undefined, { signal: ctx.signal })
      ctx.log('info', 'Tool processing data')
      await sleep(50, undefined, { signal: ctx.signal })
      ctx.log('info', 'Tool execution completed')
      return 'Logging test completed'
    },
  )
  server.tool(
    { name: 'test_tool_with_progress', description: 'Reports progress 0, 50 and 100 of 100' },
    async (_args, ctx) => {
      for (const step of [0, 50, 100]) {
        if (step > 0) await sleep(50, undefined, { signal: ctx.signal })
        ctx.progress(step, 100)
      }
      return 'Progress test completed'
    },
  )
}

function addClientRequestTools(server: TaskwireServer): void {
  server.tool(
    {
      name: 'test_sampling',
      description: "Asks the client's model (sampling/createMessage)",
      input: z.object({ prompt: z.string().describe('The prompt to send to the LLM') }),
    },
    async ({ prompt }, ctx) => {
      const answer = await ctx.sample({
        messages: [{ role: 'user', content: { type: 'text', text: prompt } }],
        maxTokens: 100,
      })
      // One block, or (a 2025-11-25 answer with tool use) several: show the first.
      const [first] = [answer.content].flat()
      return `LLM response: ${first?.type === 'text' ? first.text : JSON.stringify(answer.content)}`
    },
  )
  server.tool(
    {
      name: 'test_elicitation',
      description: 'Asks the user for a username and an email (elicitation/create)',
      input: z.object({ message: z.string().describe('The message to show the user') }),
    },
    async ({ message }, ctx) => `User response: ${described(await ctx.elicit({ message, schema: CONTACT }))}`,
  )
  server.tool(
    { name: 'test_elicitation_sep1034_defaults', description: 'Elicitation with a default for every type' },
    async (_args, ctx) => {
      const answer = await ctx.elicit({ message: 'Please review your profile', schema: DEFAULTS_SCHEMA })
      return `Elicitation completed: ${described(answer)}`
    },
  )
  server.tool(
    { name: 'test_elicitation_sep1330_enums', description: 'Elicitation with every enum variant' },
    async (_args, ctx) => {
      const answer = await ctx.elicit({ message: 'Please pick some options', requestedSchema: ENUMS_SCHEMA })
      return `Elicitation completed: ${described(answer)}`
    },
  )
}

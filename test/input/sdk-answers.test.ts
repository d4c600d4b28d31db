/**
 * A task that asks for input, run from the official SDK client (1.32.2) with its experimental tasks
 * client: each answer the user can give (accept, decline, cancel) reaches the handler as a value it
 * branches on, accepted content is validated against the zod schema, and the request carries the
 * task's related-task metadata. The client answers from the request's own key, so answers cannot mix.
 */
import { CallToolResultSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startInputServer } from '../fixtures/input-server.ts'
import { createTask, watchTaskStatuses } from '../helpers/sdk-client.ts'
import {
  answerElicitations,
  connectInputClient,
  firstText,
  type InputConnection,
  type Received,
  runTaskStream,
} from '../helpers/sdk-input.ts'

let server: Awaited<ReturnType<typeof startInputServer>>
let sdk: InputConnection
let inbox: ReturnType<typeof answerElicitations>

/** The key of `Confirm <key>?` decides the answer: decline-*, cancel-*, bad-*, or accept. */
function reply({ params, relatedTaskId }: Received<{ message: string }>): ElicitResult {
  const key = /^Confirm (.+)\?$/.exec(params.message)?.[1] ?? ''
  if (key.startsWith('decline')) return { action: 'decline' }
  if (key.startsWith('cancel')) return { action: 'cancel' }
  if (key.startsWith('bad')) return { action: 'accept', content: { confirm: 'yes' } }
  return { action: 'accept', content: { confirm: true, note: `for ${relatedTaskId}` } }
}

beforeAll(async () => {
  server = await startInputServer()
  sdk = await connectInputClient(server.url, { capabilities: { elicitation: {} } })
  inbox = answerElicitations(sdk.client, reply)
})

afterAll(async () => {
  await sdk?.close()
  await server?.close()
})

const requestFor = (taskId: string | undefined) =>
  inbox.received.find((entry) => entry.relatedTaskId === taskId)

describe('answers to a task elicitation, from the SDK client', () => {
  it('delivers accepted content to the handler, validated, and the task completes with it', async () => {
    const statuses = watchTaskStatuses(sdk.client)
    const outcome = await runTaskStream(sdk.client, 'confirm', { key: 'accept-zod' })
    const taskId = outcome.taskId ?? ''
    expect(outcome.error).toBeUndefined()
    const content = { confirm: true, note: `for ${taskId}` }
    expect(firstText(outcome.result)).toBe(`accept-zod: accept ${JSON.stringify(content)}`)
    expect(server.probe.get('accept-zod', 'answer')).toEqual({ action: 'accept', content })
    expect(server.probe.get('accept-zod', 'started')).toBe(taskId)

    const request = requestFor(taskId)
    expect(request?.params).toMatchObject({ mode: 'form', message: 'Confirm accept-zod?' })
    const schema = request?.params.mode === 'form' ? request.params.requestedSchema : undefined
    expect(schema).toMatchObject({
      type: 'object',
      properties: { confirm: { type: 'boolean' }, note: { type: 'string' } },
      required: ['confirm'],
    })
    expect(schema).not.toHaveProperty('$schema')

    await statuses.next(taskId, 'completed')
    const mine = statuses.seen.filter((task) => task.taskId === taskId).map((task) => task.status)
    expect(mine).toEqual(['input_required', 'working', 'completed'])
  })

  it('hands a decline to the handler as { action: "decline" }, which it turns into its result', async () => {
    const outcome = await runTaskStream(sdk.client, 'confirm', { key: 'decline-1' })
    expect(firstText(outcome.result)).toBe('decline-1: decline')
    expect(server.probe.get('decline-1', 'answer')).toEqual({ action: 'decline' })
    expect((await sdk.client.experimental.tasks.getTask(outcome.taskId ?? '')).status).toBe('completed')
  })

  it('hands a cancel to the handler as { action: "cancel" }, distinct from a decline', async () => {
    const outcome = await runTaskStream(sdk.client, 'confirm', { key: 'cancel-1' })
    expect(firstText(outcome.result)).toBe('cancel-1: cancel')
    expect(server.probe.get('cancel-1', 'answer')).toEqual({ action: 'cancel' })
    expect(server.probe.has('cancel-1', 'error')).toBe(false)
  })

  it('passes a ready JSON Schema through as requestedSchema and hands accepted content over as sent', async () => {
    const outcome = await runTaskStream(sdk.client, 'confirm', { key: 'accept-json', schema: 'json' })
    const taskId = outcome.taskId ?? ''
    const content = { confirm: true, note: `for ${taskId}` }
    expect(firstText(outcome.result)).toBe(`accept-json: accept ${JSON.stringify(content)}`)
    const request = requestFor(taskId)
    expect(request?.params.mode === 'form' ? request.params.requestedSchema : undefined).toEqual({
      type: 'object',
      properties: { confirm: { type: 'boolean' }, note: { type: 'string' } },
      required: ['confirm'],
    })
  })

  it('fails the task with a readable message when accepted content does not match the schema', async () => {
    const task = await createTask(sdk.client, 'confirm', { key: 'bad-content' })
    const result = await sdk.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema)
    expect(result.isError).toBe(true)
    const text = firstText(result) ?? ''
    expect(text).toContain('does not match the requested schema')
    expect(text).toContain('confirm')
    expect(server.probe.has('bad-content', 'answer')).toBe(false)
    const settled = await sdk.client.experimental.tasks.getTask(task.taskId)
    expect(settled).toMatchObject({ status: 'failed', statusMessage: text })
  })
})

describe('a client that cannot take a GET stream', () => {
  it('receives the elicitation on tasks/result, which it calls on seeing input_required', async () => {
    const bare = await connectInputClient(server.url, {
      capabilities: { elicitation: {} },
      withoutGetStream: true,
    })
    const own = answerElicitations(bare.client, reply)
    try {
      const outcome = await runTaskStream(bare.client, 'confirm', { key: 'accept-via-result' })
      const taskId = outcome.taskId ?? ''
      expect(outcome.statuses).toContain('input_required')
      expect(outcome.error).toBeUndefined()
      expect(firstText(outcome.result)).toBe(
        `accept-via-result: accept ${JSON.stringify({ confirm: true, note: `for ${taskId}` })}`,
      )
      expect(own.received.map((entry) => entry.relatedTaskId)).toEqual([taskId])
      expect(bare.unhandled).toEqual([])
    } finally {
      await bare.close()
    }
  })
})

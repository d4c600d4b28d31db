/**
 * Sampling inside a task, and both kinds of request during an ordinary (non-task) call, from the
 * official SDK client (1.32.2). An ordinary call's requests carry no related-task metadata and go out
 * on the call's own stream (the raw tests pin the stream); the SDK answers them like any other.
 */
import type { CreateMessageResult } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startInputServer } from '../fixtures/input-server.ts'
import { watchTaskStatuses } from '../helpers/sdk-client.ts'
import {
  answerElicitations,
  answerSampling,
  connectInputClient,
  firstText,
  type InputConnection,
  runTaskStream,
} from '../helpers/sdk-input.ts'

let server: Awaited<ReturnType<typeof startInputServer>>
let sdk: InputConnection
let sampling: ReturnType<typeof answerSampling>
let elicitation: ReturnType<typeof answerElicitations>

/** The "model" repeats the prompt it was given. */
function model({ params }: { params: { messages: Array<{ content: unknown }> } }): CreateMessageResult {
  const content = params.messages.at(-1)?.content as { type?: string; text?: string } | undefined
  return {
    role: 'assistant',
    model: 'echo-model',
    stopReason: 'endTurn',
    content: { type: 'text', text: `<${content?.text ?? ''}>` },
  }
}

beforeAll(async () => {
  server = await startInputServer()
  sdk = await connectInputClient(server.url, { capabilities: { elicitation: {}, sampling: {} } })
  sampling = answerSampling(sdk.client, model)
  elicitation = answerElicitations(sdk.client, ({ params }) => ({
    action: 'accept',
    content: { confirm: false, note: params.message },
  }))
})

afterAll(async () => {
  await sdk?.close()
  await server?.close()
})

describe('sampling inside a task', () => {
  it("sends sampling/createMessage for the task and hands the client's result to the handler", async () => {
    const statuses = watchTaskStatuses(sdk.client)
    const outcome = await runTaskStream(sdk.client, 'summarize', { key: 'sample-task' })
    const taskId = outcome.taskId ?? ''
    expect(outcome.error).toBeUndefined()
    expect(firstText(outcome.result)).toBe('sample-task: echo-model said <Summarize sample-task>')
    expect(server.probe.get('sample-task', 'answer')).toMatchObject({
      model: 'echo-model',
      content: { type: 'text', text: '<Summarize sample-task>' },
    })

    const request = sampling.received.find((entry) => entry.relatedTaskId === taskId)
    expect(request?.params).toMatchObject({
      maxTokens: 32,
      messages: [{ role: 'user', content: { type: 'text', text: 'Summarize sample-task' } }],
    })
    await statuses.next(taskId, 'completed')
    const mine = statuses.seen.filter((seen) => seen.taskId === taskId).map((seen) => seen.status)
    expect(mine).toEqual(['input_required', 'working', 'completed'])
  })
})

describe('input during an ordinary call', () => {
  it('elicits without related-task metadata and returns the answer in the call result', async () => {
    const before = elicitation.received.length
    const result = await sdk.client.callTool({ name: 'confirm', arguments: { key: 'plain-elicit' } })
    const content = { confirm: false, note: 'Confirm plain-elicit?' }
    expect(firstText(result)).toBe(`plain-elicit: accept ${JSON.stringify(content)}`)
    expect(server.probe.get('plain-elicit', 'started')).toBeUndefined()
    expect(server.probe.get('plain-elicit', 'answer')).toEqual({ action: 'accept', content })
    const request = elicitation.received[before]
    expect(request?.relatedTaskId).toBeUndefined()
    expect(request?.params).toMatchObject({ mode: 'form', message: 'Confirm plain-elicit?' })
  })

  it("samples without related-task metadata and returns the model's text in the call result", async () => {
    const before = sampling.received.length
    const result = await sdk.client.callTool({ name: 'summarize', arguments: { key: 'plain-sample' } })
    expect(firstText(result)).toBe('plain-sample: echo-model said <Summarize plain-sample>')
    expect(sampling.received[before]?.relatedTaskId).toBeUndefined()
    expect(sampling.received).toHaveLength(before + 1)
  })

  it('fails the call with the capability message when the client did not declare sampling', async () => {
    const bare = await connectInputClient(server.url, { capabilities: {} })
    try {
      const result = await bare.client.callTool({ name: 'summarize', arguments: { key: 'plain-nocap' } })
      expect(result.isError).toBe(true)
      expect(firstText(result)).toContain('did not declare the "sampling" capability')
      expect(bare.unhandled).toEqual([])
    } finally {
      await bare.close()
    }
  })
})

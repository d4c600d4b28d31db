/**
 * completion/complete (2025-11-25 server/utilities/completion) for prompt arguments and resource
 * template variables: values by prefix, the context of other arguments, and the cap of 100 values
 * with `total` and `hasMore`.
 */
import { CompleteResultSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { mcpErrorOf } from '../helpers/sdk-client.ts'
import { type Connection, connect, type Served, startEverything } from './helpers.ts'

const MANY = Array.from({ length: 250 }, (_, index) => `item-${String(index).padStart(3, '0')}`)

let served: Served
let sdk: Connection

beforeAll(async () => {
  served = await startEverything((server) => {
    server.prompt(
      {
        name: 'pick',
        description: 'Picks an item from a catalog',
        arguments: z.object({ catalog: z.string(), item: z.string() }),
        complete: {
          item: (value) => MANY.filter((item) => item.startsWith(value)),
          catalog: (value, context) => [`${value}-for-${context.item ?? 'nothing'}`],
        },
      },
      ({ catalog, item }) => `${catalog}/${item}`,
    )
  })
  sdk = await connect(served.url)
})

afterAll(async () => {
  await sdk?.close()
  await served?.close()
})

const completePrompt = (name: string, argument: string, value: string, context?: Record<string, string>) =>
  sdk.client.complete({
    ref: { type: 'ref/prompt', name },
    argument: { name: argument, value },
    ...(context === undefined ? {} : { context: { arguments: context } }),
  })

describe('completion/complete', () => {
  it('is declared as the completions capability', () => {
    expect(sdk.client.getServerCapabilities()?.completions).toEqual({})
  })

  it('completes a prompt argument from its prefix', async () => {
    const { completion } = await completePrompt('test_prompt_with_arguments', 'arg1', 'pa')
    expect(completion).toEqual({ values: ['paris', 'park', 'party'], total: 3, hasMore: false })
  })

  it('completes a resource template variable', async () => {
    const { completion } = await sdk.client.complete({
      ref: { type: 'ref/resource', uri: 'test://template/{id}/data' },
      argument: { name: 'id', value: '12' },
    })
    expect(completion).toEqual({ values: ['123', '124'], total: 2, hasMore: false })
  })

  it('hands the already resolved arguments of context to the completer', async () => {
    const { completion } = await completePrompt('pick', 'catalog', 'books', { item: 'item-007' })
    expect(completion.values).toEqual(['books-for-item-007'])
  })

  it('answers at most 100 values, with the total and hasMore', async () => {
    const all = await completePrompt('pick', 'item', 'item-')
    expect(all.completion.values).toEqual(MANY.slice(0, 100))
    expect(all.completion).toMatchObject({ total: 250, hasMore: true })
    const few = await completePrompt('pick', 'item', 'item-24')
    expect(few.completion).toEqual({ values: MANY.slice(240, 250), total: 10, hasMore: false })
  })

  it('answers no values for an argument or template without a completer', async () => {
    const { completion } = await completePrompt('test_prompt_with_arguments', 'arg2', 'x')
    expect(completion).toEqual({ values: [], total: 0, hasMore: false })
    const template = await sdk.client.complete({
      ref: { type: 'ref/resource', uri: 'test://unknown/{x}' },
      argument: { name: 'x', value: '' },
    })
    expect(template.completion.values).toEqual([])
  })

  it('answers -32602 for an unknown prompt or an unknown ref type', async () => {
    const unknown = await mcpErrorOf(completePrompt('no_such_prompt', 'a', ''))
    expect(unknown.code).toBe(-32602)
    const params = { ref: { type: 'ref/tool', name: 'x' }, argument: { name: 'a', value: '' } }
    const badRef = await mcpErrorOf(
      sdk.client.request({ method: 'completion/complete', params }, CompleteResultSchema),
    )
    expect(badRef.code).toBe(-32602)
  })
})

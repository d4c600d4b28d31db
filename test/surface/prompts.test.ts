/**
 * Prompts on the wire (2025-11-25 server/prompts), from the official SDK client: the list with its
 * arguments read off the zod schema, get with validated arguments, -32602 for invalid arguments and
 * unknown prompts, and list_changed for a prompt registered later.
 */
import { PromptListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { mcpErrorOf } from '../helpers/sdk-client.ts'
import { type Connection, connect, Inbox, type Served, startEverything } from './helpers.ts'

let served: Served
let sdk: Connection

beforeAll(async () => {
  served = await startEverything((server) =>
    server.prompt(
      {
        name: 'greeting',
        title: 'Greeting',
        description: 'Greets someone, politely if asked',
        arguments: z.object({
          name: z.string().min(1).describe('Who to greet'),
          tone: z.enum(['polite', 'casual']).describe('How').optional(), // described inside optional()
        }),
      },
      ({ name, tone }) => ({
        description: `A ${tone ?? 'casual'} greeting`,
        messages: [
          {
            role: 'user',
            content: { type: 'text', text: `${tone === 'polite' ? 'Good day' : 'Hi'}, ${name}` },
          },
        ],
      }),
    ),
  )
  sdk = await connect(served.url)
})

afterAll(async () => {
  await sdk?.close()
  await served?.close()
})

describe('prompts/list', () => {
  it('declares prompts with listChanged', () => {
    expect(sdk.client.getServerCapabilities()?.prompts).toEqual({ listChanged: true })
  })

  it('lists every prompt, with its arguments, their descriptions and whether they are required', async () => {
    const { prompts } = await sdk.client.listPrompts()
    expect(prompts.map((prompt) => prompt.name)).toEqual([
      'test_simple_prompt',
      'test_prompt_with_arguments',
      'test_prompt_with_embedded_resource',
      'test_prompt_with_image',
      'greeting',
    ])
    expect(prompts[0]).toEqual({ name: 'test_simple_prompt', description: 'A prompt without arguments' })
    expect(prompts.at(-1)).toEqual({
      name: 'greeting',
      title: 'Greeting',
      description: 'Greets someone, politely if asked',
      arguments: [
        { name: 'name', description: 'Who to greet', required: true },
        { name: 'tone', description: 'How', required: false },
      ],
    })
  })
})

describe('prompts/get', () => {
  it('turns a returned string into one user text message', async () => {
    const result = await sdk.client.getPrompt({ name: 'test_simple_prompt' })
    expect(result.messages).toEqual([
      { role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } },
    ])
  })

  it('substitutes validated arguments', async () => {
    const result = await sdk.client.getPrompt({
      name: 'test_prompt_with_arguments',
      arguments: { arg1: 'hello', arg2: 'world' },
    })
    expect(result.messages).toEqual([
      { role: 'user', content: { type: 'text', text: "Prompt with arguments: arg1='hello', arg2='world'" } },
    ])
  })

  it('answers a full GetPromptResult as returned, optional arguments left out or given', async () => {
    expect(await sdk.client.getPrompt({ name: 'greeting', arguments: { name: 'Ada' } })).toEqual({
      description: 'A casual greeting',
      messages: [{ role: 'user', content: { type: 'text', text: 'Hi, Ada' } }],
    })
    const polite = await sdk.client.getPrompt({
      name: 'greeting',
      arguments: { name: 'Ada', tone: 'polite' },
    })
    expect(polite.messages[0]?.content).toEqual({ type: 'text', text: 'Good day, Ada' })
  })

  it('serves embedded resources and images in messages', async () => {
    const embedded = await sdk.client.getPrompt({
      name: 'test_prompt_with_embedded_resource',
      arguments: { resourceUri: 'test://doc' },
    })
    expect(embedded.messages[0]?.content).toMatchObject({ type: 'resource', resource: { uri: 'test://doc' } })
    const image = await sdk.client.getPrompt({ name: 'test_prompt_with_image' })
    expect(image.messages[0]?.content).toMatchObject({ type: 'image', mimeType: 'image/png' })
  })

  it('answers -32602 naming the argument when arguments are missing or invalid', async () => {
    const missing = await mcpErrorOf(
      sdk.client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'only one' } }),
    )
    expect(missing.code).toBe(-32602)
    expect(missing.message).toContain('arg2')
    const invalid = await mcpErrorOf(
      sdk.client.getPrompt({ name: 'greeting', arguments: { name: 'Ada', tone: 'rude' } }),
    )
    expect(invalid.code).toBe(-32602)
    expect(invalid.message).toContain('tone')
    const empty = await mcpErrorOf(sdk.client.getPrompt({ name: 'greeting', arguments: { name: '' } }))
    expect(empty.code).toBe(-32602)
  })

  it('answers -32602 for an unknown prompt', async () => {
    const error = await mcpErrorOf(sdk.client.getPrompt({ name: 'no_such_prompt' }))
    expect(error.code).toBe(-32602)
    expect(error.message).toContain('no_such_prompt')
  })
})

describe('notifications/prompts/list_changed', () => {
  it('is sent when a prompt is registered after the session began, which then lists it', async () => {
    const changes = new Inbox(sdk.client, PromptListChangedNotificationSchema)
    await sdk.standalone()
    served.server.prompt({ name: 'late_prompt', description: 'Registered late' }, () => 'late')
    await changes.find(undefined, 'notifications/prompts/list_changed')
    const { prompts } = await sdk.client.listPrompts()
    expect(prompts.map((prompt) => prompt.name)).toContain('late_prompt')
  })
})

/**
 * The tool side of the everything example that the core serves in a particular way: a ready JSON
 * Schema 2020-12 `inputSchema` passed through verbatim, and media content blocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, TaskwireError } from '../../src/index.ts'
import { type Connection, connect, type Served, startEverything } from './helpers.ts'

let served: Served
let sdk: Connection

beforeAll(async () => {
  served = await startEverything()
  sdk = await connect(served.url)
})

afterAll(async () => {
  await sdk?.close()
  await served?.close()
})

describe('inputSchema given as JSON Schema', () => {
  it('is listed verbatim: $schema, $defs with $anchor, allOf/anyOf, if/then/else', async () => {
    const { tools } = await sdk.client.listTools()
    const tool = tools.find((candidate) => candidate.name === 'json_schema_2020_12_tool')
    const schema = tool?.inputSchema as Record<string, unknown> | undefined
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: { address: { $anchor: 'addressDef' } },
      allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
      if: { required: ['contactMethod'] },
      else: { required: ['email'] },
      additionalProperties: false,
    })
    expect(schema?.then).toEqual({ required: ['phone'] })
  })

  it('passes the arguments on as sent', async () => {
    const args = { name: 'Ada', email: 'ada@example.com' }
    const result = await sdk.client.callTool({ name: 'json_schema_2020_12_tool', arguments: args })
    expect(result.content).toEqual([{ type: 'text', text: `Received: ${JSON.stringify(args)}` }])
  })

  it('must be of type object, else registering the tool throws', () => {
    const server = createServer({ name: 'bad', version: '0' })
    const register = () => server.tool({ name: 'bad', inputSchema: { type: 'string' } }, () => 'never')
    expect(register).toThrow(TaskwireError)
    expect(register).toThrow('inputSchema must have "type": "object"')
  })
})

describe('media content', () => {
  it('sends audio as a base64 WAV and images as a base64 PNG', async () => {
    const audio = await sdk.client.callTool({ name: 'test_audio_content', arguments: {} })
    const [block] = audio.content as Array<{ type: string; data: string; mimeType: string }>
    expect(block).toMatchObject({ type: 'audio', mimeType: 'audio/wav' })
    const wav = Buffer.from(block?.data ?? '', 'base64')
    expect([wav.toString('ascii', 0, 4), wav.toString('ascii', 8, 12)]).toEqual(['RIFF', 'WAVE'])
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8)
    const mixed = await sdk.client.callTool({ name: 'test_multiple_content_types', arguments: {} })
    expect((mixed.content as Array<{ type: string }>).map((item) => item.type)).toEqual([
      'text',
      'image',
      'resource',
    ])
  })
})

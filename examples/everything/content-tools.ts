/**
 * Tools whose answer is fixed content: text, image, audio, an embedded resource, a mix, an error,
 * and a tool whose `inputSchema` uses JSON Schema 2020-12 keywords verbatim.
 */
import type { TaskwireServer } from '../../src/index.ts'
import { RED_PIXEL_PNG, silentWav } from './media.ts'

/** The schema of `json_schema_2020_12_tool`: `$schema`, `$defs` with `$anchor`, composition, conditionals. */
const CONTACT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    address: {
      $anchor: 'addressDef',
      type: 'object',
      properties: { street: { type: 'string' }, city: { type: 'string' } },
    },
  },
  properties: {
    name: { type: 'string' },
    address: { $ref: '#/$defs/address' },
    contactMethod: { type: 'string', enum: ['phone', 'email'] },
    phone: { type: 'string' },
    email: { type: 'string' },
  },
  allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
  if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword; nothing awaits this object.
  then: { required: ['phone'] },
  else: { required: ['email'] },
  additionalProperties: false,
}

export function addContentTools(server: TaskwireServer): void {
  server.tool(
    { name: 'test_simple_text', description: 'Answers one text block' },
    () => 'This is a simple text response for testing.',
  )
  server.tool({ name: 'test_image_content', description: 'Answers a 1x1 red PNG' }, () => [
    { type: 'image', data: RED_PIXEL_PNG, mimeType: 'image/png' },
  ])
  server.tool({ name: 'test_audio_content', description: 'Answers a short silent WAV' }, () => [
    { type: 'audio', data: silentWav(), mimeType: 'audio/wav' },
  ])
  server.tool({ name: 'test_embedded_resource', description: 'Answers an embedded text resource' }, () => [
    {
      type: 'resource',
      resource: {
        uri: 'test://embedded-resource',
        mimeType: 'text/plain',
        text: 'This is an embedded resource content.',
      },
    },
  ])
  server.tool(
    { name: 'test_multiple_content_types', description: 'Answers text, an image and a resource' },
    () => [
      { type: 'text', text: 'Multiple content types test:' },
      { type: 'image', data: RED_PIXEL_PNG, mimeType: 'image/png' },
      {
        type: 'resource',
        resource: {
          uri: 'test://mixed-content-resource',
          mimeType: 'application/json',
          text: JSON.stringify({ test: 'data', value: 123 }),
        },
      },
    ],
  )
  // A thrown Error is a tool execution error: `isError: true` with its message (server/tools).
  server.tool({ name: 'test_error_handling', description: 'Always fails' }, () => {
    throw new Error('This tool intentionally returns an error for testing')
  })
  server.tool(
    {
      name: 'json_schema_2020_12_tool',
      description: 'Tool with JSON Schema 2020-12 features',
      inputSchema: CONTACT_SCHEMA,
    },
    (args) => `Received: ${JSON.stringify(args)}`,
  )
}

/**
 * The everything story: the names the official suite's 2025-11-25 server scenarios call are all
 * served. (`npm run conformance:official` runs the suite itself; test/surface/ covers the behaviour.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Connection, connect, type Served, startEverything } from '../../test/surface/helpers.ts'

const SUITE_TOOLS = [
  'test_simple_text',
  'test_image_content',
  'test_audio_content',
  'test_embedded_resource',
  'test_multiple_content_types',
  'test_tool_with_logging',
  'test_error_handling',
  'test_tool_with_progress',
  'test_sampling',
  'test_elicitation',
  'test_elicitation_sep1034_defaults',
  'test_elicitation_sep1330_enums',
  'json_schema_2020_12_tool',
  'test_reconnection',
]
const SUITE_RESOURCES = ['test://static-text', 'test://static-binary', 'test://watched-resource']
const SUITE_PROMPTS = [
  'test_simple_prompt',
  'test_prompt_with_arguments',
  'test_prompt_with_embedded_resource',
  'test_prompt_with_image',
]

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

it('serves every tool, resource, template and prompt the suite names, each with a description', async () => {
  const { tools } = await sdk.client.listTools()
  expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(SUITE_TOOLS))
  expect(tools.filter((tool) => !tool.description)).toEqual([])
  const { resources } = await sdk.client.listResources()
  expect(resources.map((resource) => resource.uri)).toEqual(expect.arrayContaining(SUITE_RESOURCES))
  const { resourceTemplates } = await sdk.client.listResourceTemplates()
  expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual(['test://template/{id}/data'])
  const { prompts } = await sdk.client.listPrompts()
  expect(prompts.map((prompt) => prompt.name)).toEqual(expect.arrayContaining(SUITE_PROMPTS))
  expect(prompts.filter((prompt) => !prompt.description)).toEqual([])
})

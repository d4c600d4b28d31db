/** Prompts: plain, with validated arguments (one of them completable), with a resource, with an image. */
import { z } from 'zod'
import type { TaskwireServer } from '../../src/index.ts'
import { RED_PIXEL_PNG } from './media.ts'

/** Values `arg1` of `test_prompt_with_arguments` completes from. */
const ARG1_VALUES = ['paris', 'park', 'party', 'test', 'testing']

export function addPrompts(server: TaskwireServer): void {
  server.prompt(
    { name: 'test_simple_prompt', description: 'A prompt without arguments' },
    () => 'This is a simple prompt for testing.',
  )
  server.prompt(
    {
      name: 'test_prompt_with_arguments',
      description: 'A prompt with two required arguments',
      arguments: z.object({
        arg1: z.string().describe('First test argument'),
        arg2: z.string().describe('Second test argument'),
      }),
      complete: { arg1: (value) => ARG1_VALUES.filter((candidate) => candidate.startsWith(value)) },
    },
    ({ arg1, arg2 }) => `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'`,
  )
  server.prompt(
    {
      name: 'test_prompt_with_embedded_resource',
      description: 'A prompt that embeds the resource it is given',
      arguments: z.object({ resourceUri: z.string().describe('URI of the resource to embed') }),
    },
    ({ resourceUri }) => [
      {
        role: 'user',
        content: {
          type: 'resource',
          resource: {
            uri: resourceUri,
            mimeType: 'text/plain',
            text: 'Embedded resource content for testing.',
          },
        },
      },
      { role: 'user', content: { type: 'text', text: 'Please process the embedded resource above.' } },
    ],
  )
  server.prompt({ name: 'test_prompt_with_image', description: 'A prompt with an image' }, () => [
    { role: 'user', content: { type: 'image', data: RED_PIXEL_PNG, mimeType: 'image/png' } },
    { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
  ])
}

/**
 * A resource template's reader gets every variable of the template as a string: the variables are
 * typed from the template literal, so `(uri, { id }) => ...` needs no `undefined` check (a matched
 * URI always binds every variable). Checked by tsc (`npx tsc --noEmit -p .`, part of CI).
 */
import { describe, expectTypeOf, it } from 'vitest'
import { createServer } from '../../src/index.ts'

describe('resourceTemplate variables', () => {
  it('are the names of the template, each a string', () => {
    const server = createServer({ name: 'templates', version: '0' })
    server.resourceTemplate(
      {
        uriTemplate: 'users://{id}/files/{+path}',
        name: 'file',
        complete: { id: (prefix) => [prefix] },
      },
      (_uri, variables) => {
        expectTypeOf(variables).toEqualTypeOf<Record<'id' | 'path', string>>()
        return `${variables.id.length} ${variables.path}`
      },
    )
    server.resourceTemplate(
      // @ts-expect-error: `complete` names a variable the template does not have
      { uriTemplate: 'users://{id}', name: 'user', complete: { name: () => [] } },
      (_uri, { id }) => id,
    )
  })

  it('stay a string record when the template is not a literal', () => {
    const template: string = 'docs://{slug}'
    createServer({ name: 'templates', version: '0' }).resourceTemplate(
      { uriTemplate: template, name: 'doc' },
      (_uri, variables) => {
        expectTypeOf(variables).toEqualTypeOf<Record<string, string>>()
        return 'doc'
      },
    )
  })
})

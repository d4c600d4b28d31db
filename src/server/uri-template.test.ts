import { describe, expect, it } from 'vitest'
import { TaskwireError } from '../errors.ts'
import { UriTemplate } from './uri-template.ts'

describe('UriTemplate', () => {
  it('matches {name} within one path segment and decodes it', () => {
    const template = new UriTemplate('users://{id}/profile')
    expect(template.variables).toEqual(['id'])
    expect(template.match('users://42/profile')).toEqual({ id: '42' })
    expect(template.match('users://a%2Fb/profile')).toEqual({ id: 'a/b' })
    expect(template.match('users://a/b/profile')).toBeUndefined()
    expect(template.match('users:///profile')).toBeUndefined()
  })

  it('lets {+name} span slashes', () => {
    expect(new UriTemplate('file:///{+path}').match('file:///docs/a/b.md')).toEqual({ path: 'docs/a/b.md' })
  })

  it('treats the text between expressions literally', () => {
    const template = new UriTemplate('res://a.b/{x}?v=1')
    expect(template.match('res://a.b/1?v=1')).toEqual({ x: '1' })
    expect(template.match('res://aXb/1?v=1')).toBeUndefined()
  })

  it('keeps a value that is not valid percent-encoding as it is', () => {
    expect(new UriTemplate('t://{x}').match('t://100%')).toEqual({ x: '100%' })
  })

  it('refuses expressions it cannot match, rather than never matching', () => {
    expect(() => new UriTemplate('search://{?query}')).toThrow(TaskwireError)
    expect(() => new UriTemplate('path://{/segments}')).toThrow('only {name} and {+name}')
  })
})

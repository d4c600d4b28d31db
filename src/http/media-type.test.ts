import { describe, expect, it } from 'vitest'
import { accepts, parseAccept, parseMediaType } from './media-type.ts'

describe('parseMediaType', () => {
  it('lower-cases type and parameter names and unquotes values', () => {
    const media = parseMediaType('Application/JSON; Charset="utf-8"; x="a\\"b"')
    expect(media?.essence).toBe('application/json')
    expect(media?.params.get('charset')).toBe('utf-8')
    expect(media?.params.get('x')).toBe('a"b')
  })

  it('refuses what is not type/subtype', () => {
    for (const value of ['', 'json', 'application/json/x', 'appli cation/json', '/json']) {
      expect(parseMediaType(value)).toBeUndefined()
    }
  })
})

describe('accepts', () => {
  it('matches exact types, type wildcards and the full wildcard', () => {
    expect(accepts('application/json, text/event-stream', 'text/event-stream')).toBe(true)
    expect(accepts('text/*', 'text/event-stream')).toBe(true)
    expect(accepts('*/*', 'application/json')).toBe(true)
    expect(accepts('application/*', 'text/event-stream')).toBe(false)
  })

  it('lets the most specific range decide, and q=0 refuse', () => {
    expect(accepts('*/*, application/json;q=0', 'application/json')).toBe(false)
    expect(accepts('application/*;q=0, application/json', 'application/json')).toBe(true)
    expect(accepts('text/event-stream;q=0.001', 'text/event-stream')).toBe(true)
  })

  it('is not fooled by substrings, quotes or malformed ranges', () => {
    expect(accepts('text/event-streamx', 'text/event-stream')).toBe(false)
    expect(accepts('text/plain;x="text/event-stream, a"', 'text/event-stream')).toBe(false)
    expect(accepts('text/event-stream;q=2', 'text/event-stream')).toBe(false)
    expect(accepts('*/json', 'application/json')).toBe(false)
    expect(accepts(null, 'application/json')).toBe(false)
  })

  it('parses ranges with weights', () => {
    expect(parseAccept('a/b;q=0.5, c/*')).toEqual([
      { type: 'a', subtype: 'b', q: 0.5 },
      { type: 'c', subtype: '*', q: 1 },
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { encodeMessage } from './encode.ts'
import { describeJsonProblem, type JsonLimits, sealedBytes, sealJson } from './json-seal.ts'

const LIMITS: JsonLimits = { maxDepth: 64, maxBytes: 1_000_000 }

const problemOf = (value: unknown, limits = LIMITS): string => {
  const sealed = sealJson(value, limits)
  if (sealed.ok) throw new Error(`sealed: ${JSON.stringify(sealed.value)}`)
  return describeJsonProblem(sealed.problem)
}

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf'
  for (let level = 0; level < levels; level++) value = { a: value }
  return value
}

describe('sealJson', () => {
  it('copies exactly what JSON.stringify writes, and counts its UTF-8 bytes', () => {
    const value = {
      text: 'héllo "quoted" \u2028 \ud800',
      list: [1, undefined, () => 1, Number.NaN, -0, new Number(2), new String('s'), true, null],
      skipped: undefined,
      date: new Date(0),
      nested: { toJSON: (key: string) => `key was ${key}` },
      ['__proto__']: { own: true },
    }
    Object.defineProperty(value, '__proto__', { value: { own: true }, enumerable: true })
    const sealed = sealJson(value, LIMITS)
    if (!sealed.ok) throw new Error(describeJsonProblem(sealed.problem))
    const text = JSON.stringify(value)
    expect(JSON.stringify(sealed.value)).toBe(text)
    expect(sealed.bytes).toBe(Buffer.byteLength(text))
    expect(sealedBytes(sealed.value)).toBe(sealed.bytes)
    expect(Object.isFrozen(sealed.value)).toBe(true)
    expect(Object.isFrozen((sealed.value as { list: unknown[] }).list)).toBe(true)
    expect(Object.getPrototypeOf(sealed.value)).toBe(Object.prototype)
  })

  it('names what cannot be sent, and where', () => {
    expect(problemOf({ content: [{ type: 'text', value: 1n }] })).toBe(
      'a BigInt (JSON has no BigInt; send it as a string) at content[0].value',
    )
    const circular: Record<string, unknown> = { content: [] }
    circular.self = circular
    expect(problemOf(circular)).toBe('a circular reference at self')
    expect(
      problemOf({
        a: {
          toJSON: () => {
            throw new Error('no')
          },
        },
      }),
    ).toBe('toJSON threw (no) at a')
    const getter = Object.defineProperty({}, 'text', {
      enumerable: true,
      get: () => {
        throw new Error('boom')
      },
    })
    expect(problemOf({ content: [getter] })).toBe('reading it threw (boom) at content[0].text')
    expect(problemOf({ 'odd key': [1n] })).toBe(
      'a BigInt (JSON has no BigInt; send it as a string) at ["odd key"][0]',
    )
    expect(problemOf(undefined)).toMatch(/^a value JSON cannot represent/)
  })

  it('stops at the depth limit, however deep the value goes', () => {
    expect(sealJson(nested(63), LIMITS).ok).toBe(true)
    expect(sealJson(nested(64), LIMITS).ok).toBe(true)
    expect(problemOf(nested(65))).toMatch(/^it nests deeper than 64 levels at a\.a\.a/)
    expect(problemOf(nested(10_000))).toMatch(/^it nests deeper than 64 levels/)
  })

  it('stops at the byte limit, also for a value whose shared parts stand for more than memory holds', () => {
    expect(problemOf({ text: 'x'.repeat(100) }, { maxDepth: 64, maxBytes: 50 })).toBe(
      'it is larger than 50 bytes as JSON',
    )
    let dag: unknown = ['x']
    for (let level = 0; level < 60; level++) dag = [dag, dag]
    expect(problemOf(dag)).toBe('it is larger than 1000000 bytes as JSON')
  })

  it('takes a sealed value inside a new envelope as it is, checking only the limits', () => {
    const inner = sealJson(nested(10), LIMITS)
    if (!inner.ok) throw new Error('inner')
    const outer = sealJson({ kind: 'result', result: inner.value }, LIMITS)
    if (!outer.ok) throw new Error('outer')
    expect((outer.value as { result: unknown }).result).toBe(inner.value)
    expect(outer.bytes).toBe(Buffer.byteLength(JSON.stringify(outer.value)))
    expect(sealJson({ result: inner.value }, { maxDepth: 10, maxBytes: 1_000 }).ok).toBe(false)
  })
})

describe('encodeMessage', () => {
  it('answers a response it cannot encode with -32603 for the same id, naming the problem', () => {
    const problems: string[] = []
    const text = encodeMessage({ jsonrpc: '2.0', id: 7, result: { n: 1n } }, (problem) =>
      problems.push(problem),
    )
    expect(JSON.parse(text ?? '')).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: -32603,
        message:
          'Internal error: the server could not encode its response (a BigInt (JSON has no BigInt; send it as a string) at result.n)',
      },
    })
    expect(problems).toHaveLength(1)
  })

  it('drops a notification it cannot encode', () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    expect(
      encodeMessage({ jsonrpc: '2.0', method: 'notifications/message', params: circular }),
    ).toBeUndefined()
  })

  it('survives nesting deep enough to overflow JSON.stringify, and a throwing reporter', () => {
    const text = encodeMessage({ jsonrpc: '2.0', id: 'x', result: nested(100_000) as never }, () => {
      throw new Error('the logger is broken')
    })
    expect(JSON.parse(text ?? '').error.code).toBe(-32603)
  })
})

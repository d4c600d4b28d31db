import { describe, expect, it } from 'vitest'
import { LineSplitter } from './lines.ts'

function split(maxBytes: number, chunks: string[], end = false) {
  const events: string[] = []
  const splitter = new LineSplitter(maxBytes, {
    line: (text) => events.push(`line:${text}`),
    overlong: () => events.push('overlong'),
  })
  for (const chunk of chunks) splitter.push(Buffer.from(chunk))
  if (end) splitter.end()
  return events
}

describe('LineSplitter', () => {
  it('splits on \\n across chunks and drops a trailing \\r', () => {
    expect(split(100, ['ab', 'c\nde\r', '\n\n'])).toEqual(['line:abc', 'line:de', 'line:'])
  })

  it('reports an overlong line once, when it crosses, and resumes after its newline', () => {
    expect(split(4, ['123', '45', '678', '9\nok\n'])).toEqual(['overlong', 'line:ok'])
  })

  it('counts bytes, not characters', () => {
    expect(split(5, ['€€\n', 'é€\n'])).toEqual(['overlong', 'line:é€'])
  })

  it('hands over a last line without a newline when the input ends', () => {
    expect(split(10, ['a\nlast'], true)).toEqual(['line:a', 'line:last'])
  })
})

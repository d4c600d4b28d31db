import { describe, expect, it } from 'vitest'
import { exceedsBytes, utf8ByteLength } from './message-limits.ts'

const encoded = (text: string) => new TextEncoder().encode(text).byteLength

describe('utf8ByteLength', () => {
  it('agrees with TextEncoder on ASCII, two-, three- and four-byte characters and lone surrogates', () => {
    for (const text of ['', 'plain', 'é', '€uro', '😀 and 😀', 'a\ud800b', '\udc00']) {
      expect(utf8ByteLength(text), JSON.stringify(text)).toBe(encoded(text))
    }
  })
})

describe('exceedsBytes', () => {
  it('compares the UTF-8 length with the limit, whatever the shortcut taken', () => {
    expect(exceedsBytes('x'.repeat(10), 10)).toBe(false)
    expect(exceedsBytes('x'.repeat(11), 10)).toBe(true)
    expect(exceedsBytes('€€€', 9)).toBe(false)
    expect(exceedsBytes('€€€', 8)).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, newCursorEpoch } from './cursor.ts'

describe('list cursors', () => {
  const epoch = newCursorEpoch()

  it('decodes a cursor it encoded back to the same position', () => {
    expect(decodeCursor(encodeCursor(epoch, 1), epoch, 1)).toBe(1)
    expect(decodeCursor(encodeCursor(epoch, 123_456), epoch, 200_000)).toBe(123_456)
  })

  it('is opaque: the position cannot be read off the string (N58)', () => {
    expect(encodeCursor(epoch, 42)).not.toContain('42')
    expect(encodeCursor(epoch, 42)).toMatch(/^[A-Za-z0-9_-]+$/)
  })

  it('refuses a position beyond the last one the store handed out, or zero', () => {
    expect(decodeCursor(encodeCursor(epoch, 10), epoch, 9)).toBeUndefined()
    expect(decodeCursor(encodeCursor(epoch, 0), epoch, 9)).toBeUndefined()
  })

  it("refuses another store's cursor", () => {
    expect(decodeCursor(encodeCursor(newCursorEpoch(), 3), epoch, 9)).toBeUndefined()
  })

  it('refuses any variant of a cursor it did not write byte for byte', () => {
    const cursor = encodeCursor(epoch, 3)
    const variants = [
      `${cursor}=`,
      `${cursor}A`,
      cursor.slice(1),
      Buffer.from(`c1.${epoch}.03`).toString('base64url'),
    ]
    for (const variant of variants) expect(decodeCursor(variant, epoch, 9)).toBeUndefined()
  })

  it('refuses garbage, empty and oversized input', () => {
    for (const junk of ['', 'garbage', '!!!', 'x'.repeat(1_000)])
      expect(decodeCursor(junk, epoch, 9)).toBeUndefined()
    expect(decodeCursor(42 as unknown as string, epoch, 9)).toBeUndefined()
  })
})

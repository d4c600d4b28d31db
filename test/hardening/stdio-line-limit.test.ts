/**
 * stdio reads newline-delimited messages with a byte bound per line (`maxLineBytes`, default 4 MiB
 * like the HTTP body limit; issue 9, finding 7): an overlong line is refused with -32600 (id null) as
 * soon as it crosses the limit, the rest of it is skipped unread, and the next line is served.
 */
import { describe, expect, it } from 'vitest'
import { startStdio } from './stdio-harness.ts'

/** A ping whose JSON text is exactly `bytes` long (padding in an ignored param). */
function pingOfSize(id: number, bytes: number): string {
  const bare = JSON.stringify({ jsonrpc: '2.0', id, method: 'ping', params: { pad: '' } })
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'ping',
    params: { pad: 'x'.repeat(bytes - bare.length) },
  })
}

describe('stdio maxLineBytes', () => {
  it('refuses a line beyond the limit with -32600, id null, naming it, then serves the next line', async () => {
    const { input, received, served, initialize } = startStdio({ maxLineBytes: 1_024 })
    await initialize()
    input.write(`${pingOfSize(1, 5_000)}\n`)
    input.write(`${pingOfSize(2, 100)}\n`)
    const refused = await received.find((message) => message.error !== undefined)
    expect(refused.id).toBeNull()
    expect(refused.error?.code).toBe(-32600)
    expect(refused.error?.message).toMatch(/1024 bytes/)
    expect(refused.error?.message).toMatch(/maxLineBytes/)
    expect((await received.find((message) => message.id === 2)).result).toEqual({})
    // The skipped remainder of the long line produced no second error, and request 1 no answer.
    expect(received.messages.filter((message) => message.error !== undefined)).toHaveLength(1)
    expect(received.messages.some((message) => message.id === 1)).toBe(false)
    await served.close()
  })

  it('accepts a line of exactly maxLineBytes and refuses one byte more', async () => {
    const { input, received, served, initialize } = startStdio({ maxLineBytes: 2_000 })
    await initialize()
    input.write(`${pingOfSize(3, 2_000)}\n${pingOfSize(4, 2_001)}\n`)
    expect((await received.find((message) => message.id === 3)).result).toEqual({})
    expect((await received.find((message) => message.error !== undefined)).id).toBeNull()
    await served.close()
  })

  it('answers while an endless line is still arriving, under the default 4 MiB limit', async () => {
    const { input, received, served, initialize } = startStdio()
    await initialize()
    const chunk = 'y'.repeat(64 * 1024)
    // 5 MiB without a newline: the refusal must come before the line ends, so it was not buffered whole.
    for (let sent = 0; sent < 80; sent++) input.write(chunk)
    const refused = await received.find((message) => message.error !== undefined)
    expect(refused.error?.code).toBe(-32600)
    expect(refused.error?.message).toMatch(/4194304 bytes/)
    input.write(`${chunk}\n${pingOfSize(5, 80)}\n`)
    expect((await received.find((message) => message.id === 5)).result).toEqual({})
    expect(received.messages.filter((message) => message.error !== undefined)).toHaveLength(1)
    await served.close()
  })

  it('decodes a character split across two chunks, and a CRLF line end', async () => {
    const { input, received, served, initialize } = startStdio()
    await initialize()
    const bytes = Buffer.from(`${JSON.stringify({ jsonrpc: '2.0', id: 'é€', method: 'ping' })}\r\n`)
    const cut = bytes.indexOf(Buffer.from('€')) + 1
    input.write(bytes.subarray(0, cut))
    input.write(bytes.subarray(cut))
    expect((await received.find((message) => message.id === 'é€')).result).toEqual({})
    await served.close()
  })

  it('refuses a maxLineBytes that is not a positive integer', () => {
    expect(() => startStdio({ maxLineBytes: 0 })).toThrow(/maxLineBytes/)
  })
})

/**
 * serveStdio in process, over in-memory streams: one message per line each way, notifications of the
 * session (list_changed) on the same output, no stream to close for polling, and the end of input
 * ending the session.
 */
import { once } from 'node:events'
import { PassThrough, Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createServer, serveStdio } from '../../src/index.ts'
import { MessageStream } from '../helpers/raw-client.ts'
import { pipeStdio } from '../helpers/stdio-pipe.ts'

function start() {
  const server = createServer({ name: 'stdio-unit', version: '1.0.0' })
  server.tool({ name: 'close_report', description: 'What closeStream did' }, (_args, ctx) =>
    String(ctx.closeStream()),
  )
  const { input, output, received, served, send } = pipeStdio(server)
  return { server, input, output, received, served, send }
}

const initializeParams = {
  protocolVersion: '2025-11-25',
  capabilities: {},
  clientInfo: { name: 't', version: '0' },
}

describe('serveStdio', () => {
  it('answers one JSON-RPC message per line, and sends list_changed on the same output', async () => {
    const { server, received, served, send } = start()
    send({ id: 1, method: 'initialize', params: initializeParams })
    expect((await received.next((message) => message.id === 1)).result).toMatchObject({
      protocolVersion: '2025-11-25',
    })
    send({ method: 'notifications/initialized' })
    server.tool({ name: 'late', description: 'Registered late' }, () => 'late')
    await received.next((message) => message.method === 'notifications/tools/list_changed')
    send({ id: 2, method: 'tools/call', params: { name: 'close_report', arguments: {} } })
    const call = await received.next((message) => message.id === 2)
    expect(call.result).toEqual({ content: [{ type: 'text', text: 'false' }] })
    await served.close()
  })

  it('answers -32700 to a line that is not JSON and -32600 to one that is not JSON-RPC', async () => {
    const { received, served, input } = start()
    input.write('{oops\n')
    input.write('{"jsonrpc":"2.0","id":5}\n')
    const parseError = await received.next((message) => message.error?.code === -32700)
    expect(parseError.id).toBeNull()
    const invalid = await received.next((message) => message.id === 5)
    expect(invalid.error?.code).toBe(-32600)
    await served.close()
  })

  it('resolves closed when the input ends, and closes the session', async () => {
    const { server, served, input, output, send, received } = start()
    send({ id: 1, method: 'initialize', params: initializeParams })
    await received.next((message) => message.id === 1)
    input.end()
    await served.closed
    // A closed session hears nothing more: registering a tool sends no list_changed.
    server.tool({ name: 'after_close', description: 'x' }, () => 'x')
    // Anything written before end() is read before 'end': the output holds no list_changed.
    output.end()
    await once(output, 'end')
    expect(received.messages.map((message) => message.method)).not.toContain(
      'notifications/tools/list_changed',
    )
  })

  it('delivers a request to the client even when the output applies backpressure', async () => {
    const server = createServer({ name: 'slow-output', version: '1.0.0' })
    server.tool({ name: 'ask', description: 'Asks the user' }, async (_args, ctx) => {
      const answer = await ctx.elicit({ message: 'Name?', schema: z.object({ name: z.string() }) })
      return answer.action === 'accept' ? `Hello ${answer.content.name}` : answer.action
    })
    const input = new PassThrough()
    const received = new MessageStream()
    // A reader slower than the writer: every write() returns false (backpressure) yet is delivered.
    const output = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) received.push(JSON.parse(line))
        setImmediate(done)
      },
    })
    const served = serveStdio(server, { input, output })
    const send = (message: Record<string, unknown>) =>
      input.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`)
    send({ id: 1, method: 'initialize', params: { ...initializeParams, capabilities: { elicitation: {} } } })
    await received.next((message) => message.id === 1)
    send({ id: 2, method: 'tools/call', params: { name: 'ask', arguments: {} } })
    const request = await received.next((message) => message.method === 'elicitation/create')
    send({ id: request.id, result: { action: 'accept', content: { name: 'Ada' } } })
    const call = await received.next((message) => message.id === 2)
    expect(call.result).toEqual({ content: [{ type: 'text', text: 'Hello Ada' }] })
    await served.close()
  })
})

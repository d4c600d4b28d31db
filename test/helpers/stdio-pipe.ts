/**
 * serveStdio in process over in-memory streams: raw lines in, every output line parsed into a
 * MessageStream. The one stdio harness the stdio and hardening tests build on.
 */
import { PassThrough } from 'node:stream'
import { type SessionFactory, type StdioOptions, serveStdio } from '../../src/index.ts'
import { MessageStream } from './raw-client.ts'

export function pipeStdio(factory: SessionFactory, options: Omit<StdioOptions, 'input' | 'output'> = {}) {
  const input = new PassThrough()
  const output = new PassThrough()
  const received = new MessageStream()
  let buffered = ''
  output.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) received.push(JSON.parse(line))
  })
  const served = serveStdio(factory, { ...options, input, output })
  const send = (message: Record<string, unknown>) =>
    input.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`)
  return { input, output, received, served, send }
}

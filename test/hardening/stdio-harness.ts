/**
 * serveStdio over in-memory streams, for the hardening tests: raw bytes in, parsed JSON-RPC lines
 * out, and the session initialized the way a client does it.
 */
import { PassThrough } from 'node:stream'
import { createServer, type StdioOptions, serveStdio } from '../../src/index.ts'
import { MessageStream } from '../helpers/raw-client.ts'

export const INITIALIZE_PARAMS = {
  protocolVersion: '2025-11-25',
  capabilities: {},
  clientInfo: { name: 'hardening', version: '0' },
}

export function startStdio(options: Omit<StdioOptions, 'input' | 'output'> = {}) {
  const server = createServer({ name: 'stdio-hardening', version: '1.0.0' })
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
  const served = serveStdio(server, { ...options, input, output })
  const send = (message: Record<string, unknown>) =>
    input.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`)
  const initialize = async () => {
    send({ id: 'init', method: 'initialize', params: INITIALIZE_PARAMS })
    await received.next((message) => message.id === 'init')
    send({ method: 'notifications/initialized' })
  }
  return { server, input, received, served, send, initialize }
}

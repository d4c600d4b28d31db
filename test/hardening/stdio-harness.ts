/**
 * serveStdio over in-memory streams, for the hardening tests: raw bytes in, parsed JSON-RPC lines
 * out, and the session initialized the way a client does it.
 */
import { createServer, type StdioOptions } from '../../src/index.ts'
import { pipeStdio } from '../helpers/stdio-pipe.ts'

export const INITIALIZE_PARAMS = {
  protocolVersion: '2025-11-25',
  capabilities: {},
  clientInfo: { name: 'hardening', version: '0' },
}

export function startStdio(options: Omit<StdioOptions, 'input' | 'output'> = {}) {
  const server = createServer({ name: 'stdio-hardening', version: '1.0.0' })
  const { input, received, served, send } = pipeStdio(server, options)
  const initialize = async () => {
    send({ id: 'init', method: 'initialize', params: INITIALIZE_PARAMS })
    await received.next((message) => message.id === 'init')
    send({ method: 'notifications/initialized' })
  }
  return { server, input, received, served, send, initialize }
}

/**
 * The "everything" server: every tool, resource and prompt the official MCP conformance suite's
 * 2025-11-25 server scenarios expect, built with taskwire. `npm run conformance:official` runs the
 * suite against it.
 *
 *   npx tsx examples/everything/server.ts          # Streamable HTTP on http://127.0.0.1:3002/mcp (PORT)
 *   npx tsx examples/everything/server.ts --stdio  # the same server over stdin/stdout
 */
import { pathToFileURL } from 'node:url'
import { createServer, serve, serveStdio, type TaskwireServer } from '../../src/index.ts'
import { addContentTools } from './content-tools.ts'
import { addInteractiveTools } from './interactive-tools.ts'
import { addPrompts } from './prompts.ts'
import { addResources } from './resources.ts'

export function createEverythingServer(): TaskwireServer {
  const server = createServer({
    name: 'taskwire-everything',
    version: '0.1.0',
    instructions: 'A server exposing every MCP feature, for conformance testing.',
    tasks: { pollIntervalMs: 100 },
  })
  addContentTools(server)
  addInteractiveTools(server)
  addResources(server)
  addPrompts(server)
  return server
}

async function main(argv: readonly string[]): Promise<void> {
  const server = createEverythingServer()
  if (argv.includes('--stdio')) {
    // stdout carries MCP messages only; the process ends when the client closes stdin.
    await serveStdio(server).closed
    await server.close()
    return
  }
  const port = Number(process.env.PORT ?? 3002)
  const hostname = process.env.HOST ?? '127.0.0.1'
  const served = await serve(server, { port, hostname })
  console.log(`taskwire everything server listening on ${served.url}`)
  const stop = () => void served.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2))

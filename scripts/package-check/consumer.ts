/**
 * Compiled by scripts/check-package.sh against the installed tarball with tsc strict, nodenext,
 * exactOptionalPropertyTypes and skipLibCheck false: taskwire's declarations must be complete on
 * their own (no MCP SDK, no DOM lib) and usable under the strictest common settings.
 */
import {
  type CallToolResult,
  type ContentBlock,
  createFetchHandler,
  createHttpApp,
  createServer,
  InMemoryTaskStore,
  ProtocolError,
  type ServedHttp,
  serve,
  serveStdio,
  TaskwireError,
  type ToolContext,
} from 'taskwire'
import { z } from 'zod'

const server = createServer({
  name: 'consumer',
  version: '1.0.0',
  tasks: { store: new InMemoryTaskStore({ maxTasks: 10 }), defaultTtlMs: 60_000 },
})

server.tool(
  {
    name: 'report',
    description: 'Builds a report',
    input: z.object({ pages: z.number().int().min(1), title: z.string().optional() }),
    output: z.object({ pages: z.number(), title: z.string() }),
    task: true,
  },
  async ({ pages, title }, ctx: ToolContext) => {
    ctx.signal.throwIfAborted()
    ctx.progress(1, pages, 'started')
    ctx.log('info', { pages })
    if (pages > 1_000) throw new ProtocolError(-32_602, 'too many pages')
    return { pages, title: title ?? 'untitled' }
  },
)

server.tool({ name: 'blocks', task: 'required' }, (): CallToolResult => {
  const block: ContentBlock = { type: 'text', text: 'hello' }
  return { content: [block], isError: false }
})

server.tool({ name: 'ask', input: z.object({ topic: z.string() }) }, async ({ topic }, ctx) => {
  const answer = await ctx.elicit({ message: `About ${topic}?`, schema: z.object({ ok: z.boolean() }) })
  if (answer.action !== 'accept') return answer.action
  const sampled = await ctx.sample({
    messages: [{ role: 'user', content: { type: 'text', text: topic } }],
    maxTokens: 10,
  })
  const [first] = [sampled.content].flat()
  return first?.type === 'text' ? `${answer.content.ok} ${first.text}` : 'no text'
})

server.resource({ uri: 'docs://readme', name: 'readme', mimeType: 'text/markdown' }, () => '# Hi')
server.resourceTemplate({ uriTemplate: 'users://{id}', name: 'user' }, (uri, { id }) => `${uri} ${id}`)
server.prompt({ name: 'review', arguments: z.object({ code: z.string() }) }, ({ code }) => `Review ${code}`)

const handler: (request: Request) => Promise<Response> = createFetchHandler(server, { path: '/mcp' })
const app = createHttpApp(server, { allowedHosts: ['mcp.example.com'] })
export const embedded = { handler, fetch: app.fetch }

export async function start(): Promise<ServedHttp> {
  try {
    return await serve(server, { port: 0, hostname: '127.0.0.1' })
  } catch (error) {
    if (error instanceof TaskwireError) console.error(error.code)
    throw error
  }
}

export const stdio = () => serveStdio(server).closed

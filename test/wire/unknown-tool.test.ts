/**
 * tools/call of a tool the server does not have: -32602 (2025-11-25 server/tools "Error Handling"),
 * and the message names the closest tool names, so a typo is a one-glance fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type ServedHttp, serve } from '../../src/index.ts'
import { initialize, type RawSession } from '../helpers/raw-client.ts'
import { callTool, expectError } from '../helpers/tasks.ts'

const server = createServer({ name: 'unknown-tool', version: '0' })
for (const name of ['get_user', 'set_user', 'get_users', 'echo', 'slow_computation'])
  server.tool({ name }, () => name)
let served: ServedHttp
let session: RawSession

beforeAll(async () => {
  served = await serve(server, { port: 0 })
  session = await initialize(served.url)
})
afterAll(async () => {
  await served.close()
  await server.close()
})

const messageOf = async (name: string) => expectError(await callTool(session, name, {}), -32602).message

describe('an unknown tool', () => {
  it('is -32602 naming the closest tool', async () => {
    expect(await messageOf('ecko')).toBe('Unknown tool: ecko; did you mean echo?')
    expect(await messageOf('slow_computaton')).toBe(
      'Unknown tool: slow_computaton; did you mean slow_computation?',
    )
  })

  it('names several when they are as close', async () => {
    expect(await messageOf('het_user')).toBe('Unknown tool: het_user; did you mean get_user or set_user?')
  })

  it('points at tools/list when nothing is close', async () => {
    expect(await messageOf('delete_everything')).toBe(
      'Unknown tool: delete_everything (tools/list names the tools this server has)',
    )
  })
})

/**
 * logging/setLevel (2025-11-25 server/utilities/logging): ctx.log sends notifications/message only
 * at or above the level the session set, on the call's own stream; other sessions keep their level.
 */
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOG_LEVELS } from '../../src/index.ts'
import { errorOf, initialize, isNotification, type RawSession, resultOf } from '../helpers/raw-client.ts'
import { connect, Inbox, type Served, startEverything } from './helpers.ts'

let served: Served
let session: RawSession

beforeAll(async () => {
  served = await startEverything((server) =>
    server.tool({ name: 'log_every_level', description: 'Logs once at every level' }, (_args, ctx) => {
      for (const level of LOG_LEVELS) ctx.log(level, { at: level }, 'levels')
      return 'logged'
    }),
  )
  session = await initialize(served.url)
})

afterAll(async () => {
  await session?.close()
  await served?.close()
})

/** The levels of the notifications/message a call of log_every_level carried, in order. */
async function loggedLevels(raw: RawSession): Promise<unknown[]> {
  const call = await raw.request('tools/call', { name: 'log_every_level', arguments: {} })
  expect(resultOf(call).content).toEqual([{ type: 'text', text: 'logged' }])
  return call.messages.filter(isNotification('notifications/message')).map((message) => message.params?.level)
}

describe('logging/setLevel', () => {
  it('is declared as the logging capability', () => {
    expect(session.initializeResult.capabilities).toMatchObject({ logging: {} })
  })

  it('answers {} and filters ctx.log below the level it sets', async () => {
    expect(resultOf(await session.request('logging/setLevel', { level: 'warning' }))).toEqual({})
    expect(await loggedLevels(session)).toEqual(['warning', 'error', 'critical', 'alert', 'emergency'])
    await session.request('logging/setLevel', { level: 'emergency' })
    expect(await loggedLevels(session)).toEqual(['emergency'])
    await session.request('logging/setLevel', { level: 'debug' })
    expect(await loggedLevels(session)).toEqual([...LOG_LEVELS])
  })

  it('sends the data and logger name as given', async () => {
    const call = await session.request('tools/call', { name: 'log_every_level', arguments: {} })
    const first = call.messages.find(isNotification('notifications/message'))
    expect(first?.params).toEqual({ level: 'debug', data: { at: 'debug' }, logger: 'levels' })
  })

  it('keeps the level per session', async () => {
    const quiet = await initialize(served.url)
    try {
      await quiet.request('logging/setLevel', { level: 'critical' })
      expect(await loggedLevels(quiet)).toEqual(['critical', 'alert', 'emergency'])
      expect(await loggedLevels(session)).toHaveLength(LOG_LEVELS.length)
    } finally {
      await quiet.close()
    }
  })

  it('answers -32602 to a level that does not exist', async () => {
    const error = errorOf(await session.request('logging/setLevel', { level: 'verbose' }))
    expect(error.code).toBe(-32602)
    expect(error.message).toContain('emergency')
  })

  it('reaches the SDK client as logging notifications', async () => {
    const sdk = await connect(served.url)
    try {
      const logs = new Inbox(sdk.client, LoggingMessageNotificationSchema)
      await sdk.client.setLoggingLevel('info')
      await sdk.client.callTool({ name: 'test_tool_with_logging', arguments: {} })
      await logs.find(({ params }) => params.data === 'Tool execution completed', 'the last log message')
      expect(logs.seen.map(({ params }) => params.data)).toEqual([
        'Tool execution started',
        'Tool processing data',
        'Tool execution completed',
      ])
    } finally {
      await sdk.close()
    }
  })
})

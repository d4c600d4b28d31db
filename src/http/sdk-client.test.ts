import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { Notification } from '@modelcontextprotocol/sdk/types.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { type ServedHttp, serveHttp } from './node.ts'
import { deferred, FakeFactory } from './test-helpers.ts'

let factory: FakeFactory
let server: ServedHttp

beforeEach(async () => {
  factory = new FakeFactory()
  server = await serveHttp(factory, { port: 0 })
})

afterEach(() => server.close())

/** An SDK 1.32.2 client, connected; `arrived` resolves with the first notification outside requests. */
async function connect(fetchFn?: typeof fetch) {
  const notifications: Notification[] = []
  const arrived = deferred<Notification>()
  const client = new Client({ name: 'sdk-test', version: '0' })
  client.fallbackNotificationHandler = async (notification) => {
    notifications.push(notification)
    arrived.resolve(notification)
  }
  const transport = new StreamableHTTPClientTransport(new URL(server.url), {
    fetch: fetchFn,
    reconnectionOptions: {
      initialReconnectionDelay: 1,
      maxReconnectionDelay: 10,
      reconnectionDelayGrowFactor: 1,
      maxRetries: 2,
    },
  })
  await client.connect(transport)
  return { client, transport, notifications, arrived: arrived.promise }
}

describe('the official SDK client (1.32.2) against this transport', () => {
  it('initializes, gets answers as JSON and as SSE (priming included), and ends the session', async () => {
    const { client, transport } = await connect()
    const sessionId = transport.sessionId ?? ''
    expect(factory.get(sessionId).protocolVersion).toBe('2025-11-25')
    const echo = await client.request({ method: 'echo', params: { a: 1 } }, z.object({ echo: z.unknown() }))
    expect(echo).toEqual({ echo: { a: 1 } })
    const slow = await client.request({ method: 'slow', params: {} }, z.object({ done: z.boolean() }))
    expect(slow).toEqual({ done: true })
    await transport.terminateSession()
    expect(factory.get(sessionId).closed).toBe(true)
    await client.close()
  })

  it('receives standalone notifications on the GET stream it opens after initialized', async () => {
    const { client, transport, arrived } = await connect()
    const session = factory.get(transport.sessionId ?? '')
    // The SDK opens its GET stream right after `notifications/initialized` got its 202; a bounded
    // number of tries waits for the server to see it without sleeping.
    for (let attempt = 0; attempt < 10_000 && !session.push(1); attempt++) {
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(await arrived).toMatchObject({ method: 'notifications/message', params: { n: 1 } })
    await client.close()
  })

  it('stops the SDK reconnect loop after an error response on a stream: the resume gets 204', async () => {
    // SDK 1.32.2 treats only result responses as final, so after an error on a primed stream it
    // resumes with Last-Event-ID. A 204 (HTML SSE: "stop reconnecting") must end that.
    const resumed = deferred<number>()
    const spy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      if (new Headers(init?.headers).has('last-event-id')) resumed.resolve(response.status)
      return response
    }
    const { client } = await connect(spy)
    const failure = client.request({ method: 'slow-fail', params: {} }, z.object({}))
    await expect(failure).rejects.toThrow(/failed after streaming/)
    expect(await resumed.promise).toBe(204)
    await client.close()
  })
})

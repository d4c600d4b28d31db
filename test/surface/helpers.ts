/**
 * The everything example served on an ephemeral 127.0.0.1 port, and the official SDK client connected
 * to it, for the surface tests (resources, prompts, completion, logging, streams).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { AnyObjectSchema, SchemaOutput } from '@modelcontextprotocol/sdk/server/zod-compat.js'
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js'
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js'
import { createEverythingServer } from '../../examples/everything/server.ts'
import { type ServeOptions, serve, type TaskwireServer } from '../../src/index.ts'
import { withTimeout } from '../helpers/sdk-client.ts'

export interface Served {
  readonly server: TaskwireServer
  readonly url: string
  close(): Promise<void>
}

/** The everything server, with whatever `extend` adds before it starts listening. */
export async function startEverything(
  extend: (server: TaskwireServer) => void = () => {},
  options: ServeOptions = {},
): Promise<Served> {
  const server = createEverythingServer()
  extend(server)
  const served = await serve(server, { ...options, port: 0 })
  return {
    server,
    url: served.url,
    close: async () => {
      await served.close()
      await server.close()
    },
  }
}

export interface Connection {
  readonly client: Client
  /** Resolves once the standalone GET stream is open (messages tied to no request reach the client). */
  standalone(): Promise<void>
  close(): Promise<void>
}

/** A new SDK session; `capabilities` are the client's (e.g. `{ elicitation: {} }`). */
export async function connect(url: string, capabilities: ClientCapabilities = {}): Promise<Connection> {
  let opened: () => void = () => {}
  const standalone = new Promise<void>((resolve) => {
    opened = resolve
  })
  const observing: FetchLike = async (input, init) => {
    const response = await fetch(input, init)
    const headers = new Headers(init?.headers)
    if (init?.method === 'GET' && response.ok && !headers.has('last-event-id')) opened()
    return response
  }
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    fetch: observing,
    reconnectionOptions: {
      initialReconnectionDelay: 1,
      maxReconnectionDelay: 1,
      reconnectionDelayGrowFactor: 1,
      maxRetries: 3,
    },
  })
  const client = new Client({ name: 'surface-test', version: '0.0.0' }, { capabilities })
  await client.connect(transport)
  return {
    client,
    standalone: () => withTimeout(standalone, 'the standalone GET stream to open'),
    close: async () => {
      await transport.terminateSession()
      await client.close()
    },
  }
}

/** Notifications of one kind as they arrive, with a bounded wait for the next one that matches. */
export class Inbox<S extends AnyObjectSchema, N = SchemaOutput<S>> {
  readonly seen: N[] = []
  readonly #waiters = new Set<() => void>()

  constructor(client: Client, schema: S) {
    client.setNotificationHandler(schema, (notification) => {
      this.seen.push(notification as N)
      for (const waiter of [...this.#waiters]) waiter()
    })
  }

  /** The first notification received (before or after this call) that matches; bounded. */
  find(match: (notification: N) => boolean = () => true, what = 'a notification'): Promise<N> {
    const arrival = new Promise<N>((resolve) => {
      const check = () => {
        const found = this.seen.find(match)
        if (found === undefined) return
        this.#waiters.delete(check)
        resolve(found)
      }
      this.#waiters.add(check)
      check()
    })
    return withTimeout(arrival, what)
  }
}

/**
 * Shared pieces of the hardening tests: every name `Object.prototype` owns, a bounded request over the
 * raw HTTP client, and serveStdio driven in process over in-memory streams.
 */
import type { Logger, SessionFactory } from '../../src/index.ts'
import type {
  JsonObject,
  JsonRpcMessage,
  MessageStream,
  RawResponse,
  RawSession,
} from '../helpers/raw-client.ts'
import { pipeStdio } from '../helpers/stdio-pipe.ts'
import { withTimeout } from '../helpers/tasks.ts'

/** constructor, toString, __proto__, valueOf, hasOwnProperty, ...: what a plain-object lookup finds. */
export const PROTOTYPE_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype)

/** A request whose answer must come: a hung POST fails the test with its method named. */
export function bounded(session: RawSession, method: string, params?: JsonObject): Promise<RawResponse> {
  return withTimeout(session.request(method, params), `the answer to ${method}`)
}

/** Proves the server still serves: `ping` answers `{}`. */
export async function expectAlive(session: RawSession): Promise<void> {
  const pong = await bounded(session, 'ping')
  if (JSON.stringify(pong.response?.result) !== '{}') {
    throw new Error(`ping after the probe got HTTP ${pong.status}: ${JSON.stringify(pong.messages)}`)
  }
}

/** A logger that keeps what it is given, for tests that check what was logged. */
export function recordingLogger(): Logger & {
  readonly lines: { level: string; message: string; fields?: JsonObject }[]
} {
  const lines: { level: string; message: string; fields?: JsonObject }[] = []
  const at =
    (level: string) =>
    (message: string, fields?: JsonObject): void => {
      lines.push(fields === undefined ? { level, message } : { level, message, fields })
    }
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

export interface StdioHarness {
  readonly received: MessageStream
  send(message: JsonObject): void
  /** Sends a request and waits (bounded) for the answer with its id. */
  call(id: number, method: string, params?: JsonObject): Promise<JsonRpcMessage>
  close(): Promise<void>
}

/** serveStdio over in-memory streams; each output line is parsed into `received`. */
export function startStdio(factory: SessionFactory): StdioHarness {
  const { received, served, send } = pipeStdio(factory)
  return {
    received,
    send,
    call: (id, method, params) => {
      send(params === undefined ? { id, method } : { id, method, params })
      return received.find((message) => message.id === id, { what: `the answer to ${method} (id ${id})` })
    },
    close: () => served.close(),
  }
}

/** initialize + notifications/initialized over stdio. */
export async function initializeStdio(stdio: StdioHarness): Promise<void> {
  const params = { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '0' } }
  const answer = await stdio.call(0, 'initialize', params)
  if (answer.result === undefined) throw new Error(`initialize failed: ${JSON.stringify(answer)}`)
  stdio.send({ method: 'notifications/initialized' })
}

/**
 * The stdio transport (2025-11-25 basic/transports "stdio"): one session, newline-delimited JSON-RPC
 * on stdin/stdout. Nothing but MCP messages is written to the output; diagnostics go to stderr.
 */
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { encodeMessage, logEncodeProblem } from '../protocol/encode.ts'
import { ErrorCode, errorText } from '../protocol/errors.ts'
import { errorMessage, idOf, type JsonRpcMessage, parseMessage } from '../protocol/jsonrpc.ts'
import { type Logger, logError, silentLogger } from '../server/options.ts'
import type { Outbound, SessionFactory, SessionPort } from '../server/transport.ts'

export interface StdioOptions {
  input?: Readable
  output?: Writable
  /** Receives what cannot reach the client (messages that could not be encoded). Default: the server's. */
  logger?: Logger
}

export interface ServedStdio {
  /** Resolves when the input ends (the client closed it) or close() was called. */
  readonly closed: Promise<void>
  close(): Promise<void>
}

export function serveStdio(factory: SessionFactory, options: StdioOptions = {}): ServedStdio {
  const { input = process.stdin, output = process.stdout } = options
  const logger = options.logger ?? factory.logger ?? silentLogger
  const onProblem = logEncodeProblem((text, fields) => logError(logger, text, fields))
  let open = true
  const write = (message: JsonRpcMessage): boolean => {
    // One line per message, never a throw: an unencodable response becomes a -32603 for its id.
    const line = encodeMessage(message, onProblem)
    // write() returning false is backpressure, not a refusal: the Writable queues the line.
    if (open && line !== undefined) output.write(`${line}\n`)
    return open
  }
  // stdout is one stream that is always open: every message goes there, none needs a request stream.
  const outbound: Outbound = { send: (message) => write(message), isConnected: () => open }
  const session = factory.openSession({ principal: undefined, outbound })
  const ended = new AbortController()
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })
  lines.on('line', (line) => {
    receive(session, line, write, ended.signal).catch((error: unknown) => {
      // The session answers every request itself; reaching here is a bug, and still no crash.
      logError(logger, 'stdio: a message could not be handled', { error: errorText(error) })
    })
  })
  // The client went away (EPIPE and the like): nothing reaches it any more, so end as on end of input.
  output.on('error', () => lines.close())
  const closed = new Promise<void>((resolve) => {
    lines.once('close', () => {
      open = false
      ended.abort(new Error('stdio input ended'))
      session.close()
      resolve()
    })
  })
  queueMicrotask(() => session.streamOpened())
  return {
    closed,
    close: async () => {
      lines.close()
      await closed
    },
  }
}

async function receive(
  session: SessionPort,
  line: string,
  write: (message: JsonRpcMessage) => boolean,
  signal: AbortSignal,
): Promise<void> {
  if (line.trim() === '') return
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    write(
      errorMessage(null, { code: ErrorCode.ParseError, message: 'Parse error: a line is not valid JSON' }),
    )
    return
  }
  let incoming: ReturnType<typeof parseMessage>
  try {
    incoming = parseMessage(value)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    write(errorMessage(idOf(value), { code: ErrorCode.InvalidRequest, message }))
    return
  }
  const response = await session.handle(incoming, { signal, openStream: () => {} })
  if (response !== undefined) write(response)
}

/**
 * The stdio transport (2025-11-25 basic/transports "stdio"): one session, newline-delimited JSON-RPC
 * on stdin/stdout. Nothing but MCP messages is written to the output; diagnostics go to stderr.
 */
import type { Readable, Writable } from 'node:stream'
import { TaskwireError } from '../errors.ts'
import { encodeMessage, logEncodeProblem } from '../protocol/encode.ts'
import { ErrorCode, errorText, ProtocolError } from '../protocol/errors.ts'
import { errorMessage, idOf, type JsonRpcMessage, parseMessage } from '../protocol/jsonrpc.ts'
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_PROGRESS_TOKEN_BYTES,
  DEFAULT_MAX_REQUEST_ID_BYTES,
  type MessageLimits,
} from '../protocol/message-limits.ts'
import { type Logger, logError, silentLogger } from '../server/options.ts'
import type { Outbound, SessionFactory, SessionPort } from '../server/transport.ts'
import { LineSplitter } from './lines.ts'

export interface StdioOptions {
  input?: Readable
  output?: Writable
  /** Receives what cannot reach the client (messages that could not be encoded). Default: the server's. */
  logger?: Logger
  /** Largest line (one message) in bytes; a longer one is skipped and answered -32600. Default 4 MiB. */
  maxLineBytes?: number
  /** Largest string request id in UTF-8 bytes; longer ones get -32600 (id null). Default 256. */
  maxRequestIdBytes?: number
  /** Largest string `_meta.progressToken` in UTF-8 bytes; longer ones get -32602. Default 256. */
  maxProgressTokenBytes?: number
}

export interface ServedStdio {
  /** Resolves when the input ends (the client closed it) or close() was called. */
  readonly closed: Promise<void>
  close(): Promise<void>
}

type Write = (message: JsonRpcMessage) => boolean

/**
 * Serves one session over a byte stream pair, by default the process's stdin and stdout.
 *
 * @example
 * serveStdio(server) // in a program an MCP client starts as a subprocess
 */
export function serveStdio(factory: SessionFactory, options: StdioOptions = {}): ServedStdio {
  const { input = process.stdin, output = process.stdout } = options
  const { maxLineBytes, limits } = resolveStdioOptions(options)
  const logger = options.logger ?? factory.logger ?? silentLogger
  const onProblem = logEncodeProblem((text, fields) => logError(logger, text, fields))
  let open = true
  const write: Write = (message) => {
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
  const lines = new LineSplitter(maxLineBytes, {
    line: (line) => {
      receive(session, line, write, ended.signal, limits).catch((error: unknown) => {
        // The session answers every request itself; reaching here is a bug, and still no crash.
        logError(logger, 'stdio: a message could not be handled', { error: errorText(error) })
      })
    },
    overlong: () => write(errorMessage(null, overlong(maxLineBytes))),
  })
  const onData = (chunk: Buffer | string) =>
    lines.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  let resolveClosed: () => void = () => {}
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve
  })
  const stop = () => {
    if (!open) return
    open = false
    input.off('data', onData).off('end', onEnd).off('close', stop)
    input.pause()
    ended.abort(new Error('stdio input ended'))
    session.close()
    resolveClosed()
  }
  const onEnd = () => {
    lines.end()
    stop()
  }
  input.on('data', onData).once('end', onEnd).once('close', stop)
  // The client went away (EPIPE and the like): nothing reaches it any more, so end as on end of input.
  output.on('error', stop)
  queueMicrotask(() => session.streamOpened())
  return {
    closed,
    close: async () => {
      stop()
      await closed
    },
  }
}

function resolveStdioOptions(options: StdioOptions): { maxLineBytes: number; limits: MessageLimits } {
  const {
    maxLineBytes = DEFAULT_MAX_MESSAGE_BYTES,
    maxRequestIdBytes = DEFAULT_MAX_REQUEST_ID_BYTES,
    maxProgressTokenBytes = DEFAULT_MAX_PROGRESS_TOKEN_BYTES,
  } = options
  for (const [name, value] of Object.entries({ maxLineBytes, maxRequestIdBytes, maxProgressTokenBytes })) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TaskwireError(
        'INVALID_OPTION',
        `StdioOptions.${name} must be a positive integer, got ${value}`,
      )
    }
  }
  return { maxLineBytes, limits: { maxRequestIdBytes, maxProgressTokenBytes } }
}

const overlong = (maxLineBytes: number) => ({
  code: ErrorCode.InvalidRequest,
  message: `Invalid request: a line is longer than ${maxLineBytes} bytes (maxLineBytes); it was skipped: send smaller messages`,
})

async function receive(
  session: SessionPort,
  line: string,
  write: Write,
  signal: AbortSignal,
  limits: MessageLimits,
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
    incoming = parseMessage(value, limits)
  } catch (error) {
    const { code, message } =
      error instanceof ProtocolError ? error : { code: ErrorCode.InvalidRequest, message: String(error) }
    write(errorMessage(idOf(value, limits), { code, message }))
    return
  }
  const response = await session.handle(incoming, { signal, openStream: () => {} })
  if (response !== undefined) write(response)
}

/**
 * JSON-RPC messages as they come off the wire, SSE framing, and a collector of the messages of one
 * stream with bounded waits. Shared by the raw client's POST answers and its GET stream.
 */

/** Upper bound of every wait in these tests: a failure bound, never a synchronisation device. */
export const WAIT_MS = 5_000

export type JsonObject = Record<string, unknown>
export type RequestId = string | number

export interface JsonRpcError {
  code: number
  message: string
  data?: unknown
}

/** One JSON-RPC message as it came off the wire; which fields are present tells its kind. */
export interface JsonRpcMessage {
  jsonrpc: string
  id?: RequestId | null
  method?: string
  params?: JsonObject
  result?: JsonObject
  error?: JsonRpcError
}

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function toMessage(value: unknown): JsonRpcMessage {
  if (!isObject(value) || value.jsonrpc !== '2.0') {
    throw new Error(`not a JSON-RPC 2.0 message: ${JSON.stringify(value)}`)
  }
  return value as unknown as JsonRpcMessage
}

export const isNotification = (method: string) => (message: JsonRpcMessage) =>
  message.method === method && message.id === undefined

export interface SseEvent {
  id?: string
  event?: string
  data: string
}

/** Incremental SSE framing (comments skipped, multi-line `data` joined). */
export class SseParser {
  #buffer = ''

  feed(text: string): SseEvent[] {
    this.#buffer += text.replace(/\r\n/g, '\n')
    const events: SseEvent[] = []
    for (;;) {
      const end = this.#buffer.indexOf('\n\n')
      if (end < 0) return events
      const event = parseBlock(this.#buffer.slice(0, end))
      this.#buffer = this.#buffer.slice(end + 2)
      if (event) events.push(event)
    }
  }
}

function parseBlock(block: string): SseEvent | undefined {
  const event: SseEvent = { data: '' }
  let fields = 0
  let sawData = false
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue
    const at = line.indexOf(':')
    const name = at < 0 ? line : line.slice(0, at)
    const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '')
    fields++
    if (name === 'id') event.id = value
    else if (name === 'event') event.event = value
    else if (name === 'data') {
      event.data = sawData ? `${event.data}\n${value}` : value
      sawData = true
    }
  }
  return fields === 0 ? undefined : event
}

export interface WaitOptions {
  timeoutMs?: number
  /** Names what is awaited, for the failure message. */
  what?: string
}

/** Messages of one stream in arrival order, with bounded waits for the ones a test expects. */
export class MessageStream {
  readonly messages: JsonRpcMessage[] = []
  /** Every SSE event, priming events (empty data) included. */
  readonly events: SseEvent[] = []
  #cursor = 0
  #ended = false
  readonly #listeners = new Set<() => void>()
  #endResolve: () => void = () => {}
  /** Resolves once the server (or the client) ended the stream. */
  readonly ended: Promise<void> = new Promise((resolve) => {
    this.#endResolve = resolve
  })

  get isEnded(): boolean {
    return this.#ended
  }

  push(message: JsonRpcMessage): void {
    this.messages.push(message)
    for (const listener of [...this.#listeners]) listener()
  }

  end(): void {
    if (this.#ended) return
    this.#ended = true
    this.#endResolve()
    for (const listener of [...this.#listeners]) listener()
  }

  /** The next message after the previous `next` match that satisfies `predicate`; moves past it. */
  async next(predicate: (message: JsonRpcMessage) => boolean = () => true, options: WaitOptions = {}) {
    const { message, index } = await this.#wait(this.#cursor, predicate, options)
    this.#cursor = index + 1
    return message
  }

  /** The first message received so far or later that satisfies `predicate`; leaves the cursor alone. */
  async find(predicate: (message: JsonRpcMessage) => boolean, options: WaitOptions = {}) {
    return (await this.#wait(0, predicate, options)).message
  }

  describe(): string {
    return this.messages.map((message) => JSON.stringify(message)).join('\n  ') || '(nothing)'
  }

  #wait(from: number, predicate: (message: JsonRpcMessage) => boolean, options: WaitOptions) {
    const { timeoutMs = WAIT_MS, what = 'a matching message' } = options
    return new Promise<{ message: JsonRpcMessage; index: number }>((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer)
        this.#listeners.delete(check)
      }
      const check = () => {
        for (let index = from; index < this.messages.length; index++) {
          const message = this.messages[index]
          if (message !== undefined && predicate(message)) {
            stop()
            resolve({ message, index })
            return
          }
        }
        if (!this.#ended) return
        stop()
        reject(new Error(`the stream ended before ${what}; received:\n  ${this.describe()}`))
      }
      const timer = setTimeout(() => {
        stop()
        reject(new Error(`no ${what} within ${timeoutMs} ms; received:\n  ${this.describe()}`))
      }, timeoutMs)
      this.#listeners.add(check)
      check()
    })
  }
}

/** Reads a response body (JSON or SSE) into `stream`, ending it when the body ends or fails. */
export async function pump(response: Response, stream: MessageStream): Promise<void> {
  const type = response.headers.get('content-type') ?? ''
  try {
    if (type.startsWith('text/event-stream') && response.body) {
      const parser = new SseParser()
      const decoder = new TextDecoder()
      const reader = response.body.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        for (const event of parser.feed(decoder.decode(value, { stream: true }))) {
          stream.events.push(event)
          if (event.data !== '') stream.push(toMessage(JSON.parse(event.data)))
        }
      }
    } else {
      const text = await response.text()
      if (type.startsWith('application/json') && text !== '') stream.push(toMessage(JSON.parse(text)))
    }
  } finally {
    stream.end()
  }
}

/**
 * Server-Sent Events framing (WHATWG HTML "event stream" parsing), incremental: feed it text as it
 * arrives, get back the complete events. Comments are skipped, multi-line `data` is joined.
 */

export interface SseEvent {
  readonly id?: string
  readonly event?: string
  readonly data: string
}

export class SseParser {
  #buffer = ''

  feed(chunk: string): SseEvent[] {
    this.#buffer += chunk.replace(/\r\n?/g, '\n')
    const events: SseEvent[] = []
    let end = this.#buffer.indexOf('\n\n')
    while (end >= 0) {
      const event = parseBlock(this.#buffer.slice(0, end))
      if (event !== undefined) events.push(event)
      this.#buffer = this.#buffer.slice(end + 2)
      end = this.#buffer.indexOf('\n\n')
    }
    return events
  }
}

function parseBlock(block: string): SseEvent | undefined {
  let id: string | undefined
  let event: string | undefined
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'data') data.push(value)
    else if (field === 'id') id = value
    else if (field === 'event') event = value
  }
  if (id === undefined && event === undefined && data.length === 0) return undefined
  return {
    ...(id === undefined ? {} : { id }),
    ...(event === undefined ? {} : { event }),
    data: data.join('\n'),
  }
}

/** Reads an SSE body to its end, handing over each event; resolves when the stream ends or fails. */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
): Promise<void> {
  const parser = new SseParser()
  const decoder = new TextDecoder()
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      for (const event of parser.feed(decoder.decode(value, { stream: true }))) onEvent(event)
    }
  } catch {
    // An aborted or broken stream just ends; the caller sees no more events.
  } finally {
    reader.releaseLock()
  }
}

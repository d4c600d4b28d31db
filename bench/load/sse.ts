/**
 * Incremental Server-Sent Events framing for the load generator: yields the `data` of each event
 * (comments, ids and priming events with empty data are skipped). Lean on purpose: it runs per chunk.
 */
export class SseReader {
  #buffer = ''

  /** Feeds a chunk; returns the data of every event it completed. */
  feed(chunk: string): string[] {
    this.#buffer += chunk
    const out: string[] = []
    let start = 0
    for (;;) {
      const end = this.#buffer.indexOf('\n\n', start)
      if (end < 0) break
      const data = dataOf(this.#buffer.slice(start, end))
      if (data !== '') out.push(data)
      start = end + 2
    }
    if (start > 0) this.#buffer = this.#buffer.slice(start)
    return out
  }
}

function dataOf(block: string): string {
  let data = ''
  for (const line of block.split('\n')) {
    if (line.startsWith('data:')) data += line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5)
  }
  return data
}

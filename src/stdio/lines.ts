/**
 * Newline-delimited input with a byte bound per line (2025-11-25 basic/transports "stdio": messages
 * are delimited by newlines). `readline` would buffer a line of any length before handing it over;
 * this splitter counts bytes as they arrive, and once a line crosses the limit it drops what it holds
 * and skips to the next newline without keeping any of it.
 */

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d

export interface LineHandlers {
  /** A complete line, without its `\n` (or `\r\n`), decoded as UTF-8. */
  line(text: string): void
  /** A line crossed `maxBytes`; called once per such line, when it crosses. */
  overlong(): void
}

export class LineSplitter {
  readonly #maxBytes: number
  readonly #handlers: LineHandlers
  /** The pieces of the current line; empty while skipping. */
  #pieces: Buffer[] = []
  #size = 0
  /** Inside a line that crossed the limit: bytes are dropped until the next newline. */
  #skipping = false

  constructor(maxBytes: number, handlers: LineHandlers) {
    this.#maxBytes = maxBytes
    this.#handlers = handlers
  }

  /** Feeds one chunk of the byte stream. */
  push(chunk: Buffer): void {
    let start = 0
    for (;;) {
      const end = chunk.indexOf(NEWLINE, start)
      if (end < 0) {
        this.#take(chunk.subarray(start))
        return
      }
      this.#take(chunk.subarray(start, end))
      this.#endLine()
      start = end + 1
    }
  }

  /** The input ended: a last line without a newline still counts. */
  end(): void {
    if (this.#size > 0) this.#endLine()
    this.#skipping = false
  }

  #take(piece: Buffer): void {
    if (this.#skipping || piece.byteLength === 0) return
    this.#size += piece.byteLength
    if (this.#size > this.#maxBytes) {
      this.#pieces = []
      this.#size = 0
      this.#skipping = true
      this.#handlers.overlong()
      return
    }
    this.#pieces.push(piece)
  }

  #endLine(): void {
    const skipped = this.#skipping
    const pieces = this.#pieces
    this.#pieces = []
    this.#size = 0
    this.#skipping = false
    if (skipped) return
    let bytes = pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces)
    if (bytes.at(-1) === CARRIAGE_RETURN) bytes = bytes.subarray(0, -1)
    this.#handlers.line(bytes.toString('utf8'))
  }
}

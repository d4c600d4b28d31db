/**
 * HTTP/1.1 on a bare TCP socket, for what `fetch` hides: whether a connection stays usable after a
 * response (keep-alive) and what the `Connection` header of that response said.
 */
import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import { WAIT_MS } from '../helpers/raw-client.ts'

export interface RawReply {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string
}

export class RawConnection {
  readonly socket: Socket
  #buffer = Buffer.alloc(0)
  #closed = false
  #wake: () => void = () => {}

  private constructor(socket: Socket) {
    this.socket = socket
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk])
      this.#wake()
    })
    // A reset (the server closing with unread bytes) ends the connection like a close does.
    socket.on('error', () => {})
    socket.on('close', () => {
      this.#closed = true
      this.#wake()
    })
  }

  static async open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url)
    const socket = connect(Number(port), hostname)
    await once(socket, 'connect')
    return new RawConnection(socket)
  }

  get closed(): boolean {
    return this.#closed
  }

  write(data: string | Buffer): void {
    this.socket.write(data)
  }

  /** The next response (Content-Length framed, as every refusal of the transport is). */
  async reply(): Promise<RawReply> {
    const head = await this.#until(() => this.#buffer.indexOf('\r\n\r\n'))
    const [statusLine = '', ...lines] = this.#buffer.subarray(0, head).toString('latin1').split('\r\n')
    const headers: Record<string, string> = {}
    for (const line of lines) {
      const colon = line.indexOf(':')
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
    }
    const length = Number(headers['content-length'] ?? 0)
    const start = head + 4
    await this.#until(() => (this.#buffer.length >= start + length ? start : -1))
    const body = this.#buffer.subarray(start, start + length).toString('utf8')
    this.#buffer = this.#buffer.subarray(start + length)
    return { status: Number(statusLine.split(' ')[1]), headers, body }
  }

  /** Resolves once the server has closed the connection; fails after WAIT_MS. */
  async closedByServer(): Promise<void> {
    await this.#until(() => (this.#closed ? 0 : -1))
  }

  close(): void {
    this.socket.destroy()
  }

  async #until(found: () => number): Promise<number> {
    const deadline = Date.now() + WAIT_MS
    for (;;) {
      const at = found()
      if (at >= 0) return at
      if (this.#closed)
        throw new Error(`connection closed; received: ${this.#buffer.toString('latin1').slice(0, 300)}`)
      if (Date.now() > deadline) throw new Error('no response in time')
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, WAIT_MS)
        this.#wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  }
}

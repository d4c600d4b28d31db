/**
 * The open sessions of one transport, bounded in number, with one sweep that closes idle ones
 * (2025-11-25 transports, Session Management 3: the server MAY terminate a session at any time).
 */
import type { SessionChannel } from './channel.ts'

export interface SessionRegistryOptions {
  readonly maxSessions: number
  /** 0 disables the idle sweep. */
  readonly sessionIdleTimeoutMs: number
}

/** The sweep runs at most this far apart, so a long timeout is still honoured within a minute. */
const MAX_SWEEP_INTERVAL_MS = 60_000

export class SessionRegistry {
  readonly #sessions = new Map<string, SessionChannel>()
  readonly #options: SessionRegistryOptions
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(options: SessionRegistryOptions) {
    this.#options = options
  }

  get size(): number {
    return this.#sessions.size
  }

  get full(): boolean {
    return this.#sessions.size >= this.#options.maxSessions
  }

  add(channel: SessionChannel): void {
    this.#sessions.set(channel.port.id, channel)
    this.#startSweep()
  }

  /** The open session with that id; closed sessions are never returned (they answer 404). */
  get(id: string): SessionChannel | undefined {
    const channel = this.#sessions.get(id)
    return channel && !channel.closed ? channel : undefined
  }

  /** Closes the session and forgets it. */
  close(id: string, reason: string): void {
    const channel = this.#sessions.get(id)
    if (!channel) return
    this.#sessions.delete(id)
    if (this.#sessions.size === 0) this.#stopSweep()
    channel.close(reason)
  }

  closeAll(reason: string): void {
    for (const id of [...this.#sessions.keys()]) this.close(id, reason)
  }

  /** Closes every session idle for the configured timeout; exposed for tests and for the timer. */
  sweep(now = Date.now()): void {
    for (const [id, channel] of [...this.#sessions]) {
      if (channel.closed || channel.isIdle(now, this.#options.sessionIdleTimeoutMs))
        this.close(id, 'idle timeout')
    }
  }

  #startSweep(): void {
    const timeout = this.#options.sessionIdleTimeoutMs
    if (this.#timer !== undefined || timeout === 0) return
    // One unref'd timer for all sessions; it never keeps the process alive on its own.
    this.#timer = setInterval(() => this.sweep(), Math.min(timeout, MAX_SWEEP_INTERVAL_MS))
    this.#timer.unref?.()
  }

  #stopSweep(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }
}

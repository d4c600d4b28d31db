/**
 * The open sessions of one transport, bounded in number overall and per requestor, with one sweep
 * that closes idle ones (2025-11-25 transports, Session Management 3: the server MAY terminate a
 * session at any time).
 */
import type { SessionChannel } from './channel.ts'

export interface SessionRegistryOptions {
  readonly maxSessions: number
  readonly maxSessionsPerRequestor: number
  /** 0 disables the idle sweep. */
  readonly sessionIdleTimeoutMs: number
}

/** The sweep runs at most this far apart, so a long timeout is still honoured within a minute. */
const MAX_SWEEP_INTERVAL_MS = 60_000

export class SessionRegistry {
  readonly #sessions = new Map<string, SessionChannel>()
  /** Requestor key of each session that has one (see requestor.ts), and open sessions per key. */
  readonly #requestorOf = new Map<string, string>()
  readonly #perRequestor = new Map<string, number>()
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

  /** Whether `requestor` (undefined: unknown, not counted) may open one more session. */
  admits(requestor: string | undefined): boolean {
    if (requestor === undefined) return true
    return (this.#perRequestor.get(requestor) ?? 0) < this.#options.maxSessionsPerRequestor
  }

  /**
   * Seconds a refused requestor should wait: the soonest the idle sweep may close one of its
   * sessions (it can also end one itself with DELETE at any time).
   */
  get retryAfterSeconds(): number {
    const timeout = this.#options.sessionIdleTimeoutMs || MAX_SWEEP_INTERVAL_MS
    return Math.ceil(Math.min(timeout, MAX_SWEEP_INTERVAL_MS) / 1000)
  }

  add(channel: SessionChannel, requestor?: string): void {
    const id = channel.port.id
    this.#sessions.set(id, channel)
    if (requestor !== undefined) {
      this.#requestorOf.set(id, requestor)
      this.#perRequestor.set(requestor, (this.#perRequestor.get(requestor) ?? 0) + 1)
    }
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
    this.#release(id)
    if (this.#sessions.size === 0) this.#stopSweep()
    channel.close(reason)
  }

  #release(id: string): void {
    const requestor = this.#requestorOf.get(id)
    if (requestor === undefined) return
    this.#requestorOf.delete(id)
    const count = (this.#perRequestor.get(requestor) ?? 1) - 1
    if (count === 0) this.#perRequestor.delete(requestor)
    else this.#perRequestor.set(requestor, count)
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

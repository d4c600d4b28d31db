/**
 * One timer aimed at one deadline: the store's whole expiry machinery costs a single pending
 * setTimeout however many tasks it holds (no per-task timers, no polling interval).
 */

/** setTimeout keeps its delay in 32 bits and fires at once beyond that; longer waits are re-aimed. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1

export class DeadlineTimer {
  readonly #onDeadline: () => void
  readonly #now: () => number
  #timer: ReturnType<typeof setTimeout> | undefined
  /** The deadline the pending timer is for; NaN when none is pending. */
  #deadline = Number.NaN

  /** `onDeadline` runs when the clock reaches the aimed deadline; it should aim again. */
  constructor(onDeadline: () => void, now: () => number) {
    this.#onDeadline = onDeadline
    this.#now = now
  }

  /** Aims at `deadline` (epoch ms), or stops when it is undefined. Re-aiming the same deadline is free. */
  aim(deadline: number | undefined): void {
    if (deadline === undefined) {
      this.stop()
      return
    }
    if (this.#timer !== undefined && this.#deadline === deadline) return
    this.stop()
    const delay = Math.min(Math.max(0, deadline - this.#now()), MAX_TIMER_DELAY_MS)
    this.#deadline = deadline
    this.#timer = setTimeout(this.#fire, delay)
    // A pending expiry must not keep the process alive.
    this.#timer.unref?.()
  }

  stop(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#deadline = Number.NaN
  }

  readonly #fire = (): void => {
    this.#timer = undefined
    this.#deadline = Number.NaN
    this.#onDeadline()
  }
}

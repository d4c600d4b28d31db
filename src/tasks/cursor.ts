/**
 * `tasks/list` cursors for the in-memory store. A cursor names a position (the creation sequence
 * number of the last task on the previous page), not an offset, so tasks created or deleted between
 * pages neither repeat nor go missing. It also carries the issuing store's random epoch, so a cursor
 * from before a restart (or from another store) is refused rather than silently misread.
 *
 * 2025-11-25 tasks "Task Listing" (N58): requestors treat cursors as opaque, hence base64url.
 */
import { randomBytes } from 'node:crypto'

const VERSION = 'c1'
const EPOCH_BYTES = 6
const PATTERN = new RegExp(`^${VERSION}\\.([A-Za-z0-9_-]{8})\\.([0-9a-z]{1,11})$`)
/** Longer input cannot be a cursor we issued; checked before decoding anything. */
const MAX_CURSOR_LENGTH = 48

/** A fresh random tag for one store instance. */
export const newCursorEpoch = (): string => randomBytes(EPOCH_BYTES).toString('base64url')

export const encodeCursor = (epoch: string, seq: number): string =>
  Buffer.from(`${VERSION}.${epoch}.${seq.toString(36)}`, 'latin1').toString('base64url')

/**
 * The sequence number `cursor` points after, or undefined when the store with this `epoch`, having
 * issued sequence numbers up to `maxSeq`, could not have produced it.
 */
export function decodeCursor(cursor: string, epoch: string, maxSeq: number): number | undefined {
  // The type says string, but cursors arrive from the wire: stay total on anything.
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) return undefined
  const match = PATTERN.exec(Buffer.from(cursor, 'base64url').toString('latin1'))
  if (match === null || match[1] !== epoch) return undefined
  const seq = Number.parseInt(match[2] as string, 36)
  if (!(seq >= 1 && seq <= maxSeq)) return undefined
  // Base64 and base-36 both admit variants (padding, stray bits, leading zeros): only the exact
  // string we would have issued is accepted.
  return encodeCursor(epoch, seq) === cursor ? seq : undefined
}

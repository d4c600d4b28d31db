import { randomBytes } from 'node:crypto'

const ID_BYTES = 16
/** Random bytes drawn per call to the CSPRNG, then handed out 16 at a time (as randomUUID does). */
const POOL_BYTES = ID_BYTES * 256

let pool = Buffer.alloc(0)
let offset = 0

/**
 * 2025-11-25 tasks "Security: Isolation" (N76): task ids are cryptographically random and hard to
 * guess. 16 bytes = 128 bits, rendered as 22 base64url characters. Each byte is used once.
 */
export function newTaskId(): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES)
    offset = 0
  }
  const id = pool.toString('base64url', offset, offset + ID_BYTES)
  offset += ID_BYTES
  return id
}

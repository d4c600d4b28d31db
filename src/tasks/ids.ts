import { randomBytes } from 'node:crypto'

/**
 * 2025-11-25 tasks "Security: Isolation" (N76): task ids are cryptographically random and hard to
 * guess. 16 bytes = 128 bits, rendered as 22 base64url characters.
 */
export const newTaskId = (): string => randomBytes(16).toString('base64url')

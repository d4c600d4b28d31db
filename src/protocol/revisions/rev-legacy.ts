/** Revisions before tasks: 2025-06-18 and 2025-03-26. No tasks; invalid arguments are -32602. */
import type { Revision } from './types.ts'

const legacy = { tasks: undefined, invalidArguments: 'protocol-error', elicitationModes: false } as const

export const revision20250618: Revision = { version: '2025-06-18', ...legacy }
export const revision20250326: Revision = { version: '2025-03-26', ...legacy }

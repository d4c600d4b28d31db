/** Revisions before tasks: 2025-06-18 and 2025-03-26. No tasks; invalid arguments are -32602. */
import type { Revision } from './types.ts'

export const revision20250618: Revision = {
  version: '2025-06-18',
  tasks: undefined,
  invalidArguments: 'protocol-error',
}
export const revision20250326: Revision = {
  version: '2025-03-26',
  tasks: undefined,
  invalidArguments: 'protocol-error',
}

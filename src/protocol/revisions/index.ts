import type { ProtocolVersion } from '../versions.ts'
import { revision20251125 } from './rev-2025-11-25.ts'
import { revision20250326, revision20250618 } from './rev-legacy.ts'
import type { Revision } from './types.ts'

const REVISIONS: Record<ProtocolVersion, Revision> = {
  '2025-11-25': revision20251125,
  '2025-06-18': revision20250618,
  '2025-03-26': revision20250326,
}

export const revisionFor = (version: ProtocolVersion): Revision => REVISIONS[version]

export type { Revision, TaskFeatures, TasksWire } from './types.ts'

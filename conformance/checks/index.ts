/** Every check of the suite, in the order they are reported. */
import type { Check } from '../types.ts'
import { cancelChecks } from './cancel.ts'
import { createChecks } from './create.ts'
import { inputChecks } from './input.ts'
import { listChecks } from './list.ts'
import { negotiationChecks } from './negotiation.ts'
import { progressChecks } from './progress.ts'
import { requestorChecks } from './requestor.ts'
import { resultChecks } from './result.ts'
import { resultEdgeChecks } from './result-edges.ts'
import { robustnessChecks } from './robustness.ts'
import { securityChecks } from './security.ts'
import { sessionChecks } from './sessions.ts'
import { statusChecks } from './status.ts'

export const CHECKS: readonly Check[] = [
  ...negotiationChecks,
  ...createChecks,
  ...statusChecks,
  ...resultChecks,
  ...resultEdgeChecks,
  ...listChecks,
  ...cancelChecks,
  ...progressChecks,
  ...inputChecks,
  ...requestorChecks,
  ...securityChecks,
  ...sessionChecks,
  ...robustnessChecks,
]

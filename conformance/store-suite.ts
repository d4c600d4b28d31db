/**
 * The behaviour every TaskStore must show, run against each implementation (in the manner of
 * BullMQ's backend-conformance tests). Register it from a test file:
 *
 * @example
 * describeTaskStoreConformance('InMemoryTaskStore', (options) => new InMemoryTaskStore(options))
 *
 * All time is fake (vi.useFakeTimers, starting at T0), so ttl boundaries are checked to the
 * millisecond without sleeping. Clauses cited are from the 2025-11-25 tasks reference notes.
 */
import { describe } from 'vitest'
import { describeExpiry, describeExpiryListeners, describeLimits } from './store/expiry.ts'
import { type MakeTaskStore, useStores } from './store/harness.ts'
import {
  describeCreation,
  describeDeletion,
  describeIsolation,
  describeResults,
  describeTransitions,
} from './store/lifecycle.ts'
import { describeListing, describePaginationStability } from './store/listing.ts'
import { describeAtomicSettlement, describeResultBudgets } from './store/settlement.ts'

export type { MakeTaskStore, TaskStoreLimits } from './store/harness.ts'

export function describeTaskStoreConformance(name: string, makeStore: MakeTaskStore): void {
  describe(`TaskStore conformance: ${name}`, () => {
    const open = useStores(makeStore)
    describeCreation(open)
    describeIsolation(open)
    describeTransitions(open)
    describeResults(open)
    describeAtomicSettlement(open)
    describeResultBudgets(open)
    describeListing(open)
    describePaginationStability(open)
    describeExpiry(open)
    describeExpiryListeners(open)
    describeLimits(open)
    describeDeletion(open)
  })
}

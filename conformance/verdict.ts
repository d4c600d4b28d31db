/**
 * Collects a check's findings and turns them into its outcome. The level of the requirement decides
 * what a miss is: a MUST not met is FAIL, a SHOULD or MAY not met is WARN. Nothing else can FAIL.
 */
import { type RequirementId, requirement } from '../spec/requirements.ts'
import type { Finding, NotApplicable, Outcome } from './types.ts'

/**
 * Thrown to end a check as SKIP: it cannot run against this server (a fixture or capability is
 * missing). `notApplicable` names the conditional requirements the reason shows do not apply (the
 * behaviour they govern does not happen here); the others stay unjudged.
 */
export class Skip extends Error {
  override readonly name = 'Skip'
  constructor(
    message: string,
    readonly notApplicable: readonly RequirementId[] = [],
  ) {
    super(message)
  }
}

/** Thrown when a step the check depends on breaks a requirement; ends the check with that finding. */
export class Violation extends Error {
  override readonly name = 'Violation'
  constructor(
    readonly requirement: RequirementId,
    message: string,
    /** Everything the check had found so far, this violation included. */
    readonly findings: readonly Finding[] = [{ requirement, status: 'FAIL', message }],
  ) {
    super(message)
  }
}

export class Verdict {
  readonly findings: Finding[] = []
  readonly notApplicable: NotApplicable[] = []

  /** Records `ok` against requirement `id`; returns `ok` so a check can branch on it. */
  expect(id: RequirementId, ok: boolean, failure: string, success?: string): boolean {
    if (ok) this.pass(id, success ?? 'as required')
    else this.miss(id, failure)
    return ok
  }

  pass(id: RequirementId, message: string): void {
    this.findings.push({ requirement: id, status: 'PASS', message })
  }

  /** A requirement not met: FAIL for a MUST, WARN otherwise. */
  miss(id: RequirementId, message: string): void {
    const status = requirement(id).level === 'MUST' ? 'FAIL' : 'WARN'
    this.findings.push({ requirement: id, status, message })
  }

  /** Always a WARN, whatever the level: for a behaviour the catalog tolerates (see its note). */
  warn(id: RequirementId, message: string): void {
    this.findings.push({ requirement: id, status: 'WARN', message })
  }

  /** A conditional requirement whose condition this server showed it does not meet (see NotApplicable). */
  inapplicable(id: RequirementId, reason: string): void {
    this.notApplicable.push({ requirement: id, reason })
  }

  /** Throws a Violation when `ok` is false; for preconditions the rest of the check builds on. */
  require(id: RequirementId, ok: boolean, failure: string): void {
    if (ok) return
    this.miss(id, failure)
    throw new Violation(id, failure, this.findings)
  }

  outcome(summary: string): Outcome {
    const outcome = outcomeOf(this.findings, summary)
    return this.notApplicable.length === 0 ? outcome : { ...outcome, notApplicable: this.notApplicable }
  }
}

/** Problems spelled out in a reason line; the JSON report has them all. */
const MAX_SHOWN = 3

export function outcomeOf(findings: readonly Finding[], summary: string): Outcome {
  const failed = findings.filter((finding) => finding.status === 'FAIL')
  const warned = findings.filter((finding) => finding.status === 'WARN')
  const status = failed.length > 0 ? 'FAIL' : warned.length > 0 ? 'WARN' : 'PASS'
  const shown = [
    ...new Set((failed.length > 0 ? failed : warned).map((f) => `[${f.requirement}] ${f.message}`)),
  ]
  if (shown.length === 0) return { status, reason: summary, findings }
  const more = shown.length > MAX_SHOWN ? `; and ${shown.length - MAX_SHOWN} more` : ''
  return { status, reason: shown.slice(0, MAX_SHOWN).join('; ') + more, findings }
}

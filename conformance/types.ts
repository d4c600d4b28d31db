/** What a check is, what it gets to work with, and what it ends with. */

import type { RequirementId } from '../spec/requirements.ts'
import type { Endpoint, OpenOptions } from './client/http.ts'
import type { JsonObject } from './client/json.ts'
import type { McpSession } from './client/session.ts'
import type { FixtureTool } from './contract.ts'

export type Status = 'PASS' | 'FAIL' | 'WARN' | 'SKIP'

/** One observation about one requirement. FAIL only ever for a MUST; WARN for the rest. */
export interface Finding {
  readonly requirement: RequirementId
  readonly status: 'PASS' | 'FAIL' | 'WARN'
  readonly message: string
}

/**
 * A conditional requirement whose condition never arose against this server (say, a rule for servers
 * that task-augment their own requests, from one that does not): neither judged nor skipped.
 */
export interface NotApplicable {
  readonly requirement: RequirementId
  readonly reason: string
}

export interface Outcome {
  readonly status: Status
  readonly reason: string
  readonly findings: readonly Finding[]
  readonly notApplicable?: readonly NotApplicable[]
}

/** What the runner learnt from its first session: capabilities and the tools on offer. */
export interface Discovery {
  readonly protocolVersion: string | undefined
  readonly capabilities: JsonObject
  /** Tools by name, as tools/list gave them. */
  readonly tools: ReadonlyMap<string, JsonObject>
}

export interface SessionOptions extends OpenOptions {
  /** Another endpoint than the main one (the no-tasks variant, or the second identity). */
  endpoint?: Endpoint
}

export interface CheckContext {
  readonly endpoint: Endpoint
  /** A server variant without the tasks capability (`--no-tasks-url`), if given. */
  readonly noTasksEndpoint: Endpoint | undefined
  /** The main URL with the second identity's headers (`--second-header`), if given. */
  readonly secondEndpoint: Endpoint | undefined
  readonly discovery: Discovery
  /** Opens a session the runner closes after the check. */
  open(options?: SessionOptions): Promise<McpSession>
  /** A tag unique to this run, for conf_trace. */
  tag(label: string): string
}

export interface Check {
  readonly id: string
  readonly title: string
  /** Requirement ids (spec/requirements.ts) this check can pass or fail. */
  readonly covers: readonly RequirementId[]
  /** Fixture tools it needs; when the server lacks one the check is SKIPped. */
  readonly fixtures: readonly FixtureTool[]
  /** Runs alone, after the others: it measures latency, which other checks' load would blur. */
  readonly exclusive?: boolean
  run(ctx: CheckContext): Promise<Outcome>
}

/**
 * Runs the checks against a server URL: one discovery session first (capabilities, tools), then the
 * checks, a few at a time, each with its own sessions, closed afterwards. Programmatic entry point.
 *
 * @example
 * const report = await runConformance({ url: 'http://127.0.0.1:3000/mcp' })
 * console.log(formatReport(report))
 */
import { randomUUID } from 'node:crypto'
import { CHECKS } from './checks/index.ts'
import type { Endpoint } from './client/http.ts'
import { isObject, type JsonObject } from './client/json.ts'
import { McpSession } from './client/session.ts'
import { type CheckResult, mustCoverage, type Report, summarize } from './report.ts'
import type { Check, CheckContext, Discovery, Outcome } from './types.ts'
import { outcomeOf, Skip, Violation } from './verdict.ts'

export interface RunOptions {
  url: string
  headers?: Record<string, string>
  /** A variant of the server without the tasks capability (TASK-NEG-01). */
  noTasksUrl?: string
  /** Headers of a second identity, for the isolation check. */
  secondHeaders?: Record<string, string>
  /** Check ids, or requirement ids (runs the checks that cover them). */
  only?: readonly string[]
  /** Checks running at once. */
  concurrency?: number
  checkTimeoutMs?: number
  checks?: readonly Check[]
}

const DEFAULT_CONCURRENCY = 6
const DEFAULT_CHECK_TIMEOUT_MS = 30_000

export async function discover(endpoint: Endpoint): Promise<Discovery> {
  const session = await McpSession.open(endpoint)
  try {
    const tools = new Map<string, JsonObject>()
    let cursor: string | undefined
    for (let page = 0; page < 50; page++) {
      const reply = await session.request('tools/list', cursor === undefined ? {} : { cursor })
      const listed = Array.isArray(reply.result?.tools) ? reply.result.tools : []
      for (const tool of listed)
        if (isObject(tool) && typeof tool.name === 'string') tools.set(tool.name, tool)
      const next = reply.result?.nextCursor
      if (typeof next !== 'string') break
      cursor = next
    }
    return { protocolVersion: session.protocolVersion, capabilities: session.capabilities, tools }
  } finally {
    await session.close()
  }
}

export function selectChecks(
  checks: readonly Check[],
  only: readonly string[] | undefined,
): readonly Check[] {
  if (only === undefined || only.length === 0) return checks
  const wanted = new Set(only)
  return checks.filter((check) => wanted.has(check.id) || check.covers.some((id) => wanted.has(id)))
}

function withTimeout(work: Promise<Outcome>, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<Outcome>((resolve) => {
    const reason = `check aborted: no verdict within ${ms} ms`
    timer = setTimeout(() => resolve({ status: 'FAIL', reason, findings: [] }), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

async function runCheck(
  check: Check,
  base: Omit<CheckContext, 'open'>,
  timeoutMs: number,
): Promise<CheckResult> {
  const started = performance.now()
  const missing = check.fixtures.filter((name) => !base.discovery.tools.has(name))
  const sessions: McpSession[] = []
  const ctx: CheckContext = {
    ...base,
    async open({ endpoint = base.endpoint, ...options } = {}) {
      const session = await McpSession.open(endpoint, options)
      sessions.push(session)
      return session
    },
  }
  let outcome: Outcome
  if (missing.length > 0) {
    outcome = {
      status: 'SKIP',
      reason: `the server lacks fixture tool(s) ${missing.join(', ')}`,
      findings: [],
    }
  } else {
    outcome = await withTimeout(check.run(ctx).catch(settle), timeoutMs)
    if (outcome.status === 'PASS' && outcome.findings.length === 0) outcome = { ...outcome, status: 'SKIP' }
  }
  await Promise.all(sessions.map((session) => session.close().catch(() => {})))
  const { status, reason, findings, notApplicable = [] } = outcome
  return {
    id: check.id,
    title: check.title,
    covers: check.covers,
    status,
    reason,
    findings,
    notApplicable,
    durationMs: performance.now() - started,
  }
}

/** What a check that threw ends with: SKIP, a FAIL finding for its violation, or an aborted FAIL. */
function settle(error: unknown): Outcome {
  if (error instanceof Skip) {
    const notApplicable = error.notApplicable.map((requirement) => ({ requirement, reason: error.message }))
    return { status: 'SKIP', reason: error.message, findings: [], notApplicable }
  }
  if (error instanceof Violation) return outcomeOf(error.findings, '')
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return { status: 'FAIL', reason: `check aborted: ${message}`, findings: [] }
}

export async function runConformance(options: RunOptions): Promise<Report> {
  const startedAt = new Date()
  const headers = options.headers ?? {}
  const endpoint: Endpoint = { url: options.url, headers }
  const discovery = await discover(endpoint).catch((error: unknown) => {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : ''
    throw new Error(`could not open a session at ${options.url}: ${String(error)}${cause}`, { cause: error })
  })
  const runId = randomUUID().slice(0, 8)
  let tags = 0
  const base: Omit<CheckContext, 'open'> = {
    endpoint,
    noTasksEndpoint: options.noTasksUrl === undefined ? undefined : { url: options.noTasksUrl, headers },
    secondEndpoint:
      options.secondHeaders === undefined ? undefined : { url: options.url, headers: options.secondHeaders },
    discovery,
    tag: (label) => `${label}-${runId}-${++tags}`,
  }
  const checks = selectChecks(options.checks ?? CHECKS, options.only)
  const results: CheckResult[] = new Array(checks.length)
  const timeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS
  const shared = checks.flatMap((check, index) => (check.exclusive ? [] : [index]))
  const worker = async () => {
    for (let index = shared.shift(); index !== undefined; index = shared.shift()) {
      results[index] = await runCheck(checks[index] as Check, base, timeoutMs)
    }
  }
  await Promise.all(Array.from({ length: options.concurrency ?? DEFAULT_CONCURRENCY }, worker))
  for (const [index, check] of checks.entries()) {
    if (check.exclusive) results[index] = await runCheck(check, base, timeoutMs)
  }
  return {
    url: options.url,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    summary: summarize(results),
    mustCoverage: mustCoverage(checks, results),
    results,
  }
}

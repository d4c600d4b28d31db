/**
 * The official MCP conformance suite (`@modelcontextprotocol/conformance`), pinned, run through npx.
 * It needs Node >= 22, so npx also brings the `node@22` package, whose binary is first on the PATH
 * of the command it runs; the machine's own node may stay older.
 */
import { spawn } from 'node:child_process'

export const CONFORMANCE_PACKAGE = '@modelcontextprotocol/conformance@0.2.0-alpha.12'
export const SPEC_VERSION = '2025-11-25'
/** Downloading the two packages on a cold cache plus the whole run stays well under this. */
const RUN_TIMEOUT_MS = 5 * 60_000

export interface CommandResult {
  readonly code: number | null
  readonly output: string
}

/** Runs `conformance <args>` through npx and collects stdout and stderr together. */
export function runConformance(args: readonly string[], timeoutMs = RUN_TIMEOUT_MS): Promise<CommandResult> {
  const npxArgs = ['-y', '-p', 'node@22', '-p', CONFORMANCE_PACKAGE, 'conformance', ...args]
  return new Promise((resolve, reject) => {
    const child = spawn('npx', npxArgs, { stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk))
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output: Buffer.concat(chunks).toString('utf8') })
    })
  })
}

/** The server scenarios the suite tags with the spec version (`conformance list --server`). */
export async function listServerScenarios(): Promise<string[]> {
  const { code, output } = await runConformance(['list', '--server', '--spec-version', SPEC_VERSION])
  if (code !== 0) throw new Error(`conformance list failed (exit ${code}):\n${output}`)
  // Lines look like "  - server-initialize [2025-06-18,2025-11-25]".
  const names = [...output.matchAll(/^\s+- ([a-z0-9-]+) \[([^\]]*)\]$/gm)]
    .filter((match) => (match[2] ?? '').split(',').includes(SPEC_VERSION))
    .map((match) => match[1] as string)
  if (names.length === 0) throw new Error(`conformance list named no server scenario:\n${output}`)
  return names
}

/**
 * Runs every server scenario of the spec version in one invocation (`--suite all` includes the ones
 * the suite marks pending, such as server-sse-polling) and saves each scenario's checks under `outputDir`.
 */
export function runServerScenarios(url: string, outputDir: string): Promise<CommandResult> {
  return runConformance([
    'server',
    '--url',
    url,
    '--suite',
    'all',
    '--spec-version',
    SPEC_VERSION,
    '--output-dir',
    outputDir,
  ])
}

#!/usr/bin/env node
/**
 * `taskwire <command>` from a clone: runs the TypeScript entry point through this package's own tsx
 * (a devDependency), so `npx taskwire conformance --url ...` works after `npm install`, from any
 * working directory.
 */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const COMMANDS = {
  conformance: { entry: 'conformance/cli.ts', about: 'run the MCP 2025-11-25 tasks conformance suite' },
}

const [command, ...args] = process.argv.slice(2)
const target = command === undefined ? undefined : COMMANDS[command]
if (target === undefined) {
  const list = Object.entries(COMMANDS).map(([name, { about }]) => `  ${name.padEnd(12)} ${about}`)
  const wanted = command === undefined || command === '-h' || command === '--help'
  const write = wanted ? console.log : console.error
  if (!wanted) write(`taskwire: unknown command "${command}"`)
  write(['Usage: taskwire <command> [options]', '', 'Commands:', ...list].join('\n'))
  process.exit(wanted ? 0 : 2)
}

// Resolved from this file, so the clone's tsx is used whatever the current directory is.
const tsx = import.meta.resolve('tsx')
const run = spawnSync(process.execPath, ['--import', tsx, join(root, target.entry), ...args], {
  stdio: 'inherit',
})
if (run.error) {
  console.error(`taskwire: could not start node: ${run.error.message}`)
  process.exit(2)
}
process.exit(run.status ?? 1)

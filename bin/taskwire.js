#!/usr/bin/env node
/**
 * `taskwire <command>`. Installed from npm it runs the compiled CLI (dist/) with plain node, no dev
 * tools needed. In a clone of the repository (the TypeScript source beside this file and tsx
 * installed) it runs the source through tsx instead, so a change to the suite is never hidden by a
 * stale build.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const COMMANDS = {
  conformance: {
    source: 'conformance/cli.ts',
    compiled: 'dist/conformance/cli.js',
    about: 'run the MCP 2025-11-25 tasks conformance suite against a server',
  },
}

function usage() {
  const list = Object.entries(COMMANDS).map(([name, { about }]) => `  ${name.padEnd(13)} ${about}`)
  return [
    'Usage: taskwire <command> [options]',
    '',
    'Commands:',
    ...list,
    '',
    'Options:',
    '  -h, --help     this text; taskwire <command> --help lists the options of a command',
    '  -v, --version  the version of taskwire',
  ].join('\n')
}

/** tsx from this package's own node_modules, or undefined outside a clone with dev dependencies. */
function localTsx() {
  try {
    return pathToFileURL(createRequire(join(root, 'package.json')).resolve('tsx')).href
  } catch {
    return undefined
  }
}

function runSource(entry, args, tsx) {
  const run = spawnSync(process.execPath, ['--import', tsx, entry, ...args], { stdio: 'inherit' })
  if (run.error) {
    console.error(`taskwire: could not start node: ${run.error.message}`)
    return 2
  }
  return run.status ?? 1
}

async function main([command, ...args]) {
  if (command === '-v' || command === '--version') {
    console.log(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version)
    return 0
  }
  const target = command === undefined ? undefined : COMMANDS[command]
  if (target === undefined) {
    const wanted = command === undefined || command === '-h' || command === '--help'
    if (!wanted) console.error(`taskwire: unknown command "${command}"`)
    ;(wanted ? console.log : console.error)(usage())
    return wanted ? 0 : 2
  }
  const source = join(root, target.source)
  const tsx = existsSync(source) ? localTsx() : undefined
  if (tsx !== undefined) return runSource(source, args, tsx)
  const compiled = join(root, target.compiled)
  if (!existsSync(compiled)) {
    console.error(`taskwire: ${target.compiled} is missing; build it with npm run build`)
    return 2
  }
  const { cli } = await import(pathToFileURL(compiled).href)
  await cli(args)
  return process.exitCode ?? 0
}

process.exitCode = await main(process.argv.slice(2))

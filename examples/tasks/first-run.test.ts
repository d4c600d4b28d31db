/**
 * What a first-time user sees when something is off: the example server with a bad PORT or a busy
 * port, the client when its task fails or the server goes away. Each says so in one line, with no
 * stack trace, and exits 1.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { createServer as createNetServer, type Server } from 'node:net'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { serve } from '../../src/index.ts'
import { createExampleServer } from './server.ts'

const run = promisify(execFile)
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))
const tsx = here('../../node_modules/.bin/tsx')
const STACK_FRAME = /^\s+at /m

async function failure(file: string, args: string[], env: Record<string, string>) {
  const outcome = await run(tsx, [here(file), ...args], { env: { ...process.env, ...env }, timeout: 30_000 })
    .then(() => ({ code: 0, stdout: '', stderr: '' }))
    .catch((error: { code: number; stdout: string; stderr: string }) => error)
  expect(outcome.code, outcome.stdout + outcome.stderr).toBe(1)
  expect(outcome.stderr).not.toMatch(STACK_FRAME)
  return { stdout: outcome.stdout, lines: outcome.stderr.trim().split('\n') }
}

let blocker: Server | undefined
let child: ChildProcess | undefined

afterEach(async () => {
  await new Promise((resolve) => (blocker === undefined ? resolve(undefined) : blocker.close(resolve)))
  blocker = undefined
  child?.kill()
  child = undefined
})

describe('npm start (examples/tasks/server.ts)', () => {
  it('says in one line that PORT is invalid', async () => {
    const { lines } = await failure('./server.ts', [], { PORT: 'abc' })
    expect(lines).toEqual(['taskwire example server: PORT must be a port number (0-65535), got "abc"'])
  })

  it('says in one line that the port is busy', async () => {
    blocker = createNetServer()
    await new Promise<void>((resolve) => blocker?.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    const { lines } = await failure('./server.ts', [], { PORT: String(port) })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(`port ${port} on 127.0.0.1 is already in use`)
    expect(lines[0]).toContain('PORT=')
  })
})

describe('the example client (examples/tasks/client.ts)', () => {
  it('prints a status line only when the status changes', async () => {
    const server = createExampleServer()
    const served = await serve(server, { port: 0 })
    try {
      const { stdout } = await run(tsx, [here('./client.ts'), '--duration', '2'], {
        env: { ...process.env, MCP_URL: served.url },
        timeout: 30_000,
      })
      const statuses = stdout.split('\n').filter((line) => line.startsWith('task status:'))
      expect(statuses).toEqual(['task status: working', 'task status: completed'])
    } finally {
      await served.close()
      await server.close()
    }
  })

  it('prints why the task failed', async () => {
    const server = createExampleServer()
    const served = await serve(server, { port: 0 })
    try {
      const { stdout, lines } = await failure('./client.ts', ['--duration', '0'], { MCP_URL: served.url })
      expect(stdout).toContain('task status: failed')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(
        /^example client failed: the task failed: Invalid arguments for tool "slow_computation"/,
      )
    } finally {
      await served.close()
      await server.close()
    }
  })

  it('exits with one line when the server goes away mid-task', async () => {
    const server = createExampleServer()
    const served = await serve(server, { port: 0 })
    child = spawn(tsx, [here('./client.ts'), '--duration', '20'], {
      env: { ...process.env, MCP_URL: served.url },
    })
    let stdout = ''
    let stderr = ''
    child.stderr?.on('data', (chunk) => (stderr += chunk))
    const created = new Promise<void>((resolve) =>
      child?.stdout?.on('data', (chunk) => {
        stdout += chunk
        if (stdout.includes('task created')) resolve()
      }),
    )
    const exited = new Promise<number | null>((resolve) => child?.on('exit', resolve))
    await created
    await served.close()
    await server.close()
    expect(await exited).toBe(1)
    expect(stderr).not.toMatch(STACK_FRAME)
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^example client failed: the server at http:\/\/127\.0\.0\.1:\d+\/mcp went away/),
    ])
  })
})

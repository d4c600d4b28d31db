/**
 * The tasks example as a story CI runs: the example server in-process on an ephemeral port, the
 * example client as a child process in both modes, exactly as the README tells a person to run them.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serve } from '../../src/index.ts'
import { createExampleServer } from './server.ts'

const run = promisify(execFile)
const client = fileURLToPath(new URL('./client.ts', import.meta.url))
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url))

describe('examples/tasks', () => {
  const server = createExampleServer()
  let served: Awaited<ReturnType<typeof serve>>

  beforeAll(async () => {
    served = await serve(server, { port: 0 })
  })

  afterAll(async () => {
    await served.close()
    await server.close()
  })

  const runClient = (...args: string[]) =>
    run(tsx, [client, ...args], { env: { ...process.env, MCP_URL: served.url }, timeout: 30_000 })

  it('runs slow_computation as a task, printing progress and the result', async () => {
    const { stdout } = await runClient('--duration', '2')
    expect(stdout).toMatch(/task created: [A-Za-z0-9_-]{22}/)
    expect(stdout).toContain('progress: 1/2 1 of 2 seconds')
    expect(stdout).toContain('progress: 2/2 2 of 2 seconds')
    expect(stdout).toContain('task status: completed')
    expect(stdout).toContain('result: Computation finished after 2 seconds')
  })

  it('runs slow_computation as a plain call in immediate mode', async () => {
    const { stdout } = await runClient('immediate', '--duration', '1')
    expect(stdout).not.toContain('task created')
    expect(stdout).toContain('progress: 1/1 1 of 1 seconds')
    expect(stdout).toContain('result: Computation finished after 1 seconds')
  })

  it('exits 1 with a readable message when the server is not there', async () => {
    const failing = run(tsx, [client], {
      env: { ...process.env, MCP_URL: 'http://127.0.0.1:9/mcp' },
      timeout: 30_000,
    })
    await expect(failing).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('example client failed'),
    })
  })
})

/**
 * The approval example as a story CI runs: the example server in-process on an ephemeral port, the
 * example client as a child process with each answer, exactly as the README tells a person to run them.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serve } from '../../src/index.ts'
import { createApprovalServer } from './server.ts'

const run = promisify(execFile)
const client = fileURLToPath(new URL('./client.ts', import.meta.url))
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url))

/** Asserts that the lines containing `parts` appear in `stdout` in this order. */
function expectInOrder(stdout: string, ...parts: string[]): void {
  const positions = parts.map((part) => stdout.indexOf(part))
  expect(
    positions.every((position) => position >= 0),
    `all of ${JSON.stringify(parts)} in:\n${stdout}`,
  ).toBe(true)
  expect([...positions].sort((a, b) => a - b)).toEqual(positions)
}

describe('examples/approval', () => {
  const server = createApprovalServer({ stepMs: 20 })
  let served: Awaited<ReturnType<typeof serve>>

  beforeAll(async () => {
    served = await serve(server, { port: 0 })
  })

  afterAll(async () => {
    await served.close()
    await server.close()
  })

  const runClient = (...args: string[]) =>
    run(tsx, [client, '--count', '2', ...args], {
      env: { ...process.env, MCP_URL: served.url },
      timeout: 30_000,
    })

  it('asks for confirmation mid-task and, accepted, deletes the files', async () => {
    const { stdout } = await runClient()
    const taskId = /task created: ([A-Za-z0-9_-]{22})/.exec(stdout)?.[1]
    expect(taskId).toBeDefined()
    expectInOrder(
      stdout,
      'progress: 2/4 scanned 2 of 2 files',
      `server asks: Delete 2 temporary files? (task ${taskId})`,
      'answering: accept',
      'progress: 4/4 deleted 2 of 2 files',
      'outcome: Deleted 2 files',
    )
    expect(stdout).toContain('task status: input_required')
    expect(stdout).toContain('task status: completed')
  })

  it('stops without deleting anything when the user declines', async () => {
    const { stdout } = await runClient('--answer', 'decline')
    expectInOrder(
      stdout,
      'server asks: Delete 2 temporary files?',
      'answering: decline',
      'outcome: Stopped: the user declined',
    )
    expect(stdout).toContain('task status: input_required')
    expect(stdout).not.toContain('deleted 1 of 2 files')
  })

  it('stops when the user cancels the question', async () => {
    const { stdout } = await runClient('--answer', 'cancel')
    expect(stdout).toContain('outcome: Stopped: the user cancelled')
    expect(stdout).not.toContain('deleted 1 of 2 files')
  })

  it('exits 1 with a readable message when the server is not there', async () => {
    const failing = run(tsx, [client], {
      env: { ...process.env, MCP_URL: 'http://127.0.0.1:9/mcp' },
      timeout: 30_000,
    })
    await expect(failing).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('approval client failed'),
    })
  })
})

/**
 * `taskwire conformance` against a server that does not implement the fixture contract (the tasks
 * example: one tool, none of the conf_* ones): most checks SKIP, and the run must not pass as if
 * the server had been judged. It exits 3 and says how many MUSTs were judged, unless
 * `--allow-skipped-musts` accepts that.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createExampleServer } from '../examples/tasks/server.ts'
import { type ServedHttp, serve } from '../src/index.ts'
import { main } from './cli.ts'

const server = createExampleServer()
let served: ServedHttp

beforeAll(async () => {
  served = await serve(server, { port: 0 })
})

afterAll(async () => {
  await served?.close()
  await server.close()
})

async function run(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)))
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((line: unknown) => void lines.push(String(line)))
  try {
    const code = await main(['--url', served.url, ...args])
    return { code, out: lines.join('\n') }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

describe('taskwire conformance against a server without the fixture tools', () => {
  it('exits 3, saying how many MUSTs were judged and how many went unjudged', async () => {
    const { code, out } = await run()
    expect(code).toBe(3)
    const judged = /MUSTs judged: (\d+) of (\d+)/.exec(out)
    expect(judged, out).not.toBeNull()
    expect(Number(judged?.[1])).toBeLessThan(Number(judged?.[2]) / 2)
    expect(out).toMatch(/MUSTs left unjudged \(their checks were skipped\): \d+/)
    expect(out).toContain('--allow-skipped-musts')
  })

  it('exits 0 with --allow-skipped-musts when no MUST failed', async () => {
    const { code, out } = await run('--allow-skipped-musts')
    expect(code, out).toBe(0)
    expect(out).toMatch(/MUSTs judged: \d+ of \d+/)
  })
})

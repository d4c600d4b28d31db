import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { MARKDOWN_PATH, renderRequirements } from '../spec/render.ts'
import { REQUIREMENTS } from '../spec/requirements.ts'
import { CHECKS } from './checks/index.ts'
import { estimateBits } from './checks/security.ts'
import { badTransition } from './checks/status.ts'
import { SseParser } from './client/sse.ts'
import { FIXTURE } from './contract.ts'

describe('the requirement catalog', () => {
  it('renders to the committed spec/requirements.md (run `npm run spec:render` after editing it)', async () => {
    expect(await readFile(MARKDOWN_PATH, 'utf8')).toBe(renderRequirements())
  })

  it('has unique, well-formed ids and https section links', () => {
    const ids = REQUIREMENTS.map((requirement) => requirement.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const { id, section } of REQUIREMENTS) {
      expect(id).toMatch(/^TASK-[A-Z]+-\d{2}$/)
      expect(section).toMatch(/^https:\/\//)
    }
  })

  it('is what every check cites, and every MUST is covered by some check', () => {
    const ids = new Set(REQUIREMENTS.map((requirement) => requirement.id))
    for (const check of CHECKS)
      for (const id of check.covers) expect(ids, `${check.id} covers ${id}`).toContain(id)
    const covered = new Set(CHECKS.flatMap((check) => check.covers))
    const musts = REQUIREMENTS.filter((requirement) => requirement.level === 'MUST')
    expect(musts.filter((requirement) => !covered.has(requirement.id))).toEqual([])
  })

  it('gives checks unique ids and only fixture tools of the contract', () => {
    expect(new Set(CHECKS.map((check) => check.id)).size).toBe(CHECKS.length)
    const tools = new Set<string>(Object.values(FIXTURE))
    for (const check of CHECKS) for (const name of check.fixtures) expect(tools).toContain(name)
  })
})

describe('check helpers', () => {
  it('badTransition finds the first move the lifecycle forbids', () => {
    expect(badTransition(['working', 'input_required', 'working', 'completed'])).toBeUndefined()
    expect(badTransition(['working', 'completed', 'working'])).toBe('completed → working')
    expect(badTransition(['cancelled', 'failed'])).toBe('cancelled → failed')
  })

  it('estimateBits counts only the positions that vary', () => {
    const random = Array.from({ length: 20 }, (_, i) => `${i}`.padStart(4, '0') + 'a3f9c2e17b'.repeat(2))
    expect(estimateBits(random)).toBeLessThan(20)
    const uuids = Array.from({ length: 20 }, () => crypto.randomUUID())
    expect(estimateBits(uuids)).toBeGreaterThanOrEqual(100)
  })

  it('SseParser joins multi-line data, skips comments and handles CRLF and split chunks', () => {
    const parser = new SseParser()
    expect(parser.feed(': keepalive\r\n\r\nid: 7\r\ndata: {"a":\r\n')).toEqual([])
    expect(parser.feed('data: 1}\r\n\r\n')).toEqual([{ id: '7', data: '{"a":\n1}' }])
  })
})

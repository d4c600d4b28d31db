import { describe, expect, it } from 'vitest'
import { closestNames, editDistance } from './closest.ts'

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting', 5)).toBe(3)
    expect(editDistance('', 'abc', 5)).toBe(3)
    expect(editDistance('same', 'same', 5)).toBe(0)
    expect(editDistance('slow_computaton', 'slow_computation', 5)).toBe(1)
  })

  it('stops at the bound: anything farther is bound + 1', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3)
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3)
  })
})

describe('closestNames', () => {
  const tools = ['slow_computation', 'fast_computation', 'sum', 'summarize', 'echo']

  it('names the tools within a few edits, nearest first', () => {
    expect(closestNames('slow_computaton', tools)).toEqual(['slow_computation'])
    expect(closestNames('sun', tools)).toEqual(['sum'])
    expect(closestNames('ecko', tools)).toEqual(['echo'])
  })

  it('ignores case', () => {
    expect(closestNames('Slow_Computation', tools)).toEqual(['slow_computation'])
  })

  it('returns several when they are as close, at most three', () => {
    expect(closestNames('het_user', ['set_user', 'get_user', 'get_users'])).toEqual(['get_user', 'set_user'])
    const many = ['ab1', 'ab2', 'ab3', 'ab4', 'ab5']
    expect(closestNames('ab', many)).toEqual(['ab1', 'ab2', 'ab3'])
  })

  it('suggests nothing for names far from all, or longer than any tool name may be', () => {
    expect(closestNames('delete_everything', tools)).toEqual([])
    expect(closestNames('s'.repeat(129), ['s'.repeat(128)])).toEqual([])
  })
})

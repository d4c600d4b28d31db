/**
 * zod is a peer dependency: taskwire works with the application's zod 4. A zod 3 schema (or a raw
 * shape, as the SDK's `registerTool` takes) fails at registration with a message saying what to do,
 * not later inside zod with "Cannot read properties of undefined".
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { z as z3 } from 'zod/v3'
import { type AnyObjectSchema, createServer, type PromptArgsSchema, TaskwireError } from '../../src/index.ts'

const server = () => createServer({ name: 'zod-version', version: '0' })
const zod3Object = z3.object({ duration: z3.number() }) as unknown as AnyObjectSchema

describe('server.tool with a zod 3 schema', () => {
  it('throws a TaskwireError naming the tool and the fix for `input`', () => {
    const register = () => server().tool({ name: 'slow', input: zod3Object }, () => 'never')
    expect(register).toThrow(TaskwireError)
    expect(register).toThrow(/Tool "slow": `input` is a zod 3 schema.*zod 4/s)
    expect(register).toThrow(/npm install zod@\^4/)
  })

  it('throws for `output` too', () => {
    const register = () =>
      server().tool({ name: 'slow', input: z.object({}), output: zod3Object }, () => ({ duration: 1 }))
    expect(register).toThrow(/Tool "slow": `output` is a zod 3 schema/)
  })

  it('says what to pass when given a raw shape instead of a schema', () => {
    const shape = { duration: z.number() } as unknown as AnyObjectSchema
    const register = () => server().tool({ name: 'slow', input: shape }, () => 'never')
    expect(register).toThrow(TaskwireError)
    expect(register).toThrow(/`input` is not a zod schema.*z\.object/s)
  })

  it('accepts zod 4 schemas, from `zod` and from `zod/v4` alike', async () => {
    const { z: z4 } = await import('zod/v4')
    const target = server()
    expect(() => target.tool({ name: 'a', input: z.object({ n: z.number() }) }, () => 'ok')).not.toThrow()
    const output = z4.object({})
    expect(() => target.tool({ name: 'b', input: z4.object({}), output }, () => ({}))).not.toThrow()
  })
})

describe('server.prompt with zod 3 arguments', () => {
  it('throws a TaskwireError naming the prompt and the fix', () => {
    const args = z3.object({ code: z3.string() }) as unknown as PromptArgsSchema
    const register = () => server().prompt({ name: 'review', arguments: args }, () => 'never')
    expect(register).toThrow(TaskwireError)
    expect(register).toThrow(/Prompt "review": `arguments` is a zod 3 schema.*zod 4/s)
  })
})

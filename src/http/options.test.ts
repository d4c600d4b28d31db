import { describe, expect, it } from 'vitest'
import { TaskwireError } from '../errors.ts'
import { DEFAULT_MAX_BODY_BYTES, LOOPBACK_HOSTNAMES, resolveOptions } from './options.ts'

describe('resolveOptions', () => {
  it('fills in the documented defaults, DNS-rebinding protection on with loopback names', () => {
    const options = resolveOptions()
    expect(options).toMatchObject({ path: '/mcp', maxBodyBytes: DEFAULT_MAX_BODY_BYTES, keepAliveMs: 15_000 })
    expect(options.rebinding).toEqual({ hosts: LOOPBACK_HOSTNAMES, origins: LOOPBACK_HOSTNAMES })
  })

  it('lets allowedOrigins default to allowedHosts, and turns protection off on request', () => {
    expect(resolveOptions({ allowedHosts: ['mcp.test'] }).rebinding?.origins).toEqual(['mcp.test'])
    expect(resolveOptions({ dnsRebindingProtection: false }).rebinding).toBeUndefined()
  })

  it('rejects nonsense with a TaskwireError naming the option', () => {
    expect(() => resolveOptions({ path: 'mcp' })).toThrow(TaskwireError)
    expect(() => resolveOptions({ maxBodyBytes: 0 })).toThrow(/maxBodyBytes/)
    expect(() => resolveOptions({ keepAliveMs: -1 })).toThrow(/keepAliveMs/)
  })
})

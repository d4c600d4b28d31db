import { describe, expect, it } from 'vitest'
import { addressKey, requestorKey } from './requestor.ts'

describe('addressKey', () => {
  it('keeps IPv4 addresses, and reads IPv4-mapped IPv6 as IPv4', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7')
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7')
  })

  it('counts IPv6 addresses by their /64, however they are written', () => {
    expect(addressKey('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64')
    expect(addressKey('2001:0DB8:0000:0001:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64')
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    expect(addressKey('64:ff9b:1:2::192.0.2.1')).toBe('64:ff9b:1:2::/64')
  })

  it('takes anything else as it is', () => {
    expect(addressKey('client-42')).toBe('client-42')
    expect(addressKey('1:2:3')).toBe('1:2:3')
  })
})

describe('requestorKey', () => {
  const request = new Request('http://127.0.0.1/mcp', { headers: { 'x-client': 'from-proxy' } })

  it('prefers the principal, then the hook, then the socket address', () => {
    expect(requestorKey(request, { id: 'alice' }, '127.0.0.1', undefined)).toBe('principal:alice')
    expect(requestorKey(request, undefined, '127.0.0.1', undefined)).toBe('address:127.0.0.1')
    const hook = (r: Request) => r.headers.get('x-client') ?? undefined
    expect(requestorKey(request, undefined, '127.0.0.1', hook)).toBe('address:from-proxy')
    expect(requestorKey(request, undefined, undefined, undefined)).toBeUndefined()
  })
})

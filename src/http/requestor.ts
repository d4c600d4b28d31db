/**
 * Who a session counts against for `maxSessionsPerRequestor`: the principal when an authenticate
 * hook names one, else the client's address. A client should not be able to choose its own key, so
 * the default address is the TCP peer's, never a header (a proxy's header is trusted only through
 * the `clientAddress` option, which the operator writes for the proxy they run).
 */
import type { Principal } from '../server/transport.ts'
import type { ClientAddress } from './options.ts'

/** The key, or undefined when neither a principal nor an address is known (only maxSessions applies). */
export function requestorKey(
  request: Request,
  principal: Principal | undefined,
  socketAddress: string | undefined,
  clientAddress: ClientAddress | undefined,
): string | undefined {
  if (principal !== undefined) return `principal:${principal.id}`
  const address = clientAddress ? clientAddress(request, socketAddress) : socketAddress
  return address === undefined || address === '' ? undefined : `address:${addressKey(address)}`
}

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/

/**
 * The form an address is counted under. IPv4-mapped IPv6 (how a dual-stack socket reports an IPv4
 * peer) counts as the IPv4 address. Other IPv6 addresses count by their /64 prefix: one subscriber is
 * routinely given a whole /64, so counting single addresses would give one client 2^64 shares.
 * Anything else (a hostname, an opaque id from the `clientAddress` hook) is taken as it is.
 */
export function addressKey(address: string): string {
  const bare = address.replace(/%.*$/, '').toLowerCase() // an IPv6 zone id names our interface, not them
  const mapped = IPV4_MAPPED.exec(bare)?.[1]
  if (mapped !== undefined) return mapped
  if (!bare.includes(':')) return bare
  const groups = ipv6Groups(bare)
  return groups === undefined ? bare : `${groups.slice(0, 4).join(':')}::/64`
}

/** The eight groups of an IPv6 address (each without leading zeros), or undefined if it is not one. */
function ipv6Groups(address: string): string[] | undefined {
  const halves = address.split('::')
  if (halves.length > 2) return undefined
  const [left, right] = halves.map((half) => (half === '' ? [] : tokens(half)))
  if (left === undefined) return undefined
  if (right === undefined) return left.length === 8 ? left : undefined
  const missing = 8 - left.length - right.length
  return missing < 1 ? undefined : [...left, ...Array<string>(missing).fill('0'), ...right]
}

/** Hex groups of one side of `::`; a trailing dotted IPv4 part stands for the last two groups. */
function tokens(half: string): string[] {
  return half.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [trimZeros(group)]))
}

const trimZeros = (group: string) => group.replace(/^0+(?=.)/, '')

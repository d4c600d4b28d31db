/**
 * Checks every request passes before the transport looks at its body: DNS-rebinding protection
 * (Host and Origin) and authentication.
 */
import type { Principal } from '../server/transport.ts'
import type { RebindingPolicy, ResolvedHttpOptions } from './options.ts'
import { reject } from './responses.ts'

/**
 * 2025-11-25 transports, Security Warning: servers MUST validate `Origin` and answer 403 when it is
 * present and invalid. `Host` is checked too, because a rebound name still reaches us with the
 * attacker's host name. Requests without `Origin` come from non-browser clients and pass.
 */
export function checkRebinding(request: Request, policy: RebindingPolicy | undefined): Response | undefined {
  if (!policy) return undefined
  const host = request.headers.get('host') ?? new URL(request.url).host
  if (!hostAllowed(host, policy.hosts)) {
    return reject(403, `Host "${host}" is not allowed; add it to the allowedHosts option if it should be`)
  }
  const origin = request.headers.get('origin')
  if (origin !== null && !originAllowed(origin, policy.origins)) {
    return reject(
      403,
      `Origin "${origin}" is not allowed; add it to the allowedOrigins option if it should be`,
    )
  }
  return undefined
}

interface HostParts {
  /** Lower-cased hostname; IPv6 literals keep their brackets, as in `[::1]`. */
  readonly hostname: string
  readonly port: string | undefined
}

function splitHost(value: string): HostParts | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d+))?$/i.exec(value.trim())
  if (!match?.[1]) return undefined
  return { hostname: match[1].toLowerCase(), port: match[2] }
}

/** An allowed entry without a port matches any port; with one, only that port. */
function hostMatches(candidate: HostParts, entry: string): boolean {
  const allowed = splitHost(entry)
  if (!allowed || allowed.hostname !== candidate.hostname) return false
  return allowed.port === undefined || allowed.port === candidate.port
}

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const candidate = splitHost(host)
  return candidate !== undefined && allowed.some((entry) => hostMatches(candidate, entry))
}

function originAllowed(origin: string, allowed: readonly string[]): boolean {
  // An opaque origin ("null": sandboxed frames, file: pages) passes only when listed literally.
  if (origin === 'null') return allowed.includes('null')
  const url = URL.canParse(origin) ? new URL(origin) : undefined
  if (!url) return false
  const candidate: HostParts = { hostname: url.hostname.toLowerCase(), port: url.port || undefined }
  return allowed.some((entry) =>
    entry.includes('://')
      ? URL.canParse(entry) && new URL(entry).origin === url.origin
      : hostMatches(candidate, entry),
  )
}

export type AuthResult = { principal: Principal | undefined } | { response: Response }

/** Runs the `authenticate` hook; without one every caller is anonymous (principal undefined). */
export async function authenticateRequest(
  request: Request,
  options: ResolvedHttpOptions,
): Promise<AuthResult> {
  if (!options.authenticate) return { principal: undefined }
  const principal = await options.authenticate(request)
  if (principal !== undefined) return { principal }
  return {
    response: reject(401, 'Authentication required: send valid credentials in the Authorization header', {
      headers: { 'www-authenticate': options.wwwAuthenticate },
    }),
  }
}

/** A session belongs to the principal that opened it; anyone else gets 403 (session hijacking). */
export function checkPrincipal(
  owner: Principal | undefined,
  caller: Principal | undefined,
): Response | undefined {
  if (owner?.id === caller?.id) return undefined
  return reject(403, 'This session belongs to a different principal; initialize a session of your own')
}

/** initialize, ping and logging/setLevel. */
import { ProtocolError } from '../../protocol/errors.ts'
import type { Params } from '../../protocol/jsonrpc.ts'
import { readOptionalObject, readString } from '../../protocol/params.ts'
import { revisionFor } from '../../protocol/revisions/index.ts'
import { negotiateVersion } from '../../protocol/versions.ts'
import { LOG_LEVELS, type LogLevel } from '../context.ts'
import type { RequestCall } from './types.ts'

/** Lifecycle "Initialization" and "Version Negotiation". */
export function handleInitialize({ params, session }: RequestCall): Params {
  if (session.revision !== undefined)
    throw ProtocolError.invalidRequest('Invalid request: the session is already initialized')
  const requested = readString(params, 'protocolVersion', 'initialize')
  session.clientCapabilities = readOptionalObject(params, 'capabilities', 'initialize') ?? {}
  session.clientInfo = readOptionalObject(params, 'clientInfo', 'initialize')
  session.revision = revisionFor(negotiateVersion(requested))
  const { server } = session
  const result: Params = {
    protocolVersion: session.revision.version,
    capabilities: server.capabilitiesFor(session),
    serverInfo: server.serverInfo,
  }
  if (server.options.instructions !== undefined) result.instructions = server.options.instructions
  return result
}

export const handlePing = (): Params => ({})

/** server/utilities/logging: the client sets the lowest level it wants to receive. */
export function handleSetLevel({ params, session }: RequestCall): Params {
  const level = readString(params, 'level', 'logging/setLevel')
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw ProtocolError.invalidParams(`logging/setLevel: "level" must be one of ${LOG_LEVELS.join(', ')}`)
  }
  session.logLevel = level as LogLevel
  return {}
}

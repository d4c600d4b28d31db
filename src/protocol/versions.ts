/**
 * Protocol revisions taskwire speaks. Lifecycle "Version Negotiation": if the server supports the
 * requested version it answers with the same one, otherwise with the latest it supports.
 */
export const SUPPORTED_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26'] as const
export type ProtocolVersion = (typeof SUPPORTED_PROTOCOL_VERSIONS)[number]
export const LATEST_PROTOCOL_VERSION: ProtocolVersion = '2025-11-25'

/**
 * Streamable HTTP "Protocol Version Header": without the header and with no other way to know, the
 * server assumes 2025-03-26.
 */
export const DEFAULT_HEADERLESS_VERSION: ProtocolVersion = '2025-03-26'

export const isSupportedVersion = (value: unknown): value is ProtocolVersion =>
  (SUPPORTED_PROTOCOL_VERSIONS as readonly unknown[]).includes(value)

export const negotiateVersion = (requested: unknown): ProtocolVersion =>
  isSupportedVersion(requested) ? requested : LATEST_PROTOCOL_VERSION

/**
 * Byte bounds on the parts of an incoming message the server keeps or copies: the request id (echoed
 * in the response and used as a map key while the request is in flight) and `_meta.progressToken`
 * (copied into every progress notification, and so into the event store). `parseMessage` checks them,
 * so every transport shares them (issue 9, finding 3a).
 */
/** The largest message a transport reads by default (an HTTP body, a stdio line): 4 MiB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024
/** Ids are counters or UUIDs in practice; 256 bytes leaves room for any structured scheme. */
export const DEFAULT_MAX_REQUEST_ID_BYTES = 256
/** Tokens are echoed in every progress event: kept as small as ids. */
export const DEFAULT_MAX_PROGRESS_TOKEN_BYTES = 256

export interface MessageLimits {
  /** Largest string request id, in UTF-8 bytes. */
  readonly maxRequestIdBytes: number
  /** Largest string `params._meta.progressToken`, in UTF-8 bytes. */
  readonly maxProgressTokenBytes: number
}

export const DEFAULT_MESSAGE_LIMITS: MessageLimits = {
  maxRequestIdBytes: DEFAULT_MAX_REQUEST_ID_BYTES,
  maxProgressTokenBytes: DEFAULT_MAX_PROGRESS_TOKEN_BYTES,
}

/** Any UTF-16 code unit beyond ASCII, surrogates included. */
const NON_ASCII = /[\u0080-\uffff]/

/** The length of `text` encoded as UTF-8 (a lone surrogate counts as U+FFFD, as TextEncoder writes it). */
export function utf8ByteLength(text: string): number {
  // The common case, ASCII, is one native scan; only other text is counted code unit by code unit.
  if (!NON_ASCII.test(text)) return text.length
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 2 // two code units, four bytes
      i++
    } else bytes += 2
  }
  return bytes
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** Whether `text` is longer than `maxBytes` in UTF-8; counts only when the length cannot tell. */
export function exceedsBytes(text: string, maxBytes: number): boolean {
  // A code unit is one to three bytes, so the length bounds the byte count from both sides.
  if (text.length > maxBytes) return true
  if (text.length * 3 <= maxBytes) return false
  return utf8ByteLength(text) > maxBytes
}

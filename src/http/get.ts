/**
 * GET on the MCP endpoint: a standalone SSE stream for server-initiated messages, or, with
 * `Last-Event-ID`, the resumption of a stream that lost its connection (2025-11-25 transports:
 * Listening for Messages from the Server; Resumability and Redelivery).
 */
import { admit, findSession, peerOf, type TransportContext, type TransportEnv } from './context.ts'
import { accepts } from './media-type.ts'
import { LAST_EVENT_ID, methodNotAllowed, reject } from './responses.ts'

export async function handleGet(
  request: Request,
  context: TransportContext,
  env: TransportEnv = {},
): Promise<Response> {
  // Hono answers HEAD with the GET route; a HEAD must not open a stream nobody will read.
  if (request.method === 'HEAD') return methodNotAllowed('HEAD')
  const admitted = await admit(request, context)
  if (!admitted.ok) return admitted.response
  if (!accepts(request.headers.get('accept'), 'text/event-stream')) {
    return reject(
      406,
      'Not Acceptable: a GET opens an event stream, so Accept must include text/event-stream',
    )
  }
  const session = findSession(request, context, admitted.value)
  if (!session.ok) return session.response
  const lastEventId = request.headers.get(LAST_EVENT_ID)
  const peer = peerOf(request, env)
  return lastEventId ? session.value.resume(lastEventId, peer) : session.value.openStandalone(peer)
}

/**
 * DELETE on the MCP endpoint: the client ends its session (2025-11-25 transports, Session
 * Management 5). Afterwards the id answers 404 everywhere.
 */
import { admit, findSession, type TransportContext } from './context.ts'

export async function handleDelete(request: Request, context: TransportContext): Promise<Response> {
  const admitted = await admit(request, context)
  if (!admitted.ok) return admitted.response
  const session = findSession(request, context, admitted.value)
  if (!session.ok) return session.response
  context.sessions.close(session.value.port.id, 'the client deleted the session')
  return new Response(null, { status: 200 })
}

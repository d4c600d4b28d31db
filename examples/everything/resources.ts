/**
 * Resources: a static text and a static binary resource, a URI template with completion of its
 * variable, and a watched resource whose subscribers hear `notifications/resources/updated`.
 */
import { z } from 'zod'
import type { TaskwireServer } from '../../src/index.ts'
import { RED_PIXEL_PNG } from './media.ts'

export const WATCHED_URI = 'test://watched-resource'
/** Ids the template's `{id}` completes from. */
const KNOWN_IDS = ['123', '124', '200', '404']

export function addResources(server: TaskwireServer): void {
  server.resource(
    {
      uri: 'test://static-text',
      name: 'static-text',
      description: 'A static text resource',
      mimeType: 'text/plain',
    },
    () => 'This is the content of the static text resource.',
  )
  server.resource(
    {
      uri: 'test://static-binary',
      name: 'static-binary',
      description: 'A static binary resource (a 1x1 PNG)',
      mimeType: 'image/png',
    },
    () => Buffer.from(RED_PIXEL_PNG, 'base64'), // bytes go out as a base64 `blob`
  )
  server.resourceTemplate(
    {
      uriTemplate: 'test://template/{id}/data',
      name: 'template-data',
      description: 'Data for one id',
      mimeType: 'application/json',
      complete: { id: (value) => KNOWN_IDS.filter((id) => id.startsWith(value)) },
    },
    (_uri, { id }) => JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
  )
  addWatchedResource(server)
}

/** The watched resource changes when `update_watched_resource` is called; subscribers are told. */
function addWatchedResource(server: TaskwireServer): void {
  let version = 1
  server.resource(
    {
      uri: WATCHED_URI,
      name: 'watched-resource',
      description: 'A resource to subscribe to; update_watched_resource changes it',
      mimeType: 'text/plain',
    },
    () => `Watched resource, version ${version}`,
  )
  server.tool(
    {
      name: 'update_watched_resource',
      description: `Changes ${WATCHED_URI} and notifies its subscribers`,
      input: z.object({}),
    },
    () => {
      version += 1
      server.notifyResourceUpdated(WATCHED_URI)
      return `${WATCHED_URI} is now at version ${version}`
    },
  )
}

/**
 * Resources on the wire (2025-11-25 server/resources), from the official SDK client: listing, the
 * template list, reading text, bytes and templated URIs, -32002 for an unknown URI, subscriptions
 * with notifications/resources/updated, and list_changed when a resource is registered later.
 */
import {
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WATCHED_URI } from '../../examples/everything/resources.ts'
import { mcpErrorOf } from '../helpers/sdk-client.ts'
import { type Connection, connect, Inbox, type Served, startEverything } from './helpers.ts'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

let served: Served
let sdk: Connection

beforeAll(async () => {
  served = await startEverything()
  sdk = await connect(served.url)
})

afterAll(async () => {
  await sdk?.close()
  await served?.close()
})

describe('resources/list and resources/templates/list', () => {
  it('declares resources with subscribe and listChanged', () => {
    expect(sdk.client.getServerCapabilities()?.resources).toEqual({ subscribe: true, listChanged: true })
  })

  it('lists the static resources with their metadata, and no template', async () => {
    const { resources } = await sdk.client.listResources()
    expect(resources.map((resource) => resource.uri)).toEqual([
      'test://static-text',
      'test://static-binary',
      WATCHED_URI,
    ])
    expect(resources[0]).toEqual({
      uri: 'test://static-text',
      name: 'static-text',
      description: 'A static text resource',
      mimeType: 'text/plain',
    })
  })

  it('lists the templates with their uriTemplate', async () => {
    const { resourceTemplates } = await sdk.client.listResourceTemplates()
    expect(resourceTemplates).toEqual([
      {
        uriTemplate: 'test://template/{id}/data',
        name: 'template-data',
        description: 'Data for one id',
        mimeType: 'application/json',
      },
    ])
  })
})

describe('resources/read', () => {
  it('reads a text resource as text with its mimeType', async () => {
    const { contents } = await sdk.client.readResource({ uri: 'test://static-text' })
    expect(contents).toEqual([
      {
        uri: 'test://static-text',
        mimeType: 'text/plain',
        text: 'This is the content of the static text resource.',
      },
    ])
  })

  it('reads bytes as a base64 blob', async () => {
    const { contents } = await sdk.client.readResource({ uri: 'test://static-binary' })
    const [content] = contents
    expect(content).toMatchObject({ uri: 'test://static-binary', mimeType: 'image/png' })
    const blob = content !== undefined && 'blob' in content ? content.blob : ''
    expect([...Buffer.from(blob, 'base64').subarray(0, 8)]).toEqual(PNG_SIGNATURE)
  })

  it('reads through a template, with the variable matched and percent-decoded', async () => {
    for (const [uri, id] of [
      ['test://template/42/data', '42'],
      ['test://template/a%20b/data', 'a b'],
    ] as const) {
      const { contents } = await sdk.client.readResource({ uri })
      expect(contents[0]).toMatchObject({ uri, mimeType: 'application/json' })
      const text = contents[0] !== undefined && 'text' in contents[0] ? contents[0].text : ''
      expect(JSON.parse(text)).toEqual({ id, templateTest: true, data: `Data for ID: ${id}` })
    }
  })

  it('answers -32002 with the uri in data for a URI nothing serves', async () => {
    for (const uri of ['test://nothing-here', 'test://template/1/other', 'test://template//data']) {
      const error = await mcpErrorOf(sdk.client.readResource({ uri }))
      expect(error.code).toBe(-32002)
      expect(error.data).toEqual({ uri })
    }
  })
})

describe('resources/subscribe and resources/unsubscribe', () => {
  it('sends notifications/resources/updated for a subscribed URI only, until unsubscribed', async () => {
    const other = await connect(served.url)
    try {
      const updates = new Inbox(sdk.client, ResourceUpdatedNotificationSchema)
      const otherUpdates = new Inbox(other.client, ResourceUpdatedNotificationSchema)
      await Promise.all([sdk.standalone(), other.standalone()])
      expect(await sdk.client.subscribeResource({ uri: WATCHED_URI })).toEqual({})
      await sdk.client.callTool({ name: 'update_watched_resource', arguments: {} })
      const update = await updates.find(({ params }) => params.uri === WATCHED_URI, 'the update')
      expect(update.params).toEqual({ uri: WATCHED_URI })
      const { contents } = await sdk.client.readResource({ uri: WATCHED_URI })
      expect(contents[0]).toMatchObject({ text: 'Watched resource, version 2' })

      // After unsubscribing, an update of the watched resource is not sent; the marker that follows
      // on the same stream proves it would have arrived first.
      expect(await sdk.client.unsubscribeResource({ uri: WATCHED_URI })).toEqual({})
      await sdk.client.subscribeResource({ uri: 'test://static-text' })
      await sdk.client.callTool({ name: 'update_watched_resource', arguments: {} })
      served.server.notifyResourceUpdated('test://static-text')
      await updates.find(({ params }) => params.uri === 'test://static-text', 'the marker update')
      expect(updates.seen.map(({ params }) => params.uri)).toEqual([WATCHED_URI, 'test://static-text'])
      expect(otherUpdates.seen).toEqual([])
    } finally {
      await other.close()
    }
  })

  it('answers -32002 to a subscription to an unknown URI', async () => {
    const error = await mcpErrorOf(sdk.client.subscribeResource({ uri: 'test://nothing-here' }))
    expect(error.code).toBe(-32002)
  })
})

describe('notifications/resources/list_changed', () => {
  it('is sent when a resource is registered after the session began, which then lists it', async () => {
    const changes = new Inbox(sdk.client, ResourceListChangedNotificationSchema)
    await sdk.standalone()
    served.server.resource({ uri: 'test://late', name: 'late', mimeType: 'text/plain' }, () => 'late text')
    await changes.find(undefined, 'notifications/resources/list_changed')
    const { resources } = await sdk.client.listResources()
    expect(resources.map((resource) => resource.uri)).toContain('test://late')
    const { contents } = await sdk.client.readResource({ uri: 'test://late' })
    expect(contents[0]).toEqual({ uri: 'test://late', mimeType: 'text/plain', text: 'late text' })
  })
})

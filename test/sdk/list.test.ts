/**
 * `client.experimental.tasks.listTasks` over a store whose pages hold two tasks.
 */
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InMemoryTaskStore } from '../../src/index.ts'
import { startTestServer } from '../fixtures/server.ts'
import { connectClient, createTask, mcpErrorOf, type SdkConnection } from '../helpers/sdk-client.ts'

let server: Awaited<ReturnType<typeof startTestServer>>
let sdk: SdkConnection

beforeAll(async () => {
  server = await startTestServer({
    store: new InMemoryTaskStore({ pageSize: 2 }),
    tasks: { pollIntervalMs: 20 },
  })
  sdk = await connectClient(server.url)
})

afterAll(async () => {
  await sdk?.close()
  await server?.close()
})

describe('listTasks', () => {
  it('answers an empty list with no nextCursor before the session made any task', async () => {
    const fresh = await connectClient(server.url)
    try {
      const page = await fresh.client.experimental.tasks.listTasks()
      expect(page.tasks).toEqual([])
      expect(page.nextCursor).toBeUndefined()
    } finally {
      await fresh.close()
    }
  })

  it('pages through every task of the session exactly once, two per page, following nextCursor', async () => {
    const own = await connectClient(server.url)
    try {
      const created: string[] = []
      for (let n = 0; n < 5; n++) created.push((await createTask(own.client, 'sum', { a: n, b: n })).taskId)
      const seen: string[] = []
      const sizes: number[] = []
      let cursor: string | undefined
      for (let page = 0; page < 10; page++) {
        const result = await own.client.experimental.tasks.listTasks(cursor)
        sizes.push(result.tasks.length)
        for (const task of result.tasks) {
          expect(task.ttl).toBe(60_000)
          expect(typeof task.createdAt).toBe('string')
          seen.push(task.taskId)
        }
        cursor = result.nextCursor
        if (cursor === undefined) break
      }
      expect(cursor).toBeUndefined()
      expect(sizes).toEqual([2, 2, 1])
      expect([...seen].sort()).toEqual([...created].sort())
      expect(new Set(seen).size).toBe(seen.length)
    } finally {
      await own.close()
    }
  })

  it('lists the status each task has now', async () => {
    const task = await createTask(sdk.client, 'fail')
    await sdk.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema)
    let found: string | undefined
    let cursor: string | undefined
    for (let page = 0; page < 10 && found === undefined; page++) {
      const result = await sdk.client.experimental.tasks.listTasks(cursor)
      found = result.tasks.find((listed) => listed.taskId === task.taskId)?.status
      cursor = result.nextCursor
      if (cursor === undefined) break
    }
    expect(found).toBe('failed')
  })

  it('rejects a cursor it never issued with McpError -32602', async () => {
    const error = await mcpErrorOf(sdk.client.experimental.tasks.listTasks('not-a-cursor'))
    expect(error.code).toBe(-32602)
  })
})

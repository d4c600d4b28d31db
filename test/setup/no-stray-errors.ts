/**
 * Fails the test during which an `unhandledRejection` or `uncaughtException` fires. In production
 * either one takes the process down (Node's default for unhandled rejections is to throw), so a test
 * that only passes because vitest swallowed one has found a crash, not a pass.
 *
 * Registered as a vitest `setupFiles` entry: it runs in every test file's worker. An error that fires
 * between two tests is charged to the next one; one after the last test of a file, to `afterAll`.
 */
import { afterAll, afterEach } from 'vitest'

interface Stray {
  readonly kind: 'unhandledRejection' | 'uncaughtException'
  readonly error: unknown
}

const strays: Stray[] = []
const onRejection = (error: unknown) => strays.push({ kind: 'unhandledRejection', error })
const onException = (error: unknown) => strays.push({ kind: 'uncaughtException', error })
process.on('unhandledRejection', onRejection)
process.on('uncaughtException', onException)

const describe = ({ kind, error }: Stray): string =>
  `${kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`

/**
 * Node reports an unhandled rejection once the microtask queue has drained; one macrotask turn lets a
 * rejection left behind by the test's last step surface before the check.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

async function check(): Promise<void> {
  await nextTurn()
  if (strays.length === 0) return
  const found = strays.splice(0)
  throw new Error(
    `${found.length} stray error(s) during this test (a server would have crashed):\n${found.map(describe).join('\n')}`,
  )
}

afterEach(check)
afterAll(async () => {
  await check()
  process.off('unhandledRejection', onRejection)
  process.off('uncaughtException', onException)
})

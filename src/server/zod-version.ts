/**
 * zod is a peer dependency (zod 4). A zod 3 schema has `_def` and no `_zod`; zod 4 (`zod`, `zod/v4`,
 * `zod/mini`) has `_zod`. Telling them apart by shape, at registration, turns what would be a
 * "Cannot read properties of undefined" deep inside zod 4 into a message that says what to do.
 */
import { TaskwireError } from '../errors.ts'

const hasKey = (value: unknown, key: string): boolean =>
  typeof value === 'object' && value !== null && key in value

/** Throws unless `schema` is a zod 4 schema; `where` names it, e.g. 'Tool "x": `input`'. */
export function requireZod4(schema: unknown, where: string): void {
  if (hasKey(schema, '_zod')) return
  if (hasKey(schema, '_def')) {
    throw new TaskwireError(
      'INVALID_SCHEMA',
      `${where} is a zod 3 schema, but taskwire needs zod 4 (its peer dependency, zod ^4.0.0). ` +
        `Run npm install zod@^4 and import { z } from 'zod' (on zod 3.25, import from 'zod/v4').`,
    )
  }
  throw new TaskwireError(
    'INVALID_SCHEMA',
    `${where} is not a zod schema: pass a zod 4 object schema, e.g. z.object({ name: z.string() }), not its shape`,
  )
}

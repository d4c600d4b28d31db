import { z } from 'zod'
import type { Params } from '../protocol/jsonrpc.ts'

/**
 * A zod schema as JSON Schema 2020-12, the default dialect of 2025-11-25, so `$schema` is left out.
 * `unrepresentable: 'any'` turns types JSON Schema cannot express into `{}` instead of throwing.
 */
export function jsonSchemaOf(
  schema: z.ZodType,
  io: 'input' | 'output',
  unrepresentable: 'throw' | 'any' = 'throw',
): Params {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable }) as Params
  return rest
}

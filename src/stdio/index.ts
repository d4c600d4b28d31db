export type { ServedStdio, StdioOptions } from './serve.ts'
export { serveStdio } from './serve.ts'

/** Self time of a V8 .cpuprofile by function and by module (src/http, hono, node internals, …). */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  readonly id: number
  readonly callFrame: { functionName: string; url: string; lineNumber: number }
}

interface CpuProfile {
  readonly nodes: ProfileNode[]
  readonly samples: number[]
  readonly timeDeltas: number[]
}

function moduleOf(url: string): string {
  if (url === '') return '(native / gc / idle)'
  if (url.startsWith('node:')) return url.replace(/^node:internal\//, 'node:').split('/')[0] ?? url
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)
  if (pkg?.[1]) return pkg[1]
  const own = url.match(/\/(src\/[^/]+|bench\/[^/]+|examples)\//)
  return own?.[1] ?? url
}

function top(map: Map<string, number>, total: number, limit: number): string {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(
      ([key, us]) =>
        `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`,
    )
    .join('\n')
}

export function summarizeProfile(file: string, limit = 30): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const byFunction = new Map<string, number>()
  const byModule = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, index) => {
    const node = byId.get(id)
    const delta = profile.timeDeltas[index] ?? 0
    if (node === undefined) return
    const { functionName, url, lineNumber } = node.callFrame
    if (functionName === '(idle)') return
    total += delta
    const where =
      url === '' ? '' : ` ${url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${lineNumber + 1}`
    const key = `${functionName || '(anonymous)'}${where}`
    byFunction.set(key, (byFunction.get(key) ?? 0) + delta)
    const module = functionName.startsWith('(') ? functionName : moduleOf(url)
    byModule.set(module, (byModule.get(module) ?? 0) + delta)
  })
  return `busy ${(total / 1000).toFixed(0)} ms\n\nby module:\n${top(byModule, total, 20)}\n\nby function (self):\n${top(byFunction, total, limit)}`
}

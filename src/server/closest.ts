/**
 * "Did you mean" for unknown names: the registered names within a few edits of what the client
 * sent. The bound keeps the cost per lookup at O(length x bound) per candidate, so a client sending
 * unknown names cannot make the server do quadratic work.
 */

/** Suggestions given at most. */
const MAX_SUGGESTIONS = 3
/** No tool name is longer (2025-11-25 server/tools "Tool Names"), so a longer one suggests nothing. */
const MAX_NAME_LENGTH = 128

/** Edits allowed for a name of this length: 1 up to 4 characters, 2 up to 8, else 3. */
const boundFor = (length: number): number => (length <= 4 ? 1 : length <= 8 ? 2 : 3)

/**
 * Levenshtein distance of `a` and `b`, or `bound + 1` as soon as it must exceed `bound`: only the
 * diagonal band of width 2 x bound + 1 is computed.
 */
export function editDistance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1
  const far = bound + 1
  let previous = Array.from({ length: b.length + 1 }, (_, j) => (j <= bound ? j : far))
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(far)
    if (i <= bound) current[0] = i
    let best = current[0] as number
    for (let j = Math.max(1, i - bound); j <= Math.min(b.length, i + bound); j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const value = Math.min(
        (previous[j - 1] as number) + cost,
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
      )
      current[j] = Math.min(value, far)
      best = Math.min(best, current[j] as number)
    }
    if (best > bound) return far
    previous = current
  }
  return previous[b.length] as number
}

/** The candidates nearest to `name` (case-insensitive) within the bound for its length, nearest first. */
export function closestNames(name: string, candidates: Iterable<string>): string[] {
  if (name.length > MAX_NAME_LENGTH) return []
  const wanted = name.toLowerCase()
  const bound = boundFor(wanted.length)
  const near: Array<{ candidate: string; distance: number }> = []
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase(), bound)
    if (distance <= bound) near.push({ candidate, distance })
  }
  near.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
  const nearest = near[0]?.distance
  return near
    .filter(({ distance }) => distance === nearest)
    .slice(0, MAX_SUGGESTIONS)
    .map(({ candidate }) => candidate)
}

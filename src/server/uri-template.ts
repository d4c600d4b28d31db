import { TaskwireError } from '../errors.ts'

/**
 * The part of RFC 6570 resource templates need for matching: `{name}` (one path segment, no `/`,
 * `?` or `#`) and `{+name}` (reserved expansion: anything, `/` included). Variables are decoded.
 */
export class UriTemplate {
  readonly template: string
  readonly variables: readonly string[]
  readonly #pattern: RegExp

  constructor(template: string) {
    this.template = template
    const variables: string[] = []
    let source = '^'
    let last = 0
    for (const match of template.matchAll(/\{(\+?)([A-Za-z0-9_]+)\}/g)) {
      source += literal(template, template.slice(last, match.index))
      source += match[1] === '+' ? '(.+)' : '([^/?#]+)'
      variables.push(match[2] as string)
      last = match.index + match[0].length
    }
    this.#pattern = new RegExp(`${source + literal(template, template.slice(last))}$`)
    this.variables = variables
  }

  /** The variables of `uri`, or undefined when it does not match. */
  match(uri: string): Record<string, string> | undefined {
    const found = this.#pattern.exec(uri)
    if (found === null) return undefined
    // fromEntries defines own properties, so even a variable named `__proto__` is just a variable.
    return Object.fromEntries(this.variables.map((name, index) => [name, safeDecode(found[index + 1] ?? '')]))
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Text between expressions; a brace left there is an expression this matcher does not support. */
function literal(template: string, text: string): string {
  if (/[{}]/.test(text)) {
    throw new TaskwireError(
      'INVALID_RESOURCE',
      `URI template "${template}": only {name} and {+name} expressions are supported`,
    )
  }
  return escapeRegExp(text)
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

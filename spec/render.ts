/**
 * Renders the requirement catalog (spec/requirements.ts) as spec/requirements.md: one table row per
 * requirement, with the conformance checks that cover it, then the readings recorded in the notes.
 * `npm run spec:render` rewrites the file; conformance/catalog.test.ts fails when it is out of date.
 */
import { writeFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { CHECKS } from '../conformance/checks/index.ts'
import { type Level, REQUIREMENTS, type Requirement, type RequirementId } from './requirements.ts'

export const MARKDOWN_PATH = fileURLToPath(new URL('./requirements.md', import.meta.url))

export const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** `tasks#tool-level-negotiation` for a link into the specification. */
function sectionLabel(url: string): string {
  const { pathname, hash } = new URL(url)
  const page = pathname.split('/').filter(Boolean).at(-1) ?? pathname
  return `${page}${hash}`
}

function checksCovering(id: RequirementId): string {
  const ids = CHECKS.filter((check) => check.covers.includes(id)).map((check) => `\`${check.id}\``)
  return ids.length === 0 ? '(none)' : ids.join(', ')
}

function cells(requirement: Requirement): string[] {
  const { id, level, side, summary, section, note } = requirement
  const marker = note === undefined ? '' : ' [¹](#readings)'
  const link = `[${sectionLabel(section)}](${section})`
  return [id, level, side, `${cell(summary)}${marker}`, link, checksCovering(id)]
}

/** A markdown table with padded columns, the layout Biome's formatter gives it. */
export function markdownTable(header: readonly string[], rows: readonly string[][]): string[] {
  const width = (text: string) => [...text].length
  const widths = header.map((title, column) =>
    Math.max(width(title), 3, ...rows.map((values) => width(values[column] ?? ''))),
  )
  const line = (values: readonly string[]) =>
    `| ${values.map((value, column) => value + ' '.repeat((widths[column] ?? 0) - width(value))).join(' | ')} |`
  return [line(header), line(widths.map((size) => '-'.repeat(size))), ...rows.map(line)]
}

function counts(): string {
  const of = (level: Level) => REQUIREMENTS.filter((requirement) => requirement.level === level).length
  return `${REQUIREMENTS.length} requirements: ${of('MUST')} MUST, ${of('SHOULD')} SHOULD, ${of('MAY')} MAY.`
}

export function renderRequirements(): string {
  const readings = REQUIREMENTS.filter((requirement) => requirement.note !== undefined).map(
    (requirement) => `- **${requirement.id}**: ${requirement.note}`,
  )
  return [
    '# Requirement catalog: MCP tasks, protocol revision 2025-11-25',
    '',
    '<!-- Generated from spec/requirements.ts by `npm run spec:render`. Do not edit by hand. -->',
    '',
    'What a server can be held to as the receiver of task-augmented `tools/call`, and as the requestor of',
    'the side-channel requests its tasks make. Each line is our own wording; the section link leads to the',
    'specification text. "Side" `both` marks rules the specification states for every receiver or',
    'requestor, `server` rules it states for servers. The conformance suite (conformance/README.md) cites',
    'these ids; the last column names the checks that can pass or fail each requirement.',
    '',
    counts(),
    '',
    ...markdownTable(['ID', 'Level', 'Side', 'Requirement', 'Section', 'Checks'], REQUIREMENTS.map(cells)),
    '',
    '## Readings',
    '',
    'Where the specification is open, ambiguous or contradicts itself, the reading the suite tests and why',
    "(taskwire's own choices are in [decisions.md](decisions.md)).",
    '',
    ...readings,
    '',
  ].join('\n')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(MARKDOWN_PATH, renderRequirements())
  console.log(`wrote ${MARKDOWN_PATH}`)
}

/**
 * Values the reference docs list as the only accepted ones for a string
 * argument (a bullet list of literals under the argument's own heading),
 * offered as completions. Each entry names the page it comes from.
 */
export interface LiteralChoices {
  owner: string;
  /** Nested blocks between the owner and the argument. */
  path: readonly string[];
  argument: string;
  values: readonly string[];
  /** Page of the docs that lists them. */
  source: string;
}

export const LITERAL_CHOICES: readonly LiteralChoices[] = [
  {
    owner: 'logging',
    path: [],
    argument: 'level',
    values: ['error', 'warn', 'info', 'debug'],
    source: 'docs/sources/reference/config-blocks/logging.md',
  },
  {
    owner: 'logging',
    path: [],
    argument: 'format',
    values: ['logfmt', 'json'],
    source: 'docs/sources/reference/config-blocks/logging.md',
  },
  {
    owner: 'logging',
    path: [],
    argument: 'destination',
    values: ['stderr', 'windows_event_log'],
    source: 'docs/sources/reference/config-blocks/logging.md',
  },
];

const byKey = new Map(LITERAL_CHOICES.map((c) => [`${c.owner} ${c.path.join('>')} ${c.argument}`, c]));

export function literalChoices(owner: string, path: readonly string[], argument: string): LiteralChoices | undefined {
  return byKey.get(`${owner} ${path.join('>')} ${argument}`);
}

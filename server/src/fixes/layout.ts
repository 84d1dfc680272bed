/**
 * Rewrites of one existing top-level block (a `logging` block getting its
 * `write_to`, the first of two duplicate blocks getting the other's
 * attributes) laid out the way `alloy fmt` prints them: the block is run
 * through the formatter, so a new attribute joins the `=` column of its
 * neighbours and a one-line block becomes a multi-line one. The edit
 * covers only the lines that change.
 */
import { Parser, type Language } from 'web-tree-sitter';
import type { ConfigFile } from '../analysis/configuration';
import { formatWith } from '../format/formatter';
import type { StatementSummary } from '../model/types';
import { applyEdits, type FileEdit } from './edits';

const parsers = new WeakMap<Language, Parser>();

function parserFor(language: Language): Parser {
  let parser = parsers.get(language);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(language, parser);
  }
  return parser;
}

const lf = (s: string) => s.replace(/\r\n/g, '\n');

/** A top-level statement's text as `alloy fmt` prints it (LF, no final newline); undefined when it cannot be formatted. */
export function formatStatement(language: Language, text: string): string | undefined {
  const result = formatWith(parserFor(language), lf(text));
  return result.ok ? result.text.replace(/\n$/, '') : undefined;
}

/**
 * The edit that turns the statement's text `before` into `after`, limited
 * to the lines that differ (lines compare without their `\r`; inserted
 * lines end in `\n`, which the caller turns into the file's line ending).
 */
export function lineEdit(uri: string, start: number, before: string, after: string): FileEdit | undefined {
  const old = before.split('\n');
  const next = after.split('\n');
  const same = (a: string, b: string) => a.replace(/\r$/, '') === b;
  let head = 0;
  while (head < old.length && head < next.length && same(old[head], next[head])) head++;
  if (head === old.length && head === next.length) return undefined;
  let tail = 0;
  while (
    tail < old.length - head &&
    tail < next.length - head &&
    same(old[old.length - 1 - tail], next[next.length - 1 - tail])
  )
    tail++;
  const offsetOfLine = (k: number) => old.slice(0, k).reduce((n, l) => n + l.length + 1, 0);
  const from = start + offsetOfLine(head);
  const middle = next.slice(head, next.length - tail);
  if (tail > 0) {
    return {
      uri,
      start: from,
      end: start + offsetOfLine(old.length - tail),
      text: middle.map((l) => `${l}\n`).join(''),
    };
  }
  // The last line changes: it has no newline of its own.
  return { uri, start: from, end: start + before.length, text: middle.join('\n') };
}

/**
 * One edit of a top-level block from `edits` inside it (absolute offsets).
 * With `relayout`, when the block was formatted like `alloy fmt` or had its
 * body on one line, the result is formatted like `alloy fmt` too (the `=`
 * of the block's attributes realigned); otherwise the edits are applied as
 * they are, in the block's own style.
 */
export function blockEdit(
  language: Language,
  file: ConfigFile,
  statement: Pick<StatementSummary, 'start' | 'end'>,
  edits: readonly { start: number; end: number; text: string }[],
  relayout: boolean,
): FileEdit | undefined {
  const before = file.text.slice(statement.start, statement.end);
  let after = applyEdits(
    before,
    edits.map((e) => ({ start: e.start - statement.start, end: e.end - statement.start, text: e.text })),
  );
  if (relayout && (!before.includes('\n') || formatStatement(language, before) === lf(before))) {
    after = formatStatement(language, after) ?? after;
  }
  return lineEdit(file.uri, statement.start, before, lf(after));
}

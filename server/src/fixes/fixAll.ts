/**
 * Applies the preferred fix of each diagnostic of a configuration, one at a
 * time, analysing again after each (a fix often resolves or changes other
 * diagnostics, e.g. two references to one missing component). Files with
 * syntax errors are never changed.
 */
import type { Parser } from 'web-tree-sitter';
import { Analysis, type ReportedFinding } from '../analysis/analysis';
import type { Settings } from '../settings';
import { GUESSED_FIXES } from './schema';
import { ParsedDocument } from '../syntax/document';
import { fixesFor } from './actions';
import { fixContext } from './context';
import { inferDestination } from './destination';
import type { Destination } from '../settings';
import type { ImportLoader } from '../analysis/imports';
import { applyEdits, type FileEdit } from './edits';

export interface AppliedFix {
  uri: string;
  code: string;
  title: string;
  /** Offset of the diagnostic in the text it was found in. */
  offset: number;
  /** The text of the file before this fix (for line numbers). */
  before: string;
  /** Offset of the diagnostic mapped back into the file's original text (the text `fixAll` was given). */
  originalOffset: number;
}

type Replacement = { start: number; end: number; length: number };

/** Maps an offset in the text after `batches` (applied in order) back to the text before them. */
function mapBack(offset: number, batches: readonly Replacement[][]): number {
  let o = offset;
  for (let b = batches.length - 1; b >= 0; b--) {
    let delta = 0;
    let mapped: number | undefined;
    for (const e of batches[b]) {
      const start = e.start + delta;
      if (o < start) break;
      if (o < start + e.length) {
        mapped = e.start; // inside inserted or replaced text: where it went in
        break;
      }
      delta += e.length - (e.end - e.start);
    }
    o = mapped ?? o - delta;
  }
  return o;
}

export interface FixAllResult {
  /** Final text per URI. */
  texts: Map<string, string>;
  applied: AppliedFix[];
  /** URIs of files left untouched because they have syntax errors. */
  syntaxErrors: string[];
  /** True when the limit on fixes was reached before nothing was left to fix. */
  truncated: boolean;
  /** Maps an offset in a file's final text back to its original text. */
  originalOffset(uri: string, offset: number): number;
  /** What `check` reports for each file's final text (offsets in it): the last analysis of the run. */
  remaining: ReadonlyMap<string, readonly ReportedFinding[]>;
}

export interface FixAllOptions {
  settings: Settings;
  /** Only diagnostics with these codes. */
  only?: ReadonlySet<string>;
  /** Upper bound on fixes per configuration (guards against fixes that undo each other). */
  maxFixes?: number;
  /** Reads the files of local `import.file` blocks (their instances are checked against them, as `check` does). */
  load?: ImportLoader;
}

/**
 * The order in which diagnostics are fixed: what keeps Alloy from loading
 * first (a merged duplicate block may already ship logs), then the rewrites,
 * then what adds to the configuration.
 */
const ORDER = [
  'duplicate-block',
  'deprecated-function',
  'undefined-reference',
  'unwired-exporter',
  'self-monitoring-logs',
  'self-monitoring-traces',
  'self-monitoring-metrics',
];

function priority(code: string): number {
  const i = ORDER.indexOf(code);
  return i < 0 ? ORDER.length : i;
}

/** The texts of a configuration as one key (a state the run has been in). */
const stateOf = (texts: ReadonlyMap<string, string>) => [...texts.values()].join('\u0000');

/** Fixes one configuration (one file, or the files of a directory in directory mode). */
export function fixAll(
  parser: Parser,
  files: readonly { uri: string; text: string }[],
  options: FixAllOptions,
): FixAllResult {
  const texts = new Map(files.map((f) => [f.uri, f.text]));
  const applied: AppliedFix[] = [];
  /** Per file, the replacements of each fix applied to it, in order (offsets in the text before that fix). */
  const history = new Map<string, Replacement[][]>(files.map((f) => [f.uri, []]));
  const originalOffset = (uri: string, offset: number) => mapBack(offset, history.get(uri) ?? []);
  const seen = new Set<string>();
  const max = options.maxFixes ?? 100;
  let syntaxErrors: string[] = [];
  seen.add(stateOf(texts));
  /** Where the user's configuration sends its data, read before the first fix adds parts of its own. */
  let destination: Destination | undefined;
  let first = true;
  // One document per file for the whole run: a fix is applied to it as an edit, so each analysis after
  // the first is incremental (the statements a fix did not touch keep their summaries and findings).
  const docs = [...texts].map(([uri, text]) => new ParsedDocument(parser, uri, 0, text));
  const docOf = new Map(docs.map((d) => [d.uri, d]));
  let previous: Analysis | undefined;
  let version = 0;
  /** Applies the preferred fix of the first diagnostic that has one; false when there is none. */
  const applyNextFix = (result: Analysis): boolean => {
    const blocked = new Set(syntaxErrors);
    for (const file of result.configuration.files) {
      if (blocked.has(file.uri)) continue;
      const ctx = fixContext(
        result.configuration,
        file.uri,
        options.settings.selfMonitoring,
        docs[0].tree.language,
        destination,
        options.settings.version,
      );
      if (!ctx) continue;
      const findings = [...(result.findings.get(file.uri) ?? [])].sort(
        (a, b) => priority(a.code) - priority(b.code) || a.span.start - b.span.start,
      );
      for (const finding of findings) {
        if (options.only && !options.only.has(finding.code)) continue;
        // A rename to the nearest name or a placeholder value is a guess: applied only when asked for.
        if (!options.only && GUESSED_FIXES.has(finding.code)) continue;
        if (options.settings.rules[finding.code] === 'off') continue;
        const preferred = fixesFor(finding, ctx).find((f) => f.isPreferred);
        if (!preferred || preferred.edits.some((e) => blocked.has(e.uri) || !texts.has(e.uri))) continue;
        const editsOf = new Map<string, FileEdit[]>();
        for (const e of preferred.edits) editsOf.set(e.uri, [...(editsOf.get(e.uri) ?? []), e]);
        const next = new Map(texts);
        for (const [uri, edits] of editsOf) next.set(uri, applyEdits(texts.get(uri)!, edits));
        const key = stateOf(next);
        if (seen.has(key)) continue;
        seen.add(key);
        applied.push({
          uri: file.uri,
          code: finding.code,
          title: preferred.title,
          offset: finding.span.start,
          before: texts.get(file.uri)!,
          originalOffset: mapBack(finding.span.start, history.get(file.uri)!),
        });
        for (const [uri, edits] of editsOf) {
          history
            .get(uri)!
            .push(
              edits
                .map((e) => ({ start: e.start, end: e.end, length: e.text.length }))
                .sort((a, b) => a.start - b.start),
            );
        }
        for (const [uri, edits] of editsOf) {
          const text = next.get(uri)!;
          if (texts.get(uri) === text) continue;
          texts.set(uri, text);
          const doc = docOf.get(uri)!;
          if (!appliedToDocument(doc, edits, text, ++version)) {
            // The edit did not give the fixed text (an offset inside a CRLF line break): start that file afresh.
            const fresh = new ParsedDocument(parser, uri, version, text);
            docs[docs.indexOf(doc)] = fresh;
            docOf.set(uri, fresh);
            doc.dispose();
            previous = undefined;
          }
        }
        return true;
      }
    }
    return false;
  };
  try {
    for (;;) {
      const result = new Analysis(docs[0]?.uri ?? '', docs, options.settings, previous, options.load);
      previous = result;
      if (first) destination = inferDestination(result.configuration);
      first = false;
      syntaxErrors = result.configuration.files.filter((f) => f.hasSyntaxErrors).map((f) => f.uri);
      const done = (truncated: boolean): FixAllResult => ({
        texts,
        applied,
        syntaxErrors,
        truncated,
        originalOffset,
        remaining: new Map(docs.map((d) => [d.uri, result.reported(d.uri)])),
      });
      if (applied.length >= max) return done(true);
      if (!applyNextFix(result)) return done(false);
    }
  } finally {
    for (const d of docs) d.dispose();
  }
}

/**
 * Applies a fix's edits of one file (offsets in its text before the fix, not overlapping) to its
 * document, last first so that each range is still where it was; true when the document then holds
 * `expected`, the text `applyEdits` gave.
 */
function appliedToDocument(
  doc: ParsedDocument,
  edits: readonly { start: number; end: number; text: string }[],
  expected: string,
  version: number,
): boolean {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  const lines = doc.lines;
  doc.applyChanges(
    sorted.map((e) => ({ range: lines.rangeOf({ start: e.start, end: e.end }), text: e.text })),
    version,
  );
  return doc.text === expected;
}

/**
 * Applies the preferred fix of each diagnostic of a configuration, one at a
 * time, analysing again after each (a fix often resolves or changes other
 * diagnostics, e.g. two references to one missing component). Files with
 * syntax errors are never changed.
 */
import type { Parser } from 'web-tree-sitter';
import { Analysis } from '../analysis/analysis';
import type { Settings } from '../settings';
import { GUESSED_FIXES } from './schema';
import { ParsedDocument } from '../syntax/document';
import { fixesFor } from './actions';
import { fixContext } from './context';
import { inferDestination } from './destination';
import type { Destination } from '../settings';
import type { ImportLoader } from '../analysis/imports';
import { applyEdits } from './edits';

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
  const state = () => [...texts.values()].join('\u0000');
  seen.add(state());
  /** Where the user's configuration sends its data, read before the first fix adds parts of its own. */
  let destination: Destination | undefined;
  let first = true;
  for (;;) {
    const docs = [...texts].map(([uri, text]) => new ParsedDocument(parser, uri, 0, text));
    let progressed = false;
    try {
      const result = new Analysis(docs[0]?.uri ?? '', docs, options.settings, undefined, options.load);
      const configFiles = result.configuration.files;
      if (first) destination = inferDestination(result.configuration);
      first = false;
      syntaxErrors = configFiles.filter((f) => f.hasSyntaxErrors).map((f) => f.uri);
      if (applied.length >= max) return { texts, applied, syntaxErrors, truncated: true, originalOffset };
      const blocked = new Set(syntaxErrors);
      search: for (const file of configFiles) {
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
          const next = new Map(texts);
          for (const uri of new Set(preferred.edits.map((e) => e.uri))) {
            next.set(
              uri,
              applyEdits(
                texts.get(uri)!,
                preferred.edits.filter((e) => e.uri === uri),
              ),
            );
          }
          const key = [...next.values()].join('\u0000');
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
          for (const uri of new Set(preferred.edits.map((e) => e.uri))) {
            history.get(uri)!.push(
              preferred.edits
                .filter((e) => e.uri === uri)
                .map((e) => ({ start: e.start, end: e.end, length: e.text.length }))
                .sort((a, b) => a.start - b.start),
            );
          }
          for (const [uri, text] of next) texts.set(uri, text);
          progressed = true;
          break search;
        }
      }
    } finally {
      for (const d of docs) d.dispose();
    }
    if (!progressed) return { texts, applied, syntaxErrors, truncated: false, originalOffset };
  }
}

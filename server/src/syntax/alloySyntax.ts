/**
 * A file's syntax errors as Alloy's parser reports them, computed only where
 * the tree-sitter tree has errors.
 *
 * Top-level statements that tree-sitter parses without error parse the same
 * way in Alloy, so Alloy's parser (the port in ./alloyParser) runs only over
 * regions: from the start of a statement with a syntax problem (where Alloy is
 * at the top level, since the statements before it parsed cleanly) until it
 * is back at the top level at the start of an error-free statement, or at the
 * end of the text. A region's result is cached with its first statement and
 * reused while the text it read and the statements it stopped at are
 * unchanged, so an error-free file is never scanned and a keystroke in one
 * broken statement costs that region only.
 */
import type { StatementSummary } from '../model/types';
import { parseRegion, type AlloyError } from './alloyParser';
import { printable } from './goText';

export interface FileSyntax {
  /** Alloy's diagnostics, in its order; absolute UTF-16 offsets. */
  errors: readonly AlloyError[];
  /** The statements inside a region Alloy's parse does not agree with the tree on (for structural rules to skip). */
  broken: ReadonlySet<StatementSummary>;
}

interface CachedRegion {
  /** The region starts at the start of the text (not at its first statement). */
  atTextStart: boolean;
  /** text[start, read) when it was parsed. */
  read: string;
  /** Relative to the region start. */
  errors: AlloyError[];
  asked: number[];
  /** Relative stop offset, or -1 when the region ran to the end of the text. */
  stop: number;
}

const EMPTY: FileSyntax = { errors: [], broken: new Set() };
const regions = new WeakMap<object, CachedRegion>();
const files = new WeakMap<readonly StatementSummary[], { text: string; result: FileSyntax }>();

/** How many regions were parsed (not taken from the cache) since the process started: for tests and benchmarks. */
export const regionStats = { parsed: 0, reused: 0 };

function indexAt(statements: readonly StatementSummary[], offset: number): number {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One file's text and statements, and the statements Alloy's scanner rejects whatever the tree says. */
interface Input {
  text: string;
  statements: readonly StatementSummary[];
  forced: ReadonlySet<number>;
}

/**
 * Alloy's scanner rejects a NUL or a byte order mark (after the first character) anywhere, also in
 * strings and comments, where the grammar accepts them: the statement they are in, or the one before
 * the comment they are in, is not clean. (Two searches of the text per version of it.)
 */
function forcedStatements(text: string, statements: readonly StatementSummary[]): ReadonlySet<number> {
  let forced: Set<number> | undefined;
  for (const [ch, from] of [
    ['\u0000', 0],
    ['\ufeff', 1],
  ] as const) {
    for (let p = text.indexOf(ch, from); p >= 0; p = text.indexOf(ch, p + 1)) {
      (forced ??= new Set()).add(Math.max(0, indexAt(statements, p + 1) - 1));
    }
  }
  return forced ?? NONE;
}
const NONE: ReadonlySet<number> = new Set();

/**
 * Whether Alloy's parse, at the top level at the start of statement i, agrees with the tree from
 * there on: the statement parsed without error and a line break separates it from the next one
 * (Alloy ends statements at line breaks). Under an ERROR root, tree-sitter lists loose tokens as
 * statements of kind 'error': those never count.
 */
function isClean(input: Input, i: number): boolean {
  const s = input.statements[i];
  if (s.syntax.length > 0 || s.kind === 'error' || input.forced.has(i)) return false;
  const next = input.statements[i + 1];
  if (next === undefined) return true;
  const nl = input.text.indexOf('\n', s.end);
  return nl >= 0 && nl < next.start;
}

function cleanAt(input: Input, offset: number): boolean {
  const i = indexAt(input.statements, offset);
  return input.statements[i]?.start === offset && isClean(input, i);
}

function stillValid(region: CachedRegion, start: number, input: Input): boolean {
  if (!input.text.startsWith(region.read, start)) return false;
  if (region.stop < 0) return start + region.read.length === input.text.length;
  const asked = region.asked;
  for (let i = 0; i < asked.length - 1; i++) if (cleanAt(input, start + asked[i])) return false;
  return cleanAt(input, start + region.stop);
}

/** The region that starts at `start` (the first statement's start, or 0 before the first statement), cached with `key`. */
function regionFor(key: object, start: number, input: Input): CachedRegion {
  const cached = regions.get(key);
  if (cached && cached.atTextStart === (start === 0) && stillValid(cached, start, input)) {
    regionStats.reused++;
    return cached;
  }
  regionStats.parsed++;
  const text = input.text;
  const r = parseRegion(text, start, (offset) => cleanAt(input, offset));
  const region: CachedRegion = {
    atTextStart: start === 0,
    read: text.slice(start, r.read),
    errors: r.errors.map((e) => ({ start: e.start - start, end: e.end - start, message: printable(e.message) })),
    asked: r.asked.map((a) => a - start),
    stop: r.stop >= text.length ? -1 : r.stop - start,
  };
  regions.set(key, region);
  return region;
}

/** Alloy's syntax errors of a file whose top-level statements are `statements` (cached per statements list). */
export function fileSyntax(text: string, statements: readonly StatementSummary[]): FileSyntax {
  const known = files.get(statements);
  if (known && known.text === text) return known.result;
  const input: Input = { text, statements, forced: forcedStatements(text, statements) };
  let result = EMPTY;
  const add = (region: CachedRegion, start: number) => {
    if (result === EMPTY) result = { errors: [], broken: new Set() };
    for (const e of region.errors) {
      (result.errors as AlloyError[]).push({ start: e.start + start, end: e.end + start, message: e.message });
    }
  };
  if (statements.length === 0) {
    // Only comments and white space: Alloy still scans them (an unterminated comment, a NUL).
    if (/[^ \t\r\n]/.test(text)) add(regionFor(statements, 0, input), 0);
  }
  let covered = -1;
  for (let i = 0; i < statements.length; i++) {
    if (statements[i].start < covered || isClean(input, i)) continue;
    // Before the first statement, Alloy is at the top level at the start of the text (and scans
    // the comments there).
    const start = i === 0 ? 0 : statements[i].start;
    const region = regionFor(statements[i], start, input);
    add(region, start);
    const stop = region.stop < 0 ? text.length : start + region.stop;
    const broken = result.broken as Set<StatementSummary>;
    let j = i;
    for (; j < statements.length && statements[j].start < stop; j++) broken.add(statements[j]);
    covered = stop;
    i = j - 1;
  }
  files.set(statements, { text, result });
  return result;
}

/** Whether a statement is inside a region with Alloy syntax errors, where structural rules stay silent. */
export function inBrokenRegion(
  file: { text: string; statements: readonly StatementSummary[] },
  statement: StatementSummary,
): boolean {
  return fileSyntax(file.text, file.statements).broken.has(statement);
}

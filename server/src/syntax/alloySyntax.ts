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
  /** text[start, read) when it was parsed. */
  read: string;
  /** Relative to the region start. */
  errors: AlloyError[];
  asked: number[];
  /** Relative stop offset, or -1 when the region ran to the end of the text. */
  stop: number;
}

const EMPTY: FileSyntax = { errors: [], broken: new Set() };
const regions = new WeakMap<StatementSummary, CachedRegion>();
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

/**
 * Whether Alloy's parse, at the top level at the start of statement i, agrees with the tree from
 * there on: the statement parsed without error and a line break separates it from the next one
 * (Alloy ends statements at line breaks). Under an ERROR root, tree-sitter lists loose tokens as
 * statements of kind 'error': those never count.
 */
function isClean(statements: readonly StatementSummary[], i: number, text: string): boolean {
  const s = statements[i];
  if (s.syntax.length > 0 || s.kind === 'error') return false;
  const next = statements[i + 1];
  if (next === undefined) return true;
  const nl = text.indexOf('\n', s.end);
  return nl >= 0 && nl < next.start;
}

function cleanAt(statements: readonly StatementSummary[], offset: number, text: string): boolean {
  const i = indexAt(statements, offset);
  return statements[i]?.start === offset && isClean(statements, i, text);
}

function stillValid(
  region: CachedRegion,
  start: number,
  text: string,
  statements: readonly StatementSummary[],
): boolean {
  if (!text.startsWith(region.read, start)) return false;
  if (region.stop < 0) return start + region.read.length === text.length;
  const asked = region.asked;
  for (let i = 0; i < asked.length - 1; i++) if (cleanAt(statements, start + asked[i], text)) return false;
  return cleanAt(statements, start + region.stop, text);
}

function regionFor(first: StatementSummary, text: string, statements: readonly StatementSummary[]): CachedRegion {
  const start = first.start;
  const cached = regions.get(first);
  if (cached && stillValid(cached, start, text, statements)) {
    regionStats.reused++;
    return cached;
  }
  regionStats.parsed++;
  const r = parseRegion(text, start, (offset) => cleanAt(statements, offset, text));
  const region: CachedRegion = {
    read: text.slice(start, r.read),
    errors: r.errors.map((e) => ({ start: e.start - start, end: e.end - start, message: printable(e.message) })),
    asked: r.asked.map((a) => a - start),
    stop: r.stop >= text.length ? -1 : r.stop - start,
  };
  regions.set(first, region);
  return region;
}

/** Alloy's syntax errors of a file whose top-level statements are `statements` (cached per statements list). */
export function fileSyntax(text: string, statements: readonly StatementSummary[]): FileSyntax {
  const known = files.get(statements);
  if (known && known.text === text) return known.result;
  let result = EMPTY;
  let covered = -1;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.start < covered || isClean(statements, i, text)) continue;
    const first = i;
    const start = statements[first].start;
    const region = regionFor(statements[first], text, statements);
    const stop = region.stop < 0 ? text.length : start + region.stop;
    if (result === EMPTY) result = { errors: [], broken: new Set() };
    for (const e of region.errors) {
      (result.errors as AlloyError[]).push({ start: e.start + start, end: e.end + start, message: e.message });
    }
    const broken = result.broken as Set<StatementSummary>;
    let j = first;
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

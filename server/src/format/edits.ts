/**
 * Minimal text edits between a document and its formatted text, for the
 * language server: a line diff (Myers), each changed run of lines narrowed to
 * the characters that differ, in UTF-16 offsets (the protocol layer turns them into
 * positions). The
 * formatted text is first given the document's line ending (see eol.ts), so
 * a CRLF document stays CRLF and an already formatted one needs no edits.
 */
import type { Tree } from 'web-tree-sitter';
import type { Span } from '../positions';
import { lineEndingOf, withLineEnding } from './eol';
import { FormatResult, formatTree, verifyFormatted } from './formatter';

/** A replacement of original[start, end) by `text` (UTF-16 offsets). */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** Lines with their terminating '\n' (the last one may have none). */
function splitLines(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const nl = s.indexOf('\n', start);
    if (nl < 0) break;
    out.push(s.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

/** Beyond this many differing lines the diff gives up on the middle and replaces it whole. */
const MAX_EDIT_DISTANCE = 2000;

/** Roughly how many steps the line diff may take (lines compared times differences tried). */
const MAX_DIFF_WORK = 20_000_000;

type Op = 0 | 1 | 2; // equal, delete (from a), insert (from b)

/**
 * Myers' O((N+M)D) shortest edit script; undefined when it exceeds `maxD`.
 * trace[d] keeps the part of V (furthest x per diagonal k) that step d reads:
 * diagonals -d-1 .. d+1, stored at index k + d + 1.
 */
function myers(a: Int32Array, b: Int32Array, maxD: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
      else x = v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m, d);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number, dFinal: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = dFinal; d > 0; d--) {
    const v = trace[d];
    const at = (k: number) => v[k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(0);
      x--;
      y--;
    }
    ops.push(x === prevX ? 2 : 1);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push(0);
    x--;
    y--;
  }
  return ops.reverse();
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Narrows a replacement to the characters that differ, without splitting a surrogate pair or a CRLF. */
function narrow(original: string, e: OffsetEdit): OffsetEdit | undefined {
  const old = original.slice(e.start, e.end);
  const neu = e.text;
  let p = 0;
  const maxP = Math.min(old.length, neu.length);
  while (p < maxP && old.charCodeAt(p) === neu.charCodeAt(p)) p++;
  let s = 0;
  const maxS = Math.min(old.length, neu.length) - p;
  while (s < maxS && old.charCodeAt(old.length - 1 - s) === neu.charCodeAt(neu.length - 1 - s)) s++;
  const splits = (str: string, i: number) =>
    i > 0 && i < str.length && (isHighSurrogate(str.charCodeAt(i - 1)) || (str[i - 1] === '\r' && str[i] === '\n'));
  while (p > 0 && (splits(old, p) || splits(neu, p))) p--;
  while (s > 0 && (splits(old, old.length - s) || splits(neu, neu.length - s))) s--;
  if (p === old.length && p === neu.length) return undefined;
  return { start: e.start + p, end: e.end - s, text: neu.slice(p, neu.length - s) };
}

/** The offset edits that turn `original` into `formatted`, in document order and non-overlapping. */
export function offsetEdits(original: string, formatted: string): OffsetEdit[] {
  if (original === formatted) return [];
  const a = splitLines(original);
  const b = splitLines(formatted);
  // Common prefix and suffix lines first; they are the bulk of most diffs.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  let startOffset = 0;
  for (let i = 0; i < pre; i++) startOffset += a[i].length;

  const hunks: OffsetEdit[] = [];
  // Compare lines as small integers.
  const ids = new Map<string, number>();
  const intern = (lines: string[]) =>
    Int32Array.from(lines, (l) => {
      let id = ids.get(l);
      if (id === undefined) ids.set(l, (id = ids.size));
      return id;
    });
  // Myers costs about (lines x differences): the distance tried shrinks as the changed part grows, so
  // that a large document that changes everywhere is one replacement found at once, not a long search.
  const maxD = Math.max(16, Math.min(MAX_EDIT_DISTANCE, Math.floor(MAX_DIFF_WORK / (am.length + bm.length + 1))));
  const ops = myers(intern(am), intern(bm), maxD);
  if (!ops) {
    const oldLen = am.reduce((n, l) => n + l.length, 0);
    hunks.push({ start: startOffset, end: startOffset + oldLen, text: bm.join('') });
  } else {
    let ai = 0;
    let bi = 0;
    let offset = startOffset;
    let i = 0;
    while (i < ops.length) {
      if (ops[i] === 0) {
        offset += am[ai].length;
        ai++;
        bi++;
        i++;
        continue;
      }
      const start = offset;
      let text = '';
      while (i < ops.length && ops[i] !== 0) {
        if (ops[i] === 1) offset += am[ai++].length;
        else text += bm[bi++];
        i++;
      }
      hunks.push({ start, end: offset, text });
    }
  }
  const out: OffsetEdit[] = [];
  for (const h of hunks) {
    const n = narrow(original, h);
    if (n) out.push(n);
  }
  return out;
}

/**
 * Minimal edits that turn `original` into `formatted` (the formatter's output)
 * written with the line ending of `original`.
 */
export function formatEdits(original: string, formatted: string): OffsetEdit[] {
  return offsetEdits(original, withLineEnding(formatted, lineEndingOf(original)));
}

/**
 * Edits that format the top-level statements touched by `range` (offsets; the range
 * is widened to whole statements and lines), in the document's line ending.
 * Returns [] when the document cannot be formatted or when formatting only
 * that part would not be safe (the partly formatted text must parse and keep
 * every token). `result` is the document's formatTree result when the
 * caller already has it.
 */
export function formatRangeEdits(
  text: string,
  tree: Tree,
  range: Span,
  result: FormatResult = formatTree(text, tree),
): OffsetEdit[] {
  if (!result.ok) return [];
  let from = range.start;
  let to = range.end;
  if (to < from) [from, to] = [to, from];
  for (const child of tree.rootNode.children) {
    if (!child) continue;
    const touches = child.startIndex <= to && child.endIndex >= from;
    if (!touches) continue;
    from = Math.min(from, child.startIndex);
    to = Math.max(to, child.endIndex);
  }
  // Whole lines: from the start of the first line to the end of the last one.
  from = text.lastIndexOf('\n', from - 1) + 1;
  const eol = text.indexOf('\n', to);
  to = eol < 0 ? text.length : eol + 1;

  const all = offsetEdits(text, withLineEnding(result.text, lineEndingOf(text)));
  const kept = all.filter((e) => e.start >= from && e.end <= to);
  if (kept.length === 0) return [];
  if (kept.length < all.length) {
    let partial = '';
    let at = 0;
    for (const e of kept) {
      partial += text.slice(at, e.start) + e.text;
      at = e.end;
    }
    partial += text.slice(at);
    if (verifyFormatted(text, tree, partial)) return [];
  }
  return kept;
}

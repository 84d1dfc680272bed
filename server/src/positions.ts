/**
 * The one place where offsets become positions and back.
 *
 * Everything below the protocol layer (syntax, model, analysis, rules, fixes,
 * formatter, CLI) works in offsets: UTF-16 code units into the document text
 * (JavaScript string indices, what web-tree-sitter reports). Positions exist
 * only at the edges:
 * - LSP positions (0-based line, 0-based UTF-16 character), for the protocol
 *   layer (server/src/lsp) and the CLI's JSON/SARIF output;
 * - Alloy's positions (1-based line, 1-based byte column), the way `alloy fmt`
 *   and `alloy run` name a place in a file.
 *
 * The position types here have the shape of LSP's, so the protocol layer passes
 * them through unchanged; this module does not depend on any LSP library.
 */

/**
 * The last index `i` of a non-empty sequence sorted by `key` with `key(i) <= value` (0 when none is): the
 * binary search behind every "which line / which statement holds this offset" question.
 */
export function lastAtOrBefore(length: number, value: number, key: (i: number) => number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (key(mid) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A half-open range [start, end) of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/** 0-based line and 0-based UTF-16 character within the line (LSP's default position encoding). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** 1-based line and 1-based column counted in UTF-8 bytes, as Alloy reports positions. */
export interface AlloyPosition {
  line: number;
  column: number;
}

/** A text change as editors send it: a replaced range, or (no range) the whole new text. */
export interface TextChange {
  range?: Range;
  text: string;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

function lineStartsOf(text: string, from = 0, base = 0): number[] {
  const out: number[] = [];
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      out.push(i + 1 + base);
    } else if (c === 10 /* \n */) {
      out.push(i + 1 + base);
    }
  }
  return out;
}

/**
 * Line starts of a text, kept up to date by {@link LineIndex.edit} without
 * rescanning the whole text. Lines end at `\n`, `\r\n` or `\r` (as LSP counts them).
 */
export class LineIndex {
  /** Offset of the first character of each line; starts[0] is 0. */
  private starts: number[];

  constructor(private text: string) {
    this.starts = [0, ...lineStartsOf(text)];
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The text the index describes. */
  getText(): string {
    return this.text;
  }

  /** Line of an offset (0-based). */
  lineAt(offset: number): number {
    const starts = this.starts;
    return lastAtOrBefore(starts.length, offset, (i) => starts[i]);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of a line's content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(offset);
    // Inside a line break (between '\r' and '\n'): the position of the break's start.
    const start = this.starts[line];
    while (offset > start && isLineBreak(this.text.charCodeAt(offset - 1))) offset--;
    return { line, character: offset - start };
  }

  /** The offset of a position; a character beyond the line's end is clamped to it, lines beyond the text to its end. */
  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.starts[position.line];
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + position.character, end));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  spanOf(range: Range): Span {
    return { start: this.offsetAt(range.start), end: this.offsetAt(range.end) };
  }

  /** Alloy's position of an offset: 1-based line and 1-based byte column. */
  alloyPosition(offset: number): AlloyPosition {
    const { line, character } = this.positionAt(offset);
    const start = this.starts[line];
    return { line: line + 1, column: utf8Length(this.text, start, start + character) + 1 };
  }

  /** Replaces [start, end) by `inserted`, updating the line starts after it without rescanning the text. */
  edit(start: number, end: number, inserted: string): void {
    const text = this.text;
    const next = text.slice(0, start) + inserted + text.slice(end);
    const delta = inserted.length - (end - start);
    const newEnd = start + inserted.length;
    let firstLine = this.lineAt(start);
    // A '\r' just before the change may pair with a '\n' the change brings (or stop pairing).
    if (firstLine > 0 && this.starts[firstLine] === start && text.charCodeAt(start - 1) === 13) firstLine--;
    const fresh: number[] = [];
    let scanned = next.length;
    for (let i = this.starts[firstLine]; i < next.length; i++) {
      const c = next.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && next.charCodeAt(i + 1) === 10) i++;
      fresh.push(i + 1);
      // A line break wholly after the change: the old line starts hold from here on.
      if (i >= newEnd) {
        scanned = i + 1;
        break;
      }
    }
    // In place: the starts up to firstLine stay, the rescanned ones replace those up to the first
    // old start after the change that survives, and the rest move by delta.
    const old = this.starts;
    let k = firstLine + 1;
    while (k < old.length && (old[k] <= end || old[k] + delta <= scanned)) k++;
    old.splice(firstLine + 1, k - (firstLine + 1), ...fresh);
    for (let i = firstLine + 1 + fresh.length; i < old.length; i++) old[i] += delta;
    this.text = next;
  }
}

/** UTF-8 length of text[from, to). */
export function utf8Length(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** LSP position of an offset in a text without an index (one-off conversions; prefer a LineIndex). */
export function positionIn(text: string, offset: number): Position {
  return new LineIndex(text).positionAt(offset);
}

/**
 * Byte-based positions over a source text. Alloy's printer measures offsets
 * and columns in UTF-8 bytes, while web-tree-sitter reports UTF-16 indices;
 * this table converts between the two and answers line lookups.
 */
import { lastAtOrBefore } from '../positions';

/** A position as Alloy's `token.Position`: byte offset, 1-based line and byte column. */
export interface Position {
  offset: number;
  line: number;
  column: number;
}

/** Number of UTF-8 bytes needed for a JS string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Number of Unicode code points in a JS string (Go's utf8.RuneCountInString). */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export class SourceMap {
  /**
   * byteAt[i] is the UTF-8 offset of UTF-16 index i (length text.length + 1);
   * undefined for ASCII text, where the two are the same.
   */
  private readonly byteAt: Uint32Array | undefined;
  /** Byte offsets at which each line starts (line 1 starts at 0). */
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const lineStarts = [0];
    const n = text.length;
    let ascii = true;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) lineStarts.push(i + 1);
      else if (c >= 0x80) {
        ascii = false;
        break;
      }
    }
    this.lineStarts = lineStarts;
    if (ascii) {
      this.byteAt = undefined;
      return;
    }
    lineStarts.length = 1;
    const byteAt = new Uint32Array(n + 1);
    let b = 0;
    for (let i = 0; i < n; i++) {
      byteAt[i] = b;
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        b += 1;
        if (c === 10) lineStarts.push(b);
      } else if (c < 0x800) b += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          byteAt[i + 1] = b;
          b += 4;
          i++;
        } else b += 3;
      } else b += 3;
    }
    byteAt[n] = b;
    this.byteAt = byteAt;
  }

  /** The byte offset of a UTF-16 index. */
  byteOffset(index: number): number {
    const i = Math.max(0, Math.min(index, this.text.length));
    return this.byteAt ? this.byteAt[i] : i;
  }

  /** The UTF-16 index at which the character containing a byte offset starts. */
  index(offset: number): number {
    const byteAt = this.byteAt;
    if (!byteAt) return Math.max(0, Math.min(offset, this.text.length));
    let lo = lastAtOrBefore(byteAt.length, offset, (i) => byteAt[i]);
    // The low half of a surrogate pair shares its byte offset with the high half.
    if (lo > 0 && byteAt[lo - 1] === byteAt[lo]) lo--;
    return lo;
  }

  /** The index of the line of the last lookup: the printer asks in document order, mostly on that line or the next. */
  private hint = 0;

  /** The 1-based line of a byte offset (offsets past the end map to the last line). */
  line(offset: number): number {
    const starts = this.lineStarts;
    const h = this.hint;
    if (starts[h] <= offset) {
      if (h + 1 === starts.length || offset < starts[h + 1]) return h + 1;
      if (h + 2 === starts.length || offset < starts[h + 2]) return (this.hint = h + 1) + 1;
    }
    this.hint = lastAtOrBefore(starts.length, offset, (i) => starts[i]);
    return this.hint + 1;
  }

  /** Alloy's `Pos.Position()` for a byte offset. */
  position(offset: number): Position {
    const line = this.line(offset);
    return { offset, line, column: offset - this.lineStarts[line - 1] + 1 };
  }
}

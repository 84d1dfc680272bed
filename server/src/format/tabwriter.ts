/**
 * Elastic tabstops, configured as Alloy's printer configures Go's
 * text/tabwriter (minwidth 0, tabwidth 8, padding 1, pad with spaces,
 * DiscardEmptyColumns | TabIndent), followed by the trimmer that removes
 * trailing blanks from every line.
 *
 * Input text is a list of pieces. In plain pieces '\t' and '\v' end a cell,
 * '\n' ends a line and '\f' ends a line and the current alignment block.
 * Escaped pieces are opaque text (Go brackets them with tabwriter.Escape):
 * they count towards their cell's width but are never split or trimmed.
 *
 * A column is a run of consecutive lines that all have a cell at that index
 * which is not the line's last cell; each cell of the column is padded to
 * the widest one plus one space. Leading empty cells (indentation) become
 * tabs.
 */
import { runeCount } from './source';

export interface Piece {
  text: string;
  escaped: boolean;
}

interface Cell {
  pieces: Piece[];
  /** Bytes of content; 0 means an empty cell. */
  size: number;
  /** Width in runes. */
  width: number;
  /** True if the cell was terminated by '\t' (not '\v'). */
  htab: boolean;
}

const MIN_WIDTH = 0;
const TAB_WIDTH = 8;
const PADDING = 1;

function newCell(): Cell {
  return { pieces: [], size: 0, width: 0, htab: false };
}

class TabWriter {
  private lines: Cell[][] = [[]];
  private cell: Cell = newCell();
  private widths: number[] = [];

  constructor(private readonly emit: (p: Piece) => void) {}

  private addToCell(text: string, escaped: boolean): void {
    if (text.length === 0) return;
    this.cell.pieces.push({ text, escaped });
    // Go counts the two Escape bytes in the size, which only matters for emptiness.
    this.cell.size += text.length + (escaped ? 2 : 0);
    this.cell.width += runeCount(text);
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1];
    line.push(this.cell);
    this.cell = newCell();
    return line.length;
  }

  write(piece: Piece): void {
    if (piece.escaped) {
      this.addToCell(piece.text, true);
      return;
    }
    const s = piece.text;
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.addToCell(s.slice(start, i), false);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        // A formfeed always flushes; so does a line with a single cell, since
        // it cannot affect the alignment of the lines after it.
        if (ch === '\f' || ncells === 1) this.flushLines();
      }
    }
    this.addToCell(s.slice(start), false);
  }

  flush(): void {
    this.flushLines();
  }

  private flushLines(): void {
    if (this.cell.size > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cell = newCell();
    this.widths = [];
  }

  /**
   * Go's `format`: finds each block of consecutive lines that have a cell in
   * the current column, measures it and formats the next column within it.
   * Go recurses once per column; here a stack of frames stands for those
   * calls, so that a line with any number of cells (deep indentation) cannot
   * overflow the call stack. widths.length is always the current column.
   */
  private format(line0: number, line1: number): void {
    const stack: { line0: number; line1: number; th: number }[] = [{ line0, line1, th: line0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const column = this.widths.length;
      let th = frame.th;
      while (th < frame.line1 && column >= this.lines[th].length - 1) th++;
      if (th >= frame.line1) {
        this.writeLines(frame.line0, frame.line1);
        stack.pop();
        if (stack.length > 0) this.widths.pop();
        continue;
      }
      // This line has a cell in this column: print the lines before the block.
      this.writeLines(frame.line0, th);
      const start = th;
      let width = MIN_WIDTH;
      let discardable = true;
      for (; th < frame.line1; th++) {
        const line = this.lines[th];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + PADDING;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable) width = 0; // DiscardEmptyColumns
      // Format the block's next column; this frame resumes after the block.
      this.widths.push(width);
      frame.line0 = th;
      frame.th = th;
      stack.push({ line0: start, line1: th, th: start });
    }
  }

  private padding(textw: number, cellw: number, useTabs: boolean): void {
    if (useTabs) {
      const w = Math.ceil(cellw / TAB_WIDTH) * TAB_WIDTH;
      const n = w - textw;
      this.emit({ text: '\t'.repeat(Math.ceil(n / TAB_WIDTH)), escaped: false });
      return;
    }
    this.emit({ text: ' '.repeat(cellw - textw), escaped: false });
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = true; // TabIndent: pad leading empty cells with tabs
      line.forEach((c, j) => {
        if (c.size === 0) {
          if (j < this.widths.length) this.padding(c.width, this.widths[j], useTabs);
        } else {
          useTabs = false;
          for (const p of c.pieces) this.emit(p);
          if (j < this.widths.length) this.padding(c.width, this.widths[j], false);
        }
      });
      if (i + 1 === this.lines.length) {
        // Last buffered line: no newline; write the unterminated cell.
        for (const p of this.cell.pieces) this.emit(p);
      } else {
        this.emit({ text: '\n', escaped: false });
      }
    }
  }
}

/** Drops spaces and tabs at the end of lines and of the text (outside escaped pieces). */
class Trimmer {
  private readonly parts: string[] = [];
  private space = '';

  write(p: Piece): void {
    if (p.escaped) {
      this.parts.push(this.space, p.text);
      this.space = '';
      return;
    }
    let start = 0;
    const s = p.text;
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch === ' ' || ch === '\t' || ch === '\v') {
        if (i > start) {
          this.parts.push(this.space, s.slice(start, i));
          this.space = '';
        }
        this.space += ch === '\v' ? '\t' : ch;
        start = i + 1;
      } else if (ch === '\n' || ch === '\f') {
        if (i > start) this.parts.push(this.space, s.slice(start, i));
        this.space = '';
        this.parts.push('\n');
        start = i + 1;
      }
    }
    if (start < s.length) {
      this.parts.push(this.space, s.slice(start));
      this.space = '';
    }
  }

  result(): string {
    return this.parts.join('');
  }
}

/** Aligns and trims printer output into the final text. */
export function align(pieces: Piece[]): string {
  const trimmer = new Trimmer();
  const tw = new TabWriter((p) => trimmer.write(p));
  for (const p of pieces) tw.write(p);
  tw.flush();
  return trimmer.result();
}

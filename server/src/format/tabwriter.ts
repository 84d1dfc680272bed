/**
 * Elastic tabstops, configured as Alloy's printer configures Go's
 * text/tabwriter (minwidth 0, tabwidth 8, padding 1, pad with spaces,
 * DiscardEmptyColumns | TabIndent), followed by the trimmer that removes
 * trailing blanks from every line.
 *
 * Input text comes as pieces. In plain pieces '\t' and '\v' end a cell,
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

interface Cell {
  /** Text pieces: [text, escaped, text, escaped, ...]. */
  pieces: (string | boolean)[];
  /** Bytes of content; 0 means an empty cell. */
  size: number;
  /** Width in runes. */
  width: number;
  /** True if the cell was terminated by '\t' (not '\v'). */
  htab: boolean;
}

/**
 * A line: `indent` leading empty cells terminated by '\t' (indentation, kept
 * as a count rather than a cell each, so that deep indentation costs no
 * objects), then its other cells.
 */
interface Line {
  indent: number;
  cells: Cell[];
}

const MIN_WIDTH = 0;
const TAB_WIDTH = 8;
const PADDING = 1;

/** What every indentation cell is. */
const INDENT_CELL: Cell = { pieces: [], size: 0, width: 0, htab: true };

function newCell(): Cell {
  return { pieces: [], size: 0, width: 0, htab: false };
}

function lineLength(line: Line): number {
  return line.indent + line.cells.length;
}

function cellAt(line: Line, j: number): Cell {
  return j < line.indent ? INDENT_CELL : line.cells[j - line.indent];
}

/** Text sink of the aligner's output. */
type Emit = (text: string, escaped: boolean) => void;

export class TabWriter {
  private lines: Line[] = [{ indent: 0, cells: [] }];
  private cell: Cell = newCell();
  private widths: number[] = [];

  constructor(private readonly emit: Emit) {}

  private addToCell(text: string, escaped: boolean): void {
    if (text.length === 0) return;
    this.cell.pieces.push(text, escaped);
    // Go counts the two Escape bytes in the size, which only matters for emptiness.
    this.cell.size += text.length + (escaped ? 2 : 0);
    this.cell.width += runeCount(text);
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1];
    if (htab && line.cells.length === 0 && this.cell.size === 0 && this.cell.pieces.length === 0) {
      line.indent++;
      return lineLength(line);
    }
    this.cell.htab = htab;
    line.cells.push(this.cell);
    this.cell = newCell();
    return lineLength(line);
  }

  /** `n` tabs, as write() would take them. */
  indent(n: number): void {
    const line = this.lines[this.lines.length - 1];
    if (line.cells.length === 0 && this.cell.size === 0 && this.cell.pieces.length === 0) line.indent += n;
    else this.write('\t'.repeat(n), false);
  }

  write(s: string, escaped: boolean): void {
    if (escaped) {
      this.addToCell(s, true);
      return;
    }
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      // '\t', '\v', '\n', '\f'
      if (ch !== 9 && ch !== 11 && ch !== 10 && ch !== 12) continue;
      this.addToCell(s.slice(start, i), false);
      start = i + 1;
      const ncells = this.terminateCell(ch === 9);
      if (ch === 10 || ch === 12) {
        this.lines.push({ indent: 0, cells: [] });
        // A formfeed always flushes; so does a line with a single cell, since
        // it cannot affect the alignment of the lines after it.
        if (ch === 12 || ncells === 1) this.flushLines();
      }
    }
    this.addToCell(start === 0 ? s : s.slice(start), false);
  }

  flush(): void {
    this.flushLines();
  }

  private flushLines(): void {
    if (this.cell.size > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [{ indent: 0, cells: [] }];
    this.cell = newCell();
    this.widths = [];
  }

  /**
   * Go's `format`: finds each block of consecutive lines that have a cell in
   * the current column, measures it and formats the next column within it.
   * Go recurses once per column; here a stack of frames stands for those
   * calls, so that a line with any number of cells (deep indentation) cannot
   * overflow the call stack, and the columns that hold only indentation in
   * every line of a block are measured at once. widths.length is always the
   * current column; `pops` is how many columns a frame added.
   */
  private format(line0: number, line1: number): void {
    const stack: { line0: number; line1: number; th: number; pops: number }[] = [{ line0, line1, th: line0, pops: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const column = this.widths.length;
      let th = frame.th;
      while (th < frame.line1 && column >= lineLength(this.lines[th]) - 1) th++;
      if (th >= frame.line1) {
        this.writeLines(frame.line0, frame.line1);
        stack.pop();
        this.widths.length -= frame.pops;
        continue;
      }
      // This line has a cell in this column: print the lines before the block.
      this.writeLines(frame.line0, th);
      const start = th;
      let width = MIN_WIDTH;
      let discardable = true;
      let minIndent = Number.MAX_SAFE_INTEGER;
      for (; th < frame.line1; th++) {
        const line = this.lines[th];
        if (column >= lineLength(line) - 1) break;
        if (line.indent < minIndent) minIndent = line.indent;
        const c = cellAt(line, column);
        const w = c.width + PADDING;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable) width = 0; // DiscardEmptyColumns
      // Format the block's next column; this frame resumes after the block.
      frame.line0 = th;
      frame.th = th;
      // Where every line of the block is indented past this column, the columns
      // up to the least indentation hold only empty tab-terminated cells: each
      // is one padding wide, and the block is the same for all of them.
      const n = column < minIndent ? minIndent - column : 1;
      if (n === 1) this.widths.push(width);
      else for (let k = 0; k < n; k++) this.widths.push(PADDING);
      stack.push({ line0: start, line1: th, th: start, pops: n });
    }
  }

  private padding(textw: number, cellw: number, useTabs: boolean): void {
    if (useTabs) {
      const w = Math.ceil(cellw / TAB_WIDTH) * TAB_WIDTH;
      const n = w - textw;
      this.emit('\t'.repeat(Math.ceil(n / TAB_WIDTH)), false);
      return;
    }
    this.emit(' '.repeat(cellw - textw), false);
  }

  private writeLines(line0: number, line1: number): void {
    const widths = this.widths;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      // TabIndent: leading empty cells are padded with tabs; indentation cells first.
      const indent = Math.min(line.indent, widths.length);
      if (indent > 0) {
        let tabs = 0;
        for (let j = 0; j < indent; j++) tabs += Math.ceil(widths[j] / TAB_WIDTH);
        this.emit(tabs === 1 ? '\t' : '\t'.repeat(tabs), false);
      }
      let useTabs = true;
      const cells = line.cells;
      for (let k = 0; k < cells.length; k++) {
        const c = cells[k];
        const j = line.indent + k;
        if (c.size === 0) {
          if (j < widths.length) this.padding(c.width, widths[j], useTabs);
        } else {
          useTabs = false;
          const pieces = c.pieces;
          for (let p = 0; p < pieces.length; p += 2) this.emit(pieces[p] as string, pieces[p + 1] as boolean);
          if (j < widths.length) this.padding(c.width, widths[j], false);
        }
      }
      if (i + 1 === this.lines.length) {
        // Last buffered line: no newline; write the unterminated cell.
        const pieces = this.cell.pieces;
        for (let p = 0; p < pieces.length; p += 2) this.emit(pieces[p] as string, pieces[p + 1] as boolean);
      } else {
        this.emit('\n', false);
      }
    }
  }
}

/** ' ', '\t' or '\v'. */
function isBlank(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 11;
}

/** Drops spaces and tabs at the end of lines and of the text (outside escaped pieces). */
export class Trimmer {
  private parts: string[] = [];
  private readonly chunks: string[] = [];
  private space = '';

  private push(a: string, b: string): void {
    if (a) this.parts.push(a);
    this.parts.push(b);
    // Join as it goes, so that the text is kept in a few large strings rather than millions of small ones.
    if (this.parts.length >= 8192) {
      this.chunks.push(this.parts.join(''));
      this.parts = [];
    }
  }

  write(s: string, escaped: boolean): void {
    if (escaped) {
      this.push(this.space, s);
      this.space = '';
      return;
    }
    const n = s.length;
    let i = 0;
    while (i < n) {
      const ch = s.charCodeAt(i);
      let j = i + 1;
      if (isBlank(ch)) {
        // A run of blanks is kept (as one string) until we know whether text follows on the line.
        while (j < n && isBlank(s.charCodeAt(j))) j++;
        let run = s.slice(i, j);
        if (run.includes('\v')) run = run.replace(/\v/g, '\t');
        this.space = this.space ? this.space + run : run;
      } else if (ch === 10 || ch === 12) {
        this.space = '';
        this.push('', '\n');
      } else {
        while (j < n && !isBlank(s.charCodeAt(j)) && s.charCodeAt(j) !== 10 && s.charCodeAt(j) !== 12) j++;
        this.push(this.space, i === 0 && j === n ? s : s.slice(i, j));
        this.space = '';
      }
      i = j;
    }
  }

  result(): string {
    this.chunks.push(this.parts.join(''));
    this.parts = [];
    const text = this.chunks.join('');
    this.chunks.length = 0;
    this.chunks.push(text);
    return text;
  }
}

/** The aligner and trimmer in one: what the printer writes to. */
export function aligner(): { write: TabWriter['write']; indent: TabWriter['indent']; result(): string } {
  const trimmer = new Trimmer();
  const tw = new TabWriter((text, escaped) => trimmer.write(text, escaped));
  return {
    write: (text, escaped) => tw.write(text, escaped),
    indent: (n) => tw.indent(n),
    result: () => {
      tw.flush();
      return trimmer.result();
    },
  };
}

/**
 * Text edits as UTF-16 offsets, and the text surgery the fixes share:
 * inserting top-level blocks with blank lines around them, inserting
 * attributes into a block body, removing a statement with its line. Each
 * helper touches only the text it is about.
 */
import type { BlockInfo, Span } from '../model/types';

/** Replace [start, end) of the file `uri` with `text`. */
export interface FileEdit {
  uri: string;
  start: number;
  end: number;
  text: string;
}

/** Applies edits of one file (non-overlapping, any order). */
export function applyEdits(text: string, edits: readonly { start: number; end: number; text: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new Error(`overlapping edits at ${e.start}-${e.end}`);
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the newline that ends the line containing `offset` (or the end of the text). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function isBlank(s: string): boolean {
  return /^[ \t\r]*$/.test(s);
}

/** Whether the line that starts at `start` is blank (or the text ends there). */
function lineIsBlankOrEnd(text: string, start: number): boolean {
  if (start >= text.length) return true;
  const nl = text.indexOf('\n', start);
  return isBlank(text.slice(start, nl < 0 ? text.length : nl));
}

/** The leading whitespace of the line containing `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/** Whether only whitespace precedes `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  return isBlank(text.slice(lineStart(text, offset), offset));
}

/**
 * Inserts top-level blocks at `offset` (a line start, or the end of the
 * text), with one blank line between them and the text around them; only
 * newlines are added, nothing existing changes.
 */
export function insertTopLevel(
  text: string,
  offset: number,
  blocks: string[],
): { start: number; end: number; text: string } {
  let body = `${blocks.join('\n\n')}\n`;
  if (offset > 0) {
    if (text[offset - 1] !== '\n') body = `\n\n${body}`;
    else {
      const prev = lineStart(text, offset - 1);
      if (!isBlank(text.slice(prev, offset - 1))) body = `\n${body}`;
    }
  }
  if (!lineIsBlankOrEnd(text, offset)) body = `${body}\n`;
  return { start: offset, end: offset, text: body };
}

/**
 * The range that removes the statement [start, end): its whole lines when it
 * has them to itself (with a trailing comment on its last line and the
 * `//` comment lines directly above it, which describe it, unless they
 * start the file: a file's header stays), and one of the blank lines that
 * would otherwise be left doubled.
 */
export function statementRemoval(text: string, start: number, end: number): Span {
  let from = start;
  let to = end;
  const before = lineStart(text, start);
  if (isBlank(text.slice(before, start))) {
    const rest = text.slice(end, text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end));
    if (isBlank(rest) || /^[ \t]*\/\//.test(rest)) {
      from = before;
      while (from > 0) {
        const prev = lineStart(text, from - 1);
        if (!/^[ \t]*\/\//.test(text.slice(prev, from - 1))) break;
        from = prev;
      }
      // Comment lines that start the file are its header, not the block's.
      if (from === 0) from = before;
      to = nextLineStart(text, end);
      const prevBlank = from === 0 || (from >= 1 && isBlank(text.slice(lineStart(text, from - 1), from - 1)));
      if (to < text.length && lineIsBlankOrEnd(text, to) && prevBlank) to = nextLineStart(text, to);
      else if (to >= text.length && from > 0 && prevBlank) from = lineStart(text, from - 1);
    }
  }
  return { start: from, end: to };
}

/**
 * Inserts statements (attribute or block text; only the first line of each
 * gets the indentation) into a block's body: after its last attribute, or at
 * the end of the body. Offsets of `block` are relative to `base`.
 */
export function insertIntoBody(
  text: string,
  base: number,
  block: BlockInfo,
  items: string[],
  where: 'after-attributes' | 'end',
): { start: number; end: number; text: string } {
  const open = base + block.bodySpan.start;
  const close = base + block.bodySpan.end - 1;
  const blockIndent = lineIndent(text, base + block.span.start);
  const children = [...block.attributes.map((a) => a.span.start), ...block.blocks.map((b) => b.span.start)].map(
    (s) => s + base,
  );
  const ownLine = children.find((s) => startsLine(text, s));
  const indent = ownLine !== undefined ? lineIndent(text, ownLine) : `${blockIndent}\t`;
  const lines = items.map((i) => `${indent}${i}\n`).join('');
  const multiLine = text.slice(open, close).includes('\n');
  const lastAttribute = block.attributes[block.attributes.length - 1];
  if (multiLine) {
    if (where === 'after-attributes' && lastAttribute) {
      const after = base + lastAttribute.span.end;
      const at = nextLineStart(text, after);
      if (at <= close) return { start: at, end: at, text: lines };
    } else if (where === 'after-attributes' && block.blocks.length > 0) {
      const at = nextLineStart(text, open);
      if (at <= base + block.blocks[0].span.start) return { start: at, end: at, text: lines };
    }
    if (startsLine(text, close)) {
      const at = lineStart(text, close);
      return { start: at, end: at, text: lines };
    }
  }
  // The closing brace shares its line with other text: break the line before it.
  let from = close;
  while (from > open + 1 && /[ \t]/.test(text[from - 1])) from--;
  return { start: from, end: close, text: `\n${lines}${blockIndent}` };
}

/**
 * Inserts attributes (after the block's own attributes) and nested blocks
 * (at the end of its body) into a block; one insertion when both land in
 * the same place.
 */
export function insertStatements(
  text: string,
  base: number,
  block: BlockInfo,
  attributes: string[],
  blocks: string[],
): { start: number; end: number; text: string }[] {
  if (blocks.length === 0) return [insertIntoBody(text, base, block, attributes, 'after-attributes')];
  if (attributes.length === 0) return [insertIntoBody(text, base, block, blocks, 'end')];
  const first = insertIntoBody(text, base, block, attributes, 'after-attributes');
  const second = insertIntoBody(text, base, block, blocks, 'end');
  if (first.end <= second.start && first.start < second.start) return [first, second];
  return [insertIntoBody(text, base, block, [...attributes, ...blocks], 'end')];
}

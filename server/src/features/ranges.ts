/**
 * Folding ranges (from the grammar's folds.scm query) and selection ranges
 * (the chain of syntax nodes around a position), from the tree. Offsets are
 * UTF-16 code units.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Span } from '../model/types';
import { query } from '../syntax/queries';

export interface Fold {
  start: number;
  end: number;
  comment: boolean;
  /**
   * The fold ends with a closing bracket that stays visible: the fold stops on the line before it.
   * False for comments and raw strings, which fold to their last line.
   */
  keepLastLine: boolean;
}

const CLOSERS = new Set(['}', ']', ')']);

/** The foldable regions of a tree: blocks, arrays, objects, call arguments, raw strings, comments. */
export function folds(tree: Tree, text: string): Fold[] {
  const out: Fold[] = [];
  let lineComments: { start: number; end: number } | undefined;
  const flush = () => {
    if (lineComments && text.slice(lineComments.start, lineComments.end).includes('\n')) {
      out.push({ start: lineComments.start, end: lineComments.end, comment: true, keepLastLine: false });
    }
    lineComments = undefined;
  };
  for (const { node } of query(tree.language, 'folds').captures(tree.rootNode)) {
    const start = node.startIndex;
    const end = node.endIndex;
    if (node.type === 'comment' && text.startsWith('//', start)) {
      // Consecutive `//` lines fold together.
      if (lineComments && /^[ \t]*\r?\n[ \t]*$/.test(text.slice(lineComments.end, start))) lineComments.end = end;
      else {
        flush();
        lineComments = { start, end };
      }
      continue;
    }
    if (!text.slice(start, end).includes('\n')) continue;
    out.push({
      start,
      end,
      comment: node.type === 'comment',
      keepLastLine: CLOSERS.has(text[end - 1] ?? ''),
    });
  }
  flush();
  out.sort((a, b) => a.start - b.start);
  return out;
}

/**
 * The spans to grow a selection through from `offset`, innermost first: the token, then each
 * enclosing syntax node with a different extent, up to the whole file.
 */
export function selectionChain(tree: Tree, offset: number): Span[] {
  const out: Span[] = [];
  let node: Node | null = tree.rootNode.descendantForIndex(offset, offset);
  // At the end of a token (the cursor after it), prefer that token over the whitespace after it.
  if (node && offset > 0 && node.startIndex === offset && offset === node.endIndex) {
    node = tree.rootNode.descendantForIndex(offset - 1, offset - 1);
  }
  for (; node; node = node.parent) {
    const span = { start: node.startIndex, end: node.endIndex };
    const last = out[out.length - 1];
    if (last && last.start === span.start && last.end === span.end) continue;
    // A chain `a.b.c` grows segment by segment through its access_expression nodes already.
    out.push(span);
  }
  return out;
}

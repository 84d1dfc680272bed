/**
 * Safety net for the formatter: the formatted text must parse without errors
 * and contain the same tokens, comments included, in the same order. The
 * only differences allowed are the rewrites Alloy's printer makes on purpose:
 *
 * - commas are not compared (the printer adds a trailing comma before a
 *   closing bracket on its own line and drops it before one on the same line;
 *   it can also move a comma before a comment that preceded it), since both
 *   texts parse without errors, every comma between elements is still there;
 * - an object key spelled as a raw string may become a double-quoted string
 *   with the same value;
 * - an empty block label (`""`) is dropped;
 * - carriage returns inside comments are dropped.
 */
import type { Node } from 'web-tree-sitter';
import { stringValue } from './quote';

/** Nodes whose whole text is one token (their children are parts of it). */
const ATOMIC = new Set(['string', 'raw_string', 'label', 'comment']);

export interface Token {
  type: string;
  text: string;
  /** True for an object key (compared by value). */
  key: boolean;
  startIndex: number;
}

/** The significant tokens of a tree parsed from `text`, in document order, normalized for comparison. */
export function significantTokens(root: Node, text: string): Token[] {
  const out: Token[] = [];
  const cursor = root.walk();
  try {
    for (;;) {
      const type = cursor.nodeType;
      if (ATOMIC.has(type) || !cursor.gotoFirstChild()) {
        const start = cursor.startIndex;
        const end = cursor.endIndex;
        let token = text.slice(start, end);
        const skip = type === ',' || (type === 'label' && token === '""') || (end === start && !cursor.nodeIsMissing);
        if (!skip) {
          if (type === 'comment') token = token.replace(/\r/g, '');
          out.push({ type, text: token, key: cursor.currentFieldName === 'key', startIndex: start });
        }
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) return out;
        }
      }
    }
  } finally {
    cursor.delete();
  }
}

function sameToken(a: Token, b: Token): boolean {
  if (a.key && b.key) {
    if (a.type === 'identifier' || b.type === 'identifier') return a.type === b.type && a.text === b.text;
    const va = stringValue(a.text);
    const vb = stringValue(b.text);
    return va !== undefined && vb !== undefined && va.equals(vb);
  }
  return a.type === b.type && a.text === b.text;
}

/** Index (into `before`) of the first token that differs, or -1 when the sequences match. */
export function firstDifference(before: Token[], after: Token[]): number {
  const n = Math.min(before.length, after.length);
  for (let i = 0; i < n; i++) if (!sameToken(before[i], after[i])) return i;
  return before.length === after.length ? -1 : n;
}

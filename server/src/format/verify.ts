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

/** The significant tokens of a tree in document order, normalized for comparison. */
export function significantTokens(root: Node): Token[] {
  const out: Token[] = [];
  const visit = (node: Node, key: boolean) => {
    if (node.childCount === 0 || ATOMIC.has(node.type)) {
      if (node.type === ',') return;
      if (node.type === 'label' && node.text === '""') return;
      const text = node.type === 'comment' ? node.text.replace(/\r/g, '') : node.text;
      if (node.type === '' || (text === '' && !node.isMissing)) return;
      out.push({ type: node.type, text, key, startIndex: node.startIndex });
      return;
    }
    const keyNode = node.type === 'object_field' ? node.childForFieldName('key') : null;
    for (const c of node.children) {
      if (c) visit(c, keyNode !== null && c.id === keyNode.id);
    }
  };
  visit(root, false);
  return out;
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

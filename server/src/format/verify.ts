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
import type { Node, TreeCursor } from 'web-tree-sitter';
import { Scanner, Token as Tok } from '../syntax/alloyScanner';
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

/**
 * The significant tokens of a tree parsed from `text`, in document order,
 * normalized for comparison: one cursor walk, one token at a time (no list).
 */
class TokenStream {
  private readonly cursor: TreeCursor;
  private done = false;
  /** The current token (the same object each time). */
  readonly token: Token = { type: '', text: '', key: false, startIndex: 0 };

  constructor(
    root: Node,
    private readonly text: string,
  ) {
    this.cursor = root.walk();
  }

  dispose(): void {
    this.cursor.delete();
  }

  /** Moves to the next token; false when there is none. */
  next(): boolean {
    const cursor = this.cursor;
    while (!this.done) {
      const type = cursor.nodeType;
      if (ATOMIC.has(type) || !cursor.gotoFirstChild()) {
        const start = cursor.startIndex;
        const end = cursor.endIndex;
        let token = this.text.slice(start, end);
        const skip = type === ',' || (type === 'label' && token === '""') || (end === start && !cursor.nodeIsMissing);
        const key = !skip && cursor.currentFieldName === 'key';
        for (;;) {
          if (cursor.gotoNextSibling()) break;
          if (!cursor.gotoParent()) {
            this.done = true;
            break;
          }
        }
        if (skip) continue;
        if (type === 'comment') token = token.replace(/\r/g, '');
        const t = this.token;
        t.type = type;
        t.text = token;
        t.key = key;
        t.startIndex = start;
        return true;
      }
    }
    return false;
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

/**
 * Where the tokens of `before` (parsed from `beforeText`) and `after` first
 * differ: the UTF-16 index in `beforeText` of the first token of `before`
 * that differs (`beforeText.length` when `before` ends first), or -1 when
 * the sequences match. Both trees are walked side by side.
 */
export function firstDifference(before: Node, beforeText: string, after: Node, afterText: string): number {
  const a = new TokenStream(before, beforeText);
  const b = new TokenStream(after, afterText);
  try {
    for (;;) {
      const hasA = a.next();
      const hasB = b.next();
      if (!hasA) return hasB ? beforeText.length : -1;
      if (!hasB || !sameToken(a.token, b.token)) return a.token.startIndex;
    }
  } finally {
    a.dispose();
    b.dispose();
  }
}

/**
 * The same comparison as `firstDifference`, for two texts Alloy's parser accepts, read with the port
 * of Alloy's scanner instead of two trees: the same normalisation (commas and line ends are not
 * compared, an object key by its value, an empty label not at all, carriage returns in comments
 * dropped), one token of lookahead to tell keys (a string before `=`) and labels (a string before
 * `{`) apart.
 */
export function firstTextDifference(beforeText: string, afterText: string): number {
  const a = new ScannedTokens(beforeText);
  const b = new ScannedTokens(afterText);
  for (;;) {
    const hasA = a.next();
    const hasB = b.next();
    if (!hasA) return hasB ? beforeText.length : -1;
    if (!hasB || !sameToken(a.token, b.token)) return a.token.startIndex;
  }
}

class ScannedTokens {
  private readonly scanner: Scanner;
  private ahead: [number, Tok, string, number];
  /** The current token (the same object each time). */
  readonly token: Token = { type: '', text: '', key: false, startIndex: 0 };

  constructor(private readonly text: string) {
    this.scanner = new Scanner(text, 0, () => {});
    this.ahead = this.scan();
  }

  /** The next token that is compared at all. */
  private scan(): [number, Tok, string, number] {
    for (;;) {
      const t = this.scanner.scan();
      if (t[1] !== Tok.TERMINATOR && t[1] !== Tok.COMMA) return t;
    }
  }

  next(): boolean {
    for (;;) {
      const [start, tok, , end] = this.ahead;
      if (tok === Tok.EOF) return false;
      this.ahead = this.scan();
      let text = this.text.slice(start, end);
      const following = this.ahead[1];
      if (tok === Tok.STRING && text === '""' && following === Tok.LCURLY) continue;
      if (tok === Tok.COMMENT) text = text.replace(/\r/g, '');
      const t = this.token;
      // The tree's node types where `sameToken` looks at them: identifiers, and everything else by kind.
      t.type = tok === Tok.IDENT ? 'identifier' : `${tok}`;
      t.text = text;
      t.key = following === Tok.ASSIGN && (tok === Tok.STRING || tok === Tok.IDENT);
      t.startIndex = start;
      return true;
    }
  }
}

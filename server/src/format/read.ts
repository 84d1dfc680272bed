/**
 * Reads a text straight into the printer's syntax tree (see ast.ts) with the
 * port of Alloy's scanner (`syntax/alloyScanner.ts`), following the grammar of
 * Alloy's parser (`syntax/parser/internal.go` in grafana/alloy) without a
 * tree-sitter tree. This is the formatter's fast path: a file Alloy parses
 * without an error is read here in one pass over its characters, with no
 * parse tree and no calls into the wasm parser.
 *
 * It only reads files Alloy accepts: at the first thing Alloy's parser would
 * report (a scanner error, an unexpected token), or nesting deeper than
 * `MAX_DEPTH`, it throws `NotRead`, and the caller formats from the
 * tree-sitter tree instead, which reports the syntax error or follows any
 * depth. Like `FileReader` it streams: `next()` returns one top-level
 * statement at a time.
 */
import { Scanner, Token, binaryPrecedence, isValidIdentifier, tokenName } from '../syntax/alloyScanner';
import { utf8 } from '../syntax/goText';
import type { AttributeStmt, BlockStmt, Comment, Expr, Ident, ObjectField, StatementReader, Stmt } from './ast';
import { CommentGroups } from './ast';
import { SourceMap } from './source';

/** This reader's recursion follows the nesting; deeper files are read from the tree (which has no limit). */
export const MAX_DEPTH = 200;

/** The text is not read here (a syntax error, or nesting deeper than MAX_DEPTH). */
export class NotRead extends Error {}

const LITERALS: Partial<Record<Token, 'STRING' | 'NUMBER' | 'FLOAT' | 'BOOL' | 'NULL'>> = {
  [Token.STRING]: 'STRING',
  [Token.NUMBER]: 'NUMBER',
  [Token.FLOAT]: 'FLOAT',
  [Token.BOOL]: 'BOOL',
  [Token.NULL]: 'NULL',
};

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const NON_ASCII = /[^\x00-\x7f]/;

/** A label's text between its quotes as Alloy reads its bytes; '' (no identifier) when they are not UTF-8. */
function decodedLabel(literal: string): string {
  const bytes = utf8(literal);
  try {
    return strictDecoder.decode(bytes.subarray(1, bytes.length - 1));
  } catch {
    return '';
  }
}

export class SourceReader implements StatementReader {
  readonly comments: Comment[][];
  readonly commentStarts: number[];
  readonly source: SourceMap;
  private readonly commentGroups: CommentGroups;
  private readonly scanner: Scanner;
  private pos = 0;
  private tok = Token.EOF;
  private lit = '';
  private end = 0;
  private depth = 0;
  private started = false;

  constructor(private readonly text: string) {
    this.source = new SourceMap(text);
    this.commentGroups = new CommentGroups(text, this.source);
    this.comments = this.commentGroups.groups;
    this.commentStarts = this.commentGroups.starts;
    this.scanner = new Scanner(text, 0, () => {
      throw new NotRead('scanner error');
    });
    this.advance();
  }

  dispose(): void {}

  /** The next top-level statement (Alloy's `parseFile` loop), or undefined at the end of the file. */
  next(): Stmt | undefined {
    if (this.started) {
      if (this.t() === Token.EOF) return undefined;
      if (this.t() !== Token.TERMINATOR) this.fail();
      this.advance();
    }
    this.started = true;
    if (this.t() === Token.EOF) return undefined;
    return this.statement();
  }

  /** The current token (a method, so that TypeScript does not narrow it across calls that advance). */
  private t(): Token {
    return this.tok;
  }

  private fail(): never {
    throw new NotRead(`unexpected ${tokenName(this.tok)}`);
  }

  /** Moves to the next token that is not a comment, collecting comments on the way. */
  private advance(): void {
    for (;;) {
      [this.pos, this.tok, this.lit, this.end] = this.scanner.scan();
      if (this.t() !== Token.COMMENT) return;
      this.commentGroups.add(this.pos, this.end);
    }
  }

  private expect(t: Token): number {
    if (this.tok !== t) this.fail();
    const pos = this.byte(this.pos);
    this.advance();
    return pos;
  }

  private byte(index: number): number {
    return this.source.byteOffset(index);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new NotRead('nested too deep');
  }

  private ident(): Ident {
    if (this.tok !== Token.IDENT) this.fail();
    const ident = { name: this.lit, pos: this.byte(this.pos) };
    this.advance();
    return ident;
  }

  private body(): Stmt[] {
    this.enter();
    const stmts: Stmt[] = [];
    while (this.t() !== Token.RCURLY && this.t() !== Token.EOF) {
      stmts.push(this.statement());
      if (this.t() === Token.RCURLY) break;
      if (this.t() !== Token.TERMINATOR) this.fail();
      this.advance();
    }
    this.depth--;
    return stmts;
  }

  private statement(): Stmt {
    const first = this.ident();
    if (this.t() === Token.ASSIGN) {
      const eqPos = this.expect(Token.ASSIGN);
      return { kind: 'attribute', name: first, eqPos, value: this.expression() } satisfies AttributeStmt;
    }
    const name = [first.name];
    while (this.t() === Token.DOT) {
      this.advance();
      name.push(this.ident().name);
    }
    let label = '';
    let labelPos = -1;
    if (this.t() === Token.STRING) {
      if (this.lit[0] !== '"') this.fail();
      const inner = this.lit.slice(1, -1);
      // Alloy checks the label's bytes; for ASCII text they are its characters.
      if (inner.length > 0 && !isValidIdentifier(NON_ASCII.test(inner) ? decodedLabel(this.lit) : inner)) this.fail();
      label = this.text.slice(this.pos + 1, this.end - 1);
      labelPos = this.byte(this.pos);
      this.advance();
    }
    const lcurly = this.expect(Token.LCURLY);
    const body = this.body();
    const rcurly = this.expect(Token.RCURLY);
    return { kind: 'block', name, namePos: first.pos, label, labelPos, body, lcurly, rcurly } satisfies BlockStmt;
  }

  private expression(): Expr {
    this.enter();
    const e = this.binary(1);
    this.depth--;
    return e;
  }

  private binary(inPrec: number): Expr {
    let left = this.power();
    for (;;) {
      const prec = binaryPrecedence(this.tok);
      if (prec < inPrec) return left;
      const op = tokenName(this.tok);
      const opPos = this.byte(this.pos);
      this.advance();
      left = { kind: 'binary', op, opPos, left, right: this.binary(prec + 1) };
    }
  }

  private power(): Expr {
    const left = this.unary();
    if (this.t() !== Token.POW) return left;
    const opPos = this.byte(this.pos);
    this.advance();
    this.enter();
    const right = this.power();
    this.depth--;
    return { kind: 'binary', op: '^', opPos, left, right };
  }

  private unary(): Expr {
    if (this.t() === Token.NOT || this.t() === Token.SUB) {
      const op = tokenName(this.tok);
      const opPos = this.byte(this.pos);
      this.advance();
      this.enter();
      const value = this.unary();
      this.depth--;
      return { kind: 'unary', op, opPos, value };
    }
    let e = this.primary();
    for (;;) {
      switch (this.tok) {
        case Token.DOT: {
          const dotPos = this.expect(Token.DOT);
          e = { kind: 'access', value: e, dotPos, name: this.ident() };
          break;
        }
        case Token.LBRACK: {
          const lbrack = this.expect(Token.LBRACK);
          const index = this.expression();
          e = { kind: 'index', value: e, index, lbrack, rbrack: this.expect(Token.RBRACK) };
          break;
        }
        case Token.LPAREN: {
          const lparen = this.expect(Token.LPAREN);
          const args = this.t() === Token.RPAREN ? [] : this.list(Token.RPAREN);
          e = { kind: 'call', value: e, args, lparen, rparen: this.expect(Token.RPAREN) };
          break;
        }
        default:
          return e;
      }
    }
  }

  private primary(): Expr {
    const tok = this.tok;
    if (tok === Token.IDENT) return { kind: 'ident', ident: this.ident() };
    const literal = LITERALS[tok];
    if (literal) {
      const e: Expr = {
        kind: 'literal',
        tok: literal,
        value: this.text.slice(this.pos, this.end),
        pos: this.byte(this.pos),
      };
      this.advance();
      return e;
    }
    switch (tok) {
      case Token.LPAREN: {
        const lparen = this.expect(Token.LPAREN);
        const inner = this.expression();
        return { kind: 'paren', inner, lparen, rparen: this.expect(Token.RPAREN) };
      }
      case Token.LBRACK: {
        const lbrack = this.expect(Token.LBRACK);
        const elements = this.t() === Token.RBRACK ? [] : this.list(Token.RBRACK);
        return { kind: 'array', elements, lbrack, rbrack: this.expect(Token.RBRACK) };
      }
      case Token.LCURLY: {
        const lcurly = this.expect(Token.LCURLY);
        const fields = this.fields();
        return { kind: 'object', fields, lcurly, rcurly: this.expect(Token.RCURLY) };
      }
    }
    this.fail();
  }

  private list(until: Token): Expr[] {
    const out: Expr[] = [];
    while (this.t() !== until && this.t() !== Token.EOF) {
      out.push(this.expression());
      if (this.t() === until) break;
      if (this.t() !== Token.COMMA) this.fail();
      this.advance();
    }
    return out;
  }

  private fields(): ObjectField[] {
    const out: ObjectField[] = [];
    while (this.t() !== Token.RCURLY && this.t() !== Token.EOF) {
      if (this.t() !== Token.STRING && this.t() !== Token.IDENT) this.fail();
      const keyText = this.tok === Token.IDENT ? this.lit : this.text.slice(this.pos, this.end);
      const pos = this.byte(this.pos);
      const quoted = this.tok === Token.STRING && keyText.length > 2;
      this.advance();
      const eqPos = this.expect(Token.ASSIGN);
      const value = this.expression();
      out.push({ name: { name: quoted ? keyText.slice(1, -1) : keyText, pos }, quoted, keyText, eqPos, value });
      if (this.t() === Token.RCURLY) break;
      if (this.t() !== Token.COMMA) this.fail();
      this.advance();
    }
    return out;
  }
}

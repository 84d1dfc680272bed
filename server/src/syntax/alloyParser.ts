/**
 * A port of the error behaviour of Alloy's recursive-descent parser
 * (grafana/alloy `syntax/parser/internal.go` and `parser.go`, Apache-2.0; the
 * corpus this is checked against was classified at commit
 * 66ebea856dffb242f921775e9552a133f60dc5c1). It builds no syntax tree: it
 * follows the same grammar, the same recovery (skip to the next statement,
 * the next identifier, the end of the line) and the same rule of one parser
 * error per line, and yields the diagnostics Alloy's `parser.ParseFile`
 * returns, in its order.
 *
 * It runs over a region: it starts at the start of a top-level statement
 * (where Alloy's parser is at the top level with no terminator pending) and
 * stops when `stopAt(offset)` says so at the start of a later top-level
 * statement, i.e. once it is back at the top level where the parse is known
 * to agree with an error-free tree.
 */
import { Scanner, Token, binaryPrecedence, isValidIdentifier, tokenName } from './alloyScanner';
import { goQuoteBytes, utf8 } from './goText';

/** One diagnostic: [start, end) in UTF-16 offsets of the text; Alloy reports `start`. */
export interface AlloyError {
  start: number;
  end: number;
  message: string;
}

export interface RegionResult {
  errors: AlloyError[];
  /** Where the parse stopped: the start of the statement `stopAt` accepted, or the end of the text. */
  stop: number;
  /** The offsets `stopAt` was asked about (the last one accepted unless the parse reached the end). */
  asked: number[];
  /** Everything the result depends on is in text[start, read). */
  read: number;
}

/** Nesting deeper than this is not followed (the recursion would exhaust the stack); Alloy's would. */
export const MAX_NESTING = 1000;

class TooDeep extends Error {}

const STATEMENT_END = new Set([Token.TERMINATOR, Token.RPAREN, Token.RCURLY, Token.RBRACK, Token.COMMA]);

class Parser {
  readonly errors: AlloyError[] = [];
  private readonly scanner: Scanner;
  private pos = 0;
  private tok = Token.EOF;
  private lit = '';
  private end = 0;
  private lastErrorLine = -1;
  private depth = 0;

  constructor(
    private readonly src: string,
    start: number,
  ) {
    this.scanner = new Scanner(src, start, (offset, message) => this.scannerError(offset, message));
    this.next();
  }

  get read(): number {
    return this.scanner.maxRead;
  }

  private scannerError(offset: number, message: string): void {
    const cp = this.src.codePointAt(offset);
    const width = cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
    this.errors.push({ start: offset, end: Math.min(this.src.length, offset + Math.max(width, 1)), message });
  }

  /** The current token (a method, so that TypeScript does not narrow it across calls that advance). */
  private t(): Token {
    return this.tok;
  }

  private next(): void {
    do {
      [this.pos, this.tok, this.lit, this.end] = this.scanner.scan();
    } while (this.t() === Token.COMMENT);
  }

  private advance(to: Token): void {
    while (this.t() !== Token.EOF) {
      if (this.t() === to) return;
      this.next();
    }
  }

  private advanceAny(to: Set<Token>): void {
    while (this.t() !== Token.EOF) {
      if (to.has(this.tok)) return;
      this.next();
    }
  }

  private expect(t: Token): [number, Token, number] {
    const pos = this.pos;
    const tok = this.tok;
    const end = this.end;
    if (tok !== t) this.addError(`expected ${tokenName(t)}, got ${tokenName(tok)}`);
    this.next();
    return [pos, tok, end];
  }

  private addError(message: string): void {
    const line = this.scanner.lineOf(this.pos);
    if (this.lastErrorLine === line) return;
    this.lastErrorLine = line;
    const end = this.tok === Token.TERMINATOR || this.tok === Token.EOF ? this.pos : this.end;
    this.errors.push({ start: this.pos, end, message });
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) throw new TooDeep();
  }

  /** The top level (`File = Body`), stopping where `stopAt` accepts the start of a statement. */
  parseFile(stopAt: (offset: number) => boolean, asked: number[]): number {
    let first = true;
    while (this.t() !== Token.EOF) {
      if (!first) {
        asked.push(this.pos);
        if (stopAt(this.pos)) return this.pos;
      }
      first = false;
      this.parseStatement();
      if (this.t() === Token.EOF) break;
      if (this.t() !== Token.TERMINATOR) {
        this.addError(`expected ${tokenName(Token.TERMINATOR)}, got ${tokenName(this.tok)}`);
        this.consumeStatement();
      }
      this.next();
    }
    return this.src.length;
  }

  private parseBody(until: Token): void {
    this.enter();
    while (this.t() !== until && this.t() !== Token.EOF) {
      this.parseStatement();
      if (this.t() === until) break;
      if (this.t() !== Token.TERMINATOR) {
        this.addError(`expected ${tokenName(Token.TERMINATOR)}, got ${tokenName(this.tok)}`);
        this.consumeStatement();
      }
      this.next();
    }
    this.depth--;
  }

  private consumeStatement(): void {
    let curly = 0;
    let brack = 0;
    let paren = 0;
    while (this.t() !== Token.EOF) {
      switch (this.tok) {
        case Token.LCURLY:
          curly++;
          break;
        case Token.RCURLY:
          curly--;
          break;
        case Token.LBRACK:
          brack++;
          break;
        case Token.RBRACK:
          brack--;
          break;
        case Token.LPAREN:
          paren++;
          break;
        case Token.RPAREN:
          paren--;
          break;
      }
      if (this.t() === Token.TERMINATOR && curly <= 0 && brack <= 0 && paren <= 0) return;
      this.next();
    }
  }

  private parseStatement(): void {
    const name = this.parseBlockName();
    if (!name) {
      this.advance(Token.IDENT);
      return;
    }
    switch (this.tok) {
      case Token.ASSIGN:
        this.next();
        if (name.fragments > 1) {
          this.errors.push({
            start: name.start,
            end: name.nameEnd,
            message: 'attribute names may only consist of a single identifier with no "."',
          });
        } else if (name.labelPos >= 0) {
          this.errors.push({
            start: name.labelPos,
            end: name.labelEnd,
            message: 'attribute names may not have labels',
          });
        }
        this.parseExpression();
        return;
      case Token.LCURLY:
        this.expect(Token.LCURLY);
        this.parseBody(Token.RCURLY);
        this.expect(Token.RCURLY);
        return;
      default:
        if (name.fragments === 1 && !name.hasLabel) {
          this.addError(`expected attribute assignment or block body, got ${tokenName(this.tok)}`);
        } else {
          this.addError(`expected block body, got ${tokenName(this.tok)}`);
        }
        this.advance(Token.IDENT);
    }
  }

  private parseBlockName():
    | { fragments: number; start: number; nameEnd: number; hasLabel: boolean; labelPos: number; labelEnd: number }
    | undefined {
    if (this.t() !== Token.IDENT) {
      this.addError(`expected identifier, got ${tokenName(this.tok)}`);
      return undefined;
    }
    const start = this.pos;
    let nameEnd = this.end;
    let fragments = 1;
    this.next();
    while (this.t() === Token.DOT) {
      this.next();
      if (this.t() !== Token.IDENT) this.addError(`expected identifier, got ${tokenName(this.tok)}`);
      fragments++;
      nameEnd = this.end;
      this.next();
    }
    let hasLabel = false;
    let labelPos = -1;
    let labelEnd = -1;
    if (this.t() !== Token.ASSIGN && this.t() !== Token.LCURLY) {
      if (this.t() === Token.STRING) {
        if (this.lit[0] !== '"') {
          this.addError(`expected block label to be a double quoted string, but got ${goQuoteBytes(utf8(this.lit))}`);
        }
        const bytes = utf8(this.lit);
        if (bytes.length > 2) {
          const label = bytes.subarray(1, bytes.length - 1);
          hasLabel = true;
          if (!isValidIdentifier(decodeExact(label))) {
            this.addError(`expected block label to be a valid identifier, but got ${goQuoteBytes(label)}`);
          }
        }
        labelPos = this.pos;
        labelEnd = this.end;
      } else {
        this.addError(`expected block label, got ${tokenName(this.tok)}`);
      }
      this.next();
    }
    return { fragments, start, nameEnd, hasLabel, labelPos, labelEnd };
  }

  parseExpression(): void {
    this.enter();
    this.parseBinOp(1);
    this.depth--;
  }

  private parseBinOp(inPrec: number): void {
    this.parsePowExpr();
    for (;;) {
      const prec = binaryPrecedence(this.tok);
      if (prec < inPrec) return;
      this.next();
      this.parseBinOp(prec + 1);
    }
  }

  private parsePowExpr(): void {
    this.parseUnaryExpr();
    // `a ^ b ^ c` is right-associative; the recursion of the original is a loop here.
    while (this.t() === Token.POW) {
      this.next();
      this.parseUnaryExpr();
    }
  }

  private parseUnaryExpr(): void {
    // Unary operators nest (`!!x`); the recursion of the original is a loop here.
    while (this.t() === Token.NOT || this.t() === Token.SUB) this.next();
    const start = this.parsePrimaryExpr();
    for (;;) {
      switch (this.tok) {
        case Token.DOT:
          this.next();
          this.expect(Token.IDENT);
          break;
        case Token.LBRACK:
          this.expect(Token.LBRACK);
          this.parseExpression();
          this.expect(Token.RBRACK);
          break;
        case Token.LPAREN:
          this.expect(Token.LPAREN);
          if (this.t() !== Token.RPAREN) this.parseExpressionList(Token.RPAREN);
          this.expect(Token.RPAREN);
          break;
        case Token.STRING:
        case Token.LCURLY: {
          // Someone assigning a block to an attribute: parse the rest as a block to say so.
          if (this.t() === Token.STRING) this.next();
          if (this.expect(Token.LCURLY)[1] !== Token.LCURLY) {
            this.consumeStatement();
            return;
          }
          this.parseBody(Token.RCURLY);
          const [, tok, end] = this.expect(Token.RCURLY);
          if (tok !== Token.RCURLY) {
            this.consumeStatement();
            return;
          }
          this.errors.push({ start, end, message: 'cannot use a block as an expression' });
          break;
        }
        default:
          return;
      }
    }
  }

  /** Returns the expression's start offset. */
  private parsePrimaryExpr(): number {
    const start = this.pos;
    switch (this.tok) {
      case Token.IDENT:
      case Token.STRING:
      case Token.NUMBER:
      case Token.FLOAT:
      case Token.BOOL:
      case Token.NULL:
        this.next();
        return start;
      case Token.LPAREN:
        this.expect(Token.LPAREN);
        this.parseExpression();
        this.expect(Token.RPAREN);
        return start;
      case Token.LBRACK:
        this.expect(Token.LBRACK);
        if (this.t() !== Token.RBRACK) this.parseExpressionList(Token.RBRACK);
        this.expect(Token.RBRACK);
        return start;
      case Token.LCURLY:
        this.expect(Token.LCURLY);
        // Alloy compares with ']' here (not '}'): an empty object still parses, as the field list stops at '}'.
        if (this.t() !== Token.RBRACK) this.parseFieldList(Token.RCURLY);
        this.expect(Token.RCURLY);
        return start;
    }
    this.addError(`expected expression, got ${tokenName(this.tok)}`);
    this.advanceAny(STATEMENT_END);
    return start;
  }

  private parseExpressionList(until: Token): void {
    while (this.t() !== until && this.t() !== Token.EOF) {
      this.parseExpression();
      if (this.t() === until) break;
      if (this.t() !== Token.COMMA) this.addError("missing ',' in expression list");
      this.next();
    }
  }

  private parseFieldList(until: Token): void {
    while (this.t() !== until && this.t() !== Token.EOF) {
      this.parseField();
      if (this.t() === until) break;
      if (this.t() !== Token.COMMA) this.addError("missing ',' in field list");
      this.next();
    }
  }

  private parseField(): void {
    if (this.t() === Token.STRING || this.t() === Token.IDENT) {
      this.next();
    } else {
      this.addError(`expected field name (string or identifier), got ${tokenName(this.tok)}`);
      this.advance(Token.ASSIGN);
    }
    this.expect(Token.ASSIGN);
    this.parseExpression();
  }
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as a string, or a string that is no identifier when they are not valid UTF-8. */
function decodeExact(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return '\ufffd';
  }
}

/**
 * Alloy's diagnostics for text[start..] read as a sequence of top-level
 * statements, until `stopAt` accepts the start of a statement after the first
 * (or the end of the text).
 */
export function parseRegion(text: string, start: number, stopAt: (offset: number) => boolean): RegionResult {
  const parser = new Parser(text, start);
  const asked: number[] = [];
  let stop: number;
  try {
    stop = parser.parseFile(stopAt, asked);
  } catch (e) {
    // Nesting this deep (Alloy's Go stack follows it; ours would overflow): what was found so far
    // stands, the rest is not checked, and no error is made up for it.
    if (!(e instanceof TooDeep || e instanceof RangeError)) throw e;
    stop = text.length;
  }
  return { errors: parser.errors, stop, asked, read: stop === text.length ? text.length : parser.read };
}

/** Alloy's diagnostics for a whole text (`parser.ParseFile`). */
export function parseAlloy(text: string): AlloyError[] {
  return parseRegion(text, 0, () => false).errors;
}

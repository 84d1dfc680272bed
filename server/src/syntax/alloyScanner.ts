/**
 * A port of Alloy's hand-written scanner (grafana/alloy `syntax/scanner/scanner.go`
 * and `syntax/token/token.go`, Apache-2.0; the corpus this is checked against
 * was classified at commit 66ebea856dffb242f921775e9552a133f60dc5c1), kept
 * close to the original so that its errors (messages, positions, the
 * terminators it inserts at line ends) are Alloy's.
 *
 * Differences, none visible in the errors: it reads a JavaScript string
 * (offsets are UTF-16 code units, not bytes; a lone surrogate reads as
 * U+FFFD, as it is written to a file; there is no invalid UTF-8), it can start anywhere in the text (at the start of a
 * top-level statement, with no terminator pending), and it returns no
 * literal text for comments.
 */
import { goCharU } from './goText';

export enum Token {
  ILLEGAL,
  LITERAL,
  EOF,
  COMMENT,
  IDENT,
  NUMBER,
  FLOAT,
  STRING,
  BOOL,
  NULL,
  OR,
  AND,
  NOT,
  ASSIGN,
  EQ,
  NEQ,
  LT,
  LTE,
  GT,
  GTE,
  ADD,
  SUB,
  MUL,
  DIV,
  MOD,
  POW,
  LCURLY,
  RCURLY,
  LPAREN,
  RPAREN,
  LBRACK,
  RBRACK,
  COMMA,
  DOT,
  TERMINATOR,
}

const NAMES: Record<Token, string> = {
  [Token.ILLEGAL]: 'ILLEGAL',
  [Token.LITERAL]: 'LITERAL',
  [Token.EOF]: 'EOF',
  [Token.COMMENT]: 'COMMENT',
  [Token.IDENT]: 'IDENT',
  [Token.NUMBER]: 'NUMBER',
  [Token.FLOAT]: 'FLOAT',
  [Token.STRING]: 'STRING',
  [Token.BOOL]: 'BOOL',
  [Token.NULL]: 'NULL',
  [Token.OR]: '||',
  [Token.AND]: '&&',
  [Token.NOT]: '!',
  [Token.ASSIGN]: '=',
  [Token.EQ]: '==',
  [Token.NEQ]: '!=',
  [Token.LT]: '<',
  [Token.LTE]: '<=',
  [Token.GT]: '>',
  [Token.GTE]: '>=',
  [Token.ADD]: '+',
  [Token.SUB]: '-',
  [Token.MUL]: '*',
  [Token.DIV]: '/',
  [Token.MOD]: '%',
  [Token.POW]: '^',
  [Token.LCURLY]: '{',
  [Token.RCURLY]: '}',
  [Token.LPAREN]: '(',
  [Token.RPAREN]: ')',
  [Token.LBRACK]: '[',
  [Token.RBRACK]: ']',
  [Token.COMMA]: ',',
  [Token.DOT]: '.',
  [Token.TERMINATOR]: 'TERMINATOR',
};

/** The token's name as Alloy's messages print it (`IDENT`, `}`, `TERMINATOR`, ...). */
export function tokenName(t: Token): string {
  return NAMES[t];
}

/** token.BinaryPrecedence. */
export function binaryPrecedence(t: Token): number {
  switch (t) {
    case Token.OR:
      return 1;
    case Token.AND:
      return 2;
    case Token.EQ:
    case Token.NEQ:
    case Token.LT:
    case Token.LTE:
    case Token.GT:
    case Token.GTE:
      return 3;
    case Token.ADD:
    case Token.SUB:
      return 4;
    case Token.MUL:
    case Token.DIV:
    case Token.MOD:
      return 5;
    case Token.POW:
      return 6;
    default:
      return 0;
  }
}

const BOM = 0xfeff;
const EOF = -1;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

function isLetter(ch: number): boolean {
  return (
    (ch >= 0x61 && ch <= 0x7a) ||
    (ch >= 0x41 && ch <= 0x5a) ||
    ch === 0x5f ||
    (ch >= 0x80 && LETTER.test(String.fromCodePoint(ch)))
  );
}
function isDecimal(ch: number): boolean {
  return ch >= 0x30 && ch <= 0x39;
}
function isDigit(ch: number): boolean {
  return isDecimal(ch) || (ch >= 0x80 && DIGIT.test(String.fromCodePoint(ch)));
}
function lower(ch: number): number {
  return ch | 0x20;
}
function digitVal(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30;
  if (ch >= 0 && lower(ch) >= 0x61 && lower(ch) <= 0x66) return lower(ch) - 0x61 + 10;
  return 16;
}

/** scanner.IsValidIdentifier: the whole string scans as one IDENT (so not `true`, `false`, `null`). */
export function isValidIdentifier(s: string): boolean {
  if (s === 'true' || s === 'false' || s === 'null') return false;
  let i = 0;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (cp >= 0xd800 && cp < 0xe000) return false;
    if (!(isLetter(cp) || (i > 0 && isDigit(cp)))) return false;
    i++;
  }
  return i > 0;
}

export type ErrorHandler = (offset: number, message: string) => void;

export class Scanner {
  private ch = EOF;
  private offset: number;
  private readOffset: number;
  private insertTerm = false;
  /** Offsets where lines start (token.File.AddLine): the first is the start offset. */
  private readonly lines: number[];
  /** The furthest offset the scanner has looked at (exclusive). */
  maxRead: number;

  constructor(
    private readonly src: string,
    start: number,
    private readonly onError: ErrorHandler,
  ) {
    this.offset = start;
    this.readOffset = start;
    this.maxRead = start;
    this.lines = [start];
    this.next();
    if (this.c() === BOM && this.offset === 0) this.next();
  }

  /** The line (counted from the start offset's line) of an offset the scanner has passed. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lines[mid] > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo - 1;
  }

  private addLine(offset: number): void {
    if (this.lines[this.lines.length - 1] < offset) this.lines.push(offset);
  }

  /** The current character (a method, so that TypeScript does not narrow it across calls that advance). */
  private c(): number {
    return this.ch;
  }

  private peek(): number {
    if (this.readOffset < this.src.length) {
      this.maxRead = Math.max(this.maxRead, this.readOffset + 1);
      return this.src.charCodeAt(this.readOffset);
    }
    return 0;
  }

  private next(): void {
    const src = this.src;
    if (this.readOffset >= src.length) {
      this.offset = src.length;
      if (this.c() === 0x0a) this.addLine(this.offset);
      this.ch = EOF;
      this.maxRead = src.length;
      return;
    }
    this.offset = this.readOffset;
    if (this.c() === 0x0a) this.addLine(this.offset);
    let r = src.charCodeAt(this.readOffset);
    let width = 1;
    if (r === 0) {
      this.onError(this.offset, 'illegal character NUL');
    } else if (r >= 0x80) {
      if (r >= 0xd800 && r < 0xdc00 && this.readOffset + 1 < src.length) {
        const lo = src.charCodeAt(this.readOffset + 1);
        if (lo >= 0xdc00 && lo < 0xe000) {
          r = 0x10000 + ((r - 0xd800) << 10) + (lo - 0xdc00);
          width = 2;
        }
      }
      if (r >= 0xd800 && r < 0xe000) {
        // A lone surrogate: written to a file, it becomes U+FFFD (which Alloy reads as a character).
        r = 0xfffd;
      } else if (r === BOM && this.offset > 0) {
        this.onError(this.offset, 'illegal byte order mark');
      }
    }
    this.readOffset += width;
    if (this.readOffset > this.maxRead) this.maxRead = this.readOffset;
    this.ch = r;
  }

  /** Scans the next token: [start offset, token, literal (strings and identifiers only), end offset]. */
  scan(): [number, Token, string, number] {
    for (;;) {
      this.skipWhitespace();
      const pos = this.offset;
      let insertTerm = false;
      let tok: Token;
      let lit = '';
      const ch = this.ch;
      if (isLetter(ch)) {
        lit = this.scanIdentifier();
        if (lit.length > 1) {
          tok = lit === 'true' || lit === 'false' ? Token.BOOL : lit === 'null' ? Token.NULL : Token.IDENT;
          insertTerm = true;
        } else {
          insertTerm = true;
          tok = Token.IDENT;
        }
      } else if (isDecimal(ch) || (ch === 0x2e && isDecimal(this.peek()))) {
        insertTerm = true;
        tok = this.scanNumber();
      } else {
        this.next();
        switch (ch) {
          case EOF:
            if (this.insertTerm) {
              this.insertTerm = false;
              return [pos, Token.TERMINATOR, '', pos];
            }
            tok = Token.EOF;
            break;
          case 0x0a:
            this.insertTerm = false;
            return [pos, Token.TERMINATOR, '', pos + 1];
          case 0x27: // '
            this.onError(pos, 'illegal single-quoted string; use double quotes');
            insertTerm = true;
            tok = Token.ILLEGAL;
            lit = this.scanString(0x27, true, false);
            break;
          case 0x22: // "
            insertTerm = true;
            tok = Token.STRING;
            lit = this.scanString(0x22, true, false);
            break;
          case 0x60: // `
            insertTerm = true;
            tok = Token.STRING;
            lit = this.scanString(0x60, false, true);
            break;
          case 0x7c: // |
            if (this.c() !== 0x7c) this.onError(this.offset, 'missing second | in ||');
            else this.next();
            tok = Token.OR;
            break;
          case 0x26: // &
            if (this.c() !== 0x26) this.onError(this.offset, 'missing second & in &&');
            else this.next();
            tok = Token.AND;
            break;
          case 0x21:
            tok = this.switch2(Token.NOT, Token.NEQ);
            break;
          case 0x3d:
            tok = this.switch2(Token.ASSIGN, Token.EQ);
            break;
          case 0x3c:
            tok = this.switch2(Token.LT, Token.LTE);
            break;
          case 0x3e:
            tok = this.switch2(Token.GT, Token.GTE);
            break;
          case 0x2b:
            tok = Token.ADD;
            break;
          case 0x2d:
            tok = Token.SUB;
            break;
          case 0x2a:
            tok = Token.MUL;
            break;
          case 0x2f: // /
            if (this.c() === 0x2f || this.c() === 0x2a) {
              if (this.insertTerm && this.findLineEnd()) {
                this.ch = 0x2f;
                this.offset = pos;
                this.readOffset = pos + 1;
                this.insertTerm = false;
                return [pos, Token.TERMINATOR, '', pos];
              }
              this.scanComment();
              tok = Token.COMMENT;
            } else {
              tok = Token.DIV;
            }
            break;
          case 0x25:
            tok = Token.MOD;
            break;
          case 0x5e:
            tok = Token.POW;
            break;
          case 0x7b:
            tok = Token.LCURLY;
            break;
          case 0x7d:
            insertTerm = true;
            tok = Token.RCURLY;
            break;
          case 0x28:
            tok = Token.LPAREN;
            break;
          case 0x29:
            insertTerm = true;
            tok = Token.RPAREN;
            break;
          case 0x5b:
            tok = Token.LBRACK;
            break;
          case 0x5d:
            insertTerm = true;
            tok = Token.RBRACK;
            break;
          case 0x2c:
            tok = Token.COMMA;
            break;
          case 0x2e:
            tok = Token.DOT;
            break;
          default:
            if (ch !== BOM) this.onError(pos, `illegal character ${goCharU(ch)}`);
            insertTerm = this.insertTerm;
            tok = Token.ILLEGAL;
            lit = String.fromCodePoint(ch);
        }
      }
      this.insertTerm = insertTerm;
      return [pos, tok, lit, this.offset];
    }
  }

  private skipWhitespace(): void {
    while (this.c() === 0x20 || this.c() === 0x09 || this.c() === 0x0d || (this.c() === 0x0a && !this.insertTerm)) {
      this.next();
    }
  }

  private scanIdentifier(): string {
    const off = this.offset;
    while (isLetter(this.ch) || isDigit(this.ch)) this.next();
    return this.src.slice(off, this.offset);
  }

  private scanNumber(): Token {
    let tok = Token.NUMBER;
    const off = this.offset;
    if (this.c() !== 0x2e) this.digits();
    if (this.c() === 0x2e) {
      tok = Token.FLOAT;
      this.next();
      this.digits();
    }
    if (lower(this.ch) === 0x65) {
      tok = Token.FLOAT;
      this.next();
      if (this.c() === 0x2b || this.c() === 0x2d) this.next();
      if (this.digits() === 0) this.onError(off, 'exponent has no digits');
    }
    return tok;
  }

  private digits(): number {
    let count = 0;
    while (isDecimal(this.ch)) {
      this.next();
      count++;
    }
    return count;
  }

  private scanString(until: number, escape: boolean, multiline: boolean): string {
    const off = this.offset - 1;
    for (;;) {
      const ch = this.ch;
      if ((!multiline && ch === 0x0a) || ch === EOF) {
        this.onError(off, 'string literal not terminated');
        break;
      }
      this.next();
      if (ch === until) break;
      if (escape && ch === 0x5c) this.scanEscape();
    }
    return this.src.slice(off, this.offset);
  }

  private scanEscape(): void {
    const off = this.offset;
    let n: number;
    let base: number;
    let max: number;
    switch (this.ch) {
      case 0x61: // a b f n r t v \ "
      case 0x62:
      case 0x66:
      case 0x6e:
      case 0x72:
      case 0x74:
      case 0x76:
      case 0x5c:
      case 0x22:
        this.next();
        return;
      case 0x30:
      case 0x31:
      case 0x32:
      case 0x33:
      case 0x34:
      case 0x35:
      case 0x36:
      case 0x37:
        [n, base, max] = [3, 8, 255];
        break;
      case 0x78: // x
        this.next();
        [n, base, max] = [2, 16, 255];
        break;
      case 0x75: // u
        this.next();
        [n, base, max] = [4, 16, 0x10ffff];
        break;
      case 0x55: // U
        this.next();
        [n, base, max] = [8, 16, 0x10ffff];
        break;
      default:
        this.onError(off, this.c() === EOF ? 'escape sequence not terminated' : 'unknown escape sequence');
        return;
    }
    let x = 0;
    for (; n > 0; n--) {
      const d = digitVal(this.ch);
      if (d >= base) {
        this.onError(
          off,
          this.c() === EOF
            ? 'escape sequence not terminated'
            : `illegal character ${goCharU(this.ch)} in escape sequence`,
        );
        return;
      }
      x = x * base + d;
      this.next();
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) this.onError(off, 'escape sequence is invalid Unicode code point');
  }

  private scanComment(): void {
    const off = this.offset - 1;
    if (this.c() === 0x2f) {
      this.next();
      while (this.c() !== 0x0a && this.c() !== EOF) this.next();
      return;
    }
    this.next();
    while (this.c() !== EOF) {
      const ch = this.ch;
      this.next();
      if (ch === 0x2a && this.c() === 0x2f) {
        this.next();
        return;
      }
    }
    this.onError(off, 'block comment not terminated');
  }

  /** Whether the comment(s) starting at the '/' just consumed run to the end of the line. */
  private findLineEnd(): boolean {
    const off = this.offset - 1;
    try {
      while (this.c() === 0x2f || this.c() === 0x2a) {
        if (this.c() === 0x2f) return true;
        this.next();
        while (this.c() !== EOF) {
          const ch = this.ch;
          if (ch === 0x0a) return true;
          this.next();
          if (ch === 0x2a && this.c() === 0x2f) {
            this.next();
            break;
          }
        }
        this.skipWhitespace();
        if (this.c() === EOF || this.c() === 0x0a) return true;
        if (this.c() !== 0x2f) return false;
        this.next();
      }
      return false;
    } finally {
      this.ch = 0x2f;
      this.offset = off;
      this.readOffset = off + 1;
      this.next();
    }
  }

  private switch2(a: Token, b: Token): Token {
    if (this.c() === 0x3d) {
      this.next();
      return b;
    }
    return a;
  }
}

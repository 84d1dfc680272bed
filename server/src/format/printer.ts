/**
 * The layout engine: a re-implementation of the algorithm of Alloy's printer
 * (grafana/alloy `syntax/printer`). A walker visits the syntax tree and sends
 * tokens, positions and abstract whitespace to a printer; the printer places
 * comments, indentation and line breaks, and emits text with tab-separated
 * cells that an elastic-tabstop writer then aligns (see tabwriter.ts).
 *
 * Layout decisions depend on the printer's running estimate of where it is
 * in the source, so that estimate is kept exactly as Alloy keeps it (byte
 * offsets and lines), including for tokens that carry no position of their
 * own.
 */
import { Comment, Expr, ObjectField, StatementReader, Stmt, endPos, identEnd, startPos } from './ast';
import { goQuote } from './quote';
import { Position, SourceMap, utf8Length } from './source';

/** Abstract whitespace (Alloy's `whitespace` values). */
const enum WS {
  Ignore = 0,
  Blank = 1,
  VTab = 2,
  Newline = 3,
  Formfeed = 4,
  Indent = 5,
  Unindent = 6,
}

const WS_CHAR: Record<number, string> = {
  [WS.Blank]: ' ',
  [WS.VTab]: '\v',
  [WS.Newline]: '\n',
  [WS.Formfeed]: '\f',
};

/** Token kinds the printer needs to tell apart. */
type Tok = 'LITERAL' | 'IDENT' | 'NUMBER' | 'FLOAT' | 'STRING' | 'BOOL' | 'NULL' | 'EOF' | 'DIV' | 'OTHER';

type Arg =
  | { t: 'ws'; ws: WS }
  | { t: 'pos'; pos: number }
  | { t: 'ident'; name: string; real?: number }
  | { t: 'literal'; tok: Tok; value: string }
  | { t: 'token'; text: string; real?: number };

// Arguments are only read, so the ones without a position of their own are made once.
const WS_ARGS: Arg[] = [0, 1, 2, 3, 4, 5, 6].map((w) => ({ t: 'ws', ws: w }));
const ws = (w: WS): Arg => WS_ARGS[w];
const PLAIN_TOKENS = new Map<string, Arg>();
const at = (pos: number): Arg => ({ t: 'pos', pos });
/**
 * A token Alloy writes without a position. `real` is where it is in the
 * source; it is only used when Alloy would print a comment that precedes
 * the token after it (see Printer.write).
 */
const tok = (text: string, real?: number): Arg => {
  if (real !== undefined) return { t: 'token', text, real };
  let arg = PLAIN_TOKENS.get(text);
  if (!arg) PLAIN_TOKENS.set(text, (arg = { t: 'token', text, real }));
  return arg;
};
const ident = (name: string, real?: number): Arg => ({ t: 'ident', name, real });

/** A copy of a position (spelled out: a spread is several times slower here). */
function copyPosition(p: Position): Position {
  return { offset: p.offset, line: p.line, column: p.column };
}

const MAX_WHITESPACE = 16;
const MAX_NEWLINES = 2;

/** Where the printer's text goes (the aligner, see tabwriter.ts). */
export interface Sink {
  /** Plain text, or escaped text the aligner must not split (comments, literals). */
  write(text: string, escaped: boolean): void;
  /** `n` tabs of indentation (the same as writing them, without a cell per tab). */
  indent(n: number): void;
}

function newlineLimit(n: number): number {
  return n > MAX_NEWLINES ? MAX_NEWLINES : n;
}

const EOF_POSITION: Position = {
  offset: Number.MAX_SAFE_INTEGER,
  line: Number.MAX_SAFE_INTEGER,
  column: Number.MAX_SAFE_INTEGER,
};

class Printer {
  private outputLength = 0;
  private indent = 0;
  private lastTok: Tok = 'LITERAL';
  private whitespace: WS[] = [];

  private readonly groups: Comment[][];
  private groupIdx = 0;
  private cur: Comment[] = [];
  /** Start offset of the next comment group, or -1 when there is none. */
  private commentPos = -1;

  private pos: Position = { offset: 0, line: 1, column: 1 };
  /** Last position written through writeString (line 0 = nothing written yet). */
  private last: Position = { offset: 0, line: 0, column: 0 };
  private out = { line: 1, column: 1 };
  /** Filled in with the output line of the next token written (see mark). */
  private pendingMark: { line: number } | undefined;

  /** `comments` may grow while printing (see FileReader); it always holds the groups before the next token. */
  constructor(
    private readonly src: SourceMap,
    comments: Comment[][],
    private readonly sink: Sink,
  ) {
    this.groups = comments;
    this.nextComment();
  }

  private nextComment(): void {
    while (this.groupIdx < this.groups.length) {
      const g = this.groups[this.groupIdx++];
      if (g.length > 0) {
        this.cur = g;
        this.commentPos = g[0].pos;
        return;
      }
    }
    this.commentPos = -1;
  }

  /**
   * True if the next comment goes before a token at `next`. With `strict`,
   * a comment starting exactly at `next` (glued to the previous token) does not.
   */
  /** Has the output line on which the next token is written recorded in `mark`. */
  markNext(mark: { line: number }): void {
    this.pendingMark = mark;
  }

  /** The output line on which the last token written ends. */
  get outputLine(): number {
    return this.out.line;
  }

  private commentBefore(next: Position, strict = false): boolean {
    if (this.commentPos === -1 && this.groupIdx < this.groups.length) this.nextComment();
    return this.commentPos !== -1 && (strict ? this.commentPos < next.offset : this.commentPos <= next.offset);
  }

  private append(text: string, escaped: boolean): void {
    if (text.length === 0) return;
    this.sink.write(text, escaped);
    this.outputLength += text.length;
  }

  write(...args: Arg[]): void {
    this.writeAll(args);
  }

  writeAll(args: readonly Arg[]): void {
    for (let k = 0; k < args.length; k++) {
      const arg = args[k];
      let data: string;
      let literal = false;
      switch (arg.t) {
        case 'ws':
          if (arg.ws === WS.Ignore) continue;
          if (this.whitespace.length === MAX_WHITESPACE) this.writeWhitespace(this.whitespace.length);
          this.whitespace.push(arg.ws);
          this.lastTok = 'LITERAL';
          continue;
        case 'pos':
          if (arg.pos >= 0) this.pos = this.src.position(arg.pos);
          continue;
        case 'ident':
          data = arg.name;
          this.lastTok = 'IDENT';
          break;
        case 'literal':
          data = arg.value;
          literal = true;
          this.lastTok = arg.tok;
          break;
        case 'token':
          data = arg.text;
          // Keep tokens apart that would otherwise scan as one (`1.` or `/*`).
          if ((this.lastTok === 'NUMBER' && data[0] === '.') || (this.lastTok === 'DIV' && data[0] === '*')) {
            this.whitespace = [WS.Blank];
          }
          this.lastTok = data === '/' ? 'DIV' : 'OTHER';
          break;
      }
      // Alloy takes the position of a token written without one from the
      // text written so far. When a comment lies between that estimate and
      // the token's real position, Alloy prints the comment after the token
      // (moving it past code), and when it starts right at the estimate the
      // comment's line breaks are counted from the wrong line. Here the real
      // position is used whenever a comment precedes the token, so the
      // comment stays in front of it with the line breaks of the source.
      const real = arg.t === 'token' || arg.t === 'ident' ? arg.real : undefined;
      if (real !== undefined && this.commentPos !== -1 && this.commentPos < real) {
        this.pos = this.src.position(real);
      }
      const next = copyPosition(this.pos);
      // Alloy puts a comment glued to the end of an element (`a/*c*/, b`)
      // before the comma that follows and one after a space (`a /*c*/, b`)
      // after it, so its own output moves the comment again on the next
      // run. Here both go after the comma.
      const strict = arg.t === 'token' && data === ',' && arg.real === undefined;
      this.flush(next, this.lastTok, strict);
      if (this.pendingMark) {
        this.pendingMark.line = this.out.line;
        this.pendingMark = undefined;
      }
      this.writeString(next, data, false, literal);
    }
  }

  /** Writes pending comments before `next`, or else the pending whitespace. */
  flush(next: Position, t: Tok, strict = false): void {
    if (this.commentBefore(next, strict)) this.injectComments(next, t, strict);
    else if (t !== 'EOF') this.writeWhitespace(this.whitespace.length);
  }

  /** Writes trailing comments at the end of the file. */
  finish(): void {
    this.flush(EOF_POSITION, 'EOF');
  }

  private injectComments(next: Position, t: Tok, strict: boolean): void {
    let lastComment: Comment | undefined;
    while (this.commentBefore(next, strict)) {
      for (const c of this.cur) {
        this.writeCommentPrefix(next, c);
        this.writeString(this.src.position(c.pos), c.text, true, false);
        lastComment = c;
      }
      this.nextComment();
    }
    if (lastComment) this.writeCommentSuffix(next, t, lastComment);
  }

  private writeCommentPrefix(next: Position, c: Comment): void {
    if (this.outputLength === 0) return; // the comment is the first thing written
    const cPos = this.src.position(c.pos);
    if (cPos.line === this.last.line) {
      // Same line as the previous token: a tab (a new cell, so trailing
      // comments align), or a space before a token on the same line.
      this.writeByte(cPos.line === next.line ? ' ' : '\t', 1);
      return;
    }
    // On a later line: apply pending indentation up to the first other
    // whitespace, drop that whitespace and write our own line breaks.
    let count = 0;
    for (let i = 0; i < this.whitespace.length; i++) {
      const w = this.whitespace[i];
      if (w === WS.Indent || w === WS.Unindent) continue;
      if (w === WS.Blank || w === WS.VTab || w === WS.Newline || w === WS.Formfeed) this.whitespace[i] = WS.Ignore;
      count = i;
      break;
    }
    this.writeWhitespace(count);
    const newlines = this.last.line > 0 ? cPos.line - this.last.line : 0;
    if (newlines > 0) this.writeByte('\f', newlineLimit(newlines));
  }

  private writeCommentSuffix(next: Position, t: Tok, lastComment: Comment): void {
    if (t === 'EOF') return; // no blank lines at the end of the file
    let droppedFF = false;
    const endLine = this.src.line(lastComment.pos + utf8Length(lastComment.text) - 1);
    if (lastComment.text[1] === '*' && next.line === endLine) this.writeByte(' ', 1);
    let newlines = next.line - this.last.line;
    // Alloy can misjudge the line of a token written without a position and
    // print it right after a line comment, which comments the token out.
    // Only then a line break is added.
    if (newlines <= 0 && lastComment.text.startsWith('//')) newlines = 1;
    for (let i = 0; i < this.whitespace.length; i++) {
      const w = this.whitespace[i];
      if (w === WS.Blank || w === WS.VTab) this.whitespace[i] = WS.Ignore;
      else if (w === WS.Newline || w === WS.Formfeed) {
        if (w === WS.Formfeed) droppedFF = true;
        this.whitespace[i] = WS.Ignore;
      }
    }
    this.writeWhitespace(this.whitespace.length);
    if (newlines > 0) this.writeByte(droppedFF ? '\f' : '\n', newlineLimit(newlines));
  }

  /**
   * Writes text. Comments are escaped (opaque to the aligner). String
   * literals are escaped line by line, so the aligner sees their line breaks
   * as Alloy's does but never rewrites tabs or spaces inside them.
   */
  private writeString(pos: Position, s: string, isComment: boolean, isLiteral: boolean): void {
    if (this.out.column === 1) this.writeIndent();
    this.pos = copyPosition(pos);
    if (isComment) this.append(s, true);
    else if (isLiteral && s.includes('\n')) {
      const lines = s.split('\n');
      lines.forEach((line, i) => {
        if (i > 0) this.append('\n', false);
        this.append(line, true);
      });
    } else this.append(s, isLiteral);

    let newlines = 0;
    let lastNewline = -1;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      if (ch === 10 || ch === 12) {
        newlines++;
        lastNewline = i;
      }
    }
    const len = utf8Length(s);
    this.pos.offset += len;
    if (newlines > 0) {
      this.pos.line += newlines;
      this.out.line += newlines;
      const column = utf8Length(s.slice(lastNewline));
      this.pos.column = column;
      this.out.column = column;
    } else {
      this.pos.column += len;
      this.out.column += len;
    }
    this.last = copyPosition(this.pos);
  }

  private writeIndent(): void {
    const depth = this.indent;
    if (depth > 0) {
      this.sink.indent(depth);
      this.outputLength += depth;
    }
    this.pos.offset += depth;
    this.pos.column += depth;
    this.out.column += depth;
  }

  private writeByte(ch: string, n: number): void {
    if (this.out.column === 1) this.writeIndent();
    this.append(ch.repeat(n), false);
    this.pos.offset += n;
    if (ch === '\n' || ch === '\f') {
      this.pos.line += n;
      this.out.line += n;
      this.pos.column = 1;
      this.out.column = 1;
      return;
    }
    this.pos.column += n;
    this.out.column += n;
  }

  private writeWhitespace(n: number): void {
    for (let i = 0; i < n; i++) {
      const w = this.whitespace[i];
      switch (w) {
        case WS.Ignore:
          break;
        case WS.Indent:
          this.indent++;
          break;
        case WS.Unindent:
          this.indent--;
          if (this.indent < 0) throw new Error('printer: negative indentation');
          break;
        default:
          this.writeByte(WS_CHAR[w], 1);
      }
    }
    this.whitespace = this.whitespace.slice(n);
  }
}

/** Output line of a token, filled in by the printer when the token is written. */
interface LineMark {
  line: number;
}

/**
 * One step of the walk: arguments to write, a statement list, a statement or
 * an expression to visit, or an action that depends on what was printed.
 */
type Step = Arg[] | { stmts: Stmt[] } | { stmt: Stmt } | { expr: Expr } | (() => void);

/**
 * Sends a file's statements to the printer (Alloy's `walker`). Alloy's
 * walker recurses; here each node is expanded into the steps that print it,
 * kept on an explicit stack, so that no nesting depth can overflow the call
 * stack. The steps, and the order of the printer calls, are Alloy's.
 */
class Walker {
  /** `commentStarts` may grow while printing; it always holds the comments of the statement being printed. */
  constructor(
    private readonly p: Printer,
    private readonly src: SourceMap,
    private readonly commentStarts: number[],
  ) {}

  /**
   * Prints the top-level statements one at a time as the reader returns
   * them. The next statement is read before one is printed, so that every
   * comment before it is known (the printer places comments by looking ahead
   * to the next one).
   */
  walkFile(reader: StatementReader): void {
    let prev: Stmt | undefined;
    let cur = reader.next();
    for (let i = 0; cur; i++) {
      const next = reader.next();
      this.run(this.stmtSteps(cur, prev, i));
      prev = cur;
      cur = next;
    }
  }

  /** Prints the steps and everything below them. */
  private run(steps: Step[]): void {
    const stack: Step[] = [];
    for (let i = steps.length - 1; i >= 0; i--) stack.push(steps[i]);
    while (stack.length > 0) {
      const step = stack.pop()!;
      if (typeof step === 'function') {
        step();
        continue;
      }
      if (Array.isArray(step)) {
        this.p.writeAll(step);
        continue;
      }
      const expanded =
        'stmts' in step ? this.stmts(step.stmts) : 'stmt' in step ? this.stmt(step.stmt) : this.expr(step.expr);
      for (let i = expanded.length - 1; i >= 0; i--) stack.push(expanded[i]);
    }
  }

  /** True if a comment starts after offset `from` and before offset `to`. */
  private commentBetween(from: number, to: number): boolean {
    const starts = this.commentStarts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= from) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length && starts[lo] < to;
  }

  private line(pos: number): number {
    return this.src.line(pos);
  }

  private differentLines(a: number, b: number): boolean {
    return this.line(a) !== this.line(b);
  }

  /** A step that has the printer record the output line of the next token in `mark`. */
  private markNext(mark: LineMark): Step {
    return () => this.p.markNext(mark);
  }

  /**
   * Lines taken by what was printed since the token `first` was marked on.
   * Alloy counts the lines a statement or value spans in the source; the
   * printed lines are the same except where the printer joins lines (`a\n=
   * 1` or `a = 1 +\n2`), and there Alloy would align the statement with its
   * neighbours only on a second run.
   */
  private printedLines(first: LineMark): number {
    return this.p.outputLine - first.line + 1;
  }

  private stmts(ss: Stmt[]): Step[] {
    const steps: Step[] = [];
    ss.forEach((s, i) => steps.push(...this.stmtSteps(s, ss[i - 1], i)));
    return steps;
  }

  /** The steps that print statement `i` of a list, after `prev`. */
  private stmtSteps(s: Stmt, prev: Stmt | undefined, i: number): Step[] {
    const steps: Step[] = [];
    let addedSpacing = false;
    // Two blocks are always separated by a blank line.
    if (i > 0 && s.kind === 'block') {
      steps.push([ws(WS.Formfeed)]);
      addedSpacing = true;
    }
    // A blank line in the source between two statements is kept.
    if (i > 0 && !addedSpacing && prev) {
      if (this.line(startPos(s)) - this.line(endPos(prev)) > 1) steps.push([ws(WS.Formfeed)]);
    }
    const first: LineMark = { line: 0 };
    steps.push(this.markNext(first), { stmt: s });
    // A statement spanning several lines ends its alignment run.
    steps.push(() => this.p.write(ws(this.printedLines(first) > 1 ? WS.Formfeed : WS.Newline)));
    return steps;
  }

  private stmt(s: Stmt): Step[] {
    if (s.kind === 'attribute') {
      return [[at(s.name.pos), ident(s.name.name), ws(WS.VTab), tok('=', s.eqPos), ws(WS.Blank)], { expr: s.value }];
    }
    const steps: Step[] = [[at(s.namePos), ident(s.name.join('.'))]];
    if (s.label !== '') {
      steps.push([ws(WS.Blank), at(s.labelPos), { t: 'literal', tok: 'STRING', value: goQuote(s.label) }]);
    }
    steps.push([ws(WS.Blank), at(s.lcurly), tok('{'), ws(WS.Indent)]);
    if (s.body.length > 0) steps.push([ws(WS.Formfeed)], { stmts: s.body });
    else steps.push([ws(WS.Blank)]);
    steps.push([ws(WS.Unindent), at(s.rcurly), tok('}')]);
    return steps;
  }

  private expr(e: Expr): Step[] {
    switch (e.kind) {
      case 'literal':
        return [[at(e.pos), { t: 'literal', tok: e.tok, value: e.value }]];
      case 'array':
        return this.array(e);
      case 'object':
        return this.object(e);
      case 'ident':
        return [[at(e.ident.pos), ident(e.ident.name)]];
      case 'access':
        return [{ expr: e.value }, [tok('.', e.dotPos), ident(e.name.name, e.name.pos)]];
      case 'index':
        return [{ expr: e.value }, [at(e.lbrack), tok('[')], { expr: e.index }, [at(e.rbrack), tok(']')]];
      case 'call':
        return this.call(e);
      case 'unary':
        return [[at(e.opPos), tok(e.op)], { expr: e.value }];
      case 'binary':
        return [{ expr: e.left }, [ws(WS.Blank), at(e.opPos), tok(e.op), ws(WS.Blank)], { expr: e.right }];
      case 'paren':
        return [[tok('(', e.lparen)], { expr: e.inner }, [tok(')', e.rparen)]];
    }
  }

  private array(e: Extract<Expr, { kind: 'array' }>): Step[] {
    const steps: Step[] = [[at(e.lbrack), tok('[')]];
    let prevPos = e.lbrack;
    e.elements.forEach((el, i) => {
      let addedNewline = false;
      if (this.differentLines(prevPos, startPos(el))) {
        // Indent before the line break so comments before the element are indented too.
        steps.push([ws(WS.Indent), ws(WS.Formfeed)]);
        addedNewline = true;
      } else if (i > 0) {
        steps.push([ws(WS.Blank)]);
      }
      prevPos = endPos(el);
      steps.push({ expr: el });
      if (i + 1 < e.elements.length) steps.push([tok(',')]);
      if (addedNewline) steps.push([ws(WS.Unindent)]);
    });
    // A closing bracket on its own line gets a trailing comma before it.
    if (e.elements.length > 0 && this.differentLines(prevPos, e.rbrack)) {
      steps.push([tok(','), ws(WS.Indent), ws(WS.Formfeed)], [ws(WS.Unindent)]);
    }
    steps.push([at(e.rbrack), tok(']')]);
    return steps;
  }

  private objectKey(f: ObjectField): Arg {
    if (!f.quoted) return ident(f.name.name);
    // Alloy prints the key's inner text re-quoted with Go's %q. For a raw
    // string that gives the equivalent double-quoted key; for a double-quoted
    // key containing escapes it would escape the backslashes again and change
    // the key, so such a key is kept as written.
    const value = f.keyText.startsWith('"') && f.name.name.includes('\\') ? f.keyText : goQuote(f.name.name);
    return { t: 'literal', tok: 'STRING', value };
  }

  private object(e: Extract<Expr, { kind: 'object' }>): Step[] {
    const steps: Step[] = [[at(e.lcurly), tok('{'), ws(WS.Indent)]];
    let prevPos = e.lcurly;
    // Printed lines of the previous field's value, set once it is printed.
    let prevValueLines = 0;
    // The output line of the last key printed.
    const lastKey: LineMark = { line: 0 };
    e.fields.forEach((f, i) => {
      if (this.differentLines(prevPos, f.name.pos)) {
        // Keep aligning `=` with the previous field only if its value fit on one line.
        if (i > 0) steps.push(() => this.p.write(ws(prevValueLines === 1 ? WS.Newline : WS.Formfeed)));
        else steps.push([ws(WS.Formfeed)]);
      } else if (i > 0) {
        steps.push([ws(WS.Blank)]);
      }
      prevPos = identEnd(f.name);
      steps.push(this.markNext(lastKey));
      steps.push([at(f.name.pos), this.objectKey(f), ws(WS.VTab), tok('=', f.eqPos), ws(WS.Blank)]);
      const value: LineMark = { line: 0 };
      steps.push(this.markNext(value), { expr: f.value }, () => {
        prevValueLines = this.printedLines(value);
      });
      if (i + 1 < e.fields.length) steps.push([tok(',')]);
    });
    const last = e.fields[e.fields.length - 1];
    if (last && this.differentLines(prevPos, e.rcurly)) {
      // Alloy puts `}` on a line of its own, after a trailing comma, when it
      // is on another line than the last key. A comment just before a `}` on
      // the line of the last value keeps the `}` on its line, though; if the
      // printer joined that line with the key's (`k\n= v /* c */ }`), the
      // `}` ends up on the key's line with a trailing comma, and a second run
      // drops the comma. Here that case is printed as the second run prints it.
      const valueEnd = endPos(last.value);
      const staysOnKeyLine = !this.differentLines(valueEnd, e.rcurly) && this.commentBetween(valueEnd, e.rcurly);
      steps.push(() => {
        if (!staysOnKeyLine || this.p.outputLine !== lastKey.line) this.p.write(tok(','), ws(WS.Formfeed));
      });
    }
    steps.push([ws(WS.Unindent), at(e.rcurly), tok('}')]);
    return steps;
  }

  private call(e: Extract<Expr, { kind: 'call' }>): Step[] {
    const steps: Step[] = [{ expr: e.value }, [tok('(', e.lparen)]];
    let prevPos = e.lparen;
    e.args.forEach((arg, i) => {
      let addedNewline = false;
      if (this.differentLines(prevPos, startPos(arg))) {
        steps.push([ws(WS.Formfeed), ws(WS.Indent)]);
        addedNewline = true;
      }
      steps.push({ expr: arg });
      prevPos = endPos(arg);
      if (i + 1 < e.args.length) steps.push([tok(','), ws(WS.Blank)]);
      if (addedNewline) steps.push([ws(WS.Unindent)]);
    });
    // A comment between the last argument and ')' gets the indentation of
    // the arguments. An empty argument list spanning lines is printed as
    // `f(` and `)` (Alloy writes `f(,`, which does not parse).
    const commentBeforeParen = this.commentBetween(prevPos, e.rparen);
    if (this.differentLines(prevPos, e.rparen)) {
      if (e.args.length > 0) steps.push([tok(',')]);
      if (commentBeforeParen) steps.push([ws(WS.Indent), ws(WS.Formfeed), ws(WS.Unindent)]);
      else steps.push([ws(WS.Formfeed)]);
      // Alloy writes this `)` without a position and places it on the line
      // of the last argument, so a comment after it gets one line break too
      // many (`) // c` moves to the next line, and a second run adds a blank
      // line before it). Its real position keeps such a comment where it is.
      steps.push([at(e.rparen)]);
    }
    steps.push([tok(')', e.rparen)]);
    return steps;
  }
}

/** Runs the walker and printer over a file as the reader returns it; the unaligned output goes to `sink`. */
export function printFile(reader: StatementReader, sink: Sink): void {
  const p = new Printer(reader.source, reader.comments, sink);
  new Walker(p, reader.source, reader.commentStarts).walkFile(reader);
  p.finish();
}

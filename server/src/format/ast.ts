/**
 * A small syntax tree shaped like the one Alloy's own parser builds
 * (`syntax/ast`), converted from a tree-sitter tree. Positions are UTF-8 byte
 * offsets, because the printer's layout decisions compare offsets and lines
 * exactly as Alloy does. `NO_POS` stands for Alloy's `token.NoPos`.
 *
 * The conversion is one walk of a tree cursor in document order (no node
 * wrappers, no recursion), and it streams: `FileReader.next()` returns one
 * top-level statement at a time, so only the statement being printed is held
 * as objects, whatever the size of the file.
 */
import type { Tree, TreeCursor } from 'web-tree-sitter';
import { SourceMap, utf8Length } from './source';

export const NO_POS = -1;

export interface Ident {
  name: string;
  pos: number;
}

export interface AttributeStmt {
  kind: 'attribute';
  name: Ident;
  /** Position of '=' (Alloy's AST has none; see `real` in printer.ts). */
  eqPos: number;
  value: Expr;
}

export interface BlockStmt {
  kind: 'block';
  name: string[];
  namePos: number;
  /** The label without its quotes ('' when absent or empty). */
  label: string;
  labelPos: number;
  body: Stmt[];
  lcurly: number;
  rcurly: number;
}

export type Stmt = AttributeStmt | BlockStmt;

export type LiteralKind = 'STRING' | 'NUMBER' | 'FLOAT' | 'BOOL' | 'NULL';

export interface ObjectField {
  name: Ident;
  /** True when the key was a (raw or double-quoted) string longer than its quotes. */
  quoted: boolean;
  /** The key exactly as written in the source. */
  keyText: string;
  eqPos: number;
  value: Expr;
}

export type Expr =
  | { kind: 'literal'; tok: LiteralKind; value: string; pos: number }
  | { kind: 'ident'; ident: Ident }
  | { kind: 'array'; elements: Expr[]; lbrack: number; rbrack: number }
  | { kind: 'object'; fields: ObjectField[]; lcurly: number; rcurly: number }
  | { kind: 'access'; value: Expr; dotPos: number; name: Ident }
  | { kind: 'index'; value: Expr; index: Expr; lbrack: number; rbrack: number }
  | { kind: 'call'; value: Expr; args: Expr[]; lparen: number; rparen: number }
  | { kind: 'unary'; op: string; opPos: number; value: Expr }
  | { kind: 'binary'; op: string; opPos: number; left: Expr; right: Expr }
  | { kind: 'paren'; inner: Expr; lparen: number; rparen: number };

export interface Comment {
  pos: number;
  /** Comment text with carriage returns removed, as Alloy's scanner stores it. */
  text: string;
}

type AnyNode = StmtNode | Expr;
type StmtNode = Stmt;

/** Alloy's `ast.StartPos` (a loop rather than recursion: expressions can nest deeply). */
export function startPos(node: AnyNode): number {
  let n = node;
  for (;;) {
    switch (n.kind) {
      case 'attribute':
        return n.name.pos;
      case 'block':
        return n.namePos;
      case 'literal':
        return n.pos;
      case 'ident':
        return n.ident.pos;
      case 'array':
        return n.lbrack;
      case 'object':
        return n.lcurly;
      case 'access':
      case 'index':
      case 'call':
        n = n.value;
        continue;
      case 'unary':
        return n.opPos;
      case 'binary':
        n = n.left;
        continue;
      case 'paren':
        return n.lparen;
    }
  }
}

/** Alloy's `ast.EndPos` for an identifier: the position of its final byte. */
export function identEnd(id: Ident): number {
  return id.pos + utf8Length(id.name) - 1;
}

/** Alloy's `ast.EndPos`: the position of the final character of a node. */
export function endPos(node: AnyNode): number {
  let n = node;
  for (;;) {
    switch (n.kind) {
      case 'attribute':
        n = n.value;
        continue;
      case 'block':
        return n.rcurly;
      case 'literal':
        return n.pos + utf8Length(n.value) - 1;
      case 'ident':
        return identEnd(n.ident);
      case 'array':
        return n.rbrack;
      case 'object':
        return n.rcurly;
      case 'access':
        return identEnd(n.name);
      case 'index':
        return n.rbrack;
      case 'call':
        return n.rparen;
      case 'unary':
      case 'binary':
        n = n.kind === 'unary' ? n.value : n.right;
        continue;
      case 'paren':
        return n.rparen;
    }
  }
}

/** Thrown when the tree has a shape the converter does not know (never for an error-free tree). */
export class UnexpectedTree extends Error {}

/** Removes carriage returns from a comment the way Alloy's scanner does. */
export function commentText(raw: string): string {
  let lit = raw;
  let numCR = 0;
  for (const ch of lit) if (ch === '\r') numCR++;
  if (numCR > 0 && lit.endsWith('\r')) {
    lit = lit.slice(0, -1);
    numCR--;
  }
  if (numCR === 0) return lit;
  const block = lit.startsWith('/*');
  let out = '';
  for (let j = 0; j < lit.length; j++) {
    const ch = lit[j];
    if (ch !== '\r' || (block && out.length > 2 && out[out.length - 1] === '*' && lit[j + 1] === '/')) out += ch;
  }
  return out;
}

/** Nodes read as one token: their text is the value (their children are parts of it). */
const LEAF = new Set(['identifier', 'number', 'float', 'string', 'raw_string', 'true', 'false', 'null', 'label']);

/** Nodes built from their children. */
const COMPOSITE = new Set([
  'attribute',
  'block',
  'block_name',
  'block_body',
  'array',
  'object',
  'object_field',
  'access_expression',
  'index_expression',
  'call_expression',
  'arguments',
  'unary_expression',
  'binary_expression',
  'parenthesized_expression',
]);

const LITERAL: Record<string, LiteralKind> = {
  number: 'NUMBER',
  float: 'FLOAT',
  string: 'STRING',
  raw_string: 'STRING',
  label: 'STRING',
  true: 'BOOL',
  false: 'BOOL',
  null: 'NULL',
};

/** A node being built: its converted named children and its anonymous tokens (type, byte offset, ...). */
interface Frame {
  type: string;
  kids: unknown[];
  toks: (string | number)[];
}

function firstTok(f: Frame, type: string): number {
  for (let i = 0; i < f.toks.length; i += 2) if (f.toks[i] === type) return f.toks[i + 1] as number;
  throw new UnexpectedTree(`${f.type} without '${type}'`);
}

function lastTok(f: Frame, type: string): number {
  for (let i = f.toks.length - 2; i >= 0; i -= 2) if (f.toks[i] === type) return f.toks[i + 1] as number;
  throw new UnexpectedTree(`${f.type} without '${type}'`);
}

function kid<T>(f: Frame, i: number): T {
  const k = f.kids[i];
  if (k === undefined) throw new UnexpectedTree(`${f.type} without its part ${i + 1}`);
  return k as T;
}

function identOf(f: Frame, e: Expr): Ident {
  if (e.kind !== 'ident') throw new UnexpectedTree(`${f.type}: expected an identifier`);
  return e.ident;
}

/** Builds the syntax tree of a node from its converted children. */
function finish(f: Frame): unknown {
  switch (f.type) {
    case 'attribute':
      return {
        kind: 'attribute',
        name: identOf(f, kid<Expr>(f, 0)),
        eqPos: firstTok(f, '='),
        value: kid<Expr>(f, 1),
      } satisfies AttributeStmt;
    case 'block': {
      const name = kid<{ names: string[]; pos: number }>(f, 0);
      const label = f.kids.length === 3 ? kid<Extract<Expr, { kind: 'literal' }>>(f, 1) : undefined;
      const body = kid<{ stmts: Stmt[]; lcurly: number; rcurly: number }>(f, f.kids.length - 1);
      return {
        kind: 'block',
        name: name.names,
        namePos: name.pos,
        label: label ? label.value.slice(1, -1) : '',
        labelPos: label ? label.pos : -1,
        body: body.stmts,
        lcurly: body.lcurly,
        rcurly: body.rcurly,
      } satisfies BlockStmt;
    }
    case 'block_name': {
      const ids = (f.kids as Expr[]).map((e) => identOf(f, e));
      if (ids.length === 0) throw new UnexpectedTree('block_name without identifier');
      return { names: ids.map((i) => i.name), pos: ids[0].pos };
    }
    case 'block_body':
      return { stmts: f.kids as Stmt[], lcurly: firstTok(f, '{'), rcurly: lastTok(f, '}') };
    case 'array':
      return {
        kind: 'array',
        elements: f.kids as Expr[],
        lbrack: firstTok(f, '['),
        rbrack: lastTok(f, ']'),
      } satisfies Expr;
    case 'object':
      return {
        kind: 'object',
        fields: f.kids as ObjectField[],
        lcurly: firstTok(f, '{'),
        rcurly: lastTok(f, '}'),
      } satisfies Expr;
    case 'object_field': {
      const key = kid<Expr>(f, 0);
      const keyText = key.kind === 'ident' ? key.ident.name : key.kind === 'literal' ? key.value : undefined;
      if (keyText === undefined) throw new UnexpectedTree('object_field with an unexpected key');
      const pos = key.kind === 'ident' ? key.ident.pos : (key as { pos: number }).pos;
      const quoted = key.kind === 'literal' && keyText.length > 2;
      return {
        name: { name: quoted ? keyText.slice(1, -1) : keyText, pos },
        quoted,
        keyText,
        eqPos: firstTok(f, '='),
        value: kid<Expr>(f, 1),
      } satisfies ObjectField;
    }
    case 'access_expression':
      return {
        kind: 'access',
        value: kid<Expr>(f, 0),
        dotPos: firstTok(f, '.'),
        name: identOf(f, kid<Expr>(f, 1)),
      } satisfies Expr;
    case 'index_expression':
      return {
        kind: 'index',
        value: kid<Expr>(f, 0),
        index: kid<Expr>(f, 1),
        lbrack: firstTok(f, '['),
        rbrack: lastTok(f, ']'),
      } satisfies Expr;
    case 'call_expression': {
      const args = kid<{ args: Expr[]; lparen: number; rparen: number }>(f, 1);
      return {
        kind: 'call',
        value: kid<Expr>(f, 0),
        args: args.args,
        lparen: args.lparen,
        rparen: args.rparen,
      } satisfies Expr;
    }
    case 'arguments':
      return { args: f.kids as Expr[], lparen: firstTok(f, '('), rparen: lastTok(f, ')') };
    case 'unary_expression':
      if (f.toks.length < 2) throw new UnexpectedTree('unary_expression without operator');
      return {
        kind: 'unary',
        op: f.toks[0] as string,
        opPos: f.toks[1] as number,
        value: kid<Expr>(f, 0),
      } satisfies Expr;
    case 'binary_expression':
      if (f.toks.length < 2) throw new UnexpectedTree('binary_expression without operator');
      return {
        kind: 'binary',
        op: f.toks[0] as string,
        opPos: f.toks[1] as number,
        left: kid<Expr>(f, 0),
        right: kid<Expr>(f, 1),
      } satisfies Expr;
    case 'parenthesized_expression':
      return {
        kind: 'paren',
        inner: kid<Expr>(f, 0),
        lparen: firstTok(f, '('),
        rparen: lastTok(f, ')'),
      } satisfies Expr;
  }
  throw new UnexpectedTree(`unexpected ${f.type}`);
}

/**
 * What the printer reads a file through: one top-level statement at a time, and the comment groups
 * read so far (always every comment before the end of the last statement returned).
 */
export interface StatementReader {
  readonly comments: Comment[][];
  readonly commentStarts: number[];
  readonly source: SourceMap;
  next(): Stmt | undefined;
  dispose(): void;
}

/**
 * Comments grouped as Alloy's parser groups them: a comment joins the previous group when no token
 * separates them and it starts at most one line after the previous comment ends. The readers add each
 * comment they meet, in document order.
 */
export class CommentGroups {
  /** The groups so far: runs of adjacent comments. */
  readonly groups: Comment[][] = [];
  /** Start offsets (bytes) of every comment so far, in order. */
  readonly starts: number[] = [];
  private prevEndIndex = -1;
  private prevEndLine = -1;

  constructor(
    private readonly text: string,
    private readonly source: SourceMap,
  ) {}

  /** Adds the comment at text[start, end) (UTF-16 indexes). */
  add(start: number, end: number): void {
    const src = this.source;
    const comment: Comment = { pos: src.byteOffset(start), text: commentText(this.text.slice(start, end)) };
    const startLine = src.line(comment.pos);
    const adjacent =
      this.prevEndIndex >= 0 &&
      startLine <= this.prevEndLine + 1 &&
      /^\s*$/.test(this.text.slice(this.prevEndIndex, start));
    if (adjacent) this.groups[this.groups.length - 1].push(comment);
    else this.groups.push([comment]);
    this.starts.push(comment.pos);
    let endLine = startLine;
    if (comment.text[1] === '*')
      for (let i = comment.text.indexOf('\n'); i >= 0; i = comment.text.indexOf('\n', i + 1)) endLine++;
    this.prevEndIndex = end;
    this.prevEndLine = endLine;
  }
}

/**
 * Reads an error-free tree-sitter tree as the printer's syntax tree, one
 * top-level statement at a time, with one tree cursor. Comments are collected
 * on the way, grouped as Alloy's parser groups them (a comment joins the
 * previous group when no token separates them and it starts at most one line
 * after the previous comment ends); the groups and their start offsets grow
 * as statements are read, and always hold every comment before the end of
 * the last statement returned.
 */
export class FileReader implements StatementReader {
  readonly comments: Comment[][];
  readonly commentStarts: number[];
  private readonly commentGroups: CommentGroups;
  private readonly cursor: TreeCursor;
  private started = false;
  private done = false;

  constructor(
    private readonly text: string,
    tree: Tree,
    readonly source: SourceMap,
  ) {
    this.commentGroups = new CommentGroups(text, source);
    this.comments = this.commentGroups.groups;
    this.commentStarts = this.commentGroups.starts;
    this.cursor = tree.walk();
  }

  /** Frees the cursor (always call it, also after an exception). */
  dispose(): void {
    this.cursor.delete();
  }

  /** The next top-level statement, or undefined when the file has no more (all comments are then read). */
  next(): Stmt | undefined {
    if (this.done) return undefined;
    const c = this.cursor;
    const moved = this.started ? c.gotoNextSibling() : c.gotoFirstChild();
    this.started = true;
    if (moved) {
      for (;;) {
        const type = c.nodeType;
        if (type === 'attribute' || type === 'block') return this.build() as Stmt;
        if (type === 'comment') this.comment();
        if (!c.gotoNextSibling()) break;
      }
    }
    this.done = true;
    return undefined;
  }

  private comment(): void {
    this.commentGroups.add(this.cursor.startIndex, this.cursor.endIndex);
  }

  /** Converts the node at the cursor and everything below it; the cursor ends where it started. */
  private build(): unknown {
    const c = this.cursor;
    const src = this.source;
    const frames: Frame[] = [];
    for (;;) {
      // Visit the node at the cursor.
      const type = c.nodeType;
      let value: unknown;
      if (COMPOSITE.has(type)) {
        frames.push({ type, kids: [], toks: [] });
        if (c.gotoFirstChild()) continue;
        value = finish(frames.pop()!);
      } else if (LEAF.has(type)) {
        const start = c.startIndex;
        const text = this.text.slice(start, c.endIndex);
        const pos = src.byteOffset(start);
        value =
          type === 'identifier'
            ? { kind: 'ident', ident: { name: text, pos } }
            : { kind: 'literal', tok: LITERAL[type], value: text, pos };
      } else if (type === 'comment') {
        this.comment();
      } else if (frames.length > 0 && type !== ',') {
        const top = frames[frames.length - 1];
        top.toks.push(type, src.byteOffset(c.startIndex));
      }
      // Hand the value to the parent, then move to the next node, finishing the parents left behind.
      for (;;) {
        if (frames.length === 0) {
          if (value === undefined) throw new UnexpectedTree(`unexpected ${type}`);
          return value;
        }
        if (value !== undefined) frames[frames.length - 1].kids.push(value);
        if (c.gotoNextSibling()) break;
        c.gotoParent();
        value = finish(frames.pop()!);
      }
    }
  }
}

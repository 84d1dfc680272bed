/**
 * A small syntax tree shaped like the one Alloy's own parser builds
 * (`syntax/ast`), converted from a tree-sitter tree. Positions are UTF-8 byte
 * offsets, because the printer's layout decisions compare offsets and lines
 * exactly as Alloy does. `NO_POS` stands for Alloy's `token.NoPos`.
 */
import type { Node, Tree } from 'web-tree-sitter';
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

export interface File {
  body: Stmt[];
  /** Comment groups: runs of adjacent comments, as Alloy's parser groups them. */
  comments: Comment[][];
  source: SourceMap;
}

type AnyNode = StmtNode | Expr;
type StmtNode = Stmt;

/** Alloy's `ast.StartPos`. */
export function startPos(n: AnyNode): number {
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
      return startPos(n.value);
    case 'unary':
      return n.opPos;
    case 'binary':
      return startPos(n.left);
    case 'paren':
      return n.lparen;
  }
}

/** Alloy's `ast.EndPos` for an identifier: the position of its final byte. */
export function identEnd(id: Ident): number {
  return id.pos + utf8Length(id.name) - 1;
}

/** Alloy's `ast.EndPos`: the position of the final character of a node. */
export function endPos(n: AnyNode): number {
  switch (n.kind) {
    case 'attribute':
      return endPos(n.value);
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
      return endPos(n.value);
    case 'binary':
      return endPos(n.right);
    case 'paren':
      return n.rparen;
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

class Converter {
  private readonly kids = new Map<number, Node[]>();

  constructor(readonly src: SourceMap) {}

  pos(node: Node): number {
    return this.src.byteOffset(node.startIndex);
  }

  /** The non-comment children of a node (fetched from the tree once). */
  children(node: Node): Node[] {
    let out = this.kids.get(node.id);
    if (!out) {
      out = [];
      for (const c of node.children) if (c && c.type !== 'comment') out.push(c);
      this.kids.set(node.id, out);
    }
    return out;
  }

  field(node: Node, name: string): Node {
    const c = node.childForFieldName(name);
    if (!c) throw new UnexpectedTree(`${node.type} without ${name}`);
    return c;
  }

  token(node: Node, type: string, last = false): number {
    const kids = this.children(node);
    const n = kids.length;
    for (let i = 0; i < n; i++) {
      const c = kids[last ? n - 1 - i : i];
      if (c.type === type && !c.isNamed) return this.pos(c);
    }
    throw new UnexpectedTree(`${node.type} without '${type}'`);
  }

  statements(node: Node): Stmt[] {
    const out: Stmt[] = [];
    for (const c of node.namedChildren) {
      if (!c || c.type === 'comment') continue;
      out.push(this.statement(c));
    }
    return out;
  }

  statement(node: Node): Stmt {
    if (node.type === 'attribute') {
      const name = this.field(node, 'name');
      return {
        kind: 'attribute',
        name: { name: name.text, pos: this.pos(name) },
        eqPos: this.token(node, '='),
        value: this.expr(this.field(node, 'value')),
      };
    }
    if (node.type === 'block') {
      const nameNode = this.field(node, 'name');
      const labelNode = node.childForFieldName('label');
      const body = this.field(node, 'body');
      const label = labelNode ? labelNode.text.slice(1, -1) : '';
      return {
        kind: 'block',
        name: nameNode.namedChildren.filter((c): c is Node => !!c && c.type === 'identifier').map((c) => c.text),
        namePos: this.pos(nameNode),
        label,
        labelPos: labelNode ? this.pos(labelNode) : -1,
        body: this.statements(body),
        lcurly: this.token(body, '{'),
        rcurly: this.token(body, '}', true),
      };
    }
    throw new UnexpectedTree(`unexpected statement ${node.type}`);
  }

  list(node: Node): Node[] {
    return this.children(node).filter((c) => c.isNamed);
  }

  expr(node: Node): Expr {
    switch (node.type) {
      case 'identifier':
        return { kind: 'ident', ident: { name: node.text, pos: this.pos(node) } };
      case 'number':
        return { kind: 'literal', tok: 'NUMBER', value: node.text, pos: this.pos(node) };
      case 'float':
        return { kind: 'literal', tok: 'FLOAT', value: node.text, pos: this.pos(node) };
      case 'string':
      case 'raw_string':
        return { kind: 'literal', tok: 'STRING', value: node.text, pos: this.pos(node) };
      case 'true':
      case 'false':
        return { kind: 'literal', tok: 'BOOL', value: node.text, pos: this.pos(node) };
      case 'null':
        return { kind: 'literal', tok: 'NULL', value: node.text, pos: this.pos(node) };
      case 'array':
        return {
          kind: 'array',
          elements: this.list(node).map((c) => this.expr(c)),
          lbrack: this.token(node, '['),
          rbrack: this.token(node, ']', true),
        };
      case 'object':
        return {
          kind: 'object',
          fields: this.list(node).map((c) => this.objectField(c)),
          lcurly: this.token(node, '{'),
          rcurly: this.token(node, '}', true),
        };
      case 'access_expression': {
        const name = this.field(node, 'field');
        return {
          kind: 'access',
          value: this.expr(this.field(node, 'value')),
          dotPos: this.token(node, '.'),
          name: { name: name.text, pos: this.pos(name) },
        };
      }
      case 'index_expression':
        return {
          kind: 'index',
          value: this.expr(this.field(node, 'value')),
          index: this.expr(this.field(node, 'index')),
          lbrack: this.token(node, '['),
          rbrack: this.token(node, ']', true),
        };
      case 'call_expression': {
        const args = this.field(node, 'arguments');
        return {
          kind: 'call',
          value: this.expr(this.field(node, 'function')),
          args: this.list(args).map((c) => this.expr(c)),
          lparen: this.token(args, '('),
          rparen: this.token(args, ')', true),
        };
      }
      case 'unary_expression': {
        const op = this.field(node, 'operator');
        return { kind: 'unary', op: op.text, opPos: this.pos(op), value: this.expr(this.field(node, 'operand')) };
      }
      case 'binary_expression': {
        const op = this.field(node, 'operator');
        return {
          kind: 'binary',
          op: op.text,
          opPos: this.pos(op),
          left: this.expr(this.field(node, 'left')),
          right: this.expr(this.field(node, 'right')),
        };
      }
      case 'parenthesized_expression':
        return {
          kind: 'paren',
          inner: this.expr(this.field(node, 'expression')),
          lparen: this.token(node, '('),
          rparen: this.token(node, ')', true),
        };
    }
    throw new UnexpectedTree(`unexpected expression ${node.type}`);
  }

  objectField(node: Node): ObjectField {
    if (node.type !== 'object_field') throw new UnexpectedTree(`unexpected ${node.type} in object`);
    const key = this.field(node, 'key');
    const text = key.text;
    const isString = key.type === 'string' || key.type === 'raw_string';
    const quoted = isString && text.length > 2;
    return {
      name: { name: quoted ? text.slice(1, -1) : text, pos: this.pos(key) },
      quoted,
      keyText: text,
      eqPos: this.token(node, '='),
      value: this.expr(this.field(node, 'value')),
    };
  }
}

/** Every comment node of a tree, in document order. */
export function commentNodes(root: Node): Node[] {
  const out: Node[] = [];
  const cursor = root.walk();
  try {
    let done = false;
    while (!done) {
      if (cursor.nodeType === 'comment') out.push(cursor.currentNode);
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          done = true;
          break;
        }
      }
    }
  } finally {
    cursor.delete();
  }
  return out;
}

/** Converts an error-free tree-sitter tree into the printer's syntax tree. */
export function buildFile(text: string, tree: Tree, src = new SourceMap(text)): File {
  const conv = new Converter(src);
  const body = conv.statements(tree.rootNode);

  // Group adjacent comments as Alloy's parser does: a comment joins the
  // previous group when no token separates them and it starts at most one
  // line after the previous comment ends.
  const groups: Comment[][] = [];
  let prevEndIndex = -1;
  let prevEndLine = -1;
  for (const node of commentNodes(tree.rootNode)) {
    const comment: Comment = { pos: src.byteOffset(node.startIndex), text: commentText(node.text) };
    const startLine = src.line(comment.pos);
    const between = prevEndIndex >= 0 ? text.slice(prevEndIndex, node.startIndex) : undefined;
    const adjacent = between !== undefined && /^\s*$/.test(between) && startLine <= prevEndLine + 1;
    if (adjacent) groups[groups.length - 1].push(comment);
    else groups.push([comment]);
    let endLine = startLine;
    if (comment.text[1] === '*') for (const ch of comment.text) if (ch === '\n') endLine++;
    prevEndIndex = node.endIndex;
    prevEndLine = endLine;
  }
  return { body, comments: groups, source: src };
}

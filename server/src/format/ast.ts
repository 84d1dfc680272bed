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

/** What a tree-sitter node converts to. */
type Kind = 'statements' | 'statement' | 'expr' | 'field';

/**
 * How to convert one node: the child nodes to convert first (in order), and
 * how to build the node from their results.
 */
interface Plan {
  children: [Node, Kind][];
  build(values: unknown[]): unknown;
}

const exprs = (nodes: Node[]): [Node, Kind][] => nodes.map((c) => [c, 'expr']);

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

  list(node: Node): Node[] {
    return this.children(node).filter((c) => c.isNamed);
  }

  /**
   * Converts `root` and everything below it with an explicit stack instead
   * of recursion, so that no nesting depth can overflow the call stack.
   */
  convert(root: Node, kind: Kind): unknown {
    const stack: { plan: Plan; values: unknown[] }[] = [{ plan: this.plan(root, kind), values: [] }];
    for (;;) {
      const top = stack[stack.length - 1];
      if (top.values.length < top.plan.children.length) {
        const [child, childKind] = top.plan.children[top.values.length];
        stack.push({ plan: this.plan(child, childKind), values: [] });
        continue;
      }
      stack.pop();
      const value = top.plan.build(top.values);
      if (stack.length === 0) return value;
      stack[stack.length - 1].values.push(value);
    }
  }

  private plan(node: Node, kind: Kind): Plan {
    switch (kind) {
      case 'statements': {
        const children: [Node, Kind][] = [];
        for (const c of node.namedChildren) if (c && c.type !== 'comment') children.push([c, 'statement']);
        return { children, build: (values) => values as Stmt[] };
      }
      case 'statement':
        return this.statement(node);
      case 'expr':
        return this.expr(node);
      case 'field':
        return this.objectField(node);
    }
  }

  private statement(node: Node): Plan {
    if (node.type === 'attribute') {
      const name = this.field(node, 'name');
      return {
        children: [[this.field(node, 'value'), 'expr']],
        build: ([value]): Stmt => ({
          kind: 'attribute',
          name: { name: name.text, pos: this.pos(name) },
          eqPos: this.token(node, '='),
          value: value as Expr,
        }),
      };
    }
    if (node.type === 'block') {
      const nameNode = this.field(node, 'name');
      const labelNode = node.childForFieldName('label');
      const body = this.field(node, 'body');
      return {
        children: [[body, 'statements']],
        build: ([stmts]): Stmt => ({
          kind: 'block',
          name: nameNode.namedChildren.filter((c): c is Node => !!c && c.type === 'identifier').map((c) => c.text),
          namePos: this.pos(nameNode),
          label: labelNode ? labelNode.text.slice(1, -1) : '',
          labelPos: labelNode ? this.pos(labelNode) : -1,
          body: stmts as Stmt[],
          lcurly: this.token(body, '{'),
          rcurly: this.token(body, '}', true),
        }),
      };
    }
    throw new UnexpectedTree(`unexpected statement ${node.type}`);
  }

  private leaf(value: Expr): Plan {
    return { children: [], build: () => value };
  }

  private expr(node: Node): Plan {
    switch (node.type) {
      case 'identifier':
        return this.leaf({ kind: 'ident', ident: { name: node.text, pos: this.pos(node) } });
      case 'number':
        return this.leaf({ kind: 'literal', tok: 'NUMBER', value: node.text, pos: this.pos(node) });
      case 'float':
        return this.leaf({ kind: 'literal', tok: 'FLOAT', value: node.text, pos: this.pos(node) });
      case 'string':
      case 'raw_string':
        return this.leaf({ kind: 'literal', tok: 'STRING', value: node.text, pos: this.pos(node) });
      case 'true':
      case 'false':
        return this.leaf({ kind: 'literal', tok: 'BOOL', value: node.text, pos: this.pos(node) });
      case 'null':
        return this.leaf({ kind: 'literal', tok: 'NULL', value: node.text, pos: this.pos(node) });
      case 'array':
        return {
          children: exprs(this.list(node)),
          build: (elements): Expr => ({
            kind: 'array',
            elements: elements as Expr[],
            lbrack: this.token(node, '['),
            rbrack: this.token(node, ']', true),
          }),
        };
      case 'object':
        return {
          children: this.list(node).map((c) => [c, 'field']),
          build: (fields): Expr => ({
            kind: 'object',
            fields: fields as ObjectField[],
            lcurly: this.token(node, '{'),
            rcurly: this.token(node, '}', true),
          }),
        };
      case 'access_expression': {
        const name = this.field(node, 'field');
        return {
          children: [[this.field(node, 'value'), 'expr']],
          build: ([value]): Expr => ({
            kind: 'access',
            value: value as Expr,
            dotPos: this.token(node, '.'),
            name: { name: name.text, pos: this.pos(name) },
          }),
        };
      }
      case 'index_expression':
        return {
          children: exprs([this.field(node, 'value'), this.field(node, 'index')]),
          build: ([value, index]): Expr => ({
            kind: 'index',
            value: value as Expr,
            index: index as Expr,
            lbrack: this.token(node, '['),
            rbrack: this.token(node, ']', true),
          }),
        };
      case 'call_expression': {
        const args = this.field(node, 'arguments');
        return {
          children: exprs([this.field(node, 'function'), ...this.list(args)]),
          build: ([fn, ...values]): Expr => ({
            kind: 'call',
            value: fn as Expr,
            args: values as Expr[],
            lparen: this.token(args, '('),
            rparen: this.token(args, ')', true),
          }),
        };
      }
      case 'unary_expression': {
        const op = this.field(node, 'operator');
        return {
          children: [[this.field(node, 'operand'), 'expr']],
          build: ([value]): Expr => ({ kind: 'unary', op: op.text, opPos: this.pos(op), value: value as Expr }),
        };
      }
      case 'binary_expression': {
        const op = this.field(node, 'operator');
        return {
          children: exprs([this.field(node, 'left'), this.field(node, 'right')]),
          build: ([left, right]): Expr => ({
            kind: 'binary',
            op: op.text,
            opPos: this.pos(op),
            left: left as Expr,
            right: right as Expr,
          }),
        };
      }
      case 'parenthesized_expression':
        return {
          children: [[this.field(node, 'expression'), 'expr']],
          build: ([inner]): Expr => ({
            kind: 'paren',
            inner: inner as Expr,
            lparen: this.token(node, '('),
            rparen: this.token(node, ')', true),
          }),
        };
    }
    throw new UnexpectedTree(`unexpected expression ${node.type}`);
  }

  private objectField(node: Node): Plan {
    if (node.type !== 'object_field') throw new UnexpectedTree(`unexpected ${node.type} in object`);
    const key = this.field(node, 'key');
    const text = key.text;
    const isString = key.type === 'string' || key.type === 'raw_string';
    const quoted = isString && text.length > 2;
    return {
      children: [[this.field(node, 'value'), 'expr']],
      build: ([value]): ObjectField => ({
        name: { name: quoted ? text.slice(1, -1) : text, pos: this.pos(key) },
        quoted,
        keyText: text,
        eqPos: this.token(node, '='),
        value: value as Expr,
      }),
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
  const body = conv.convert(tree.rootNode, 'statements') as Stmt[];

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

/**
 * Builds the summary of one top-level statement from its subtree, in a single
 * iterative walk (no recursion: deeply nested input must not overflow the
 * stack). Also applies the syntax rules that the grammar leaves to the server
 * (see grammars/tree-sitter-alloy/README.md).
 */
import type { Node, TreeCursor } from 'web-tree-sitter';
import { describeError, describeMissing } from '../syntax/errors';
import type {
  AttributeInfo,
  BlockInfo,
  ReferenceInfo,
  Span,
  StatementSummary,
  SyntaxProblem,
  ValueInfo,
  ValueKind,
} from './types';

const CHAIN = /^[\p{L}_][\p{L}\p{Nd}_]*(\.[\p{L}_][\p{L}\p{Nd}_]*)*$/u;
const IDENT = /[\p{L}_][\p{L}\p{Nd}_]*/gu;
/** Cheap test before splitting a name into its parts: can one of them be a keyword? */
const KEYWORD = /true|false|null/;

interface Frame {
  type: string;
  block?: BlockInfo;
  attribute?: AttributeInfo;
  /** Object field keys contribute nothing to usage; attributes and nested blocks do. */
  usageName?: string;
  /** An attribute's: where its name ends, once the walk has passed it. */
  nameEnd?: number;
}

/** Unquotes a double-quoted Alloy string literal; invalid escapes are kept verbatim. */
export function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  const body = literal.slice(1, literal.endsWith('"') && literal.length > 1 ? -1 : undefined);
  return body.replace(
    /\\(?:([abfnrtv\\"])|([0-7]{3})|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/g,
    (m, simple, oct, hex, u4, u8) => {
      if (simple)
        return { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' }[simple as 'a'];
      const code = parseInt(oct ?? hex ?? u4 ?? u8, oct ? 8 : 16);
      try {
        return String.fromCodePoint(code);
      } catch {
        return m;
      }
    },
  );
}

/** The kind of value each node type is. */
export const VALUE_KINDS: Record<string, ValueKind> = {
  string: 'string',
  raw_string: 'raw_string',
  number: 'number',
  float: 'float',
  true: 'true',
  false: 'false',
  null: 'null',
  array: 'array',
  object: 'object',
  call_expression: 'call',
  identifier: 'identifier',
  access_expression: 'reference',
};

/**
 * What an attribute's value is, shallowly: depth 0 is the value itself; its array elements and object
 * fields are depth 1 (an array inside a field still lists its elements); nothing deeper is looked
 * at, so deep nesting cannot recurse.
 */
function valueInfo(node: Node, text: string, base: number, depth = 0): ValueInfo {
  const kind = VALUE_KINDS[node.type] ?? 'expression';
  const span = { start: node.startIndex - base, end: node.endIndex - base };
  const raw = text.slice(node.startIndex, node.endIndex);
  switch (kind) {
    case 'string':
    case 'raw_string':
      return { kind, span, text: unquote(raw) };
    case 'number':
    case 'float':
    case 'identifier':
      return { kind, span, text: raw };
    case 'reference': {
      const chain = raw.replace(/\s+/g, '');
      return CHAIN.test(chain) ? { kind, span, text: chain } : { kind: 'expression', span };
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      return { kind, span, text: fn ? text.slice(fn.startIndex, fn.endIndex).replace(/\s+/g, '') : undefined };
    }
    case 'array':
      if (depth > 1) return { kind, span };
      return {
        kind,
        span,
        elements: node.namedChildren
          .filter((c) => c && c.type !== 'comment')
          .map((c) => valueInfo(c!, text, base, depth + 1)),
      };
    case 'object': {
      if (depth > 0) return { kind, span };
      const fields: NonNullable<ValueInfo['fields']> = [];
      for (const field of node.namedChildren) {
        if (!field || field.type !== 'object_field') continue;
        const key = field.childForFieldName('key');
        const value = field.childForFieldName('value');
        if (!key || !value) continue;
        const keyText = text.slice(key.startIndex, key.endIndex);
        fields.push({
          key: key.type === 'identifier' ? keyText : unquote(keyText),
          keySpan: { start: key.startIndex - base, end: key.endIndex - base },
          value: valueInfo(value, text, base, depth + 1),
        });
      }
      return { kind, span, fields };
    }
    default:
      return { kind, span };
  }
}

/** The number of arguments of the call whose callee is `callee` (comments are not arguments). */
function argumentCount(callee: Node): number | undefined {
  const args = callee.parent?.childForFieldName('arguments');
  if (!args || args.hasError) return undefined;
  let n = 0;
  for (const c of args.namedChildren) if (c && c.type !== 'comment') n++;
  return n;
}

/** Checks `\u`/`\U` escapes that the grammar accepts lexically but Alloy rejects as code points. */
function checkEscapes(raw: string, offset: number, problems: SyntaxProblem[]): void {
  const re = /\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|\\)/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const hex = m[1] ?? m[2];
    if (!hex) continue;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) {
      problems.push({
        span: { start: offset + m.index, end: offset + m.index + m[0].length },
        message: 'escape sequence is invalid Unicode code point',
      });
    }
  }
}

/** Reports a newline between `from` and the next occurrence of `token`, where Alloy ends the statement. */
function newlineBefore(
  text: string,
  from: number,
  to: number,
  message: string,
  base: number,
  problems: SyntaxProblem[],
) {
  const nl = text.slice(from, to).search(/\n/);
  if (nl >= 0) problems.push({ span: { start: from + nl - base, end: from + nl - base }, message });
}

/** Every ERROR and MISSING node under `node` (not inside another ERROR), in document order. */
/** A character that starts no Alloy token: Alloy's scanner reports each one (`#`, `'`, `@`, ...). */
const ILLEGAL_START = /^[^\p{L}\p{Nd}_\s"`|&!=<>+\-*/%^{}()[\],.]/u;

/**
 * Every ERROR and MISSING node under `node`, in document order. Inside an
 * ERROR only illegal characters are reported again (Alloy's scanner reports
 * each of them); other nested errors are consequences of the first.
 */
function collectErrors(node: Node, text: string, base: number, out: SyntaxProblem[]): void {
  const found: SyntaxProblem[] = [];
  const cursor = node.walk();
  const errorDepths: number[] = [];
  try {
    for (;;) {
      let descend = false;
      if (cursor.nodeIsMissing) {
        if (errorDepths.length === 0)
          found.push(describeMissing(cursor.nodeType, cursor.startIndex, text, node.endIndex));
      } else if (cursor.nodeType === 'ERROR') {
        if (errorDepths.length === 0 || ILLEGAL_START.test(text.slice(cursor.startIndex, cursor.startIndex + 2))) {
          found.push(describeError(cursor.currentNode, text, node.endIndex));
        }
        errorDepths.push(cursor.currentDepth);
        descend = true;
      } else {
        descend = errorDepths.length > 0 || cursor.currentNode.hasError;
      }
      if (descend && cursor.gotoFirstChild()) continue;
      if (errorDepths.at(-1) === cursor.currentDepth) errorDepths.pop();
      let moved = false;
      while (!(moved = cursor.gotoNextSibling())) {
        if (!cursor.gotoParent()) break;
        if (errorDepths.at(-1) === cursor.currentDepth) errorDepths.pop();
      }
      if (!moved) break;
    }
  } finally {
    cursor.delete();
  }
  for (const p of found) out.push({ span: { start: p.span.start - base, end: p.span.end - base }, message: p.message });
}

/**
 * Summarises one top-level node of the tree (a block, an attribute or an
 * ERROR). `text` is the whole document.
 */
/**
 * Where a nested statement sits, for summarising it alone (see FileModel): the start of its
 * top-level statement (offsets are relative to it), the names its usage paths start with (the
 * blocks between the top-level statement and it, and itself), and the `declare`/`foreach` block
 * whose body holds it.
 */
export interface NestedContext {
  base: number;
  usagePrefix: string[];
  scope?: BlockInfo;
}

interface NodeTypes {
  names: readonly string[];
  named: readonly boolean[];
}
const NODE_TYPES = new WeakMap<object, NodeTypes>();

/** The name and named-ness of each node type id of the tree's language, read from the parser once. */
function nodeTypes(node: Node): NodeTypes {
  const language = node.tree.language;
  let types = NODE_TYPES.get(language);
  if (!types) {
    const names: string[] = [];
    const named: boolean[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      names.push(language.nodeTypeForId(id) ?? '');
      named.push(language.nodeTypeIsNamed(id));
    }
    types = { names, named };
    NODE_TYPES.set(language, types);
  }
  return types;
}

export function summarize(node: Node, text: string, nested?: NestedContext): StatementSummary {
  const base = nested ? nested.base : node.startIndex;
  const summary: StatementSummary = {
    start: base,
    end: node.endIndex,
    kind: node.type === 'block' ? 'block' : node.type === 'attribute' ? 'attribute' : 'error',
    references: [],
    calls: [],
    syntax: [],
  };
  const rel = (start: number, end: number): Span => ({ start: start - base, end: end - base });
  /** The grammar accepts `true`, `false` and `null` where Alloy wants an identifier (names, keys, fields). */
  const keywordsAsNames = (dotted: string, start: number, from: number) => {
    if (!KEYWORD.test(dotted)) return;
    const parts = dotted.split('.');
    for (let i = from, at = start; i < parts.length; at += parts[i].length + 1, i++) {
      if (/^\s*(true|false|null)\s*$/.test(parts[i])) {
        summary.syntax.push({
          span: rel(at, at + parts[i].length),
          message: `'${parts[i].trim()}' is a keyword, not a name`,
        });
      }
    }
  };
  const frames: Frame[] = [];

  const currentBlock = (): BlockInfo | undefined => {
    for (let i = frames.length - 1; i >= 0; i--) if (frames[i].block) return frames[i].block;
    return undefined;
  };
  const usage = (): string[] => {
    const names: string[] = nested ? [...nested.usagePrefix] : [];
    // frames[0] is the top-level statement itself: its name is not part of the usage path.
    for (let i = 1; i < frames.length; i++) if (frames[i].usageName) names.push(frames[i].usageName!);
    return names;
  };
  /**
   * Where a reference sits: the innermost `declare` or `foreach` whose body holds it (its scope),
   * the innermost component around it (a block that is a statement: top-level, or directly in a
   * `declare` body or a `foreach` template), and its usage relative to that component.
   */
  const enclosing = (): Pick<ReferenceInfo, 'scope' | 'component' | 'componentUsage'> => {
    let scope: BlockInfo | undefined;
    let component: BlockInfo | undefined;
    let componentFrame = 0;
    let outer: BlockInfo | undefined;
    let outerOuter: BlockInfo | undefined;
    for (let i = 0; i < frames.length; i++) {
      const b = frames[i].block;
      if (!b) continue;
      const statementLevel =
        outer === undefined ||
        outer.name === 'declare' ||
        (outer.name === 'template' && outerOuter?.name === 'foreach');
      if (statementLevel) {
        component = b;
        componentFrame = i;
        if (outer?.name === 'declare') scope = outer;
        else if (outer?.name === 'template') scope = outerOuter;
      }
      outerOuter = outer;
      outer = b;
    }
    // A reference directly in a declare body (not in a component) or a foreach template.
    if (outer?.name === 'declare' && outer !== component) scope = outer;
    if (outer?.name === 'template' && outerOuter?.name === 'foreach') scope = outerOuter;
    const componentUsage: string[] = [];
    for (let i = componentFrame + 1; i < frames.length; i++) {
      if (frames[i].usageName) componentUsage.push(frames[i].usageName!);
    }
    return { scope: scope ?? nested?.scope, component, componentUsage };
  };
  const segmentsOf = (start: number, end: number): Span[] => {
    const out: Span[] = [];
    const raw = text.slice(start, end);
    for (const m of raw.matchAll(IDENT)) out.push(rel(start + m.index, start + m.index + m[0].length));
    return out;
  };

  // Each property of a cursor is a call into the wasm parser, so the walk reads the type first and the
  // rest only where it is needed: punctuation is skipped on its type alone, and MISSING nodes can only
  // be where the tree has an error.
  const types = nodeTypes(node);
  const mayHaveMissing = node.hasError;
  /** Handles the node under the cursor; returns true to descend into it (a frame was pushed). */
  const enter = (cursor: TreeCursor): boolean => {
    const typeId = cursor.nodeTypeId;
    const type = types.names[typeId] ?? 'ERROR';
    if (!types.named[typeId] && type !== 'ERROR') return false;
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const parent = frames[frames.length - 1];
    const inAttribute = parent?.type === 'attribute' ? parent.attribute : undefined;
    const needsField =
      inAttribute !== undefined || type === 'block_name' || type === 'access_expression' || type === 'identifier';
    const field = needsField ? cursor.currentFieldName : null;
    // An attribute's name and value are read as the walk reaches them (its frame is pushed first).
    if (inAttribute && field === 'name') {
      inAttribute.name = text.slice(start, end);
      inAttribute.nameSpan = rel(start, end);
      parent.usageName = inAttribute.name;
      parent.nameEnd = end;
    } else if (inAttribute && field === 'value') {
      inAttribute.value = valueInfo(cursor.currentNode, text, base);
      const nameEnd = parent.nameEnd;
      if (nameEnd !== undefined) {
        newlineBefore(
          text,
          nameEnd,
          text.indexOf('=', nameEnd),
          "expected '=' on the same line as the attribute name",
          base,
          summary.syntax,
        );
      }
    }
    // ERROR and MISSING nodes are collected by collectErrors(), which also looks inside literals.
    if (mayHaveMissing && cursor.nodeIsMissing) return false;
    switch (type) {
      case 'ERROR':
        return false;
      case 'comment':
        return false;
      case 'block': {
        const block: BlockInfo = {
          name: '',
          nameSpan: rel(start, start),
          span: rel(start, end),
          bodySpan: rel(end, end),
          attributes: [],
          blocks: [],
        };
        const outer = currentBlock();
        if (outer) outer.blocks.push(block);
        else summary.block = block;
        frames.push({ type, block });
        return true;
      }
      case 'block_name': {
        keywordsAsNames(text.slice(start, end), start, 0);
        const block = currentBlock();
        if (block && field === 'name') {
          block.name = text.slice(start, end).replace(/\s+/g, '');
          block.nameSpan = rel(start, end);
          if (frames.length > 1) parent.usageName = block.name;
        }
        return false;
      }
      case 'label': {
        const block = currentBlock();
        if (block) {
          block.label = text.slice(start + 1, end - 1);
          keywordsAsNames(block.label, start + 1, 0);
          block.labelSpan = rel(start, end);
        }
        return false;
      }
      case 'block_body': {
        const block = currentBlock();
        if (block) {
          block.bodySpan = rel(start, end);
          // Alloy ends the statement at a line break after the name or after the label.
          newlineBefore(
            text,
            block.nameSpan.end + base,
            start,
            "expected the label and '{' on the same line as the block name",
            base,
            summary.syntax,
          );
        }
        frames.push({ type });
        return true;
      }
      case 'attribute': {
        // The name and the value are filled in when the walk reaches them (above).
        const attribute: AttributeInfo = {
          name: '',
          nameSpan: rel(start, start),
          span: rel(start, end),
          value: { kind: 'expression', span: rel(end, end) },
        };
        const block = currentBlock();
        if (block) block.attributes.push(attribute);
        else summary.attribute = attribute;
        frames.push({ type, attribute, usageName: '' });
        return true;
      }
      case 'object_field': {
        const node = cursor.currentNode;
        const key = node.childForFieldName('key');
        if (key)
          newlineBefore(
            text,
            key.endIndex,
            text.indexOf('=', key.endIndex),
            "expected '=' on the same line as the field name",
            base,
            summary.syntax,
          );
        const keyText = key ? text.slice(key.startIndex, key.endIndex) : undefined;
        frames.push({ type, usageName: keyText && /^["`]/.test(keyText) ? unquote(keyText) : keyText });
        return true;
      }
      case 'access_expression': {
        if (parent?.type === 'access_expression' && field === 'value') return false;
        const raw = text.slice(start, end);
        const chain = raw.replace(/\s+/g, '');
        if (CHAIN.test(chain)) {
          // `true.a` is an access on a literal; only the names after a '.' must not be keywords.
          keywordsAsNames(raw, start, 1);
          if (parent?.type === 'call_expression' && field === 'function') {
            summary.calls.push({ name: chain, span: rel(start, end), args: argumentCount(cursor.currentNode) });
          } else {
            const direct =
              parent?.type === 'attribute' ||
              (parent?.type === 'array' && frames[frames.length - 2]?.type === 'attribute');
            summary.references.push({
              path: chain.split('.'),
              span: rel(start, end),
              spacedSegments: chain === raw ? undefined : segmentsOf(start, end),
              usage: usage(),
              direct,
              ...enclosing(),
            });
          }
          return false;
        }
        frames.push({ type });
        return true;
      }
      case 'identifier':
        if (parent?.type === 'call_expression' && field === 'function') {
          summary.calls.push({
            name: text.slice(start, end),
            span: rel(start, end),
            args: argumentCount(cursor.currentNode),
          });
        } else if (field === 'name' || field === 'key' || field === 'field') {
          keywordsAsNames(text.slice(start, end), start, 0);
        } else if (parent) {
          // A bare name in an expression: a foreach variable, or a reference to something undefined.
          const direct =
            parent.type === 'attribute' || (parent.type === 'array' && frames[frames.length - 2]?.type === 'attribute');
          summary.references.push({
            path: [text.slice(start, end)],
            span: rel(start, end),
            usage: usage(),
            direct,
            ...enclosing(),
          });
        }
        return false;
      case 'string': {
        const raw = text.slice(start, end);
        if (raw.includes('\\')) checkEscapes(raw, start - base, summary.syntax);
        return false;
      }
      case 'number':
      case 'float':
      case 'raw_string':
      case 'true':
      case 'false':
      case 'null':
        return false;
      default:
        frames.push({ type });
        return true;
    }
  };

  if (node.hasError) collectErrors(node, text, base, summary.syntax);
  const cursor = node.walk();
  try {
    let descend = enter(cursor);
    for (;;) {
      if (descend && cursor.gotoFirstChild()) {
        descend = enter(cursor);
        continue;
      }
      if (descend) frames.pop();
      let moved = false;
      while (!(moved = cursor.gotoNextSibling())) {
        if (!cursor.gotoParent()) break;
        frames.pop();
        if (frames.length === 0) break;
      }
      if (!moved || frames.length === 0) break;
      descend = enter(cursor);
    }
  } finally {
    cursor.delete();
  }
  return summary;
}

/**
 * The statements of a top-level ERROR node (a child of an error-free root): error recovery leaves the
 * complete statements before the error as the ERROR's first children (at the top level, up to 700
 * statements before a dangling `.` in a large file). Those that are clean blocks, each ended by a line
 * break as Alloy wants, are statements of their own, as Alloy's parser sees them; the rest of the ERROR,
 * from its first other child, is one statement of kind 'error'. `reuse` may give the summary of a
 * child block instead of summarising it again.
 */
export function summarizeTopLevelError(
  error: Node,
  text: string,
  reuse?: (node: Node) => StatementSummary | undefined,
): StatementSummary[] {
  const out: StatementSummary[] = [];
  const children = error.children;
  let i = 0;
  for (; i < children.length; i++) {
    const child = children[i]!;
    if (child.type === 'comment') continue;
    if (child.type !== 'block' || child.hasError || child.endIndex <= child.startIndex) break;
    let next = i + 1;
    while (next < children.length && children[next]!.type === 'comment') next++;
    if (next >= children.length || !text.slice(child.endIndex, children[next]!.startIndex).includes('\n')) break;
    out.push(reuse?.(child) ?? summarize(child, text));
  }
  if (out.length === 0) return [summarize(error, text)];
  const from = children[i]!.startIndex;
  const rest = text.slice(from, error.endIndex);
  out.push({
    start: from,
    end: error.endIndex,
    kind: 'error',
    references: [],
    calls: [],
    syntax: [{ span: { start: 0, end: rest.length }, message: 'syntax error' }],
  });
  return out;
}

/**
 * What is under an offset, answered from the tree: the token (block name and
 * which of its segments, label, attribute name, object key, reference and
 * which of its segments, function call name, string, number, comment), and
 * its context (the enclosing blocks, attribute, call and argument index).
 * Inside error regions (half-typed text) the answer comes from the tokens the
 * parser kept there, so completion gets a useful answer while the user types.
 */
import type { Node } from 'web-tree-sitter';
import type { Span } from '../positions';

export type LocatedKind =
  | 'block-name'
  | 'label'
  | 'attribute-name'
  | 'object-key'
  | 'reference'
  | 'call'
  | 'string'
  | 'number'
  | 'literal'
  | 'comment'
  | 'punctuation'
  | 'whitespace';

/** A dotted name with a span per segment: a block name, a reference, a function name. */
export interface DottedName {
  path: string[];
  segments: Span[];
  span: Span;
  /** The segment the offset is in or touches (-1: none, e.g. on a dot's far side of a trailing `a.`). */
  segmentIndex: number;
}

export interface LocatedBlock {
  name: string;
  nameSpan: Span;
  label?: string;
  labelSpan?: Span;
  span: Span;
  /** The body `{ ... }`; undefined when the parser found none (half-typed). */
  bodySpan?: Span;
}

export interface Located {
  kind: LocatedKind;
  /** The token (or dotted name) under the offset. */
  span: Span;
  /** The enclosing blocks, outermost first (the innermost is the last). */
  blocks: LocatedBlock[];
  /** The block name under the offset (kind 'block-name'). */
  blockName?: DottedName;
  /** The attribute the offset is in (its name or its value). */
  attribute?: { name: string; nameSpan: Span; valueSpan?: Span; inValue: boolean };
  /** The object field key under the offset (kind 'object-key'). */
  objectKey?: { key: string; span: Span };
  /** The reference under the offset (kind 'reference', also when half-typed: `loki.write.`). */
  reference?: DottedName;
  /** The innermost call whose argument list holds the offset, or whose name is under it. */
  call?: { name: string; nameSpan: Span; argumentIndex: number; argumentsSpan?: Span };
  /** The offset is inside (or at the edge of) an ERROR region. */
  inError: boolean;
}

const IDENT_CHAR = /[\p{L}\p{Nd}_]/u;

function spanOf(n: Node): Span {
  return { start: n.startIndex, end: n.endIndex };
}

function blockInfo(block: Node): LocatedBlock {
  const name = block.childForFieldName('name');
  const label = block.childForFieldName('label');
  const body = block.childForFieldName('body');
  return {
    name: name ? name.text.replace(/\s+/g, '') : '',
    nameSpan: name ? spanOf(name) : { start: block.startIndex, end: block.startIndex },
    label: label ? label.text.slice(1, -1) : undefined,
    labelSpan: label ? spanOf(label) : undefined,
    span: spanOf(block),
    bodySpan: body ? spanOf(body) : undefined,
  };
}

/** Identifiers separated by dots in `nodes` (a run of sibling leaves): a dotted name around `offset`. */
function dottedRun(leaves: Node[], offset: number): DottedName | undefined {
  // The leaf at or just before the offset.
  let at = -1;
  for (let i = 0; i < leaves.length; i++) {
    if (leaves[i].startIndex <= offset && offset <= leaves[i].endIndex) {
      at = i;
      if (leaves[i].type === 'identifier') break;
    }
  }
  if (at < 0) return undefined;
  const isIdent = (n: Node) => n.type === 'identifier';
  const isDot = (n: Node) => n.type === '.';
  if (!isIdent(leaves[at]) && !isDot(leaves[at])) return undefined;
  let lo = at;
  let hi = at;
  // Extend left and right over alternating identifiers and dots that touch each other (no gaps but whitespace).
  while (
    lo > 0 &&
    (isIdent(leaves[lo - 1]) || isDot(leaves[lo - 1])) &&
    isIdent(leaves[lo - 1]) !== isIdent(leaves[lo])
  )
    lo--;
  while (
    hi + 1 < leaves.length &&
    (isIdent(leaves[hi + 1]) || isDot(leaves[hi + 1])) &&
    isIdent(leaves[hi + 1]) !== isIdent(leaves[hi])
  )
    hi++;
  if (isDot(leaves[lo])) lo++;
  if (lo > hi) return undefined;
  const path: string[] = [];
  const segments: Span[] = [];
  let segmentIndex = -1;
  for (let i = lo; i <= hi; i++) {
    if (!isIdent(leaves[i])) continue;
    if (leaves[i].startIndex <= offset && offset <= leaves[i].endIndex) segmentIndex = path.length;
    path.push(leaves[i].text);
    segments.push(spanOf(leaves[i]));
  }
  // A trailing dot (`loki.write.`): the offset after it starts a new, empty segment.
  if (isDot(leaves[hi]) && offset >= leaves[hi].endIndex) {
    segmentIndex = path.length;
    path.push('');
    segments.push({ start: offset, end: offset });
  }
  if (path.length === 0) return undefined;
  return { path, segments, span: { start: segments[0].start, end: segments[segments.length - 1].end }, segmentIndex };
}

/** Leaves (tokens) of a node, in order, without descending into strings and comments. */
function leavesOf(node: Node): Node[] {
  const out: Node[] = [];
  const cursor = node.walk();
  try {
    for (;;) {
      const type = cursor.nodeType;
      const isLeafish = type === 'string' || type === 'raw_string' || type === 'comment' || type === 'label';
      if (!isLeafish && cursor.gotoFirstChild()) continue;
      if (cursor.endIndex > cursor.startIndex || !isLeafish) out.push(cursor.currentNode);
      let moved = false;
      while (!(moved = cursor.gotoNextSibling())) {
        if (!cursor.gotoParent() || cursor.nodeId === node.id) break;
      }
      if (!moved || cursor.nodeId === node.id) break;
    }
  } finally {
    cursor.delete();
  }
  return out.filter((n) => n.childCount === 0 || n.type === 'string' || n.type === 'raw_string' || n.type === 'label');
}

/**
 * The blocks opened and not closed before `offset` in an error region, from its tokens:
 * `name "label" {` or `name {` opens a block, `= {` an object, `}` closes the innermost.
 */
function openBlocks(region: Node, offset: number): LocatedBlock[] {
  const leaves = leavesOf(region).filter((l) => l.endIndex <= offset);
  const stack: (LocatedBlock | undefined)[] = [];
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i];
    if (leaf.type === '}') stack.pop();
    if (leaf.type !== '{') continue;
    let j = i - 1;
    let label: Node | undefined;
    if (j >= 0 && leaves[j].type === 'label') label = leaves[j--];
    const name = dottedRun(leaves.slice(0, j + 1), leaves[j]?.endIndex ?? -1);
    const before = leaves[j - (name ? name.segments.length * 2 - 1 : 0)];
    if (!name || name.path.includes('') || before?.type === '=' || before?.type === ',' || before?.type === '(') {
      stack.push(undefined);
      continue;
    }
    stack.push({
      name: name.path.join('.'),
      nameSpan: name.span,
      label: label ? label.text.slice(1, -1) : undefined,
      labelSpan: label ? spanOf(label) : undefined,
      span: { start: name.span.start, end: region.endIndex },
      bodySpan: { start: leaf.startIndex, end: region.endIndex },
    });
  }
  return stack.filter((b): b is LocatedBlock => b !== undefined);
}

/** The dotted name an access_expression chain spells, with its segments. */
function chainOf(top: Node, offset: number): DottedName | undefined {
  const leaves = leavesOf(top);
  if (!leaves.every((l) => l.type === 'identifier' || l.type === '.')) return undefined;
  return dottedRun(leaves, offset);
}

/**
 * The node under `offset` in a tree. An offset between two tokens belongs to
 * the token that ends there when it is a name (the cursor just after `foo|`).
 */
function nodeAt(root: Node, offset: number, text: string): Node {
  const before = offset > 0 && IDENT_CHAR.test(text[offset - 1] ?? '');
  const after = IDENT_CHAR.test(text[offset] ?? '');
  const probe = before && !after ? offset - 1 : offset;
  return root.descendantForIndex(probe, probe) ?? root;
}

/** What is under `offset` in the tree of `text`. */
export function locate(root: Node, text: string, offset: number): Located {
  offset = Math.max(0, Math.min(offset, text.length));
  const leaf = nodeAt(root, offset, text);
  const result: Located = { kind: 'whitespace', span: { start: offset, end: offset }, blocks: [], inError: false };

  // Ancestors from the leaf up to the root.
  const chain: Node[] = [];
  for (let n: Node | null = leaf; n; n = n.parent) chain.push(n);
  const touches = (n: Node) => n.startIndex <= offset && offset <= n.endIndex;

  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i];
    if (n.type === 'block') result.blocks.push(blockInfo(n));
    if (n.type === 'ERROR' || n.isMissing) result.inError = true;
  }
  // In an error region the blocks around the offset are no block nodes: read them from its tokens.
  const errorRegion = chain.find((n) => n.type === 'ERROR');
  if (errorRegion) {
    const innerBlock = chain.findIndex((n) => n.type === 'block');
    const errorIndex = chain.indexOf(errorRegion);
    if (innerBlock < 0 || innerBlock > errorIndex) result.blocks.push(...openBlocks(errorRegion, offset));
  }
  for (let i = 0; i < chain.length; i++) {
    const n = chain[i];
    if (n.type === 'attribute' && !result.attribute) {
      const name = n.childForFieldName('name');
      const value = n.childForFieldName('value');
      if (name) {
        result.attribute = {
          name: name.text,
          nameSpan: spanOf(name),
          valueSpan: value ? spanOf(value) : undefined,
          inValue: value ? offset >= value.startIndex : offset > name.endIndex,
        };
      }
    }
    if (n.type === 'call_expression' && !result.call) {
      const fn = n.childForFieldName('function');
      const args = n.childForFieldName('arguments');
      const inArgs = args && offset > args.startIndex && (offset < args.endIndex || args.lastChild?.type !== ')');
      const onName = fn && touches(fn);
      if (fn && (inArgs || onName)) {
        let argumentIndex = -1;
        if (inArgs && args) {
          argumentIndex = 0;
          for (const c of args.children) if (c && c.type === ',' && c.endIndex <= offset) argumentIndex++;
        }
        result.call = {
          name: fn.text.replace(/\s+/g, ''),
          nameSpan: spanOf(fn),
          argumentIndex,
          argumentsSpan: args ? spanOf(args) : undefined,
        };
      }
    }
  }

  const parent = leaf.parent;
  const field = (n: Node) => {
    const p = n.parent;
    if (!p) return null;
    for (let k = 0; k < p.childCount; k++) if (p.child(k)?.id === n.id) return p.fieldNameForChild(k);
    return null;
  };
  switch (leaf.type) {
    case 'comment':
      return { ...result, kind: 'comment', span: spanOf(leaf) };
    case 'string':
    case 'raw_string':
      return { ...result, kind: 'string', span: spanOf(leaf) };
    case 'number':
    case 'float':
      return { ...result, kind: 'number', span: spanOf(leaf) };
    case 'true':
    case 'false':
    case 'null':
      return { ...result, kind: 'literal', span: spanOf(leaf) };
    case 'label':
      return { ...result, kind: 'label', span: spanOf(leaf) };
  }
  // Inside a string's escape or content node.
  for (const n of chain) {
    if (n.type === 'string' || n.type === 'raw_string') return { ...result, kind: 'string', span: spanOf(n) };
    if (n.type === 'comment') return { ...result, kind: 'comment', span: spanOf(n) };
  }

  if (parent?.type === 'block_name') {
    const leaves = parent.children.filter((c): c is Node => !!c);
    const name = dottedRun(leaves, offset);
    if (name) return { ...result, kind: 'block-name', span: name.span, blockName: name };
  }
  if (leaf.type === 'identifier' || leaf.type === '.') {
    if (parent?.type === 'attribute' && field(leaf) === 'name') {
      return { ...result, kind: 'attribute-name', span: spanOf(leaf) };
    }
    if (parent?.type === 'object_field' && field(leaf) === 'key') {
      return { ...result, kind: 'object-key', span: spanOf(leaf), objectKey: { key: leaf.text, span: spanOf(leaf) } };
    }
    // The outermost access_expression of the chain the leaf is in.
    let top: Node | undefined;
    for (const n of chain) {
      if (n.type === 'access_expression' || (n.type === 'identifier' && n.id === leaf.id)) top = n;
      else if (n.id !== leaf.id) break;
    }
    if (top && top.type !== 'ERROR') {
      const ref = top.type === 'identifier' ? dottedRun([top], offset) : chainOf(top, offset);
      if (ref) {
        const topField = field(top);
        if (top.parent?.type === 'call_expression' && topField === 'function') {
          return { ...result, kind: 'call', span: ref.span, reference: undefined };
        }
        if (!(parent?.type === 'ERROR' && leaf.type === '.'))
          return { ...result, kind: 'reference', span: ref.span, reference: ref };
      }
    }
  }
  // Half-typed text: the tokens the parser kept in the error region around the offset.
  const error = chain.find((n) => n.type === 'ERROR');
  if (error || leaf.type === '.' || leaf.isMissing) {
    const region = error ?? parent ?? leaf;
    const leaves = leavesOf(region);
    const name = dottedRun(leaves, offset);
    if (name) {
      // `name = ...` in an error region: an attribute name; `name {` or `name "label"`: a block name.
      const lastIndex = leaves.findIndex((l) => l.startIndex >= name.span.end);
      const next = lastIndex >= 0 ? leaves[lastIndex] : undefined;
      const prev = leaves.filter((l) => l.endIndex <= name.span.start).at(-1);
      if (next?.type === '=' && name.path.length === 1 && prev?.type !== '=' && prev?.type !== ',') {
        return { ...result, kind: 'attribute-name', span: name.span, inError: true };
      }
      if (next && (next.type === '{' || next.type === 'label') && prev?.type !== '=') {
        return { ...result, kind: 'block-name', span: name.span, blockName: name, inError: true };
      }
      return { ...result, kind: 'reference', span: name.span, reference: name, inError: true };
    }
  }
  if (leaf.childCount === 0 && touches(leaf) && leaf.endIndex > leaf.startIndex && leaf.type !== 'identifier') {
    return { ...result, kind: 'punctuation', span: spanOf(leaf) };
  }
  return result;
}

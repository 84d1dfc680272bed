/**
 * Re-summarising one nested statement alone: after an edit strictly inside a
 * statement of a `declare` body or a `foreach` template (at any depth), only
 * that statement's subtree is walked again. The new summary of the top-level
 * statement is a new object built from the old one: the nested statement's
 * parts are replaced, everything after it moves by the edit's delta, and the
 * rest is kept as it was. It equals what summarising the whole statement
 * again would give (test/model/incremental.test.ts checks that).
 */
import type { Node, Tree } from 'web-tree-sitter';
import { summarize } from './extract';
import type { AttributeInfo, BlockInfo, ReferenceInfo, Span, StatementSummary, ValueInfo } from './types';

/** Blocks whose body holds statements (nested scopes). */
function holdsStatements(block: BlockInfo): boolean {
  return block.name === 'declare' || block.name === 'foreach' || block.name === 'template';
}

/**
 * Moves a span's start when it is at or after `at` and its end when it is at or after `endAt` (both
 * relative offsets). An edit inside a token moves both from the edit's old end (`endAt` = `at`); an
 * insertion between tokens leaves a span that ends where the insertion starts where it is
 * (`endAt` = the edit's start + 1).
 */
function shiftSpan(span: Span, at: number, delta: number, endAt = at): void {
  if (span.start >= at) span.start += delta;
  if (span.end >= endAt) span.end += delta;
}

function shiftValue(value: ValueInfo, at: number, delta: number, endAt = at): void {
  const stack: ValueInfo[] = [value];
  while (stack.length > 0) {
    const v = stack.pop()!;
    shiftSpan(v.span, at, delta, endAt);
    if (v.elements) stack.push(...v.elements);
    if (v.fields) {
      for (const f of v.fields) {
        shiftSpan(f.keySpan, at, delta, endAt);
        stack.push(f.value);
      }
    }
  }
}

function shiftAttribute(a: AttributeInfo, at: number, delta: number, endAt = at): void {
  shiftSpan(a.nameSpan, at, delta, endAt);
  shiftSpan(a.span, at, delta, endAt);
  shiftValue(a.value, at, delta, endAt);
}

/** Moves every span of `block` (and below) that starts at or after `at` or ends at or after `endAt` (relative offsets). */
function shiftBlock(root: BlockInfo, at: number, delta: number, skip?: BlockInfo, endAt = at): void {
  const stack: BlockInfo[] = [root];
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (b === skip) continue;
    if (b.span.end < endAt) continue;
    shiftSpan(b.nameSpan, at, delta, endAt);
    if (b.labelSpan) shiftSpan(b.labelSpan, at, delta, endAt);
    shiftSpan(b.span, at, delta, endAt);
    shiftSpan(b.bodySpan, at, delta, endAt);
    for (const a of b.attributes) if (a.span.end >= endAt) shiftAttribute(a, at, delta, endAt);
    for (const inner of b.blocks) stack.push(inner);
  }
}

function shiftReference(r: ReferenceInfo, at: number, delta: number, endAt = at): void {
  shiftSpan(r.span, at, delta, endAt);
  if (r.spacedSegments) for (const s of r.spacedSegments) shiftSpan(s, at, delta, endAt);
}

/** The statement nodes (blocks and attributes) of a block's body. */
function bodyStatements(block: Node): Node[] {
  const body = block.childForFieldName('body');
  if (!body) return [];
  const out: Node[] = [];
  for (const c of body.namedChildren) if (c && (c.type === 'block' || c.type === 'attribute')) out.push(c);
  return out;
}

/** The statements of an old block's body, in order (relative spans). */
function oldStatements(block: BlockInfo): { span: Span; block?: BlockInfo }[] {
  const out: { span: Span; block?: BlockInfo }[] = [
    ...block.blocks.map((b) => ({ span: b.span, block: b })),
    ...block.attributes.map((a) => ({ span: a.span })),
  ];
  return out.sort((x, y) => x.span.start - y.span.start);
}

/**
 * The new summary of `old` (a top-level statement) after one edit [start, oldEnd) -> newEnd
 * strictly inside one of its nested statements, with only that nested statement summarised again;
 * undefined when the edit is not of that kind (the caller summarises the whole statement).
 */
export function resummarizeNested(
  old: StatementSummary,
  node: Node,
  text: string,
  edit: { start: number; oldEnd: number; newEnd: number },
): StatementSummary | undefined {
  const top = old.block;
  if (!top || !holdsStatements(top) || node.type !== 'block' || old.syntax.length > 0) return undefined;
  const base = old.start;
  const delta = edit.newEnd - edit.oldEnd;
  // Relative offsets of the edit in the old and the new text.
  const rs = edit.start - base;
  const roe = edit.oldEnd - base;

  // Descend from the top-level block to the innermost statement-holding block (a declare body, a
  // foreach template) with a nested statement that strictly contains the edit, checking at each level
  // that the new tree has the same statements there (only the edited one changed length).
  const path: BlockInfo[] = [top];
  const templateOf = (b: BlockInfo, n: Node): [BlockInfo, Node] | undefined => {
    const t = b.blocks.find((x) => x.name === 'template');
    const tn = bodyStatements(n).find((x) => x.type === 'block' && x.childForFieldName('name')?.text === 'template');
    return t && tn ? [t, tn] : undefined;
  };
  const inside = (holder: BlockInfo) => oldStatements(holder).some((x) => x.span.start < rs && roe < x.span.end);
  let holder: BlockInfo = top;
  let holderNode: Node = node;
  if (top.name === 'foreach') {
    const t = templateOf(top, node);
    if (!t) return undefined;
    [holder, holderNode] = t;
    path.push(holder);
  }
  let target: { old: BlockInfo; node: Node };
  for (;;) {
    const before = oldStatements(holder);
    const after = bodyStatements(holderNode);
    if (before.length !== after.length) return undefined;
    let hit = -1;
    for (let i = 0; i < before.length; i++) {
      const o = before[i].span;
      const n = after[i];
      const oStart = o.start < roe ? o.start : o.start + delta;
      const oEnd = o.end < rs ? o.end : o.end + delta;
      if (n.startIndex - base !== oStart || n.endIndex - base !== oEnd) return undefined;
      if (o.start < rs && roe < o.end) hit = i;
    }
    if (hit < 0 || !before[hit].block) return undefined;
    const child = before[hit].block!;
    const childNode = after[hit];
    if (child.name === 'declare' && inside(child)) {
      path.push(child);
      holder = child;
      holderNode = childNode;
      continue;
    }
    if (child.name === 'foreach') {
      const t = templateOf(child, childNode);
      if (t && inside(t[0])) {
        path.push(child, t[0]);
        [holder, holderNode] = t;
        continue;
      }
    }
    target = { old: child, node: childNode };
    break;
  }
  // The usage path of the nested statement starts with the names of the blocks below the top-level
  // one; its scope is the declare whose body holds it, or the foreach whose template does.
  const usagePrefix = [...path.slice(1).map((b) => b.name), target.old.name];
  const scope = holder.name === 'declare' ? holder : path[path.length - 2];
  const parent = holder;
  const fresh = summarize(target.node, text, { base, usagePrefix, scope });
  if (!fresh.block || fresh.block.name !== target.old.name) return undefined;

  // Splice: the old nested statement's parts out, the fresh ones in, the rest after it moved.
  const cut = target.old.span;
  const inCut = (s: Span) => s.start >= cut.start && s.end <= cut.end;
  const index = parent.blocks.indexOf(target.old);
  parent.blocks[index] = fresh.block;
  shiftBlock(top, roe, delta, fresh.block);
  const references: ReferenceInfo[] = [];
  let inserted = false;
  const insert = () => {
    if (!inserted) references.push(...fresh.references);
    inserted = true;
  };
  for (const r of old.references) {
    if (inCut(r.span)) continue;
    if (r.span.start >= cut.end) {
      insert();
      shiftReference(r, roe, delta);
    }
    references.push(r);
  }
  insert();
  const calls = [];
  inserted = false;
  for (const c of old.calls) {
    if (inCut(c.span)) continue;
    if (c.span.start >= cut.end) {
      if (!inserted) calls.push(...fresh.calls);
      inserted = true;
      shiftSpan(c.span, roe, delta);
    }
    calls.push(c);
  }
  if (!inserted) calls.push(...fresh.calls);
  return {
    start: old.start,
    end: old.end + delta,
    kind: old.kind,
    block: top,
    references,
    calls,
    syntax: [],
  };
}

/**
 * A new summary of `old` with every span (relative offsets) moved by `delta` where it starts at or
 * after `at` or ends at or after `endAt`: what an edit that changed no structure leaves (inside a
 * literal, model/literal.ts; whitespace between tokens, model/blank.ts).
 */
export function shiftStatement(old: StatementSummary, at: number, delta: number, endAt = at): StatementSummary {
  if (old.block) shiftBlock(old.block, at, delta, undefined, endAt);
  if (old.attribute) shiftAttribute(old.attribute, at, delta, endAt);
  for (const r of old.references) shiftReference(r, at, delta, endAt);
  for (const c of old.calls) shiftSpan(c.span, at, delta, endAt);
  return { ...old, end: old.end + delta, syntax: [] };
}

/** Whether `tree` (error-free) has a top-level node exactly at [start, end). */
export function topLevelNodeAt(tree: Tree, start: number, end: number): Node | undefined {
  const deepest = tree.rootNode.descendantForIndex(start, start);
  if (!deepest) return undefined;
  const child = deepest.id === tree.rootNode.id ? null : tree.rootNode.childWithDescendant(deepest);
  const n = child && child.startIndex === start ? child : deepest.startIndex === start ? deepest : null;
  if (!n || n.startIndex !== start || n.endIndex !== end || n.parent?.id !== tree.rootNode.id) return undefined;
  return n;
}

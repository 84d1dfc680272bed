/**
 * The cheapest update of all: an edit inside one string or number literal
 * (typing in a URL, a label value, a port) that leaves it one literal of the
 * same span. Nothing is summarised again: the literal's value is read from
 * the new text and every span after the edit moves by its length change, as
 * model/nested.ts does for a nested statement. It equals what summarising the
 * statement again would give (test/model/incremental.test.ts checks that).
 */
import type { Tree } from 'web-tree-sitter';
import { unquote, VALUE_KINDS } from './extract';
import { shiftStatement } from './nested';
import type { BlockInfo, StatementSummary, ValueInfo, ValueKind } from './types';

/** The kinds of value whose content the fast path reads again. */
const LITERALS: ReadonlySet<ValueKind> = new Set(['string', 'raw_string', 'number', 'float']);

/** The literal value of `statement` (relative offsets) whose token holds [rs, roe), if any. */
function literalAt(statement: StatementSummary, rs: number, roe: number): ValueInfo | undefined {
  const holds = (v: ValueInfo) =>
    v.kind === 'string' || v.kind === 'raw_string'
      ? v.span.start < rs && roe < v.span.end
      : // A number: anywhere in it or at its end, but not an insertion before it.
        v.span.start <= rs && roe <= v.span.end && roe > v.span.start;
  const inValue = (v: ValueInfo): ValueInfo | undefined => {
    // Iteratively: arrays hold arrays.
    const stack = [v];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (!(x.span.start <= rs && roe <= x.span.end)) continue;
      if (LITERALS.has(x.kind)) return holds(x) ? x : undefined;
      if (x.kind === 'array' && x.elements) stack.push(...x.elements);
      else if (x.kind === 'object' && x.fields) for (const f of x.fields) stack.push(f.value);
      else return undefined;
    }
    return undefined;
  };
  if (statement.attribute) return inValue(statement.attribute.value);
  let block: BlockInfo | undefined = statement.block;
  while (block) {
    const a = block.attributes.find((x) => x.span.start <= rs && roe <= x.span.end);
    if (a) return a.value.span.start <= rs && roe <= a.value.span.end ? inValue(a.value) : undefined;
    block = block.blocks.find((b) => b.span.start <= rs && roe <= b.span.end);
  }
  return undefined;
}

/**
 * The new summary of `old` after one edit [start, oldEnd) -> newEnd inside one of its literals, or
 * undefined when the edit is not of that kind (the caller summarises the statement again).
 */
export function resummarizeLiteral(
  old: StatementSummary,
  tree: Tree,
  text: string,
  edit: { start: number; oldEnd: number; newEnd: number },
): StatementSummary | undefined {
  if (old.kind === 'error' || old.syntax.length > 0) return undefined;
  const base = old.start;
  const rs = edit.start - base;
  const roe = edit.oldEnd - base;
  const delta = edit.newEnd - edit.oldEnd;
  const value = literalAt(old, rs, roe);
  if (!value) return undefined;
  // The new tree has one literal token exactly where the old one was, moved by the edit.
  const start = base + value.span.start;
  const end = base + value.span.end + delta;
  const node = tree.rootNode.descendantForIndex(start, end);
  if (!node || node.startIndex !== start || node.endIndex !== end) return undefined;
  // The same kind of literal (a number that became a float is a new outline: summarised again).
  const kind = VALUE_KINDS[node.type];
  if (kind !== value.kind) return undefined;
  const raw = text.slice(start, end);
  // Escapes are checked when a statement is summarised (extract.ts): leave those to it.
  if (kind === 'string' && raw.includes('\\')) return undefined;
  value.text = kind === 'string' || kind === 'raw_string' ? unquote(raw) : raw;
  return shiftStatement(old, roe, delta);
}

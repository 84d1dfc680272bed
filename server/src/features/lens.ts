/**
 * Code lenses (how many components consume each component) and document
 * links (component and config block names to their page in Alloy's reference
 * docs, from the knowledge catalog). Offsets are UTF-16 code units.
 */
import { getComponent, getConfigBlock } from '../knowledge';
import type { BlockInfo, Span, StatementSummary } from '../model/types';
import type { FileSpan } from './navigation';
import type { NavIndex, NavSymbol } from './symbols';

export interface ComponentLens {
  /** The component's header. */
  span: Span;
  /** "3 consumers", "1 consumer", "not used". */
  title: string;
  consumers: number;
  /** The references to it, for the references view. */
  references: FileSpan[];
}

/** The innermost statement around an offset (statements are sorted and do not overlap). */
function statementAt(statements: readonly StatementSummary[], offset: number): StatementSummary | undefined {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid].start <= offset) lo = mid + 1;
    else hi = mid;
  }
  const s = statements[lo - 1];
  return s && offset < s.end ? s : undefined;
}

/**
 * How many components read the component (one per consuming component, however many references it
 * has; a reference outside any component, as in `logging { write_to = [...] }`, counts its block).
 */
export function consumersOf(index: NavIndex, symbol: NavSymbol): { count: number; references: FileSpan[] } {
  const seen = new Set<string>();
  const references: FileSpan[] = [];
  for (const o of index.occurrencesOf(symbol)) {
    if (o.declaration || o.renameOnly) continue;
    references.push({ uri: o.uri, span: o.span });
    const consumer = index.componentAt(o.uri, o.span.start);
    const statement = consumer ? undefined : statementAt(index.file(o.uri)?.statements ?? [], o.span.start);
    seen.add(`${o.uri}#${consumer ? consumer.span.start : (statement?.start ?? o.span.start)}`);
  }
  return { count: seen.size, references };
}

/** One lens per component of a file. */
export function componentLenses(index: NavIndex, uri: string): ComponentLens[] {
  const out: ComponentLens[] = [];
  for (const symbol of index.componentsIn(uri)) {
    const { count, references } = consumersOf(index, symbol);
    out.push({
      span: symbol.header,
      title: count === 0 ? 'not used' : count === 1 ? '1 consumer' : `${count} consumers`,
      consumers: count,
      references,
    });
  }
  return out;
}

export interface DocLink {
  span: Span;
  url: string;
}

/** Links from component and config block names (at any depth of `declare` bodies) to their reference page. */
export function documentLinks(statements: readonly StatementSummary[]): DocLink[] {
  const out: DocLink[] = [];
  for (const s of statements) {
    if (!s.block) continue;
    const stack: { block: BlockInfo; body: boolean }[] = [{ block: s.block, body: true }];
    while (stack.length > 0) {
      const { block, body } = stack.pop()!;
      // Only blocks where components and config blocks stand: the top level, and declare/foreach bodies.
      if (body && block.name !== '') {
        const url =
          (block.label !== undefined ? getComponent(block.name) : undefined)?.docUrl ??
          getConfigBlock(block.name)?.docUrl;
        if (url) out.push({ span: { start: block.nameSpan.start + s.start, end: block.nameSpan.end + s.start }, url });
      }
      const inner = block.name === 'declare' || block.name === 'template';
      for (let i = block.blocks.length - 1; i >= 0; i--) {
        const child = block.blocks[i];
        stack.push({ block: child, body: inner });
      }
    }
  }
  return out;
}

/**
 * The outline of a file (document symbols) and the symbols of a workspace,
 * from the statement summaries. Offsets are absolute UTF-16 offsets.
 */
import { SINGLETON_BLOCKS, isImportBlock } from '../analysis/configuration';
import type { BlockInfo, Span, StatementSummary } from '../model/types';
import { isComponentBlock } from './symbols';

export type OutlineKind =
  'component' | 'declare' | 'import' | 'argument' | 'export' | 'foreach' | 'config-block' | 'block' | 'attribute';

export interface OutlineItem {
  /** What a person reads: `prometheus.scrape "default"`, `logging`, `argument "targets"`. */
  name: string;
  kind: OutlineKind;
  /** The whole block or attribute. */
  span: Span;
  /** The header (name and label), or the attribute's name. */
  selection: Span;
  children: OutlineItem[];
}

function kindOf(block: BlockInfo, depth: number, inModuleBody: boolean): OutlineKind {
  const name = block.name;
  if (name === 'declare') return 'declare';
  if (name === 'argument') return 'argument';
  if (name === 'export') return 'export';
  if (name === 'foreach') return 'foreach';
  if (isImportBlock(name)) return 'import';
  if ((depth === 0 || inModuleBody) && SINGLETON_BLOCKS.has(name)) return 'config-block';
  if ((depth === 0 || inModuleBody) && isComponentBlock(block)) return 'component';
  if (depth === 0) return block.label === undefined ? 'config-block' : 'component';
  return 'block';
}

const cache = new WeakMap<StatementSummary, OutlineItem | null>();

/** The outline item of a top-level statement, offsets relative to the statement (cached with the summary). */
function statementItem(statement: StatementSummary): OutlineItem | null {
  let item = cache.get(statement);
  if (item !== undefined) return item;
  item = null;
  if (statement.block) item = blockTree(statement.block);
  else if (statement.attribute) {
    const a = statement.attribute;
    item = { name: a.name, kind: 'attribute', span: a.span, selection: a.nameSpan, children: [] };
  }
  cache.set(statement, item);
  return item;
}

/** The items of a block and every block inside it (iteratively: nesting depth is unbounded). */
function blockTree(top: BlockInfo): OutlineItem {
  const make = (block: BlockInfo, depth: number, inModuleBody: boolean): OutlineItem => ({
    name: block.label !== undefined ? `${block.name} "${block.label}"` : block.name || '{ }',
    kind: kindOf(block, depth, inModuleBody),
    span: block.span,
    selection: { start: block.nameSpan.start, end: (block.labelSpan ?? block.nameSpan).end },
    children: [],
  });
  const root = make(top, 0, false);
  const stack: { block: BlockInfo; item: OutlineItem; depth: number }[] = [{ block: top, item: root, depth: 0 }];
  while (stack.length > 0) {
    const { block, item, depth } = stack.pop()!;
    // Inside `declare` and a `foreach` template the blocks are components and config blocks again.
    const moduleBody = block.name === 'declare' || block.name === 'template';
    for (const child of block.blocks) {
      const childItem = make(child, depth + 1, moduleBody);
      item.children.push(childItem);
      stack.push({ block: child, item: childItem, depth: depth + 1 });
    }
  }
  return root;
}

function shifted(item: OutlineItem, base: number): OutlineItem {
  const out: OutlineItem = {
    name: item.name,
    kind: item.kind,
    span: { start: item.span.start + base, end: item.span.end + base },
    selection: { start: item.selection.start + base, end: item.selection.end + base },
    children: [],
  };
  // Iteratively, like the tree it copies.
  const stack: [OutlineItem, OutlineItem][] = [[item, out]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    for (const c of from.children) {
      const copy: OutlineItem = {
        name: c.name,
        kind: c.kind,
        span: { start: c.span.start + base, end: c.span.end + base },
        selection: { start: c.selection.start + base, end: c.selection.end + base },
        children: [],
      };
      to.children.push(copy);
      stack.push([c, copy]);
    }
  }
  return out;
}

/** The outline of a file: one item per top-level block (and stray top-level attribute), nested. */
export function outline(statements: readonly StatementSummary[]): OutlineItem[] {
  const out: OutlineItem[] = [];
  for (const s of statements) {
    const item = statementItem(s);
    if (item) out.push(shifted(item, s.start));
  }
  return out;
}

export interface WorkspaceSymbolItem {
  uri: string;
  name: string;
  kind: OutlineKind;
  selection: Span;
  /** The enclosing `declare`, for symbols inside one. */
  container?: string;
}

/**
 * Whether `query` matches `name`: its characters appear in order, ignoring case (what editors'
 * symbol pickers expect); an empty query matches everything.
 */
export function fuzzyMatch(query: string, name: string): boolean {
  if (query === '') return true;
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let i = 0;
  for (let j = 0; j < n.length && i < q.length; j++) if (n[j] === q[i]) i++;
  return i === q.length;
}

/** The named blocks of files (components, declares, imports, arguments, exports) matching `query`. */
export function workspaceSymbols(
  files: readonly { uri: string; statements: readonly StatementSummary[] }[],
  query: string,
  limit = 1000,
): WorkspaceSymbolItem[] {
  const out: WorkspaceSymbolItem[] = [];
  for (const file of files) {
    for (const s of file.statements) {
      const item = statementItem(s);
      if (!item) continue;
      const stack: { item: OutlineItem; container?: string }[] = [{ item }];
      while (stack.length > 0) {
        const { item: it, container } = stack.pop()!;
        if (it.kind !== 'block' && it.kind !== 'attribute' && fuzzyMatch(query, it.name)) {
          out.push({
            uri: file.uri,
            name: it.name,
            kind: it.kind,
            selection: { start: it.selection.start + s.start, end: it.selection.end + s.start },
            container,
          });
          if (out.length >= limit) return out;
        }
        const inner = it.kind === 'declare' ? it.name : container;
        for (let i = it.children.length - 1; i >= 0; i--) stack.push({ item: it.children[i], container: inner });
      }
    }
  }
  return out;
}

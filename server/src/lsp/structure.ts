/**
 * Protocol handlers for the structure of documents: document symbols
 * (Outline, breadcrumbs), workspace symbols, folding ranges and selection
 * ranges. The logic is in features/outline.ts and features/ranges.ts.
 */
import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
  type SelectionRange,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import { folds, selectionChain } from '../features/ranges';
import { outline, workspaceSymbols, type OutlineItem, type OutlineKind } from '../features/outline';
import type { ServerState } from './state';

const KINDS: Record<OutlineKind, SymbolKind> = {
  component: SymbolKind.Object,
  declare: SymbolKind.Module,
  import: SymbolKind.Namespace,
  argument: SymbolKind.Variable,
  export: SymbolKind.Property,
  foreach: SymbolKind.Array,
  'config-block': SymbolKind.Package,
  block: SymbolKind.Struct,
  attribute: SymbolKind.Property,
};

export function registerStructure(state: ServerState): void {
  const { connection, workspace } = state;

  connection.onDocumentSymbol(({ textDocument }): DocumentSymbol[] | null => {
    const doc = workspace.open.get(textDocument.uri);
    if (!doc) return null;
    const lines = doc.lines;
    const convert = (item: OutlineItem): DocumentSymbol => ({
      name: item.name,
      kind: KINDS[item.kind],
      range: lines.rangeOf(item.span),
      selectionRange: lines.rangeOf(item.selection),
      children: [],
    });
    const roots = outline(doc.model.statements);
    const out = roots.map(convert);
    // Iteratively: nesting depth is unbounded.
    const stack: [OutlineItem, DocumentSymbol][] = roots.map((r, i) => [r, out[i]]);
    while (stack.length > 0) {
      const [item, symbol] = stack.pop()!;
      for (const child of item.children) {
        const c = convert(child);
        symbol.children!.push(c);
        stack.push([child, c]);
      }
    }
    return out;
  });

  connection.onWorkspaceSymbol(({ query }): SymbolInformation[] => {
    // Every open document and the files of its configuration, once each.
    const seen = new Set<string>();
    const files = [];
    for (const uri of workspace.open.keys()) {
      for (const doc of state.analysisOf(uri).docs) {
        if (seen.has(doc.uri)) continue;
        seen.add(doc.uri);
        files.push({ uri: doc.uri, statements: doc.model.statements, lines: doc.lines });
      }
    }
    const linesOf = new Map(files.map((f) => [f.uri, f.lines]));
    return workspaceSymbols(files, query).map((s) => ({
      name: s.name,
      kind: KINDS[s.kind],
      location: { uri: s.uri, range: linesOf.get(s.uri)!.rangeOf(s.selection) },
      containerName: s.container,
    }));
  });

  connection.onFoldingRanges(({ textDocument }): FoldingRange[] | null => {
    const doc = workspace.open.get(textDocument.uri);
    if (!doc) return null;
    const out: FoldingRange[] = [];
    for (const f of folds(doc.tree, doc.text)) {
      const startLine = doc.lines.lineAt(f.start);
      const endLine = doc.lines.lineAt(f.end) - (f.keepLastLine ? 1 : 0);
      if (endLine <= startLine) continue;
      out.push({ startLine, endLine, kind: f.comment ? FoldingRangeKind.Comment : undefined });
    }
    return out;
  });

  connection.onSelectionRanges(({ textDocument, positions }): SelectionRange[] | null => {
    const doc = workspace.open.get(textDocument.uri);
    if (!doc) return null;
    return positions.map((p) => {
      const chain = selectionChain(doc.tree, doc.lines.offsetAt(p));
      let parent: SelectionRange | undefined;
      for (let i = chain.length - 1; i >= 0; i--) parent = { range: doc.lines.rangeOf(chain[i]), parent };
      return parent ?? { range: { start: p, end: p } };
    });
  });
}

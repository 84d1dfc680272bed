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
  type Range,
  type SelectionRange,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import { folds, selectionChain } from '../features/ranges';
import { outline, workspaceSymbols, type OutlineItem, type OutlineKind } from '../features/outline';
import type { StatementSummary } from '../model/types';
import type { LineIndex } from '../positions';
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

/**
 * Copies a tree into document symbols, iteratively (nesting depth is unbounded); `children` only
 * where there are some.
 */
function symbolTree<T>(
  root: T,
  childrenOf: (node: T) => readonly T[] | undefined,
  convert: (node: T) => DocumentSymbol,
): DocumentSymbol {
  const out = convert(root);
  const stack: [T, DocumentSymbol][] = [[root, out]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    const children = childrenOf(from);
    if (!children || children.length === 0) continue;
    to.children = [];
    for (const child of children) {
      const c = convert(child);
      to.children.push(c);
      stack.push([child, c]);
    }
  }
  return out;
}

/** The document symbol of an outline item and the items inside it. */
function documentSymbolOf(root: OutlineItem, lines: LineIndex): DocumentSymbol {
  return symbolTree(
    root,
    (item) => item.children,
    (item) => ({
      name: item.name,
      kind: KINDS[item.kind],
      range: lines.rangeOf(item.span),
      selectionRange: lines.rangeOf(item.selection),
    }),
  );
}

const movedRange = (r: Range, lines: number): Range => ({
  start: { line: r.start.line + lines, character: r.start.character },
  end: { line: r.end.line + lines, character: r.end.character },
});

/** A copy of a document symbol (and the ones inside it) `lines` lines further down. */
function moved(root: DocumentSymbol, lines: number): DocumentSymbol {
  return symbolTree(
    root,
    (s) => s.children,
    (s) => ({
      name: s.name,
      kind: s.kind,
      range: movedRange(s.range, lines),
      selectionRange: movedRange(s.selectionRange, lines),
    }),
  );
}

export function registerStructure(state: ServerState): void {
  const { connection, workspace } = state;

  /**
   * The converted symbols of a statement, kept while the statement is unchanged: as they are while it
   * starts at the same position, moved by as many lines as it moved when it starts at the same
   * character of another line (most keystrokes move no other statement, a new line moves the ones
   * after it down by one).
   */
  const converted = new WeakMap<StatementSummary, { line: number; character: number; symbol: DocumentSymbol | null }>();

  connection.onDocumentSymbol(({ textDocument }): DocumentSymbol[] | null => {
    const doc = workspace.open.get(textDocument.uri);
    if (!doc) return null;
    const lines = doc.lines;
    const out: DocumentSymbol[] = [];
    for (const statement of doc.model.statements) {
      const start = lines.positionAt(statement.start);
      const known = converted.get(statement);
      if (known && known.character === start.character) {
        if (known.line !== start.line) {
          known.symbol = known.symbol && moved(known.symbol, start.line - known.line);
          known.line = start.line;
        }
        if (known.symbol) out.push(known.symbol);
        continue;
      }
      const [root] = outline([statement]);
      const symbol = root ? documentSymbolOf(root, lines) : null;
      if (symbol) out.push(symbol);
      converted.set(statement, { line: start.line, character: start.character, symbol });
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

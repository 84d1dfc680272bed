/**
 * Completion, hover and signature help: LSP positions to offsets, the
 * features in server/src/features, and their plain results back to LSP.
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type TextDocumentPositionParams,
} from 'vscode-languageserver/node';
import { complete, type SnippetEntry } from '../features/completion/complete';
import type { CompletionEntry, EntryKind } from '../features/completion/items';
import { hover, signatureHelp } from '../features/hover';
import { catalog } from '../knowledge';
import type { LineIndex } from '../positions';
import { snippets } from '../templates/snippets';
import type { ServerState } from './state';

const KINDS: Record<EntryKind, CompletionItemKind> = {
  component: CompletionItemKind.Class,
  'config-block': CompletionItemKind.Struct,
  'custom-component': CompletionItemKind.Class,
  namespace: CompletionItemKind.Module,
  argument: CompletionItemKind.Property,
  block: CompletionItemKind.Struct,
  reference: CompletionItemKind.Reference,
  label: CompletionItemKind.Variable,
  export: CompletionItemKind.Field,
  function: CompletionItemKind.Function,
  constant: CompletionItemKind.Constant,
  literal: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
  'module-argument': CompletionItemKind.Variable,
};

/** The self-monitoring snippets as completion entries (generated from the same templates as the VS Code file). */
function snippetEntries(): SnippetEntry[] {
  return Object.entries(snippets()).map(([name, s]) => ({
    name,
    prefix: s.prefix,
    description: s.description,
    body: s.body.join('\n'),
  }));
}

function toItem(e: CompletionEntry, lines: LineIndex, lazy?: { seq: number; index: number }): CompletionItem {
  const range = lines.rangeOf(e);
  const item: CompletionItem = {
    label: e.label,
    kind: KINDS[e.kind],
    textEdit: { range, newText: e.insert },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (e.snippet && e.insert.includes('\n')) item.insertTextMode = InsertTextMode.adjustIndentation;
  if (e.detail) item.detail = e.detail;
  if (e.labelDetail) item.labelDetails = { description: e.labelDetail };
  if (e.documentation && lazy) item.data = [lazy.seq, lazy.index];
  else if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
  if (e.filterText) item.filterText = e.filterText;
  if (e.sortText) item.sortText = e.sortText;
  if (e.deprecated) item.tags = [CompletionItemTag.Deprecated];
  return item;
}

export function registerCompletion(state: ServerState): void {
  const { connection, workspace } = state;
  let snippetCache: SnippetEntry[] | undefined;
  /**
   * The documentation of the last list's items, sent when the editor shows one (completionItem/resolve) rather
   * than with the list: a list of components would otherwise carry 185 descriptions.
   */
  let last: { seq: number; docs: (string | undefined)[] } = { seq: 0, docs: [] };

  /** The document, and the files of its configuration from the cached analysis (the document first). */
  function files(uri: string) {
    const doc = workspace.open.get(uri);
    if (!doc) return undefined;
    // The files alone: asking for the configuration index would build it (a whole-configuration pass).
    const all = state.analysisOf(uri).files;
    const file = all.find((f) => f.uri === uri);
    if (!file) return undefined;
    return { file, all: [file, ...all.filter((f) => f !== file)], lines: doc.lines };
  }

  function offsetOf(lines: LineIndex, params: TextDocumentPositionParams): number {
    return lines.offsetAt(params.position);
  }

  connection.onCompletion((params) => {
    const f = files(params.textDocument.uri);
    if (!f) return null;
    snippetCache ??= snippetEntries();
    const result = complete(f.file, f.all, offsetOf(f.lines, params), {
      kb: catalog.at(state.settings.version),
      snippets: state.editorHasSnippets ? [] : snippetCache,
    });
    const seq = last.seq + 1;
    const lazy = state.lazyCompletionDocs;
    last = { seq, docs: lazy ? result.entries.map((e) => e.documentation) : [] };
    const items = result.entries.map((e, index) => toItem(e, f.lines, lazy ? { seq, index } : undefined));
    return { isIncomplete: result.incomplete, items };
  });

  connection.onCompletionResolve((item) => {
    const data = item.data as unknown;
    if (Array.isArray(data) && data[0] === last.seq && typeof data[1] === 'number') {
      const doc = last.docs[data[1]];
      if (doc) item.documentation = { kind: MarkupKind.Markdown, value: doc };
    }
    return item;
  });

  connection.onHover((params) => {
    const f = files(params.textDocument.uri);
    if (!f) return null;
    const h = hover(catalog.at(state.settings.version), f.file, f.all, offsetOf(f.lines, params));
    if (!h) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: h.contents },
      range: f.lines.rangeOf(h),
    };
  });

  connection.onSignatureHelp((params) => {
    const f = files(params.textDocument.uri);
    if (!f) return null;
    const s = signatureHelp(catalog.at(state.settings.version), f.file, f.all, offsetOf(f.lines, params));
    if (!s) return null;
    return {
      signatures: [
        {
          label: s.label,
          documentation: { kind: MarkupKind.Markdown, value: s.documentation },
          parameters: s.parameters.map((label) => ({ label })),
          activeParameter: s.activeParameter,
        },
      ],
      activeSignature: 0,
      activeParameter: s.activeParameter,
    };
  });
}

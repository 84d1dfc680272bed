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
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { complete, type CompletionFile, type SnippetEntry } from '../features/completion/complete';
import type { CompletionEntry, EntryKind } from '../features/completion/items';
import { hover, signatureHelp } from '../features/hover';
import { snippets } from '../templates/snippets';
import type { ServerState } from './server';

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

function toItem(e: CompletionEntry, doc: TextDocument): CompletionItem {
  const range = { start: doc.positionAt(e.start), end: doc.positionAt(e.end) };
  const item: CompletionItem = {
    label: e.label,
    kind: KINDS[e.kind],
    textEdit: { range, newText: e.insert },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (e.snippet && e.insert.includes('\n')) item.insertTextMode = InsertTextMode.adjustIndentation;
  if (e.detail) item.detail = e.detail;
  if (e.labelDetail) item.labelDetails = { description: e.labelDetail };
  if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
  if (e.filterText) item.filterText = e.filterText;
  if (e.sortText) item.sortText = e.sortText;
  if (e.deprecated) item.tags = [CompletionItemTag.Deprecated];
  return item;
}

export function registerCompletion(state: ServerState): void {
  const { connection, workspace } = state;
  let snippetCache: SnippetEntry[] | undefined;

  function files(uri: string): { file: CompletionFile; all: CompletionFile[]; doc: TextDocument } | undefined {
    const own = workspace.open.get(uri);
    if (!own) return undefined;
    const toFile = (d: typeof own): CompletionFile => ({ uri: d.uri, text: d.text, statements: d.model.statements });
    const file = toFile(own);
    const docs = workspace.configurationOf(uri, state.settings.configMode).docs;
    const all = [file, ...docs.filter((d) => d.uri !== uri).map(toFile)];
    return { file, all, doc: own.document };
  }

  function offsetOf(doc: TextDocument, params: TextDocumentPositionParams): number {
    return doc.offsetAt(params.position);
  }

  connection.onCompletion((params) => {
    const f = files(params.textDocument.uri);
    if (!f) return null;
    snippetCache ??= snippetEntries();
    const result = complete(f.file, f.all, offsetOf(f.doc, params), {
      snippets: state.editorHasSnippets ? [] : snippetCache,
    });
    return { isIncomplete: result.incomplete, items: result.entries.map((e) => toItem(e, f.doc)) };
  });

  connection.onHover((params) => {
    const f = files(params.textDocument.uri);
    if (!f) return null;
    const h = hover(f.file, f.all, offsetOf(f.doc, params));
    if (!h) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: h.contents },
      range: { start: f.doc.positionAt(h.start), end: f.doc.positionAt(h.end) },
    };
  });

  connection.onSignatureHelp((params) => {
    const f = files(params.textDocument.uri);
    if (!f) return null;
    const s = signatureHelp(f.file, f.all, offsetOf(f.doc, params));
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

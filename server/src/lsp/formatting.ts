/**
 * Document and range formatting: the buffer as `alloy fmt` would print it, as
 * minimal edits in the buffer's own line ending (see format/eol.ts).
 */
import { MessageType } from 'vscode-languageserver/node';
import { formatEdits, formatRangeEdits } from '../format/edits';
import { FormatResult, formatTree } from '../format/formatter';
import type { ServerState } from './server';

export function registerFormatting(state: ServerState): void {
  const { connection, workspace } = state;

  /** Nothing is changed; say why instead of silently doing nothing. */
  function explain(result: Extract<FormatResult, { ok: false }>): void {
    void connection.sendNotification('window/showMessage', {
      type: MessageType.Warning,
      message: `Alloy: the document was not formatted: ${result.message} (line ${result.line + 1}, column ${result.character + 1})`,
    });
  }

  /** The open document and its formatted text, or undefined (and the user is told why) when there is none. */
  function format(uri: string) {
    const doc = workspace.open.get(uri);
    if (!doc) return undefined;
    const result = formatTree(doc.text, doc.tree);
    if (result.ok) return { doc, result };
    explain(result);
    return undefined;
  }

  connection.onDocumentFormatting(({ textDocument }) => {
    const formatted = format(textDocument.uri);
    return formatted ? formatEdits(formatted.doc.text, formatted.result.text) : [];
  });

  connection.onDocumentRangeFormatting(({ textDocument, range }) => {
    const formatted = format(textDocument.uri);
    return formatted ? formatRangeEdits(formatted.doc.text, formatted.doc.tree, range, formatted.result) : [];
  });
}

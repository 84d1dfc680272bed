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

  connection.onDocumentFormatting(({ textDocument }) => {
    const doc = workspace.open.get(textDocument.uri);
    if (!doc) return [];
    const result = formatTree(doc.text, doc.tree);
    if (!result.ok) {
      explain(result);
      return [];
    }
    return formatEdits(doc.text, result.text);
  });

  connection.onDocumentRangeFormatting(({ textDocument, range }) => {
    const doc = workspace.open.get(textDocument.uri);
    if (!doc) return [];
    const result = formatTree(doc.text, doc.tree);
    if (!result.ok) {
      explain(result);
      return [];
    }
    return formatRangeEdits(doc.text, doc.tree, range, result);
  });
}

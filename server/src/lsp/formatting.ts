/** Document and range formatting: the buffer as `alloy fmt` would print it, as minimal edits. */
import { MessageType } from 'vscode-languageserver/node';
import { formatEdits, formatRangeEdits } from '../format/edits';
import { formatTree } from '../format/formatter';
import type { ServerState } from './server';

export function registerFormatting(state: ServerState): void {
  const { connection, workspace } = state;

  connection.onDocumentFormatting(({ textDocument }) => {
    const doc = workspace.open.get(textDocument.uri);
    if (!doc) return [];
    const result = formatTree(doc.text, doc.tree);
    if (!result.ok) {
      // Nothing is changed; say why instead of silently doing nothing.
      const where = `${result.line + 1}:${result.character + 1}`;
      void connection.sendNotification('window/showMessage', {
        type: MessageType.Warning,
        message: `Alloy: not formatted because of a syntax error at ${where}: ${result.message}`,
      });
      return [];
    }
    return formatEdits(doc.text, result.text);
  });

  connection.onDocumentRangeFormatting(({ textDocument, range }) => {
    const doc = workspace.open.get(textDocument.uri);
    return doc ? formatRangeEdits(doc.text, doc.tree, range) : [];
  });
}

/**
 * Protocol handlers for code lenses (consumers of each component, opening
 * the references view through the client's SHOW_REFERENCES_COMMAND) and
 * document links (component names to Alloy's reference docs).
 */
import type { CodeLens, DocumentLink } from 'vscode-languageserver/node';
import { componentLenses, documentLinks } from '../features/lens';
import { navIndexOf } from '../features/symbols';
import { SHOW_REFERENCES_COMMAND } from '../protocol';
import type { ServerState } from './state';

export function registerLens(state: ServerState): void {
  const { connection, workspace } = state;

  connection.onCodeLens(({ textDocument }): CodeLens[] | null => {
    const uri = textDocument.uri;
    const doc = workspace.open.get(uri);
    if (!doc) return null;
    const index = navIndexOf(state.analysisOf(uri));
    return componentLenses(index, uri).map((lens) => {
      const range = doc.lines.rangeOf(lens.span);
      const locations = lens.references.flatMap((r) => {
        const lines = workspace.document(r.uri)?.lines;
        return lines ? [{ uri: r.uri, range: lines.rangeOf(r.span) }] : [];
      });
      return {
        range,
        command: { title: lens.title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, range.start, locations] },
      };
    });
  });

  connection.onDocumentLinks(({ textDocument }): DocumentLink[] | null => {
    const doc = workspace.open.get(textDocument.uri);
    if (!doc) return null;
    return documentLinks(doc.model.statements).map((l) => ({
      range: doc.lines.rangeOf(l.span),
      target: l.url,
      tooltip: 'Open the reference documentation',
    }));
  });
}

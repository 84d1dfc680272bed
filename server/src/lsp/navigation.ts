/**
 * Protocol handlers for definition, declaration, references, document
 * highlights and rename. Each converts positions to offsets, asks the
 * feature functions (features/navigation.ts) and converts back.
 */
import {
  DocumentHighlightKind,
  ErrorCodes,
  ResponseError,
  type Location,
  type LocationLink,
  type Position,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { toConfigFile } from '../analysis/workspace';
import {
  definition,
  highlights,
  prepareRename,
  references,
  rename,
  type DefinitionTarget,
} from '../features/navigation';
import { navIndexOf, type NavIndex } from '../features/symbols';
import type { Span } from '../model/types';
import type { ServerState } from './state';

export function registerNavigation(state: ServerState, linkSupport: () => boolean): void {
  const { connection, workspace } = state;

  function at(uri: string, position: Position): { index: NavIndex; offset: number } | undefined {
    const doc = workspace.open.get(uri);
    if (!doc) return undefined;
    return { index: navIndexOf(state.analysisOf(uri)), offset: doc.lines.offsetAt(position) };
  }

  function range(uri: string, span: Span) {
    return workspace.document(uri)?.lines.rangeOf(span);
  }

  function locations(found: DefinitionTarget[]): Location[] | LocationLink[] {
    if (linkSupport()) {
      const links: LocationLink[] = [];
      for (const t of found) {
        const targetRange = range(t.uri, t.span);
        const targetSelectionRange = range(t.uri, t.selection);
        if (!targetRange || !targetSelectionRange) continue;
        const originSelectionRange = t.origin && range(t.origin.uri, t.origin.span);
        links.push({ targetUri: t.uri, targetRange, targetSelectionRange, originSelectionRange });
      }
      return links;
    }
    const out: Location[] = [];
    for (const t of found) {
      const r = range(t.uri, t.selection);
      if (r) out.push({ uri: t.uri, range: r });
    }
    return out;
  }

  const load = (fromUri: string, filename: string) =>
    workspace.importedFiles(fromUri, filename).map((d) => toConfigFile(d));

  const goTo = ({ textDocument, position }: { textDocument: { uri: string }; position: Position }) => {
    const found = at(textDocument.uri, position);
    return found ? locations(definition(found.index, textDocument.uri, found.offset, load)) : null;
  };
  connection.onDefinition(goTo);
  connection.onDeclaration(goTo);

  connection.onReferences(({ textDocument, position, context }) => {
    const found = at(textDocument.uri, position);
    if (!found) return null;
    const out: Location[] = [];
    for (const r of references(found.index, textDocument.uri, found.offset, context.includeDeclaration)) {
      const lspRange = range(r.uri, r.span);
      if (lspRange) out.push({ uri: r.uri, range: lspRange });
    }
    return out;
  });

  connection.onDocumentHighlight(({ textDocument, position }) => {
    const found = at(textDocument.uri, position);
    if (!found) return null;
    return highlights(found.index, textDocument.uri, found.offset).map((h) => ({
      range: range(textDocument.uri, h.span)!,
      kind: h.write ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
  });

  connection.onPrepareRename(({ textDocument, position }) => {
    const found = at(textDocument.uri, position);
    if (!found) return null;
    const check = prepareRename(found.index, textDocument.uri, found.offset);
    if (!check.ok) throw new ResponseError(ErrorCodes.InvalidRequest, check.message);
    return { range: range(textDocument.uri, check.span)!, placeholder: check.placeholder };
  });

  connection.onRenameRequest(({ textDocument, position, newName }): WorkspaceEdit | null => {
    const found = at(textDocument.uri, position);
    if (!found) return null;
    const result = rename(found.index, textDocument.uri, found.offset, newName);
    if (!result.ok) throw new ResponseError(ErrorCodes.InvalidRequest, result.message);
    const changes: Record<string, TextEdit[]> = {};
    for (const e of result.edits) {
      const r = range(e.uri, e.span);
      if (!r) throw new ResponseError(ErrorCodes.InternalError, `${e.uri} is not available`);
      (changes[e.uri] ??= []).push({ range: r, newText: e.text });
    }
    return { changes };
  });
}

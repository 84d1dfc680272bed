/**
 * What the protocol handlers share: the connection, the documents
 * (workspace), the settings, and the cached analysis of each configuration.
 * server.ts creates it and wires the handlers; the handlers import this
 * module, never server.ts.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { Parser } from 'web-tree-sitter';
import type { Analysis } from '../analysis/analysis';
import { Workspace } from '../analysis/workspace';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { diagnosticsOf } from './diagnostics';

export interface ServerState {
  connection: Connection;
  workspace: Workspace;
  settings: Settings;
  /** The editor has the self-monitoring snippets itself (the VS Code extension contributes them). */
  editorHasSnippets: boolean;
  /** The editor asks for a completion item's documentation when it shows it (completionItem/resolve). */
  lazyCompletionDocs: boolean;
  /** The analysis of the configuration a document belongs to (cached per document versions and settings). */
  analysisOf(uri: string): Analysis;
  /** Diagnostics of a document for its current version (computed on demand, cached per analysis). */
  diagnosticsFor(uri: string): Diagnostic[];
}

export function createState(connection: Connection, parser: Parser): ServerState {
  const workspace = new Workspace(parser);
  const state: ServerState = {
    connection,
    workspace,
    settings: DEFAULT_SETTINGS,
    editorHasSnippets: false,
    lazyCompletionDocs: false,
    analysisOf(uri) {
      return workspace.analysisOf(uri, state.settings);
    },
    diagnosticsFor(uri) {
      return diagnosticsOf(state.analysisOf(uri), uri);
    },
  };
  return state;
}

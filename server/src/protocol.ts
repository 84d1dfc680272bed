/**
 * Names shared by the server, the VS Code client and the tests: diagnostic
 * codes, command ids and code-action kinds. Changing one is a breaking change.
 */

/** `Diagnostic.source` of everything the analyzer reports. */
export const DIAGNOSTIC_SOURCE = 'alloy-analyzer';

/** Every rule's stable code, defined with the rule's metadata (rules/metadata.ts). */
export { RULE_CODES, type RuleCode } from './rules/metadata';

/** Code-action kind of the "Add Alloy self-monitoring" source action. */
export const ADD_SELF_MONITORING_KIND = 'source.addSelfMonitoring';

/**
 * Server-side command (workspace/executeCommand) that inserts the missing
 * parts of the self-monitoring stack into a document through
 * workspace/applyEdit. Argument: {@link AddSelfMonitoringArgs}.
 */
export const ADD_SELF_MONITORING_COMMAND = 'alloy.server.addSelfMonitoring';

export type Signal = 'metrics' | 'logs' | 'traces';
export const SIGNALS: readonly Signal[] = ['metrics', 'logs', 'traces'];

export interface AddSelfMonitoringArgs {
  uri: string;
  /** Template destination; defaults to the `alloy.selfMonitoring.destination` setting. */
  destination?: string;
  /** Signals to add; defaults to all three. */
  signals?: Signal[];
}

/**
 * Custom request `alloy/graph`: the signal-flow graph of the configuration a
 * document belongs to, as the JSON document of `alloy-analyzer graph
 * --format json` (server/src/graph/render.ts `GraphDocument`), with each
 * node's 0-based line/character. Params: {@link GraphParams}; result: the
 * document, or null when the document is not open.
 */
export const GRAPH_REQUEST = 'alloy/graph';

export interface GraphParams {
  textDocument: { uri: string };
}

/**
 * Client-side command a code lens runs to open the references view (VS Code: editor.action.showReferences).
 * Arguments: the document URI, the position (LSP) and the locations (LSP) to list.
 */
export const SHOW_REFERENCES_COMMAND = 'alloy.showReferences';

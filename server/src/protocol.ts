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

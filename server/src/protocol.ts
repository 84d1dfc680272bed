/**
 * Names shared by the server, the VS Code client and the tests: diagnostic
 * codes, command ids and code-action kinds. Changing one is a breaking change.
 */

/** `Diagnostic.source` of everything the analyzer reports. */
export const DIAGNOSTIC_SOURCE = 'alloy-analyzer';

/** Every rule's stable code. */
export const RULE_CODES = [
  'syntax-error',
  'duplicate-block',
  'duplicate-component',
  'misplaced-block',
  'self-monitoring-metrics',
  'self-monitoring-logs',
  'self-monitoring-traces',
  'unwired-exporter',
  'undefined-reference',
  'wrong-receiver',
  'deprecated-function',
  'hardcoded-secret',
  'unknown-component',
  'unknown-attribute',
  'unknown-block',
  'missing-required',
  'type-mismatch',
  'duplicate-attribute',
  'unknown-function',
  'unknown-export',
  'reference-cycle',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

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

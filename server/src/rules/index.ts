/** Every rule, registered in one list. */
import { deprecatedFunction } from './deprecatedFunction';
import { duplicateBlock } from './duplicateBlock';
import { duplicateComponent } from './duplicateComponent';
import { hardcodedSecret } from './hardcodedSecret';
import { misplacedBlock } from './misplacedBlock';
import { undefinedReference } from './undefinedReference';
import { unwiredExporter } from './unwiredExporter';
import { wrongReceiver } from './wrongReceiver';
import { signalDeadEnd, signalNotAccepted } from './signalFlow';
import { unknownComponent } from './unknownComponent';
import { unknownAttribute } from './unknownAttribute';
import { unknownBlock } from './unknownBlock';
import { missingRequired } from './missingRequired';
import { typeMismatch } from './typeMismatch';
import { duplicateAttribute } from './duplicateAttribute';
import { unknownFunction } from './unknownFunction';
import { unknownExport } from './unknownExport';
import { referenceCycle } from './referenceCycle';

import type { ConfigurationRule, Rule, StatementRule } from './rule';
import type { RuleCode } from '../protocol';
import { selfMonitoringLogs } from './selfMonitoringLogs';
import { selfMonitoringMetrics } from './selfMonitoringMetrics';
import { selfMonitoringTraces } from './selfMonitoringTraces';
import { syntaxError } from './syntaxError';

export const RULES: readonly Rule[] = [
  syntaxError,
  duplicateBlock,
  duplicateComponent,
  misplacedBlock,
  selfMonitoringMetrics,
  selfMonitoringLogs,
  selfMonitoringTraces,
  unwiredExporter,
  undefinedReference,
  wrongReceiver,
  signalNotAccepted,
  signalDeadEnd,
  deprecatedFunction,
  hardcodedSecret,
  unknownComponent,
  unknownAttribute,
  unknownBlock,
  missingRequired,
  typeMismatch,
  duplicateAttribute,
  unknownFunction,
  unknownExport,
  referenceCycle,
];

export const STATEMENT_RULES = RULES.filter((r): r is StatementRule => r.kind === 'statement');
export const CONFIGURATION_RULES = RULES.filter((r): r is ConfigurationRule => r.kind === 'configuration');

/**
 * The configuration rules that read only where data goes (the signal-flow graph, references): what
 * analysis/projection.ts `flowProjection` keeps of a statement. When only other parts changed (a
 * name typed in an attribute with a plain value), their findings are moved, not computed again.
 */
export const FLOW_RULES: ReadonlySet<RuleCode> = new Set<RuleCode>([
  selfMonitoringMetrics.code,
  selfMonitoringLogs.code,
  selfMonitoringTraces.code,
  unwiredExporter.code,
  signalNotAccepted.code,
  signalDeadEnd.code,
  referenceCycle.code,
]);

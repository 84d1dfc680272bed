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
import type { ConfigurationRule, Rule, StatementRule } from './rule';
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
];

export const STATEMENT_RULES = RULES.filter((r): r is StatementRule => r.kind === 'statement');
export const CONFIGURATION_RULES = RULES.filter((r): r is ConfigurationRule => r.kind === 'configuration');

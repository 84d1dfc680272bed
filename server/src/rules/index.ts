/** Every rule, registered in one list. */
import { deprecatedFunction } from './deprecatedFunction';
import { duplicateBlock, duplicateComponent } from './duplicates';
import { hardcodedSecret } from './hardcodedSecret';
import { misplacedBlock } from './misplacedBlock';
import { undefinedReference, unwiredExporter, wrongReceiver } from './references';
import type { ConfigurationRule, Rule, StatementRule } from './rule';
import { selfMonitoringLogs, selfMonitoringMetrics, selfMonitoringTraces } from './selfMonitoring';
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
  deprecatedFunction,
  hardcodedSecret,
];

export const STATEMENT_RULES = RULES.filter((r): r is StatementRule => r.kind === 'statement');
export const CONFIGURATION_RULES = RULES.filter((r): r is ConfigurationRule => r.kind === 'configuration');

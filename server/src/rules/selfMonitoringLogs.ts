import type { ConfigurationRule } from './rule';
import { anchor, applies, at, finding, writesNowhere } from './selfMonitoringShared';

/** No `logging` block, or one that writes nowhere. */
export const selfMonitoringLogs: ConfigurationRule = {
  code: 'self-monitoring-logs',
  kind: 'configuration',
  check(config) {
    if (!applies(config)) return [];
    const sites = config.singletons.get('logging');
    if (!sites) {
      return [
        finding(
          'self-monitoring-logs',
          anchor(config),
          "Alloy's own logs only go to stderr: add a logging block with write_to",
          { signal: 'logs', reason: 'missing-block' },
        ),
      ];
    }
    const nowhere = writesNowhere(sites[0].block);
    if (!nowhere) return [];
    return [
      finding(
        'self-monitoring-logs',
        nowhere === 'missing' ? at(sites[0]) : at(sites[0], nowhere.span),
        nowhere === 'missing'
          ? "the logging block has no write_to: Alloy's own logs only go to stderr"
          : "logging.write_to is empty: Alloy's own logs only go to stderr",
        { signal: 'logs', reason: nowhere === 'missing' ? 'missing-write-to' : 'empty-write-to' },
      ),
    ];
  },
};

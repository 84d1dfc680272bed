import type { ConfigurationRule } from './rule';
import { lossPhrase, ownDeliveries } from '../graph/selfMonitoring';
import { anchor, applies, at, attribute, finding, writesNowhere } from './selfMonitoringShared';

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
    if (!nowhere) {
      // It writes somewhere: does that reach a logs backend?
      const lost = ownDeliveries(config, 'logs').find((d) => d.delivery.status === 'lost');
      if (!lost) return [];
      return [
        finding(
          'self-monitoring-logs',
          at(sites[0], attribute(sites[0].block, 'write_to')!.span),
          `Alloy's own logs never reach a logs backend: ${lossPhrase(config, lost.delivery, 'logs')}`,
          { signal: 'logs', reason: 'not-delivered' },
        ),
      ];
    }
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

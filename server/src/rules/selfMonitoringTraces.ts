import type { ConfigurationRule } from './rule';
import { anchor, applies, at, attribute, finding, writesNowhere } from './selfMonitoringShared';

/** No `tracing` block, one that writes nowhere, or one that samples nothing. */
export const selfMonitoringTraces: ConfigurationRule = {
  code: 'self-monitoring-traces',
  kind: 'configuration',
  check(config) {
    if (!applies(config)) return [];
    const sites = config.singletons.get('tracing');
    if (!sites) {
      return [
        finding(
          'self-monitoring-traces',
          anchor(config),
          "Alloy's own traces are not sent anywhere: add a tracing block with write_to",
          { signal: 'traces', reason: 'missing-block' },
        ),
      ];
    }
    const block = sites[0].block;
    const nowhere = writesNowhere(block);
    if (nowhere) {
      return [
        finding(
          'self-monitoring-traces',
          nowhere === 'missing' ? at(sites[0]) : at(sites[0], nowhere.span),
          nowhere === 'missing'
            ? 'the tracing block has no write_to: every trace Alloy records is dropped'
            : 'tracing.write_to is empty: every trace Alloy records is dropped',
          { signal: 'traces', reason: nowhere === 'missing' ? 'missing-write-to' : 'empty-write-to' },
        ),
      ];
    }
    const fraction = attribute(block, 'sampling_fraction');
    if (
      fraction &&
      (fraction.value.kind === 'number' || fraction.value.kind === 'float') &&
      Number(fraction.value.text) === 0
    ) {
      return [
        finding(
          'self-monitoring-traces',
          at(sites[0], fraction.value.span),
          'tracing.sampling_fraction is 0: no trace is ever recorded',
          { signal: 'traces', reason: 'zero-sampling' },
        ),
      ];
    }
    return [];
  },
};

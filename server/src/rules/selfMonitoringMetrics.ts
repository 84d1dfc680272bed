import type { ConfigurationRule } from './rule';
import { anchor, applies, finding, scrapesOwnEndpoint } from './selfMonitoringShared';

/**
 * No `prometheus.exporter.self`. A `prometheus.scrape` of Alloy's own
 * `/metrics` endpoint (what Alloy's packaged default configuration does)
 * collects the same metrics and counts too.
 */
export const selfMonitoringMetrics: ConfigurationRule = {
  code: 'self-monitoring-metrics',
  kind: 'configuration',
  check(config) {
    if (!applies(config)) return [];
    for (const decl of config.allComponents()) if (decl.name === 'prometheus.exporter.self') return [];
    if (scrapesOwnEndpoint(config)) return [];
    return [
      finding(
        'self-monitoring-metrics',
        anchor(config),
        "Alloy's own metrics are not collected: add a prometheus.exporter.self component and scrape it with prometheus.scrape",
        { signal: 'metrics', reason: 'missing-exporter' },
      ),
    ];
  },
};

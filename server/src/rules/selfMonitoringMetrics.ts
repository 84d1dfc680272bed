import { lossPhrase, ownDeliveries } from '../graph/selfMonitoring';
import { scrapesOwnEndpointDecls } from '../graph/ownEndpoint';
import { signalGraph } from '../graph/build';
import type { ConfigurationRule } from './rule';
import { anchor, applies, finding } from './selfMonitoringShared';

/**
 * No `prometheus.exporter.self`, or none whose targets are scraped into a
 * metrics backend. A `prometheus.scrape` of Alloy's own `/metrics` endpoint
 * (what Alloy's packaged default configuration does) collects the same
 * metrics and counts too.
 */
export const selfMonitoringMetrics: ConfigurationRule = {
  code: 'self-monitoring-metrics',
  kind: 'configuration',
  check(config) {
    if (!applies(config)) return [];
    const starts = ownDeliveries(config, 'metrics');
    if (starts.some((d) => d.delivery.status !== 'lost')) return [];
    const lost = starts[0];
    if (!lost) {
      return [
        finding(
          'self-monitoring-metrics',
          anchor(config),
          "Alloy's own metrics are not collected: add a prometheus.exporter.self component and scrape it with prometheus.scrape",
          { signal: 'metrics', reason: 'missing-exporter' },
        ),
      ];
    }
    const node = signalGraph(config).node(lost.start)!;
    const own = scrapesOwnEndpointDecls(config).length > 0 && node.name === 'prometheus.scrape';
    return [
      finding(
        'self-monitoring-metrics',
        { uri: node.uri, span: node.nameSpan },
        `Alloy's own metrics never reach a metrics backend: ${lossPhrase(config, lost.delivery, 'metrics')}`,
        { signal: 'metrics', reason: own ? 'own-endpoint-not-delivered' : 'not-delivered' },
      ),
    ];
  },
};

import type { ConfigurationRule } from './rule';
import { anchor, applies, finding } from './selfMonitoringShared';

/** Alloy's own HTTP endpoint (`--server.http.listen-addr`, 127.0.0.1:12345 by default) as a scrape target. */
const OWN_ENDPOINT = /__address__"?\s*=\s*"(127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1\]):12345"/;

/**
 * No `prometheus.exporter.self`. A `prometheus.scrape` of Alloy's own
 * `/metrics` endpoint (what Alloy's packaged default configuration does)
 * collects the same metrics and counts too.
 */
export const selfMonitoringMetrics: ConfigurationRule = {
  code: 'self-monitoring-metrics',
  kind: 'configuration',
  summary:
    "No `prometheus.exporter.self` component: Alloy's own metrics are not collected. (Applies to root configurations with components; not to modules.)",
  check(config) {
    if (!applies(config)) return [];
    for (const decl of config.allComponents()) {
      if (decl.name === 'prometheus.exporter.self') return [];
      if (decl.name === 'prometheus.scrape') {
        const targets = decl.block.attributes.find((a) => a.name === 'targets');
        const base = decl.statement.start;
        if (
          targets &&
          OWN_ENDPOINT.test(decl.file.text.slice(base + targets.value.span.start, base + targets.value.span.end))
        ) {
          return [];
        }
      }
    }
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

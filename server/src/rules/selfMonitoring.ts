import type { BlockSite, Configuration } from '../analysis/configuration';
import { absolute, type AttributeInfo, type BlockInfo } from '../model/types';
import type { RuleCode } from '../protocol';
import type { ConfigurationRule, Finding } from './rule';

/**
 * Self-monitoring applies to root configurations: not to modules (top-level
 * `argument`/`export`, or only `declare` blocks), not to files with no
 * components, and not while the configuration has syntax errors.
 */
function applies(config: Configuration): boolean {
  return config.hasComponents && !config.isModule && !config.hasSyntaxErrors;
}

/** Where a "missing" finding goes: the name of the first component of the first file that has one. */
function anchor(config: Configuration): { uri: string; span: { start: number; end: number } } {
  for (const file of config.files) {
    for (const statement of file.statements) {
      const b = statement.block;
      if (b && b.label !== undefined && config.components.has(`${b.name}.${b.label}`)) {
        return { uri: file.uri, span: absolute(b.nameSpan, statement.start) };
      }
    }
  }
  const file = config.files[0];
  return { uri: file.uri, span: { start: 0, end: 0 } };
}

function at(site: BlockSite, span = site.block.nameSpan) {
  return { uri: site.file.uri, span: absolute(span, site.statement.start) };
}

function attribute(block: BlockInfo, name: string): AttributeInfo | undefined {
  return block.attributes.find((a) => a.name === name);
}

/** `write_to` is missing, or is a literal empty list. */
function writesNowhere(block: BlockInfo): AttributeInfo | 'missing' | undefined {
  const w = attribute(block, 'write_to');
  if (!w) return 'missing';
  if (w.value.kind === 'array' && (w.value.elements?.length ?? 0) === 0) return w;
  return undefined;
}

function finding(
  code: RuleCode,
  where: { uri: string; span: { start: number; end: number } },
  message: string,
  data: Record<string, unknown>,
): Finding {
  return { code, ...where, message, data };
}

export const selfMonitoringMetrics: ConfigurationRule = {
  code: 'self-monitoring-metrics',
  kind: 'configuration',
  summary:
    "No `prometheus.exporter.self` component: Alloy's own metrics are not collected. (Applies to root configurations with components; not to modules.)",
  check(config) {
    if (!applies(config)) return [];
    for (const decl of config.allComponents()) if (decl.name === 'prometheus.exporter.self') return [];
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

export const selfMonitoringLogs: ConfigurationRule = {
  code: 'self-monitoring-logs',
  kind: 'configuration',
  summary: "No `logging` block, or one without `write_to`: Alloy's own logs only go to stderr.",
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

export const selfMonitoringTraces: ConfigurationRule = {
  code: 'self-monitoring-traces',
  kind: 'configuration',
  summary: 'No `tracing` block, one without `write_to` (every trace is dropped), or `sampling_fraction = 0`.',
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

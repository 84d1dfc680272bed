import { mustBeReferenced } from '../analysis/facts';
import { absolute } from '../model/types';
import type { ConfigurationRule, Finding } from './rule';

/** Exporters and sinks whose export nothing references: they run but their data goes nowhere. */
export const unwiredExporter: ConfigurationRule = {
  code: 'unwired-exporter',
  kind: 'configuration',
  check(config) {
    if (config.hasSyntaxErrors) return [];
    const out: Finding[] = [];
    for (const decls of config.components.values()) {
      const decl = decls[0];
      const exportName = mustBeReferenced(decl.name);
      if (!exportName) continue;
      if (config.isReferenced(decl)) continue;
      const what =
        exportName === 'targets'
          ? `its targets are never scraped (no prometheus.scrape or other component reads ${decl.key}.targets)`
          : `nothing sends data to it (nothing references ${decl.key}.${exportName})`;
      out.push({
        code: 'unwired-exporter',
        uri: decl.file.uri,
        span: absolute(decl.block.nameSpan, decl.statement.start),
        message: `${decl.name} "${decl.label}" is not wired: ${what}`,
        data: { component: decl.name, label: decl.label, export: exportName },
      });
    }
    return out;
  },
};

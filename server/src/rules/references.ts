import type { ResolvedReference } from '../analysis/configuration';
import { expectedReceiverType, exportsKnown, getComponent, getExport, mustBeReferenced } from '../analysis/facts';
import { absolute } from '../model/types';
import type { ConfigurationRule, Finding } from './rule';

function refSite(r: ResolvedReference) {
  return { uri: r.file.uri, span: absolute(r.ref.span, r.statement.start) };
}

/** A reference to a component that is not defined in the configuration. */
export const undefinedReference: ConfigurationRule = {
  code: 'undefined-reference',
  kind: 'configuration',
  summary:
    'A reference such as `loki.write.default.receiver` to a component that is not defined. Names from `import.*`, `declare`, `argument` and `foreach` count as defined.',
  check(config) {
    if (config.hasSyntaxErrors) return [];
    const out: Finding[] = [];
    for (const r of config.references) {
      if (!r.undefined) continue;
      const path = r.ref.path;
      const isArgument = path[0] === 'argument';
      out.push({
        code: 'undefined-reference',
        ...refSite(r),
        message: isArgument
          ? `'${path.slice(0, 2).join('.')}' is not declared: add an argument "${path[1]}" block`
          : `'${path.join('.')}' refers to a component that is not defined in this configuration`,
        data: { path },
      });
    }
    return out;
  },
};

/** Exporters and sinks whose export nothing references: they run but their data goes nowhere. */
export const unwiredExporter: ConfigurationRule = {
  code: 'unwired-exporter',
  kind: 'configuration',
  summary:
    'An exporter or sink that nothing uses: a `prometheus.exporter.*` whose `targets` nobody scrapes, an `otelcol.exporter.*` whose `input` nothing sends to (`tracing.write_to` counts), a `loki.write`, `prometheus.remote_write` or `pyroscope.write` whose `receiver` nothing forwards to.',
  check(config) {
    if (config.hasSyntaxErrors) return [];
    const out: Finding[] = [];
    for (const decls of config.components.values()) {
      const decl = decls[0];
      const exportName = mustBeReferenced(decl.name);
      if (!exportName) continue;
      if (config.referencesTo(decl).length > 0) continue;
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

/** `logging.write_to`, `tracing.write_to` and `prometheus.scrape.forward_to` given the wrong kind of receiver. */
export const wrongReceiver: ConfigurationRule = {
  code: 'wrong-receiver',
  kind: 'configuration',
  summary:
    '`logging.write_to` given something that is not a logs receiver, `tracing.write_to` something that is not an OpenTelemetry consumer, `prometheus.scrape.forward_to` something that is not a metrics receiver.',
  check(config) {
    const out: Finding[] = [];
    for (const r of config.references) {
      if (!r.target || r.ref.usage.length === 0 || !r.ref.direct) continue;
      const owner = r.statement.block?.name;
      if (!owner) continue;
      const usage = r.ref.usage;
      const expected = expectedReceiverType(owner, usage[usage.length - 1], usage.slice(0, -1));
      if (!expected) continue;
      // Custom or unknown components, and pages whose exports the docs do not list: nothing to compare with.
      if (!getComponent(r.target.name) || !exportsKnown(r.target.name)) continue;
      const exportName = r.exportName;
      const actual = exportName ? getExport(r.target.name, exportName)?.type : undefined;
      if (actual === expected.type) continue;
      const got = exportName
        ? actual
          ? `${r.target.name}.${exportName} is ${actual}`
          : `${r.target.name} has no export named '${exportName}'`
        : `a component, not one of its exports`;
      out.push({
        code: 'wrong-receiver',
        ...refSite(r),
        message: `${[owner, ...usage].join('.')} expects ${expected.description}, but ${got}`,
        data: { expected: expected.type },
      });
    }
    return out;
  },
};

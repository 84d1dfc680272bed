import { catalog } from '../knowledge';
import type { ReferenceInfo } from '../model/types';
import { referenceSite } from './sites';
import { didYouMean, nearest, versionSuffix } from './schemaFacts';
import type { ConfigurationRule, Finding } from './rule';

const verdicts = new WeakMap<ReferenceInfo, { version: string; component: string; fine: boolean }>();

/**
 * A reference to an export the component does not have, such as
 * `prometheus.exporter.self.default.target`. Components whose export list the
 * docs leave incomplete, and custom components, are not judged.
 */
export const unknownExport: ConfigurationRule = {
  code: 'unknown-export',
  kind: 'configuration',
  check(config, context) {
    const view = context.catalog;
    const out: Finding[] = [];
    for (const r of config.references) {
      if (r.statement.syntax.length > 0) continue;
      const target = r.target;
      const exportName = r.exportName;
      if (!target || !exportName) continue;
      // The verdict depends on the component's name, the export and the version: kept with the reference.
      const seen = verdicts.get(r.ref);
      const fine =
        seen && seen.version === context.version && seen.component === target.name
          ? seen.fine
          : !view.getComponent(target.name) ||
            !view.exportsKnown(target.name) ||
            view.getExport(target.name, exportName) !== undefined;
      verdicts.set(r.ref, { version: context.version, component: target.name, fine });
      if (fine) continue;
      const spec = view.getComponent(target.name)!;
      const names = spec.exports.map((e) => e.name);
      const history = catalog.releasesOfExport(target.name, exportName);
      const note = catalog.versionNote(history, context.version);
      const message = note
        ? `export '${exportName}' of ${target.name} ${note}${versionSuffix(context)}`
        : names.length === 0
          ? `${target.name} has no exports, so '${r.ref.path.join('.')}' reads nothing`
          : `${target.name} has no export named '${exportName}'${didYouMean(nearest(exportName, names))} (it exports ${names.join(', ')})`;
      out.push({ code: 'unknown-export', ...referenceSite(r), message, data: { name: exportName, exports: names } });
    }
    return out;
  },
};

import { blockSite, parsed } from './sites';
import type { ConfigurationRule, Finding } from './rule';

/** The same component name and label twice; two `declare`/`import.*` blocks with one label. */
export const duplicateComponent: ConfigurationRule = {
  code: 'duplicate-component',
  kind: 'configuration',
  structural: true,
  check(config) {
    const out: Finding[] = [];
    // Labels are unique per scope: the top level, and each declare body and foreach template.
    for (const all of [...config.allScopes()].flatMap((s) => [...s.components.values()])) {
      const decls = all.filter(parsed);
      for (const later of decls.slice(1)) {
        out.push({
          code: 'duplicate-component',
          ...blockSite(later),
          message: `component '${later.name} "${later.label}"' is already defined; labels must be unique per component name`,
          related: [{ ...blockSite(decls[0]), message: 'first definition' }],
        });
      }
    }
    for (const [label, all] of config.namespaces) {
      const sites = all.filter(parsed);
      for (const later of sites.slice(1)) {
        out.push({
          code: 'duplicate-component',
          ...blockSite(later),
          message: `'${label}' is already defined by ${sites[0].block.name} "${label}"; declare and import labels must be unique`,
          related: [{ ...blockSite(sites[0]), message: 'first definition' }],
        });
      }
    }
    return out;
  },
};

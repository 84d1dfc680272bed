import type { BlockSite } from '../analysis/configuration';
import { absolute } from '../model/types';
import type { ConfigurationRule, Finding } from './rule';

function site(s: BlockSite) {
  return { uri: s.file.uri, span: absolute(s.block.nameSpan, s.statement.start) };
}

/** A second `logging`, `tracing`, `http`, `remotecfg`, `livedebugging` or `labelstore` block. */
export const duplicateBlock: ConfigurationRule = {
  code: 'duplicate-block',
  kind: 'configuration',
  summary:
    'A second `logging`, `tracing`, `http`, `remotecfg`, `livedebugging` or `labelstore` block in one configuration (all files of a directory in directory mode); Alloy refuses to load it.',
  check(config) {
    const out: Finding[] = [];
    for (const [name, sites] of config.singletons) {
      const first = site(sites[0]);
      for (const later of sites.slice(1)) {
        const where = later.file.uri === sites[0].file.uri ? '' : ' of the same configuration';
        out.push({
          code: 'duplicate-block',
          ...site(later),
          message: `duplicate '${name}' block: a configuration may have only one, and another is defined${where ? ` in another file${where}` : ' above'}`,
          related: [{ ...first, message: `first '${name}' block` }],
          data: { block: name },
        });
      }
    }
    return out;
  },
};

/** The same component name and label twice. */
export const duplicateComponent: ConfigurationRule = {
  code: 'duplicate-component',
  kind: 'configuration',
  summary: 'Two components with the same name and label, e.g. two `loki.write "default"` blocks.',
  check(config) {
    const out: Finding[] = [];
    for (const decls of config.components.values()) {
      for (const later of decls.slice(1)) {
        out.push({
          code: 'duplicate-component',
          ...site(later),
          message: `component '${later.name} "${later.label}"' is already defined; labels must be unique per component name`,
          related: [{ ...site(decls[0]), message: 'first definition' }],
        });
      }
    }
    return out;
  },
};

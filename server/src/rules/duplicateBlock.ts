import { blockSite, parsed } from './sites';
import type { ConfigurationRule, Finding } from './rule';

/** A second `logging`, `tracing`, `http`, `remotecfg`, `livedebugging` or `labelstore` block. */
export const duplicateBlock: ConfigurationRule = {
  code: 'duplicate-block',
  kind: 'configuration',
  structural: true,
  check(config) {
    const out: Finding[] = [];
    for (const [name, all] of config.singletons) {
      const sites = all.filter(parsed);
      if (sites.length < 2) continue;
      const first = blockSite(sites[0]);
      for (const later of sites.slice(1)) {
        const where = later.file.uri === sites[0].file.uri ? '' : ' of the same configuration';
        out.push({
          code: 'duplicate-block',
          ...blockSite(later),
          message: `duplicate '${name}' block: a configuration may have only one, and another is defined${where ? ` in another file${where}` : ' above'}`,
          related: [{ ...first, message: `first '${name}' block` }],
          data: { block: name },
        });
      }
    }
    return out;
  },
};

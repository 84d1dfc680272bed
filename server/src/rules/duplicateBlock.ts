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
        const other = sites[0].file.uri;
        const where =
          later.file.uri === other ? 'above' : `in ${decodeURIComponent(other.slice(other.lastIndexOf('/') + 1))}`;
        out.push({
          code: 'duplicate-block',
          ...blockSite(later),
          message: `duplicate '${name}' block: a configuration may have only one, and another is defined ${where} (the related location)`,
          related: [{ ...first, message: `first '${name}' block` }],
          data: { block: name },
        });
      }
    }
    return out;
  },
};

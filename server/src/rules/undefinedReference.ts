import { referenceSite } from './sites';
import type { ConfigurationRule, Finding } from './rule';

/** A reference to a component that is not defined in the configuration. */
export const undefinedReference: ConfigurationRule = {
  code: 'undefined-reference',
  kind: 'configuration',
  check(config) {
    if (config.hasSyntaxErrors) return [];
    const out: Finding[] = [];
    for (const r of config.references) {
      if (!r.undefined) continue;
      const path = r.ref.path;
      const isArgument = path[0] === 'argument';
      out.push({
        code: 'undefined-reference',
        ...referenceSite(r),
        message: isArgument
          ? `'${path.slice(0, 2).join('.')}' is not declared: add an argument "${path[1]}" block`
          : `'${path.join('.')}' refers to a component that is not defined in this configuration`,
        data: { path },
      });
    }
    return out;
  },
};

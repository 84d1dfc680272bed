import type { ResolvedReference } from '../analysis/configuration';
import { referenceSite } from './sites';
import type { ConfigurationRule, Finding } from './rule';

/** The message for an undefined reference; computed once per resolved reference (they survive unrelated edits). */
const messages = new WeakMap<ResolvedReference, string>();
function messageFor(r: ResolvedReference): string {
  let message = messages.get(r);
  if (message === undefined) {
    const path = r.ref.path;
    message =
      path[0] === 'argument'
        ? `'${path.slice(0, 2).join('.')}' is not declared: add an argument "${path[1]}" block`
        : `'${path.join('.')}' refers to a component that is not defined in this configuration`;
    messages.set(r, message);
  }
  return message;
}

/** A reference to a component that is not defined in the configuration. */
export const undefinedReference: ConfigurationRule = {
  code: 'undefined-reference',
  kind: 'configuration',
  check(config) {
    if (config.hasSyntaxErrors) return [];
    const out: Finding[] = [];
    for (const r of config.references) {
      if (!r.undefined) continue;
      out.push({
        code: 'undefined-reference',
        ...referenceSite(r),
        message: messageFor(r),
        data: { path: r.ref.path },
      });
    }
    return out;
  },
};

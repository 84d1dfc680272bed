import { deprecatedFunction as replacementFor } from '../analysis/facts';
import type { StatementRule } from './rule';

/** Calls of deprecated standard-library functions such as `env(...)`. */
export const deprecatedFunction: StatementRule = {
  code: 'deprecated-function',
  kind: 'statement',
  check(statement) {
    const out = [];
    for (const call of statement.calls) {
      const replacement = replacementFor(call.name);
      if (replacement) {
        out.push({
          span: call.span,
          message: `'${call.name}' is deprecated; use '${replacement}' instead`,
          data: { name: call.name, replacement },
        });
      }
    }
    return out;
  },
};

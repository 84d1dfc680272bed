import { catalog } from '../knowledge';
import { STDLIB_ARITY } from '../knowledge/stdlibArity';
import { didYouMean, nearest, versionSuffix } from './schemaFacts';
import type { LocalFinding, StatementRule } from './rule';

function arityOf(name: string, replacement: string | undefined) {
  return STDLIB_ARITY[name] ?? (replacement ? STDLIB_ARITY[replacement] : undefined);
}

/** A call of a function the standard library does not have, or with the wrong number of arguments. */
export const unknownFunction: StatementRule = {
  code: 'unknown-function',
  kind: 'statement',
  check(statement, _file, context) {
    const view = context.catalog;
    const out: LocalFinding[] = [];
    if (statement.syntax.length > 0) return out;
    for (const call of statement.calls) {
      const fn = view.getStdlibFunction(call.name);
      if (!fn) {
        const history = catalog.releasesOfFunction(call.name);
        const note = catalog.versionNote(history, context.version);
        if (note) {
          out.push({
            span: call.span,
            message: `function '${call.name}' ${note}${versionSuffix(context)}`,
            data: { name: call.name },
          });
          continue;
        }
        const names = view.catalog.stdlib.filter((f) => f.kind === 'function' && !f.deprecated).map((f) => f.name);
        const suggestions = nearest(call.name, names);
        out.push({
          span: call.span,
          message: `'${call.name}' is not a standard library function${didYouMean(suggestions)}`,
          data: { name: call.name, suggestions },
        });
        continue;
      }
      if (fn.kind !== 'function') {
        out.push({
          span: call.span,
          message: `'${call.name}' is a constant, not a function: write it without (...)`,
          data: { name: call.name },
        });
        continue;
      }
      const arity = arityOf(fn.name, fn.deprecated?.replacement);
      if (!arity || call.args === undefined) continue;
      if (call.args >= arity.min && (arity.max === undefined || call.args <= arity.max)) continue;
      const expected =
        arity.max === undefined
          ? `at least ${arity.min}`
          : arity.min === arity.max
            ? `${arity.min}`
            : `${arity.min} to ${arity.max}`;
      const plural = arity.max === 1 && arity.min === 1 ? 'argument' : 'arguments';
      out.push({
        span: call.span,
        message: `${call.name} takes ${expected} ${plural}, but is given ${call.args}`,
        data: { name: call.name },
      });
    }
    return out;
  },
};

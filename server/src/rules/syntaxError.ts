import type { StatementRule } from './rule';

/** Every syntax error: the grammar's ERROR/MISSING nodes and the rules it leaves to the server. */
export const syntaxError: StatementRule = {
  code: 'syntax-error',
  kind: 'statement',
  summary: 'Alloy cannot parse this: the same syntax errors `alloy fmt` and `alloy run` report.',
  check: (statement) => statement.syntax.map((p) => ({ span: p.span, message: p.message })),
};

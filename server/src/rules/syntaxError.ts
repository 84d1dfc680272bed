import type { LocalFinding, StatementRule } from './rule';

/**
 * Every syntax error: the grammar's ERROR/MISSING nodes and the rules it
 * leaves to the server. Like Alloy's parser, only the first error of a line
 * is reported: later ones on that line are usually consequences.
 */
export const syntaxError: StatementRule = {
  code: 'syntax-error',
  kind: 'statement',
  check(statement, file) {
    const problems = [...statement.syntax].sort((a, b) => a.span.start - b.span.start);
    const out: LocalFinding[] = [];
    let lineStart = -1;
    for (const p of problems) {
      const at = statement.start + p.span.start;
      if (lineStart >= 0 && !file.text.slice(lineStart, at).includes('\n')) continue;
      lineStart = at;
      out.push({ span: p.span, message: p.message });
    }
    return out;
  },
};

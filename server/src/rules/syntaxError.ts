import { fileSyntax } from '../syntax/alloySyntax';
import type { ConfigFile } from '../analysis/configuration';
import type { ConfigurationRule, Finding } from './rule';

/** The position of each finding in Alloy's list of diagnostics. */
const order = new WeakMap<Finding, number>();

/**
 * Every syntax error Alloy's parser reports, where and as it reports it
 * (server/src/syntax/alloyParser.ts is a port of its error behaviour), computed
 * only over the statements whose tree has errors.
 */
export const syntaxError: ConfigurationRule = {
  code: 'syntax-error',
  kind: 'configuration',
  check: (config) => syntaxErrorFindings(config.files),
};

/** The syntax errors of files, from their text alone (no configuration index needed). */
export function syntaxErrorFindings(files: readonly ConfigFile[]): Finding[] {
  const out: Finding[] = [];
  for (const file of files) {
    for (const e of fileSyntax(file.text, file.statements).errors) {
      const finding: Finding = {
        code: 'syntax-error',
        uri: file.uri,
        span: { start: e.start, end: e.end },
        message: e.message,
      };
      order.set(finding, out.length);
      out.push(finding);
    }
  }
  return out;
}

/**
 * Findings sorted by position, with the syntax errors in the order Alloy reports them (the scanner
 * reports an error inside a token, e.g. a bad escape, before the parser's or the scanner's error at
 * the token's start): each goes before the first other finding that starts after it and after
 * every syntax error Alloy reports later.
 */
export function inAlloyOrder(sorted: Finding[]): Finding[] {
  const syntax = sorted.filter((f) => f.code === 'syntax-error');
  if (syntax.length < 2) return sorted;
  const alloy = syntax.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const rank: number[] = new Array<number>(alloy.length);
  for (let i = alloy.length - 1, min = Infinity; i >= 0; i--) rank[i] = min = Math.min(min, alloy[i].span.start);
  const out: Finding[] = [];
  let i = 0;
  for (const f of sorted) {
    if (f.code === 'syntax-error') continue;
    while (i < alloy.length && rank[i] <= f.span.start) out.push(alloy[i++]);
    out.push(f);
  }
  while (i < alloy.length) out.push(alloy[i++]);
  return out;
}

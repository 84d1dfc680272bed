import { fileSyntax } from '../syntax/alloySyntax';
import type { ConfigurationRule, Finding } from './rule';

/**
 * Every syntax error Alloy's parser reports, where and as it reports it
 * (server/src/syntax/alloyParser.ts is a port of its error behaviour), computed
 * only over the statements whose tree has errors.
 */
export const syntaxError: ConfigurationRule = {
  code: 'syntax-error',
  kind: 'configuration',
  check(config) {
    const out: Finding[] = [];
    for (const file of config.files) {
      for (const e of fileSyntax(file.text, file.statements).errors) {
        out.push({ code: 'syntax-error', uri: file.uri, span: { start: e.start, end: e.end }, message: e.message });
      }
    }
    return out;
  },
};

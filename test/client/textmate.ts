/** Tokenizes text with the extension's TextMate grammar, as VS Code does (vscode-textmate + Oniguruma). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const GRAMMAR_PATH = path.join(repoRoot, 'client', 'syntaxes', 'alloy.tmLanguage.json');

export interface Token {
  /** 0-based line. */
  line: number;
  text: string;
  scopes: string[];
}

let grammar: Promise<vsctm.IGrammar> | undefined;

function loadGrammar(): Promise<vsctm.IGrammar> {
  grammar ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === 'source.alloy'
          ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH)
          : null,
    });
    const g = await registry.loadGrammar('source.alloy');
    if (!g) throw new Error('source.alloy did not load');
    return g;
  })();
  return grammar;
}

/** Every token of `text` (lines split on \n), with its scopes, outermost first. */
export async function tokenize(text: string): Promise<Token[]> {
  const g = await loadGrammar();
  let stack = vsctm.INITIAL;
  const out: Token[] = [];
  text.split('\n').forEach((lineText, line) => {
    const r = g.tokenizeLine(lineText, stack);
    for (const t of r.tokens) {
      const tokenText = lineText.slice(t.startIndex, Math.min(t.endIndex, lineText.length));
      if (tokenText.length > 0) out.push({ line, text: tokenText, scopes: t.scopes });
    }
    stack = r.ruleStack;
  });
  return out;
}

/**
 * Loads the Alloy grammar into web-tree-sitter. Both wasm files (the runtime's
 * and the grammar's) sit next to the bundle in `dist/`; when running from
 * compiled sources (tests), they are found in the repository instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';

const GRAMMAR_WASM = 'tree-sitter-alloy.wasm';
const RUNTIME_WASM = 'tree-sitter.wasm';

let loading: Promise<Language> | undefined;

function findUp(start: string, relative: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function locate(file: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  const found =
    file === GRAMMAR_WASM
      ? findUp(__dirname, path.join('grammars', 'tree-sitter-alloy', GRAMMAR_WASM))
      : path.join(path.dirname(require.resolve('web-tree-sitter')), RUNTIME_WASM);
  if (!found || !fs.existsSync(found)) throw new Error(`cannot find ${file} (looked beside ${__dirname})`);
  return found;
}

/** The Alloy language, loaded once per process. */
export function loadAlloy(): Promise<Language> {
  loading ??= (async () => {
    await Parser.init({ locateFile: () => locate(RUNTIME_WASM) });
    return Language.load(fs.readFileSync(locate(GRAMMAR_WASM)));
  })();
  return loading;
}

/** A new parser for Alloy. Parsers are cheap; documents each keep their own. */
export async function createParser(): Promise<Parser> {
  const language = await loadAlloy();
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** Compiles a tree-sitter query against the Alloy language. */
export async function compileQuery(source: string): Promise<Query> {
  return new Query(await loadAlloy(), source);
}

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

/** The parts of web-tree-sitter's emscripten module (the object given to `Parser.init`) used here. */
export interface TransferModule {
  setValue?: (ptr: number, value: number, type?: string) => void;
  getValue?: (ptr: number, type?: string) => number;
  HEAP32?: Int32Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * web-tree-sitter (0.25) hands every node and cursor to the wasm side through a transfer buffer,
 * one `setValue(ptr, v, 'i32')` or `getValue(ptr, 'i32')` of its emscripten module per field. Those
 * generic accessors switch on the type's name and go through a DataView, which made them a fifth
 * of the time of a walk over a large tree. The module is the object given to `Parser.init`
 * (emscripten's `Module`, which also keeps its `HEAP32` view current when the memory grows), so the
 * two are replaced there by ones that read and write 32-bit values through `HEAP32` (at `ptr >> 2`,
 * the index the originals use) and hand every other type to the originals. Only on little-endian
 * hosts, where that view reads the wasm memory's little-endian values as they are.
 */
export function fastTransfer(module: TransferModule): boolean {
  const { setValue, getValue } = module;
  if (!LITTLE_ENDIAN || !setValue || !getValue || !module.HEAP32) return false;
  module.setValue = (ptr, value, type) => {
    if (type === 'i32') module.HEAP32![ptr >> 2] = value;
    else setValue(ptr, value, type);
  };
  module.getValue = (ptr, type) => (type === 'i32' ? module.HEAP32![ptr >> 2] : getValue(ptr, type));
  return true;
}

/** The Alloy language, loaded once per process. */
export function loadAlloy(): Promise<Language> {
  loading ??= (async () => {
    const module: TransferModule & { locateFile(): string } = { locateFile: () => locate(RUNTIME_WASM) };
    await Parser.init(module);
    fastTransfer(module);
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

// Parses every .alloy file of the shared corpus with the native binding (the
// `tree-sitter` npm package + grammars/tree-sitter-alloy/bindings/node) and
// with web-tree-sitter + tree-sitter-alloy.wasm, and reports whether the trees
// agree and how long each took. Needs the native binding built (see the
// grammar README) and the tree-sitter package resolvable (e.g. NODE_PATH).
// Usage: node scripts/grammar/compare-native.mjs [corpus dir]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'grammars', 'tree-sitter-alloy', 'package.json'));
const corpus = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'corpus'));
if (!fs.existsSync(corpus)) {
  console.log(`corpus not found at ${path.relative(process.cwd(), corpus)}; nothing to compare`);
  process.exit(0);
}

const NativeParser = require('tree-sitter');
const nativeLanguage = require('./bindings/node');
const { Parser, Language } = createRequire(path.join(root, 'server', 'package.json'))('web-tree-sitter');
await Parser.init();
const wasmLanguage = await Language.load(path.join(root, 'grammars', 'tree-sitter-alloy', 'tree-sitter-alloy.wasm'));

const native = new NativeParser();
native.setLanguage(nativeLanguage);
const wasm = new Parser();
wasm.setLanguage(wasmLanguage);

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : e.name.endsWith('.alloy') ? [full] : [];
  });
}

let same = 0;
const different = [];
let nativeMs = 0;
let wasmMs = 0;
for (const file of walk(corpus).sort()) {
  const text = fs.readFileSync(file, 'utf8');
  let t = performance.now();
  const a = native.parse(text).rootNode.toString();
  nativeMs += performance.now() - t;
  t = performance.now();
  const tree = wasm.parse(text);
  wasmMs += performance.now() - t;
  const b = tree.rootNode.toString();
  tree.delete();
  if (a === b) same++;
  else different.push(path.relative(corpus, file));
}
for (const file of different) console.log(`trees differ: ${file}`);
console.log(
  `${same} of ${same + different.length} files parse to the same tree; native ${nativeMs.toFixed(0)} ms, wasm ${wasmMs.toFixed(0)} ms`,
);
process.exit(different.length === 0 ? 0 : 1);

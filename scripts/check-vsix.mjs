// Checks a packaged extension (.vsix, a zip): exactly the expected files, and
// small. Reads the zip's central directory itself, so it needs no unzip tool.
//
//   node scripts/check-vsix.mjs [alloy-analyzer.vsix]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 3 * 1024 * 1024;

/** What the package must hold, and nothing else (vsce adds the first two and renames README.md and LICENSE). */
const EXPECTED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/LICENSE.txt',
  'extension/client/dist/extension.js',
  'extension/client/dist/webview/graph.css',
  'extension/client/dist/webview/graph.js',
  'extension/client/language-configuration.json',
  'extension/client/syntaxes/alloy.tmLanguage.json',
  'extension/snippets/alloy.code-snippets',
  'extension/server/dist/cli.js',
  'extension/server/dist/tree-sitter.wasm',
  'extension/server/dist/tree-sitter-alloy.wasm',
];

/** Names and uncompressed sizes of the entries of a zip file, from its central directory. */
function listZip(buf) {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`broken central directory at byte ${at}`);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLength), size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const file = path.resolve(process.argv[2] ?? path.join(root, 'alloy-analyzer.vsix'));
if (!fs.existsSync(file)) {
  console.error(`check-vsix: ${path.relative(process.cwd(), file)} not found (npm run package builds it)`);
  process.exit(1);
}
const buf = fs.readFileSync(file);
const entries = listZip(buf).filter((e) => !e.name.endsWith('/'));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

console.log(`${path.basename(file)}: ${kb(buf.length)} compressed, ${entries.length} files`);
for (const e of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
  console.log(`  ${kb(e.size).padStart(10)}  ${e.name}`);
}

const problems = [];
if (buf.length >= MAX_BYTES) problems.push(`${kb(buf.length)} is not under the ${kb(MAX_BYTES)} limit`);
const names = new Set(entries.map((e) => e.name));
for (const name of EXPECTED) if (!names.has(name)) problems.push(`missing: ${name}`);
for (const name of names) if (!EXPECTED.includes(name)) problems.push(`unexpected: ${name}`);

// Every file the manifest points at must be in the package.
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const c = manifest.contributes ?? {};
const referenced = [
  manifest.main,
  ...(c.languages ?? []).map((l) => l.configuration),
  ...(c.grammars ?? []).map((g) => g.path),
  ...(c.snippets ?? []).map((s) => s.path),
  manifest.icon,
].filter(Boolean);
for (const ref of referenced) {
  const name = 'extension/' + path.posix.normalize(ref);
  if (!names.has(name)) problems.push(`package.json refers to ${ref}, which is not in the package`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(`check-vsix: ${p}`);
  process.exit(1);
}
console.log(`check-vsix: ok (exactly the ${EXPECTED.length} expected files, under ${kb(MAX_BYTES)})`);

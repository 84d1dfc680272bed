// Checks a packaged extension (.vsix, a zip): exactly the expected files, and
// small. Reads the zip's central directory itself, so it needs no unzip tool.
//
//   node scripts/check-vsix.mjs [alloy-analyzer.vsix]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 3 * 1024 * 1024;

/** What the package must hold, and nothing else (vsce adds the first two and renames the README, CHANGELOG and LICENSE). */
const EXPECTED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/client/images/icon.png',
  'extension/docs/vsix-problems.png',
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

/** The uncompressed bytes of one zip entry (stored or deflated), from its local header. */
function readEntry(buf, name) {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      return method === 0 ? data : zlib.inflateRawSync(data);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}

/** GitHub-style heading anchors of a Markdown text. */
function anchors(markdown) {
  const out = new Set();
  for (const m of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    out.add(
      m[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  return out;
}

/**
 * Every image and link of the packaged README: relative ones must be files of the package (the extension's details
 * page resolves them against the installed extension), fragments must be headings, absolute ones https.
 */
function checkReadme(buf, names, problems) {
  const readme = readEntry(buf, 'extension/readme.md')?.toString('utf8');
  if (readme === undefined) return problems.push('no extension/readme.md');
  const targets = [
    ...[...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]),
    ...[...readme.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]),
  ];
  if (targets.length === 0) problems.push('the README has no links or images');
  if (!/!\[[^\]]*\]\([^)]+\.(png|gif|jpg|svg)\)/.test(readme)) problems.push('the README has no picture');
  const headings = anchors(readme);
  for (const target of targets) {
    if (target.startsWith('data:')) {
      if (!/^data:image\/(png|gif|jpeg|svg\+xml);base64,/.test(target))
        problems.push('README: a data: URI that is not an image');
    } else if (target.startsWith('#')) {
      if (!headings.has(target.slice(1))) problems.push(`README link ${target}: no such heading`);
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      if (!target.startsWith('https://')) problems.push(`README link ${target}: not https`);
    } else {
      const file = 'extension/' + path.posix.normalize(decodeURIComponent(target.split('#')[0]));
      if (!names.has(file)) problems.push(`README refers to ${target}, which is not in the package`);
    }
  }
  console.log(`check-vsix: README: ${targets.length} links and images checked`);
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
if (!manifest.icon) problems.push('package.json has no icon');
if (/example\.(invalid|com)|placeholder/i.test(JSON.stringify(manifest)))
  problems.push('package.json has a placeholder URL');
for (const key of ['untrustedWorkspaces', 'virtualWorkspaces']) {
  if (manifest.capabilities?.[key] === undefined) problems.push(`package.json declares no capabilities.${key}`);
}
checkReadme(buf, names, problems);

if (problems.length > 0) {
  for (const p of problems) console.error(`check-vsix: ${p}`);
  process.exit(1);
}
console.log(`check-vsix: ok (exactly the ${EXPECTED.length} expected files, under ${kb(MAX_BYTES)})`);

// `npm run snippets`: writes snippets/alloy.code-snippets from the
// self-monitoring templates in server/src/templates (compiled by tsc first).
// With --check, writes nothing and exits 1 when the committed file differs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const check = process.argv.includes('--check');

const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'server'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const require = createRequire(import.meta.url);
const { snippetsFile } = require(path.join(root, 'out', 'server', 'src', 'templates', 'snippets.js'));
const target = path.join(root, 'snippets', 'alloy.code-snippets');
const text = snippetsFile();
const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;

if (check) {
  if (current === text) process.exit(0);
  process.stderr.write(`${path.relative(root, target)} is out of date: run npm run snippets\n`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
if (current !== text) fs.writeFileSync(target, text);
process.stdout.write(`${path.relative(root, target)}: ${Object.keys(JSON.parse(text.replace(/^\/\/.*\n/, ''))).length} snippets\n`);

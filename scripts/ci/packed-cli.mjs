// CI: the CLI as other repositories get it. Packs the server workspace (`npm pack -w server`), installs the tarball
// into a temporary prefix (`npm install -g --prefix`), and runs the installed `alloy-analyzer` from a copy of
// examples/ outside this repository, comparing stdout, stderr and the exit status with the expected outputs in
// test/fixtures/cli-package/ (npm test compares the same cases with the development build; UPDATE_FIXTURES=1
// `npm test -- cli/expected` rewrites them). Prints `N passed, N failed`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'cli-package');
const cases = JSON.parse(fs.readFileSync(path.join(fixtures, 'cases.json'), 'utf8'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-cli-package-'));
const prefix = path.join(tmp, 'prefix');
const work = path.join(tmp, 'work');
let passed = 0;
let failed = 0;
const ok = (what) => {
  passed++;
  console.log(`ok    ${what}`);
};
const fail = (what, detail) => {
  failed++;
  console.log(`FAIL  ${what}${detail ? `\n${detail}` : ''}`);
};

try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = JSON.parse(
    execFileSync(npm, ['pack', '-w', 'server', '--json', '--pack-destination', tmp], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const tarball = path.join(tmp, packed[0].filename);
  const files = packed[0].files.map((f) => f.path).sort();
  console.log(`packed ${packed[0].filename}: ${files.join(', ')}`);
  if (packed[0].files.every((f) => !f.path.startsWith('src/'))) ok('the package holds no sources');
  else fail('the package holds sources', files.join('\n'));

  // Installed with npm's own client, as another repository would; nothing of this repository on the way.
  execFileSync(npm, ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball], {
    cwd: tmp,
    stdio: 'inherit',
  });
  const bin = path.join(prefix, 'bin', 'alloy-analyzer');
  const installed = path.join(prefix, 'lib', 'node_modules', 'alloy-analyzer');
  const deps = fs.existsSync(path.join(installed, 'node_modules'));
  if (fs.existsSync(bin) && !deps) ok('alloy-analyzer on the prefix PATH, without dependencies to install');
  else fail(`installed: bin ${fs.existsSync(bin)}, node_modules ${deps}`);

  fs.cpSync(path.join(root, 'examples'), path.join(work, 'examples'), { recursive: true });
  const env = { ...process.env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` };
  const version = spawnSync('alloy-analyzer', ['--version'], { cwd: work, env, encoding: 'utf8' });
  if (version.status === 0 && version.stdout.trim() === packed[0].version)
    ok(`alloy-analyzer --version: ${packed[0].version}`);
  else fail('alloy-analyzer --version', version.stderr);

  for (const c of cases) {
    const r = spawnSync('alloy-analyzer', c.args, { cwd: work, env, encoding: 'utf8', timeout: 120_000 });
    const actual = `${r.stdout}--- stderr\n${r.stderr}--- exit ${r.status}\n`;
    const expected = fs.readFileSync(path.join(fixtures, `${c.name}.out`), 'utf8');
    if (actual === expected) ok(`alloy-analyzer ${c.args.join(' ')}`);
    else {
      fs.writeFileSync(path.join(tmp, `${c.name}.actual`), actual);
      const d = spawnSync('diff', ['-u', path.join(fixtures, `${c.name}.out`), path.join(tmp, `${c.name}.actual`)], {
        encoding: 'utf8',
      });
      fail(`alloy-analyzer ${c.args.join(' ')}`, d.stdout.split('\n').slice(0, 40).join('\n'));
    }
  }
} catch (e) {
  fail('packing or installing', e instanceof Error ? e.message : String(e));
} finally {
  if (failed === 0) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`(left in ${tmp})`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './helpers';

const cli = path.join(repoRoot, 'server', 'dist', 'cli.js');

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [cli, 'fmt', ...args], {
    input: input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(r.error, undefined);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const UNFORMATTED = 'a = 1\nbbb = [1,2,]\nblock "x" {\n  y = 2\n}\n';
const FORMATTED = 'a   = 1\nbbb = [1, 2]\n\nblock "x" {\n\ty = 2\n}\n';

let dir: string;

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

before(() => {
  // npm test compiles with tsc but does not bundle; build the CLI bundle here.
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-fmt-'));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('alloy-analyzer fmt', () => {
  test('one file: prints the formatted text and leaves the file alone', () => {
    const p = file('one.alloy', UNFORMATTED);
    const r = run([p]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, FORMATTED);
    assert.equal(fs.readFileSync(p, 'utf8'), UNFORMATTED);
  });

  test('no path or - reads standard input', () => {
    assert.deepEqual(run([], UNFORMATTED), { code: 0, stdout: FORMATTED, stderr: '' });
    assert.deepEqual(run(['-'], UNFORMATTED), { code: 0, stdout: FORMATTED, stderr: '' });
  });

  test('--check lists files that would change and exits 1', () => {
    const bad = file('check/bad.alloy', UNFORMATTED);
    const good = file('check/good.alloy', FORMATTED);
    const r = run(['--check', path.dirname(bad)]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, `${bad}\n`);
    assert.equal(fs.readFileSync(bad, 'utf8'), UNFORMATTED);
    assert.equal(run(['--check', good]).code, 0);
    assert.equal(run(['--check'], FORMATTED).code, 0);
    assert.equal(run(['--check'], UNFORMATTED).code, 1);
  });

  test('--write rewrites only the files that change', () => {
    const bad = file('write/sub/bad.alloy', UNFORMATTED);
    const good = file('write/good.alloy', FORMATTED);
    const old = new Date(2000, 0, 1);
    fs.utimesSync(good, old, old);
    const r = run(['--write', path.join(dir, 'write')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(fs.readFileSync(bad, 'utf8'), FORMATTED);
    assert.equal(fs.readFileSync(good, 'utf8'), FORMATTED);
    assert.equal(fs.statSync(good).mtime.getTime(), old.getTime());
    assert.equal(run(['--check', path.join(dir, 'write')]).code, 0);
  });

  test('a syntax error exits 2 with path:line:col and leaves the file untouched', () => {
    const content = 'a = 1\nb = [\n  1\n]\n';
    const p = file('broken.alloy', content);
    const r = run(['--write', p]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^${p.replace(/[.\\]/g, '\\$&')}:3:4: .*missing ','`));
    assert.equal(fs.readFileSync(p, 'utf8'), content);
    assert.match(run([], content).stderr, /^<stdin>:3:4: /);
  });

  test('other files are still formatted when one has an error', () => {
    const good = file('mixed/a.alloy', UNFORMATTED);
    file('mixed/b.alloy', 'x = \n');
    const r = run(['--write', path.join(dir, 'mixed')]);
    assert.equal(r.code, 2);
    assert.equal(fs.readFileSync(good, 'utf8'), FORMATTED);
  });

  test('I/O problems exit 2', () => {
    const missing = path.join(dir, 'nope.alloy');
    let r = run([missing]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nope\.alloy: no such file or directory/);

    fs.mkdirSync(path.join(dir, 'empty'), { recursive: true });
    r = run([path.join(dir, 'empty')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no \.alloy files/);

    const nul = file('nul.alloy', Buffer.from('a = 1\nb = "\u0000"\n', 'utf8'));
    r = run([nul]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nul\.alloy:2:6: .*NUL/);

    const latin1 = file('latin1.alloy', Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]));
    r = run(['--write', latin1]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /latin1\.alloy:1:6: .*UTF-8/);
    assert.deepEqual([...fs.readFileSync(latin1)], [0x61, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]);
  });

  test('CRLF files come out with LF line breaks, as alloy fmt prints them', () => {
    // Alloy's scanner skips carriage returns and its printer writes '\n' only;
    // line breaks inside raw strings are part of the string and are kept.
    const crlf = FORMATTED.replace(/\n/g, '\r\n') + 'raw = `x\r\ny`\r\n';
    const lf = FORMATTED + 'raw = `x\r\ny`\n';
    const p = file('crlf/file.alloy', crlf);
    assert.deepEqual(run([p]), { code: 0, stdout: lf, stderr: '' });
    const check = run(['--check', p]);
    assert.equal(check.code, 1);
    assert.equal(check.stdout, `${p}\n`);
    assert.equal(run(['--write', p]).code, 0);
    assert.equal(fs.readFileSync(p, 'utf8'), lf);
    assert.equal(run(['--check', p]).code, 0);
  });

  test('deep nesting: formatted on one line and over many lines, as alloy fmt does', () => {
    const arrays = 'x = ' + '['.repeat(50000) + ']'.repeat(50000) + '\n';
    assert.deepEqual(run([], arrays), { code: 0, stdout: arrays, stderr: '' });
    const parens = 'x = ' + '( '.repeat(30000) + '1' + ' )'.repeat(30000) + '\n';
    const out = run([], parens);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, 'x = ' + '('.repeat(30000) + '1' + ')'.repeat(30000) + '\n');
    const blocks = 'b {\n'.repeat(5000) + '}\n'.repeat(5000);
    const p = file('deep.alloy', blocks);
    const r = run(['--write', p]);
    assert.equal(r.code, 0, r.stderr);
    const written = fs.readFileSync(p, 'utf8');
    assert.ok(written.startsWith('b {\n\tb {\n\t\tb {\n'));
    assert.ok(written.includes('\n' + '\t'.repeat(4999) + 'b { }\n' + '\t'.repeat(4998) + '}\n'));
    assert.equal(run(['--check', p]).code, 0);
  });

  test('usage errors exit 2', () => {
    assert.equal(run(['--write', '--check', 'x.alloy']).code, 2);
    assert.equal(run(['--write'], UNFORMATTED).code, 2);
    assert.equal(run(['--bogus']).code, 2);
    const help = run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /usage: alloy-analyzer fmt/);
  });
});

/** `alloy-analyzer check`: output formats, exit codes, and bad input. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli, SELF_MONITORED } from '../helpers';

describe('alloy-analyzer check', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-check-'));
    fs.writeFileSync(file('clean.alloy'), SELF_MONITORED);
    fs.writeFileSync(file('broken.alloy'), `${SELF_MONITORED}\nx "y" {\n\tv = [\n\t\t1\n\t]\n}\n`);
    fs.writeFileSync(
      file('info.alloy'),
      'prometheus.exporter.self "s" { }\n\nprometheus.scrape "x" {\n\ttargets    = prometheus.exporter.self.s.targets\n\tforward_to = []\n}\n',
    );
    fs.writeFileSync(file('binary.alloy'), Buffer.from([0x6c, 0x6f, 0x00, 0x01, 0x02]));
    fs.writeFileSync(file('latin1.alloy'), Buffer.from('x "y" {\n\tv = "caf\xe9"\n}\n', 'latin1'));
    fs.mkdirSync(file('empty'));
    fs.mkdirSync(file('dir'));
    fs.writeFileSync(path.join(dir, 'dir', 'a.alloy'), SELF_MONITORED);
    fs.writeFileSync(path.join(dir, 'dir', 'b.alloy'), 'logging {\n\tlevel = "warn"\n}\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a clean file: no output, exit 0', () => {
    const r = runCli(['check', file('clean.alloy')]);
    assert.equal(r.stdout, '');
    assert.equal(r.status, 0);
  });

  test('text output reads like a compiler and an error exits 1', () => {
    const r = runCli(['check', file('broken.alloy')]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /broken\.alloy:38:4: error syntax-error: missing ',' in expression list/);
  });

  test('information diagnostics alone exit 0', () => {
    const r = runCli(['check', file('info.alloy')]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /info\.alloy:1:1: information self-monitoring-logs: /);
  });

  test('json output has 0-based LSP positions', () => {
    const r = runCli(['check', '--format', 'json', file('broken.alloy')]);
    assert.equal(r.status, 1);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json.files[0].diagnostics[0], {
      code: 'syntax-error',
      severity: 'error',
      message: json.files[0].diagnostics[0].message,
      range: { start: { line: 37, character: 3 }, end: { line: 37, character: 3 } },
      related: [],
    });
    assert.equal(json.files[0].path, file('broken.alloy'));
  });

  test('sarif output', () => {
    const r = runCli(['check', '--format', 'sarif', file('broken.alloy'), file('info.alloy')]);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    assert.equal(results[0].ruleId, 'syntax-error');
    assert.equal(results[0].level, 'error');
    assert.deepEqual(results[0].locations[0].physicalLocation.region, {
      startLine: 38,
      startColumn: 4,
      endLine: 38,
      endColumn: 4,
    });
    assert.ok(results.some((x: { level: string }) => x.level === 'note'));
    assert.ok(sarif.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'hardcoded-secret'));
  });

  test('directory mode judges the files of a directory together', () => {
    const perFile = runCli(['check', '--format', 'json', path.join(dir, 'dir')]);
    assert.equal(perFile.status, 0);
    const dirMode = runCli(['check', '--format', 'json', '--config-mode', 'directory', path.join(dir, 'dir')]);
    assert.equal(dirMode.status, 1);
    const b = JSON.parse(dirMode.stdout).files.find((f: { path: string }) => f.path.endsWith('b.alloy'));
    assert.deepEqual(
      b.diagnostics.map((d: { code: string }) => d.code),
      ['duplicate-block'],
    );
  });

  test('bad input: missing path, empty directory, binary, invalid UTF-8 -> exit 2 with a clear message, others still checked', () => {
    const r = runCli([
      'check',
      file('missing.alloy'),
      file('empty'),
      file('binary.alloy'),
      file('latin1.alloy'),
      file('broken.alloy'),
    ]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /missing\.alloy: no such file or directory/);
    assert.match(r.stderr, /empty: directory contains no \.alloy files/);
    // One wording in every command: path:line:column: what is wrong.
    assert.match(r.stderr, /binary\.alloy:1:3: not a text file: contains a NUL byte\n/);
    assert.match(r.stderr, /latin1\.alloy:2:10: not a text file: invalid UTF-8\n/);
    for (const [cmd, extra] of [
      ['fmt', []],
      ['fix', []],
      ['fix', ['--write']],
    ] as const) {
      const other = runCli([cmd, ...extra, file('binary.alloy'), file('latin1.alloy')]);
      assert.equal(other.status, 2, `${cmd}: ${other.stderr}`);
      assert.match(other.stderr, /binary\.alloy:1:3: not a text file: contains a NUL byte\n/, cmd);
      assert.match(other.stderr, /latin1\.alloy:2:10: not a text file: invalid UTF-8\n/, cmd);
    }
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.match(r.stdout, /broken\.alloy:38:4/);
  });

  test('standard input, --severity, and a file in directory mode brings its siblings', () => {
    const stdin = runCli(['check', '--format', 'json', '-'], { input: fs.readFileSync(file('broken.alloy'), 'utf8') });
    assert.equal(stdin.status, 1);
    assert.equal(JSON.parse(stdin.stdout).files[0].path, '<stdin>');
    const quiet = runCli(['check', '--severity', 'syntax-error=warning', file('broken.alloy')]);
    assert.equal(quiet.status, 0);
    assert.match(quiet.stdout, /warning syntax-error/);
    assert.equal(runCli(['check', '--severity', 'nope=off', file('clean.alloy')]).status, 2);
    const one = runCli(['check', '--format', 'json', '--config-mode', 'directory', path.join(dir, 'dir', 'a.alloy')]);
    const files = JSON.parse(one.stdout).files.map((f: { path: string }) => path.basename(f.path));
    assert.deepEqual(files, ['a.alloy', 'b.alloy']);
    assert.equal(one.status, 1);
  });

  test('symbolic links are followed, broken ones named', () => {
    const links = path.join(dir, 'links');
    fs.mkdirSync(links);
    fs.symlinkSync(file('broken.alloy'), path.join(links, 'linked.alloy'));
    fs.symlinkSync(file('nowhere.alloy'), path.join(links, 'dangling.alloy'));
    const r = runCli(['check', links]);
    assert.match(r.stdout, /linked\.alloy:38:4: error syntax-error/);
    assert.match(r.stderr, /dangling\.alloy: broken symbolic link/);
    assert.equal(r.status, 2);
  });

  test('usage errors exit 2', () => {
    assert.equal(runCli(['check']).status, 2);
    assert.equal(runCli(['check', '--format', 'xml', file('clean.alloy')]).status, 2);
    assert.equal(runCli(['check', '--nope', file('clean.alloy')]).status, 2);
    assert.equal(runCli(['nope']).status, 2);
  });

  test('huge and deeply nested files are checked, not crashed on', () => {
    const huge = file('huge.alloy');
    fs.writeFileSync(
      huge,
      Array.from(
        { length: 4000 },
        (_, i) => `loki.write "w${i}" {\n\tendpoint {\n\t\turl = "http://loki"\n\t}\n}\n`,
      ).join('\n'),
    );
    const deep = file('deep.alloy');
    fs.writeFileSync(
      deep,
      `x "y" {\n\tv = ${'['.repeat(20000)}${']'.repeat(20000)}\n\to = ${'{a = '.repeat(3000)}1${'}'.repeat(3000)}\n}\n`,
    );
    const r = runCli(['check', '--format', 'json', huge, deep]);
    assert.doesNotMatch(r.stderr, /internal error/);
    const json = JSON.parse(r.stdout);
    assert.equal(json.files.length, 2);
    assert.equal(json.files[0].diagnostics.filter((d: { code: string }) => d.code === 'unwired-exporter').length, 4000);
  });
});

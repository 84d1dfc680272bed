/**
 * `fix` and `fmt` for CI and review: many paths without --write, --diff (a unified diff that `git apply` takes),
 * --check (exit 1 when something would change), positions in the files as given, the template's choices as flags.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot, runCli, SELF_MONITORED } from '../helpers';

const CLI_FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'fixes', 'cli');

describe('fix and fmt output', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-fixfmt-'));
    fs.copyFileSync(path.join(CLI_FIXTURES, 'full.alloy'), file('full.alloy'));
    fs.writeFileSync(file('clean.alloy'), SELF_MONITORED);
    fs.writeFileSync(file('ugly.alloy'), 'logging {\nlevel="info"\n}\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('fix reports every fix at its place in the original file, not in the partly fixed text', () => {
    const original = fs.readFileSync(file('full.alloy'), 'utf8');
    const lines = original.split('\n');
    const r = runCli(['fix', file('full.alloy')]);
    assert.equal(r.status, 0, r.stderr);
    const fixed = r.stderr.split('\n').filter((l) => l.includes(': fixed '));
    assert.ok(fixed.length >= 5);
    for (const l of fixed) {
      const [, line, col, code] = /:(\d+):(\d+): fixed ([a-z-]+):/.exec(l)!;
      const at = lines[Number(line) - 1].slice(Number(col) - 1);
      // Each names the text the diagnostic was about, in the file as it is on disk.
      if (code === 'deprecated-function') assert.match(at, /^env\(/, l);
      else if (code === 'duplicate-block') assert.match(at, /^logging/, l);
      else if (code === 'undefined-reference') assert.match(at, /^loki\.write\.grafana_cloud\.receiver/, l);
      else assert.match(at, /^[a-z_.]+ ("|{)/, l);
    }
    // The removed duplicate block sits above the env() call: the call's line is its line in the original.
    const envLine = lines.findIndex((x) => x.includes('env("PROMETHEUS_URL")')) + 1;
    assert.ok(fixed.some((l) => l.includes(`full.alloy:${envLine}:`) && l.includes('deprecated-function')));
  });

  test('fix --diff prints a unified diff that git apply takes, and changes nothing', () => {
    const before = fs.readFileSync(file('full.alloy'), 'utf8');
    const r = runCli(['fix', '--diff', 'full.alloy', 'clean.alloy'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^--- a\/full\.alloy\n\+\+\+ b\/full\.alloy\n@@ /);
    assert.doesNotMatch(r.stdout, /clean\.alloy/);
    assert.equal(fs.readFileSync(file('full.alloy'), 'utf8'), before);
    const patch = path.join(dir, 'fix.patch');
    fs.writeFileSync(patch, r.stdout);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-apply-'));
    fs.copyFileSync(file('full.alloy'), path.join(copy, 'full.alloy'));
    const apply = spawnSync('git', ['apply', patch], { cwd: copy, encoding: 'utf8' });
    assert.equal(apply.status, 0, apply.stderr);
    assert.equal(
      fs.readFileSync(path.join(copy, 'full.alloy'), 'utf8'),
      fs.readFileSync(path.join(CLI_FIXTURES, 'full.fixed.alloy'), 'utf8'),
    );
    fs.rmSync(copy, { recursive: true, force: true });
  });

  test('fix --check exits 1 when something would change, 0 when nothing would', () => {
    const r = runCli(['fix', '--check', file('full.alloy'), file('clean.alloy')]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, `${file('full.alloy')}\n`);
    const clean = runCli(['fix', '--check', file('clean.alloy')]);
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stdout, '');
    const both = runCli(['fix', '--check', '--diff', file('full.alloy')]);
    assert.equal(both.status, 1);
    assert.match(both.stdout, /^--- a\//);
  });

  test('fix takes many paths without --write and prints each fixed file', () => {
    const r = runCli(['fix', file('clean.alloy'), file('clean.alloy'), file('full.alloy')]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, SELF_MONITORED + fs.readFileSync(path.join(CLI_FIXTURES, 'full.fixed.alloy'), 'utf8'));
  });

  test('remaining diagnostics are reported at their places in the file as given', () => {
    // The syntax-clean file gains lines at the top from the fixes; the hardcoded secret stays where it is.
    const text =
      'prometheus.exporter.unix "node" { }\n\nloki.write "x" {\n\tendpoint {\n\t\turl      = "http://loki"\n\t\tpassword = "hunter2-real"\n\t}\n}\n';
    fs.writeFileSync(file('secret.alloy'), text);
    const r = runCli(['fix', file('secret.alloy')]);
    assert.match(r.stderr, /secret\.alloy:6:14: warning hardcoded-secret/);
    const written = runCli(['fix', '--write', file('secret.alloy')]);
    const after = fs.readFileSync(file('secret.alloy'), 'utf8');
    const line = after.split('\n').findIndex((l) => l.includes('hunter2-real')) + 1;
    assert.ok(line > 6);
    assert.match(written.stderr, new RegExp(`secret\\.alloy:${line}:14: warning hardcoded-secret`));
  });

  test('the template choices are flags named like the settings, with their defaults', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const props = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;
    const usage = runCli(['fix', '--help']).stdout;
    for (const [key, schema] of Object.entries(props)) {
      const m = /^alloy\.selfMonitoring\.(\w+)$/.exec(key);
      if (!m) continue;
      const flag = m[1].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      assert.match(usage, new RegExp(`--${flag} .*\\(default ${String(schema.default)}\\)`), key);
    }
    const r = runCli([
      'fix',
      '--only',
      'self-monitoring-logs,self-monitoring-traces,self-monitoring-metrics',
      '--sampling-fraction',
      '0.5',
      '--scrape-interval',
      '15s',
      '--log-level',
      'warn',
      '--log-format',
      'logfmt',
      path.join(repoRoot, 'examples', 'broken', 'missing-self-monitoring.alloy'),
    ]);
    assert.match(r.stdout, /sampling_fraction = 0\.5\n/);
    assert.match(r.stdout, /scrape_interval = "15s"\n/);
    assert.match(r.stdout, /level {4}= "warn"\n/);
    assert.match(r.stdout, /format {3}= "logfmt"\n/);
  });

  test('fmt --diff and --check on many paths', () => {
    const r = runCli(['fmt', '--diff', 'ugly.alloy', 'clean.alloy'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      '--- a/ugly.alloy\n+++ b/ugly.alloy\n@@ -1,3 +1,3 @@\n logging {\n-level="info"\n+\tlevel = "info"\n }\n',
    );
    assert.equal(fs.readFileSync(file('ugly.alloy'), 'utf8'), 'logging {\nlevel="info"\n}\n');
    const check = runCli(['fmt', '--diff', '--check', 'ugly.alloy', 'clean.alloy'], { cwd: dir });
    assert.equal(check.status, 1);
    assert.equal(check.stdout, r.stdout);
    assert.equal(runCli(['fmt', '--diff', '--check', 'clean.alloy'], { cwd: dir }).status, 0);
    const both = runCli(['fmt', 'ugly.alloy', 'clean.alloy'], { cwd: dir });
    assert.equal(both.stdout, 'logging {\n\tlevel = "info"\n}\n' + SELF_MONITORED);
    assert.equal(runCli(['fmt', '--write', '--diff', 'ugly.alloy'], { cwd: dir }).status, 2);
  });

  test('serve: a transport that cannot connect is one clear line and exit 2; usage names every transport', () => {
    const r = runCli(['serve', '--socket=1']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^alloy-analyzer serve: cannot connect to port 1 on 127\.0\.0\.1: ECONNREFUSED .*\n$/);
    const pipe = runCli(['serve', `--pipe=${path.join(dir, 'nobody.sock')}`]);
    assert.equal(pipe.status, 2);
    assert.match(pipe.stderr, /^alloy-analyzer serve: cannot connect to pipe .*nobody\.sock: ENOENT/);
    assert.equal(runCli(['serve', '--node-ipc']).status, 2);
    assert.equal(runCli(['serve', '--socket=http']).status, 2);
    const usage = runCli(['--help']).stdout;
    for (const t of ['--stdio', '--node-ipc', '--socket=PORT', '--pipe=NAME']) assert.ok(usage.includes(t), t);
  });
});

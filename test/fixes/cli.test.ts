/** `alloy-analyzer fix` end to end: the built CLI on fixture files and temporary copies. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, runCli } from '../helpers';
import { FIXTURES } from './support';

const CLI_FIXTURES = path.join(FIXTURES, 'cli');

function tempCopy(...names: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-fix-'));
  for (const n of names) fs.cpSync(path.join(CLI_FIXTURES, n), path.join(dir, path.basename(n)), { recursive: true });
  return dir;
}

before(() => buildCli());

test('fix prints the fixed text and reports each fix on stderr', () => {
  const input = path.join(CLI_FIXTURES, 'full.alloy');
  const r = runCli(['fix', input]);
  const expectedFile = path.join(CLI_FIXTURES, 'full.fixed.alloy');
  if (process.env.UPDATE_FIXTURES) fs.writeFileSync(expectedFile, r.stdout);
  assert.equal(r.stdout, fs.readFileSync(expectedFile, 'utf8'));
  assert.equal(r.status, 0, r.stderr);
  const fixed = r.stderr.split('\n').filter((l) => l.includes(': fixed '));
  assert.deepEqual(
    fixed.map((l) => /fixed ([a-z-]+):/.exec(l)![1]),
    [
      'duplicate-block',
      'deprecated-function',
      'undefined-reference',
      'self-monitoring-logs',
      'self-monitoring-traces',
      'self-monitoring-metrics',
    ],
  );
  assert.match(fixed[0], /full\.alloy:23:1: fixed duplicate-block: Remove this duplicate 'logging' block$/);
  // The input file itself is not changed without --write.
  assert.match(fs.readFileSync(input, 'utf8'), /url = env\("PROMETHEUS_URL"\)/);
});

test('a second fix changes nothing', () => {
  const dir = tempCopy('full.fixed.alloy');
  const file = path.join(dir, 'full.fixed.alloy');
  const r = runCli(['fix', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, fs.readFileSync(file, 'utf8'));
  assert.doesNotMatch(r.stderr, /: fixed /);
});

test('--write rewrites only the files that change; --only limits the codes', () => {
  const dir = tempCopy('full.alloy', 'full.fixed.alloy');
  const fixedBefore = fs.statSync(path.join(dir, 'full.fixed.alloy')).mtimeMs;
  const only = runCli(['fix', '--write', '--only', 'deprecated-function', dir]);
  assert.equal(only.status, 1, 'the duplicate logging block (an error) remains');
  const once = fs.readFileSync(path.join(dir, 'full.alloy'), 'utf8');
  assert.equal(
    once,
    fs
      .readFileSync(path.join(CLI_FIXTURES, 'full.alloy'), 'utf8')
      .replace('env("PROMETHEUS_URL")', 'sys.env("PROMETHEUS_URL")'),
  );
  assert.match(only.stderr, /error duplicate-block/);

  const all = runCli(['fix', '-w', dir]);
  assert.equal(all.status, 0, all.stderr);
  assert.equal(all.stdout, '');
  assert.equal(
    fs.readFileSync(path.join(dir, 'full.alloy'), 'utf8'),
    fs.readFileSync(path.join(CLI_FIXTURES, 'full.fixed.alloy'), 'utf8'),
  );
  assert.equal(fs.statSync(path.join(dir, 'full.fixed.alloy')).mtimeMs, fixedBefore);
});

test('--destination picks the template', () => {
  const r = runCli([
    'fix',
    '--destination',
    'local-lgtm',
    '--only',
    'self-monitoring-traces',
    path.join(FIXTURES, 'source-full.alloy'),
  ]);
  assert.equal(r.status, 0, r.stderr);
  // The existing OTLP exporter is reused; the LGTM stack's logs go to a new loki.write.
  assert.match(r.stdout, /write_to {10}= \[otelcol\.exporter\.otlp\.backend\.input\]/);
  const logs = runCli([
    'fix',
    '--destination',
    'local-lgtm',
    '--only',
    'self-monitoring-logs',
    path.join(FIXTURES, 'source-full.alloy'),
  ]);
  assert.match(logs.stdout, /loki\.write "loki" \{\n\tendpoint \{\n\t\turl = sys\.env\("LOKI_PUSH_URL"\)/);
});

test('files with syntax errors are left untouched', () => {
  const dir = tempCopy('broken.alloy');
  const file = path.join(dir, 'broken.alloy');
  const original = fs.readFileSync(file, 'utf8');
  const r = runCli(['fix', '--write', file]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /broken\.alloy: has syntax errors; left untouched/);
  assert.equal(fs.readFileSync(file, 'utf8'), original);
  const printed = runCli(['fix', file]);
  assert.equal(printed.stdout, original);
  assert.equal(printed.status, 1);
});

test('directory mode fixes a configuration spread over files', () => {
  const dir = tempCopy('dir');
  const sub = path.join(dir, 'dir');
  const r = runCli(['fix', '--write', '--config-mode', 'directory', '--only', 'duplicate-block', sub]);
  assert.equal(r.status, 0, r.stderr);
  // The later block (b.alloy) is removed; a.alloy is left as it is.
  assert.match(r.stderr, /b\.alloy:1:1: fixed duplicate-block: Remove this duplicate 'logging' block$/m);
  assert.equal(
    fs.readFileSync(path.join(sub, 'a.alloy'), 'utf8'),
    fs.readFileSync(path.join(CLI_FIXTURES, 'dir', 'a.alloy'), 'utf8'),
  );
  assert.equal(
    fs.readFileSync(path.join(sub, 'b.alloy'), 'utf8'),
    fs
      .readFileSync(path.join(CLI_FIXTURES, 'dir', 'b.alloy'), 'utf8')
      .replace('logging {\n\tformat   = "json"\n\twrite_to = [loki.write.default.receiver]\n}\n\n', ''),
  );
  // Then the logs fix wires the remaining block to the loki.write that is there, aligned like alloy fmt.
  const all = runCli(['fix', '--write', '--config-mode', 'directory', sub]);
  assert.equal(all.status, 0, all.stderr);
  assert.match(
    fs.readFileSync(path.join(sub, 'a.alloy'), 'utf8'),
    /^logging \{\n\tlevel    = "info"\n\twrite_to = \[loki\.write\.default\.receiver\]\n\}\n/,
  );
});

test('standard input', () => {
  const text = fs.readFileSync(path.join(FIXTURES, 'deprecated-env.alloy'), 'utf8');
  const r = runCli(['fix', '--only', 'deprecated-function', '-'], { input: text });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.stdout,
    text
      .replace('env("PROMETHEUS_URL")', 'sys.env("PROMETHEUS_URL")')
      .replace('env ("PROMETHEUS_USER")', 'sys.env ("PROMETHEUS_USER")'),
  );
});

test('usage and I/O errors exit 2', () => {
  const two = tempCopy('full.alloy', 'broken.alloy');
  const cases: [string[], RegExp][] = [
    [['fix'], /no PATH given/],
    [['fix', '--only', 'nope', two], /unknown diagnostic code 'nope'/],
    [['fix', '--destination', 'mars', two], /unknown destination 'mars'/],
    [['fix', '--config-mode', 'repo', two], /unknown config mode 'repo'/],
    [['fix', '--write', '--diff', two], /--write cannot be combined with --diff or --check/],
    [['fix', '--sampling-fraction', '0', two], /--sampling-fraction '0' is not a number more than 0/],
    [['fix', '--scrape-interval', 'often', two], /--scrape-interval 'often' is not a duration/],
    [['fix', '--log-level', 'loud', two], /unknown log level 'loud'/],
    [['fix', '--log-format', 'xml', two], /unknown log format 'xml'/],
    [['fix', path.join(two, 'missing.alloy')], /no such file or directory/],
    [['fix', '--write', '-'], /cannot --write standard input/],
    [['fix', '--bogus', two], /unknown option --bogus/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  const help = runCli(['fix', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^usage: alloy-analyzer fix/);
});

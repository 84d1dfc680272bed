/**
 * Hostile input for every command and the server: files that are not regular files are refused
 * before reading, files over the size limit get one clear message (the server one diagnostic).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildCli, CLI, runCli, SELF_MONITORED } from '../helpers';
import { TestClient } from '../server/client';

/** A file of `bytes` bytes or a little more: a valid configuration padded with comment lines. */
function padded(bytes: number): string {
  const line = `// ${'x'.repeat(76)}\n`;
  return SELF_MONITORED + line.repeat(Math.ceil(bytes / line.length));
}

describe('special files and the size limit on the command line', () => {
  let dir: string;
  let fifo: string | undefined;
  const file = (name: string) => path.join(dir, name);
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-hostile-'));
    fs.writeFileSync(file('big.alloy'), padded(1.5 * 1024 * 1024));
    fs.writeFileSync(file('ok.alloy'), SELF_MONITORED);
    try {
      execFileSync('mkfifo', [file('pipe.alloy')]);
      fifo = file('pipe.alloy');
    } catch {
      fifo = undefined;
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const command of ['check', 'fmt', 'fix']) {
    test(`${command} /dev/zero: exit 2 at once, one line, nothing read`, () => {
      const t0 = Date.now();
      const r = runCli([command, '/dev/zero']);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], /\/dev\/zero: not a regular file \(character device\), not read$/);
      assert.ok(Date.now() - t0 < 10_000);
    });

    test(`${command} on a FIFO: exit 2 without waiting for a writer`, (t) => {
      if (!fifo) return t.skip('mkfifo is not available');
      const r = runCli([command, fifo]);
      assert.equal(r.status, 2);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /pipe\.alloy: not a regular file \(named pipe\), not read/);
    });

    test(`${command} on a file over --max-file-size: exit 2 with one line; under the limit it is read`, () => {
      const r = runCli([command, '--max-file-size', '1', file('big.alloy')]);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /big\.alloy: file too large to analyse: 1\.5 MB, the limit is 1 MB/);
      const ok = runCli([command, '--max-file-size', '2', file('big.alloy')]);
      assert.notEqual(ok.status, 2, ok.stderr);
    });

    test(`${command} --max-file-size takes a positive number`, () => {
      const r = runCli([command, '--max-file-size', 'lots', file('ok.alloy')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /--max-file-size takes a number of megabytes, not 'lots'/);
    });
  }

  test('standard input from a device is refused; a pipe is read up to the limit', () => {
    buildCli();
    const zero = fs.openSync('/dev/zero', 'r');
    try {
      const r = spawnSync(process.execPath, [CLI, 'check', '-'], { stdio: [zero, 'pipe', 'pipe'], encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /<stdin>: not a regular file \(character device\), not read/);
    } finally {
      fs.closeSync(zero);
    }
    const big = runCli(['check', '--max-file-size', '1', '-'], { input: padded(1.5 * 1024 * 1024) });
    assert.equal(big.status, 2);
    assert.match(big.stderr, /<stdin>: standard input is larger than the limit of 1 MB/);
    assert.equal(runCli(['check', '-'], { input: SELF_MONITORED }).status, 0);
  });

  test('a FIFO inside a searched directory is not waited for', (t) => {
    if (!fifo) return t.skip('mkfifo is not available');
    const r = runCli(['check', '--max-file-size', '2', dir]);
    assert.doesNotMatch(r.stderr, /ok\.alloy/);
  });
});

describe('the size limit in the language server', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize({}, { maxFileSize: 1 });
  });
  after(() => client.stop());

  test('a document over alloy.maxFileSize gets one diagnostic; an edit that brings it under is analysed', async () => {
    const uri = 'file:///virtual/huge.alloy';
    const text = padded(1.2 * 1024 * 1024);
    await client.open(uri, text);
    const p = await client.forVersion(uri, 1);
    assert.equal(p.diagnostics.length, 1);
    assert.match(
      String(p.diagnostics[0].message),
      /not analysed: it is 1\.2 MB, larger than the limit of 1 MB \(setting alloy\.maxFileSize\)/,
    );
    // Delete all the padding: the document is analysed as usual.
    const lines = text.split('\n');
    const first = SELF_MONITORED.split('\n').length - 1;
    await client.change(uri, 2, [
      { range: { start: { line: first, character: 0 }, end: { line: lines.length - 1, character: 0 } }, text: '' },
    ]);
    assert.deepEqual((await client.forVersion(uri, 2)).diagnostics, []);
    // And back over the limit.
    await client.change(uri, 3, [
      {
        range: { start: { line: first, character: 0 }, end: { line: first, character: 0 } },
        text: lines.slice(first).join('\n'),
      },
    ]);
    const again = await client.forVersion(uri, 3);
    assert.equal(again.diagnostics.length, 1);
    assert.match(String(again.diagnostics[0].message), /not analysed/);
  });
});

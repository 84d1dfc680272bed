/**
 * The real server process over a real JSON-RPC connection (stdio): open,
 * incremental edits, diagnostics for the right version, pull diagnostics,
 * UTF-16 positions, directory mode, bad input.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SELF_MONITORED } from '../helpers';
import { TestClient } from './client';

const PIPELINE = `prometheus.exporter.unix "node" { }

prometheus.scrape "s" {
	targets    = prometheus.exporter.unix.node.targets
	forward_to = [prometheus.remote_write.r.receiver]
}

prometheus.remote_write "r" {
	endpoint {
		url = "http://mimir:9009/api/v1/push"
	}
}
`;

const codes = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.map((d) => d.code).sort();

describe('language server over stdio (push diagnostics)', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    const init = await client.initialize({});
    assert.equal((init.capabilities.textDocumentSync as { change: number }).change, 2, 'incremental sync');
  });
  after(() => client.stop());

  test('opening a configuration without self-monitoring publishes the three information diagnostics', async () => {
    const uri = 'file:///virtual/open.alloy';
    await client.open(uri, PIPELINE);
    const p = await client.forVersion(uri, 1);
    assert.deepEqual(codes(p), ['self-monitoring-logs', 'self-monitoring-metrics', 'self-monitoring-traces']);
    for (const d of p.diagnostics) {
      assert.equal(d.severity, 3);
      assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 24 } });
      assert.equal(d.source, 'alloy-analyzer');
    }
  });

  test('incremental edits: diagnostics follow the latest version and never go back', async () => {
    const uri = 'file:///virtual/edit.alloy';
    await client.open(uri, SELF_MONITORED);
    assert.deepEqual((await client.forVersion(uri, 1)).diagnostics, []);
    // Type inside the string, then a stray quote after it: `level = "infox"'`.
    const line = SELF_MONITORED.split('\n').indexOf('\tlevel    = "info"');
    await client.change(uri, 2, [
      { range: { start: { line, character: 17 }, end: { line, character: 17 } }, text: 'x' },
    ]);
    await client.change(uri, 3, [
      { range: { start: { line, character: 19 }, end: { line, character: 19 } }, text: "'" },
    ]);
    const broken = await client.forVersion(uri, 3);
    // Alloy: illegal single-quoted string, string literal not terminated, expected TERMINATOR, got ILLEGAL.
    assert.deepEqual(
      broken.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [
        ['syntax-error', line, 19],
        ['syntax-error', line, 19],
        ['syntax-error', line, 19],
      ],
    );
    // Remove the quote: the error disappears with version 4.
    await client.change(uri, 4, [
      { range: { start: { line, character: 19 }, end: { line, character: 20 } }, text: '' },
    ]);
    assert.deepEqual((await client.forVersion(uri, 4)).diagnostics, []);
    const versions = client.published.get(uri)!.map((p) => p.version!);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'published versions never decrease',
    );
    assert.equal(versions.at(-1), 4);
  });

  test('edits that add and remove whole blocks keep the model right', async () => {
    const uri = 'file:///virtual/blocks.alloy';
    await client.open(uri, SELF_MONITORED);
    await client.forVersion(uri, 1);
    const end = SELF_MONITORED.split('\n').length - 1;
    await client.change(uri, 2, [
      { range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, text: '\nlogging {\n}\n' },
    ]);
    const dup = await client.forVersion(uri, 2);
    assert.deepEqual(codes(dup), ['duplicate-block']);
    assert.equal(dup.diagnostics[0].range.start.line, end + 1);
    // Delete the first logging block (lines 0-3): the duplicate is gone; the remaining logging block has no
    // write_to, and the loki.write it used to feed is now unwired.
    await client.change(uri, 3, [
      { range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, text: '' },
    ]);
    const after = await client.forVersion(uri, 3);
    assert.deepEqual(codes(after), ['self-monitoring-logs', 'unwired-exporter']);
    const logs = after.diagnostics.find((d) => d.code === 'self-monitoring-logs')!;
    assert.equal(logs.range.start.line, end - 3);
  });

  test('positions are UTF-16 code units', async () => {
    const uri = 'file:///virtual/utf16.alloy';
    // Before the error: a tab, `v = `, then "😀" (2 code units, 4 bytes) and ` + `.
    const text = `x "y" {\n\tv = "😀" + 'q'\n}\n`;
    await client.open(uri, text);
    const p = await client.forVersion(uri, 1);
    // Alloy says 2:15 (bytes): illegal single-quoted string, then expected expression, got ILLEGAL.
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, d.range.start]),
      [
        ['syntax-error', { line: 1, character: 12 }],
        ['syntax-error', { line: 1, character: 12 }],
      ],
    );
    // Insert "é" right after the emoji (character 8): the error moves by one code unit.
    await client.change(uri, 2, [
      { range: { start: { line: 1, character: 8 }, end: { line: 1, character: 8 } }, text: 'é' },
    ]);
    const q = await client.forVersion(uri, 2);
    assert.deepEqual(
      q.diagnostics.map((d) => d.range.start),
      [
        { line: 1, character: 13 },
        { line: 1, character: 13 },
      ],
    );
  });

  test('changes with a version that is not newer are ignored', async () => {
    const uri = 'file:///virtual/stale.alloy';
    await client.open(uri, PIPELINE, 5);
    await client.forVersion(uri, 5);
    await client.change(uri, 4, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#' },
    ]);
    await client.change(uri, 6, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' },
    ]);
    const p = await client.forVersion(uri, 6);
    assert.ok(!p.diagnostics.some((d) => d.code === 'syntax-error'), 'the stale "#" was not applied');
  });

  test('bad input never takes the server down', async () => {
    const deep = `x "y" {\n\tv = ${'['.repeat(5000)}${']'.repeat(5000)}\n}\n`;
    const nul = `x "y" {\n\tv = "a\u0000b"\n}\n`;
    const huge = PIPELINE.repeat(2000).replace(/"node"|"s"|"r"/g, (m) => m);
    const binaryish = '\u0000\u0001\u0002\uFFFD\uFFFD';
    const inputs = { 'deep.alloy': deep, 'nul.alloy': nul, 'huge.alloy': huge, 'binary.alloy': binaryish };
    for (const [name, text] of Object.entries(inputs)) await client.open(`file:///virtual/${name}`, text);
    for (const name of Object.keys(inputs)) {
      const p = await client.forVersion(`file:///virtual/${name}`, 1);
      assert.ok(Array.isArray(p.diagnostics));
    }
    const nulDiagnostics = (await client.forVersion('file:///virtual/nul.alloy', 1)).diagnostics;
    assert.ok(
      nulDiagnostics.some((d) => d.code === 'syntax-error'),
      'a NUL character is a syntax error',
    );
    const hugeDiagnostics = (await client.forVersion('file:///virtual/huge.alloy', 1)).diagnostics;
    assert.equal(hugeDiagnostics.filter((d) => d.code === 'duplicate-component').length, 3 * 1999);
    // Still answering.
    const again = await client.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri: 'file:///virtual/open.alloy' },
    });
    assert.ok(again);
  });
});

describe('language server over stdio (pull diagnostics)', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    const init = await client.initialize({ textDocument: { diagnostic: { dynamicRegistration: false } } });
    assert.ok(init.capabilities.diagnosticProvider);
  });
  after(() => client.stop());

  test('textDocument/diagnostic returns the current version’s diagnostics, and nothing is pushed', async () => {
    const uri = 'file:///virtual/pull.alloy';
    await client.open(uri, PIPELINE);
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as {
      kind: string;
      items: { code: string }[];
    };
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items.map((d) => d.code).sort(), [
      'self-monitoring-logs',
      'self-monitoring-metrics',
      'self-monitoring-traces',
    ]);
    await client.change(uri, 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: SELF_MONITORED },
    ]);
    const after = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as {
      items: unknown[];
    };
    assert.deepEqual(after.items, []);
    assert.equal(client.published.get(uri), undefined);
    // The client pulls a document it changed by itself: no refresh request per keystroke.
    assert.equal(client.refreshes, 0);
  });
});

describe('language server in directory mode', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-dir-'));
    fs.writeFileSync(path.join(dir, 'a.alloy'), SELF_MONITORED);
    fs.writeFileSync(path.join(dir, 'b.alloy'), PIPELINE + '\nlogging {\n\tlevel = "warn"\n}\n');
    fs.writeFileSync(
      path.join(dir, 'c.alloy'),
      'loki.write "other" {\n\tendpoint {\n\t\turl = "http://loki"\n\t}\n}\n',
    );
    client = new TestClient();
    await client.initialize({}, { configMode: 'directory' });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('duplicates are judged across files, and an edit to one file updates its siblings', async () => {
    const a = pathToFileURL(path.join(dir, 'a.alloy')).toString();
    const b = pathToFileURL(path.join(dir, 'b.alloy')).toString();
    const c = pathToFileURL(path.join(dir, 'c.alloy')).toString();
    await client.open(a, SELF_MONITORED);
    await client.open(b, fs.readFileSync(path.join(dir, 'b.alloy'), 'utf8'));
    const bd = await client.diagnostics(b, (p) => p.diagnostics.some((d) => d.code === 'duplicate-block'));
    assert.deepEqual(codes(bd), ['duplicate-block']);
    // c.alloy is not open: it is read from disk, and its unwired loki.write is reported too.
    const cd = await client.diagnostics(c, (p) => p.diagnostics.length > 0);
    assert.deepEqual(codes(cd), ['unwired-exporter']);
    // Remove logging from a.alloy: b's duplicate goes away without touching b.
    const bClean = client.nextDiagnostics(b, (p) => !p.diagnostics.some((d) => d.code === 'duplicate-block'));
    await client.change(a, 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, text: '' },
    ]);
    await bClean;
    // A file that is not open changes on disk: after the file event, its new logging block (c sorts after b)
    // is the duplicate.
    const cDuplicate = client.nextDiagnostics(c, (p) => p.diagnostics.some((d) => d.code === 'duplicate-block'));
    fs.writeFileSync(path.join(dir, 'c.alloy'), 'tracing {\n\tsampling_fraction = 0.5\n}\n\nlogging {\n}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c, type: 2 }] });
    await cDuplicate;
  });
});

describe('language server in directory mode with pull diagnostics', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-dir-pull-'));
    fs.writeFileSync(path.join(dir, 'a.alloy'), SELF_MONITORED);
    fs.writeFileSync(path.join(dir, 'b.alloy'), 'logging {\n\tlevel = "warn"\n}\n');
    client = new TestClient();
    await client.initialize(
      { textDocument: { diagnostic: { dynamicRegistration: false } } },
      { configMode: 'directory' },
    );
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('an edit to one file asks the client to pull its siblings again', async () => {
    const a = pathToFileURL(path.join(dir, 'a.alloy')).toString();
    const b = pathToFileURL(path.join(dir, 'b.alloy')).toString();
    const pull = async (uri: string) =>
      (
        (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as {
          items: { code: string }[];
        }
      ).items.map((d) => d.code);
    await client.open(a, SELF_MONITORED);
    await client.open(b, 'logging {\n\tlevel = "warn"\n}\n');
    assert.deepEqual(await pull(b), ['duplicate-block']);
    const before = client.refreshes;
    await client.change(a, 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, text: '' },
    ]);
    // Wait for the refresh request, then pull b as a client would.
    for (let i = 0; i < 200 && client.refreshes === before; i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(client.refreshes > before, 'the server asked for a refresh');
    assert.deepEqual(await pull(b), ['self-monitoring-logs']);
    // A file that is not open cannot be pulled: its problems are pushed.
    const c = pathToFileURL(path.join(dir, 'c.alloy')).toString();
    fs.writeFileSync(path.join(dir, 'c.alloy'), 'logging {\n}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c, type: 1 }] });
    await client.change(a, 3, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' },
    ]);
    const pushed = await client.diagnostics(c, (p) => p.diagnostics.some((d) => d.code === 'duplicate-block'));
    assert.equal(pushed.version, undefined);
  });
});

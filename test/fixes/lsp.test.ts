/**
 * Code actions and the add-self-monitoring command through the real server
 * process over JSON-RPC: request the actions, apply their workspace edits as
 * a client does, send the result back with didChange and check the
 * diagnostics the server publishes for the new version.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import {
  ADD_SELF_MONITORING_COMMAND,
  ADD_SELF_MONITORING_KIND,
  type AddSelfMonitoringArgs,
} from '../../server/src/protocol';
import { TestClient } from '../server/client';
import { buildCli } from '../helpers';

const SELF = ['self-monitoring-metrics', 'self-monitoring-logs', 'self-monitoring-traces'];

// Non-ASCII before the anchors: positions must be UTF-16 code units.
const TEXT = `// Überwachung 🚀 of the host — ✓
prometheus.exporter.unix "host" { }

prometheus.scrape "host" {
	targets    = prometheus.exporter.unix.host.targets
	forward_to = [prometheus.remote_write.default.receiver]
}

prometheus.remote_write "default" {
	endpoint {
		url = sys.env("PROMETHEUS_URL") // ✓ 🚀
	}
}
`;

let client: TestClient;
const docs = new Map<string, TextDocument>();

function codesOf(ds: Diagnostic[]): string[] {
  return ds.map((d) => String(d.code));
}

/** Applies a workspace edit to our copy of the document and sends it as incremental changes. */
async function applyAndSend(edit: WorkspaceEdit): Promise<number> {
  const [[uri, edits]] = Object.entries(edit.changes ?? {}) as [string, TextEdit[]][];
  const doc = docs.get(uri)!;
  const version = doc.version + 1;
  // Later edits first, so that each change's range is still valid when it is applied.
  const ordered = [...edits].sort(
    (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
  );
  docs.set(uri, TextDocument.create(uri, 'grafana-alloy', version, TextDocument.applyEdits(doc, edits)));
  await client.change(
    uri,
    version,
    ordered.map((e) => ({ range: e.range, text: e.newText })),
  );
  return version;
}

async function openDoc(name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `file:///virtual-lsp/${name}`;
  docs.set(uri, TextDocument.create(uri, 'grafana-alloy', 1, text));
  await client.open(uri, text, 1);
  const published = await client.forVersion(uri, 1);
  return { uri, diagnostics: published.diagnostics };
}

function codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics, only },
  });
}

before(async () => {
  buildCli();
  client = new TestClient();
  await client.initialize({
    workspace: { applyEdit: true, workspaceEdit: { documentChanges: false } },
    textDocument: { codeAction: { isPreferredSupport: true } },
  });
});

after(async () => {
  await client.stop();
});

for (const code of SELF) {
  test(`the preferred quick fix of ${code} removes it, over JSON-RPC`, async () => {
    const { uri, diagnostics } = await openDoc(`quick-fix-${code}.alloy`, TEXT);
    assert.deepEqual(
      codesOf(diagnostics)
        .filter((c) => SELF.includes(c))
        .sort(),
      [...SELF].sort(),
    );
    const target = diagnostics.find((d) => d.code === code)!;
    assert.deepEqual((target.data as { code: string }).code, code);

    const actions = await codeActions(uri, [target], ['quickfix']);
    assert.ok(actions.length > 0, `no action for ${code}`);
    for (const a of actions) {
      assert.equal(a.kind, 'quickfix');
      assert.deepEqual(a.diagnostics, [target]);
    }
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, actions.map((a) => a.title).join(' | '));

    const version = await applyAndSend(preferred[0].edit!);
    const after = (await client.forVersion(uri, version)).diagnostics;
    assert.ok(!codesOf(after).includes(code), `${code} is still there: ${codesOf(after).join(', ')}`);
    assert.deepEqual(
      codesOf(after)
        .filter((c) => SELF.includes(c))
        .sort(),
      SELF.filter((c) => c !== code).sort(),
      'the fix touched other signals',
    );
    assert.deepEqual(
      after.filter((d) => d.severity === 1),
      [],
      'the fix introduced errors',
    );
    // The edit was inserted at UTF-16 positions: the non-ASCII lines are intact.
    const text = docs.get(uri)!.getText();
    assert.ok(text.startsWith('// Überwachung 🚀 of the host — ✓\n'));
    assert.ok(
      text.includes('✓\nprometheus.exporter.unix "host" { }\n') ||
        text.includes('}\n\nprometheus.exporter.unix "host" { }\n'),
    );
    if (code !== 'self-monitoring-metrics') {
      // A config block goes after the leading comment.
      assert.ok(
        text.startsWith(
          `// Überwachung 🚀 of the host — ✓\n\n${code === 'self-monitoring-logs' ? 'logging' : 'tracing'} {\n`,
        ),
      );
    }
    assert.ok(text.includes('url = sys.env("PROMETHEUS_URL") // ✓ 🚀\n'));
  });
}

test('the source action adds the whole stack once, and is not offered afterwards', async () => {
  const { uri, diagnostics } = await openDoc('source-action.alloy', TEXT);
  assert.equal(diagnostics.filter((d) => SELF.includes(String(d.code))).length, 3);
  const actions = await codeActions(uri, [], [ADD_SELF_MONITORING_KIND]);
  assert.deepEqual(
    actions.map((a) => [a.title, a.kind]),
    [['Add Alloy self-monitoring (metrics, logs, traces)', ADD_SELF_MONITORING_KIND]],
  );
  // Asking for quick fixes only does not return it; asking for `source` does.
  assert.deepEqual(await codeActions(uri, [], ['quickfix']), []);
  assert.equal((await codeActions(uri, [], ['source'])).length, 1);

  const version = await applyAndSend(actions[0].edit!);
  const after = (await client.forVersion(uri, version)).diagnostics;
  assert.deepEqual(
    after.filter((d) => SELF.includes(String(d.code)) || d.severity === 1),
    [],
    codesOf(after).join(', '),
  );
  assert.deepEqual(await codeActions(uri, [], [ADD_SELF_MONITORING_KIND]), []);
});

test(`${ADD_SELF_MONITORING_COMMAND} applies its edit through workspace/applyEdit`, async () => {
  const { uri } = await openDoc('command.alloy', TEXT);
  const requests: WorkspaceEdit[] = [];
  let sent: Promise<number> | undefined;
  client.onApplyEdit = (params) => {
    const edit = (params as { edit: WorkspaceEdit }).edit;
    requests.push(edit);
    sent = applyAndSend(edit);
    return { applied: true };
  };
  try {
    const metrics: AddSelfMonitoringArgs = { uri, signals: ['metrics'] };
    const r1 = await client.connection.sendRequest('workspace/executeCommand', {
      command: ADD_SELF_MONITORING_COMMAND,
      arguments: [metrics],
    });
    assert.deepEqual(r1, { applied: true, signals: ['metrics'] });
    assert.equal(requests.length, 1);
    const v1 = await sent!;
    const after1 = (await client.forVersion(uri, v1)).diagnostics;
    assert.deepEqual(
      codesOf(after1)
        .filter((c) => SELF.includes(c))
        .sort(),
      ['self-monitoring-logs', 'self-monitoring-traces'],
    );

    const rest: AddSelfMonitoringArgs = { uri, destination: 'otlp', signals: ['logs', 'traces'] };
    const r2 = await client.connection.sendRequest('workspace/executeCommand', {
      command: ADD_SELF_MONITORING_COMMAND,
      arguments: [rest],
    });
    assert.deepEqual(r2, { applied: true, signals: ['logs', 'traces'] });
    const v2 = await sent!;
    const after2 = (await client.forVersion(uri, v2)).diagnostics;
    assert.deepEqual(
      after2.filter((d) => SELF.includes(String(d.code)) || d.severity === 1),
      [],
    );
    const text = docs.get(uri)!.getText();
    assert.match(text, /otelcol\.exporter\.otlphttp "otlp"/);
    assert.match(text, /sys\.env\("OTLP_ENDPOINT"\)/);
    assert.doesNotMatch(text, /(^|[^.\w])env\(/m);

    // Nothing left to add: no applyEdit request.
    const r3 = await client.connection.sendRequest('workspace/executeCommand', {
      command: ADD_SELF_MONITORING_COMMAND,
      arguments: [{ uri }],
    });
    assert.equal((r3 as { applied: boolean }).applied, false);
    assert.equal(requests.length, 2);
  } finally {
    client.onApplyEdit = () => ({ applied: false });
  }
});

test('the command rejects bad arguments, and reports a declined edit', async () => {
  const { uri } = await openDoc('command-bad.alloy', TEXT);
  await assert.rejects(
    client.connection.sendRequest('workspace/executeCommand', {
      command: ADD_SELF_MONITORING_COMMAND,
      arguments: [{ uri, destination: 'mars' }],
    }),
    /unknown destination 'mars'/,
  );
  await assert.rejects(
    client.connection.sendRequest('workspace/executeCommand', {
      command: ADD_SELF_MONITORING_COMMAND,
      arguments: [{ uri: 'file:///not/open.alloy' }],
    }),
    /is not open/,
  );
  client.onApplyEdit = () => ({ applied: false });
  const r = await client.connection.sendRequest('workspace/executeCommand', {
    command: ADD_SELF_MONITORING_COMMAND,
    arguments: [{ uri }],
  });
  assert.equal((r as { applied: boolean }).applied, false);
});

test('duplicate-block offers removal (preferred) and merge over JSON-RPC', async () => {
  const text = 'logging {\n\tlevel = "info"\n}\n\nlogging {\n\tformat = "json"\n}\n';
  const { uri, diagnostics } = await openDoc('duplicate.alloy', text);
  const dup = diagnostics.filter((d) => d.code === 'duplicate-block');
  assert.equal(dup.length, 1);
  const actions = await codeActions(uri, dup, ['quickfix']);
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred]),
    [
      ["Remove this duplicate 'logging' block", true],
      ["Merge into the first 'logging' block", false],
    ],
  );
  const version = await applyAndSend(actions[1].edit!);
  assert.equal(docs.get(uri)!.getText(), 'logging {\n\tlevel  = "info"\n\tformat = "json"\n}\n');
  const after = (await client.forVersion(uri, version)).diagnostics;
  assert.ok(!codesOf(after).includes('duplicate-block'));
});

test('a diagnostic of an older version gets no action', async () => {
  const { uri, diagnostics } = await openDoc('stale.alloy', TEXT);
  const target = diagnostics.find((d) => d.code === 'self-monitoring-metrics')!;
  const version = await applyAndSend({
    changes: {
      [uri]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n\n' }],
    },
  });
  await client.forVersion(uri, version);
  assert.deepEqual(await codeActions(uri, [target], ['quickfix']), []);
});

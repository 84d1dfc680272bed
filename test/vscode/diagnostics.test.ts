import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  SELF_MONITORING_CODES,
  activateExtension,
  cliCheck,
  codeOf,
  codes,
  describe,
  fixture,
  isSelfMonitoring,
  keysOf,
  keysOfCli,
  openEditor,
  positionOf,
  waitForCodes,
  waitForCodesGone,
  waitForDiagnostics,
} from './helpers';

/** Opens the fixture `name` and asserts that its diagnostics are the ones `check --format json` reports for it. */
async function assertMatchesCli(name: string): Promise<void> {
  const uri = fixture(name);
  await openEditor(uri);
  const expected = keysOfCli(cliCheck(uri));
  const diagnostics = await waitForDiagnostics(
    uri,
    (ds) => ds.length === expected.length,
    `${expected.length} diagnostics`,
  );
  assert.deepEqual(keysOf(diagnostics), expected);
}

suite('diagnostics', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('a configuration without self-monitoring gets exactly the three self-monitoring notes', async () => {
    const uri = fixture('no-self-monitoring.alloy');
    await openEditor(uri);
    const diagnostics = await waitForCodes(uri, SELF_MONITORING_CODES);
    assert.deepEqual(codes(diagnostics), [...SELF_MONITORING_CODES].sort(), describe(diagnostics));
    for (const d of diagnostics) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Information, `${codeOf(d)} is not Information`);
    }
  });

  test('they are the ones `check --format json` reports for the same file', () =>
    assertMatchesCli('no-self-monitoring.alloy'));

  test('a second logging block is an Error on its name', async () => {
    const uri = fixture('duplicate-logging.alloy');
    const editor = await openEditor(uri);
    const diagnostics = await waitForCodes(uri, ['duplicate-block']);
    const duplicates = diagnostics.filter((d) => codeOf(d) === 'duplicate-block');
    assert.equal(duplicates.length, 1, `expected one duplicate-block: ${describe(diagnostics)}`);
    const [d] = duplicates;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const second = positionOf(editor.document, /^logging\b/m, 1);
    assert.deepEqual(
      [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      [second.line, second.character, second.line, second.character + 'logging'.length],
      'duplicate-block does not cover the name of the second logging block',
    );
  });

  test('duplicate-logging.alloy matches `check --format json`', () => assertMatchesCli('duplicate-logging.alloy'));

  test('a fully self-monitored configuration has no self-monitoring notes, and edits are re-analyzed', async () => {
    const uri = fixture('self-monitored.alloy');
    const editor = await openEditor(uri);
    const doc = editor.document;
    // A file without findings publishes nothing visible: prove the server analyzes it by breaking and repairing it.
    const end = doc.positionAt(doc.getText().length);
    const broken = new vscode.WorkspaceEdit();
    broken.insert(uri, end, '\nlogging {\n\tlevel = "debug"\n}\n');
    assert.ok(await vscode.workspace.applyEdit(broken));
    await waitForCodes(uri, ['duplicate-block']);
    const repair = new vscode.WorkspaceEdit();
    repair.delete(uri, new vscode.Range(end, doc.positionAt(doc.getText().length)));
    assert.ok(await vscode.workspace.applyEdit(repair));
    const diagnostics = await waitForCodesGone(uri, ['duplicate-block']);
    assert.deepEqual(diagnostics.filter(isSelfMonitoring), [], describe(diagnostics));
    assert.deepEqual(keysOf(diagnostics), keysOfCli(cliCheck(uri)));
  });
});

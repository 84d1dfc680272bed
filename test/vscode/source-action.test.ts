import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ADD_SELF_MONITORING_KIND } from '../../server/src/protocol';
import {
  activateExtension,
  applyCodeAction,
  codeActions,
  describe,
  fullRange,
  isSelfMonitoring,
  openWithoutSelfMonitoring,
  waitForCodesGone,
  waitForDiagnostics,
} from './helpers';

const TITLE = 'Add Alloy self-monitoring (metrics, logs, traces)';

async function sourceActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await codeActions(uri, range, ADD_SELF_MONITORING_KIND);
  return actions.filter((a) => a.kind?.value === ADD_SELF_MONITORING_KIND);
}

suite('source action', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test(`${ADD_SELF_MONITORING_KIND} adds the whole stack: all three notes go away, no errors appear`, async () => {
    const { uri, editor } = await openWithoutSelfMonitoring('source-action.alloy');

    const actions = await sourceActions(uri, fullRange(editor.document));
    assert.equal(actions.length, 1, `expected one ${ADD_SELF_MONITORING_KIND} action, got ${actions.length}`);
    assert.equal(actions[0].title, TITLE);

    await applyCodeAction(actions[0]);
    const after = await waitForDiagnostics(
      uri,
      (ds) => !ds.some(isSelfMonitoring),
      'the self-monitoring notes to disappear',
    );
    assert.deepEqual(
      after.filter((d) => d.severity === vscode.DiagnosticSeverity.Error),
      [],
      `the inserted stack has errors: ${describe(after)}`,
    );
  });

  test('it inserts only what is missing', async () => {
    const { uri, editor } = await openWithoutSelfMonitoring('source-action-partial.alloy');
    // Give the file a logging block that already ships Alloy's logs.
    const logging =
      '\nlogging {\n\tlevel    = "info"\n\twrite_to = [loki.write.self.receiver]\n}\n\n' +
      'loki.write "self" {\n\tendpoint {\n\t\turl = sys.env("LOKI_URL")\n\t}\n}\n';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, editor.document.positionAt(editor.document.getText().length), logging);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForCodesGone(uri, ['self-monitoring-logs']);

    const [action] = await sourceActions(uri, fullRange(editor.document));
    assert.ok(action, `no ${ADD_SELF_MONITORING_KIND} action`);
    await applyCodeAction(action);
    await waitForDiagnostics(uri, (ds) => !ds.some(isSelfMonitoring), 'the self-monitoring notes to disappear');
    const text = editor.document.getText();
    assert.equal(text.match(/^logging\s*\{/gm)?.length, 1, 'the source action added a second logging block');
  });
});

import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  applyCodeAction,
  codeActions,
  codeOf,
  describe,
  openEditor,
  waitForCodes,
  waitForCodesGone,
  writeFixture,
} from './helpers';

/** A schema rule in the real editor: a missing required argument, and its quick fix that inserts it. */
suite('schema validation', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('a missing required argument is an Error on its block, and the quick fix inserts it laid out like alloy fmt', async () => {
    const text = 'loki.write "default" {\n\tendpoint { }\n}\n';
    const uri = await writeFixture('missing-url.alloy', text);
    const editor = await openEditor(uri);
    const diagnostics = await waitForCodes(uri, ['missing-required']);
    const missing = diagnostics.find((d) => codeOf(d) === 'missing-required')!;
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error, describe(diagnostics));
    assert.match(missing.message, /loki\.write > endpoint is missing its required argument 'url'/);
    assert.deepEqual(
      [missing.range.start.line, missing.range.start.character, missing.range.end.character],
      [1, 1, 9],
      describe(diagnostics),
    );

    const actions = await codeActions(uri, missing.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === "Add the required argument 'url'");
    assert.ok(fix, `quick fixes: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    await applyCodeAction(fix);
    assert.equal(editor.document.getText(), 'loki.write "default" {\n\tendpoint {\n\t\turl = ""\n\t}\n}\n');
    await waitForCodesGone(uri, ['missing-required']);
  });
});

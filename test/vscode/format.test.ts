import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, cliFormat, copyFixture, openEditor } from './helpers';

async function formattingEdits(uri: vscode.Uri): Promise<vscode.TextEdit[] | undefined> {
  return vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', uri, {
    tabSize: 4,
    insertSpaces: true,
  } satisfies vscode.FormattingOptions);
}

suite('format document', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('formatting the document gives exactly what `fmt` prints, whatever the editor indentation options', async () => {
    const uri = await copyFixture('unformatted.alloy', 'format.alloy');
    const expected = cliFormat(uri);
    const editor = await openEditor(uri);
    assert.notEqual(editor.document.getText(), expected, 'the fixture is already formatted; the test proves nothing');

    const edits = await formattingEdits(uri);
    assert.ok(edits && edits.length > 0, 'no formatting edits for an unformatted document');
    const edit = new vscode.WorkspaceEdit();
    edit.set(uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(editor.document.getText(), expected);
  });

  test('formatting a formatted document changes nothing', async () => {
    const uri = await copyFixture('unformatted.alloy', 'format-twice.alloy');
    const editor = await openEditor(uri);
    const first = await formattingEdits(uri);
    assert.ok(first && first.length > 0, 'no formatting edits for an unformatted document');
    const edit = new vscode.WorkspaceEdit();
    edit.set(uri, first);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const formatted = editor.document.getText();
    const second = (await formattingEdits(uri)) ?? [];
    if (second.length > 0) {
      // Edits that rewrite text into itself are allowed; the result must not change.
      const again = new vscode.WorkspaceEdit();
      again.set(uri, second);
      assert.ok(await vscode.workspace.applyEdit(again));
    }
    assert.equal(editor.document.getText(), formatted);
  });
});

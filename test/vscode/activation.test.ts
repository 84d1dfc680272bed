import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, WAIT_MS, activateExtension, fixture, openEditor, withDeadline } from './helpers';

suite('activation', () => {
  test('the extension is installed and contributes the grafana-alloy language for *.alloy', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
    const languages = (ext.packageJSON.contributes?.languages ?? []) as { id: string; extensions?: string[] }[];
    const alloy = languages.find((l) => l.id === 'grafana-alloy');
    assert.ok(alloy, 'no grafana-alloy language in contributes.languages');
    assert.ok(alloy.extensions?.includes('.alloy'), 'grafana-alloy does not claim .alloy files');
  });

  test('opening a .alloy file gives it the grafana-alloy language', async () => {
    const editor = await openEditor(fixture('no-self-monitoring.alloy'));
    assert.equal(editor.document.languageId, 'grafana-alloy');
  });

  test('the extension is active', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await withDeadline(ext.activate(), WAIT_MS, 'activation');
    assert.equal(ext.isActive, true);
  });

  test('activate() returns the language client, which becomes ready and runs', async () => {
    const api = await activateExtension();
    if (typeof api.client.isRunning === 'function') {
      assert.equal(api.client.isRunning(), true, 'language client is not running after ready resolved');
    }
  });
});

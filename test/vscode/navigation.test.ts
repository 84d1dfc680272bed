import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WAIT_MS, activateExtension, copyFixture, openEditor } from './helpers';

/** Asks until the answer satisfies `ok` (the server may still be reading the document) or the deadline passes. */
async function until<T>(ask: () => Thenable<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await ask();
    if (ok(value)) return value;
    if (Date.now() > deadline) assert.fail(`no answer for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `'${needle}' not in ${doc.uri.toString()}`);
  return doc.positionAt(at + delta);
}

suite('navigation, outline and semantic highlighting', () => {
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;
  suiteSetup(async () => {
    await activateExtension();
    uri = await copyFixture('no-self-monitoring.alloy', 'navigation.alloy');
    doc = (await openEditor(uri)).document;
  });

  test('go to definition: a reference leads to the component header', async () => {
    const found = await until(
      () =>
        vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
          'vscode.executeDefinitionProvider',
          uri,
          positionOf(doc, 'unix.host.targets', 6),
        ),
      (v) => Array.isArray(v) && v.length > 0,
      'definition',
    );
    const target = 'targetUri' in found[0] ? found[0].targetSelectionRange! : found[0].range;
    assert.equal(doc.getText(target), 'prometheus.exporter.unix "host"');
  });

  test('find references: the label and every reference', async () => {
    const found = await until(
      () =>
        vscode.commands.executeCommand<vscode.Location[]>(
          'vscode.executeReferenceProvider',
          uri,
          positionOf(doc, 'prometheus.remote_write "default"', 26),
        ),
      (v) => Array.isArray(v) && v.length > 0,
      'references',
    );
    assert.deepEqual(found.map((l) => doc.getText(l.range)).sort(), ['"default"', 'prometheus.remote_write.default']);
  });

  test('rename: the label and its references change, nothing else', async () => {
    const renameUri = await copyFixture('no-self-monitoring.alloy', 'rename.alloy');
    const editor = await openEditor(renameUri);
    const before = editor.document.getText();
    const edit = await until(
      () =>
        vscode.commands.executeCommand<vscode.WorkspaceEdit>(
          'vscode.executeDocumentRenameProvider',
          renameUri,
          positionOf(editor.document, 'remote_write.default', 14),
          'mimir',
        ),
      (v) => !!v && v.size > 0,
      'rename',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(
      editor.document.getText(),
      before
        .replace('remote_write "default"', 'remote_write "mimir"')
        .replace('remote_write.default', 'remote_write.mimir'),
    );
  });

  test('Outline and breadcrumbs: document symbols with labels, nested', async () => {
    const symbols = await until(
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri),
      (v) => Array.isArray(v) && v.length > 0,
      'document symbols',
    );
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['prometheus.exporter.unix "host"', 'prometheus.scrape "host"', 'prometheus.remote_write "default"'],
    );
    assert.deepEqual(
      symbols[2].children.map((c) => c.name),
      ['endpoint'],
    );
    assert.equal(symbols[0].kind, vscode.SymbolKind.Object);
  });

  test('semantic highlighting: labels, component names, properties, references, stdlib calls', async () => {
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>(
      'vscode.provideDocumentSemanticTokensLegend',
      uri,
    );
    assert.ok(legend && legend.tokenTypes.includes('label'), 'the server legend is used');
    const tokens = await until(
      () => vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', uri),
      (v) => !!v && v.data.length > 0,
      'semantic tokens',
    );
    const seen = new Set<string>();
    let line = 0;
    let char = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      char = tokens.data[i] === 0 ? char + tokens.data[i + 1] : tokens.data[i + 1];
      const text = doc.lineAt(line).text.slice(char, char + tokens.data[i + 2]);
      seen.add(`${text}:${legend.tokenTypes[tokens.data[i + 3]]}`);
    }
    for (const expected of [
      '"host":label',
      'prometheus:class',
      'targets:property',
      'env:function',
      'endpoint:struct',
    ]) {
      assert.ok(seen.has(expected), `no ${expected} in ${[...seen].join(' ')}`);
    }
  });

  test('code lens: consumers of each component, opening the references view', async () => {
    const lenses = await until(
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri),
      (v) => Array.isArray(v) && v.length === 3 && v.every((l) => l.command),
      'code lenses',
    );
    assert.deepEqual(
      lenses.map((l) => l.command!.title),
      ['1 consumer', 'not used', '1 consumer'],
    );
    const cmd = lenses[0].command!;
    assert.equal(cmd.command, 'alloy.showReferences');
    await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
  });
});

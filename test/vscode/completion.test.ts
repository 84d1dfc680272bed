import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, copyFixture, openEditor } from './helpers';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

async function completions(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
  );
  return list.items;
}

suite('completion and hover', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('completing a component after its namespace dot inserts its required arguments', async () => {
    const uri = await copyFixture('completion.alloy', 'completion-component.alloy');
    const editor = await openEditor(uri);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, '\nprometheus.')));
    const cursor = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const items = await completions(uri, cursor);
    const scrape = items.find((i) => labelOf(i) === 'prometheus.scrape');
    assert.ok(scrape, `no prometheus.scrape among ${items.map(labelOf).slice(0, 30).join(', ')}`);
    assert.ok(scrape.insertText instanceof vscode.SnippetString, 'the item is a snippet');
    const range = scrape.range instanceof vscode.Range ? scrape.range : scrape.range?.replacing;
    assert.ok(range, 'the item says what it replaces');
    // Accept it the way the suggest widget does: the snippet replaces the typed `prometheus.`.
    assert.ok(await editor.insertSnippet(scrape.insertText, range));
    const text = editor.document.getText();
    assert.match(text, /\nprometheus\.scrape "default" \{\n\tforward_to = \[\]\n\ttargets {4}= \[\]\n\}/);
  });

  test('completion inside forward_to offers only the receivers of the right kind', async () => {
    const uri = await copyFixture('completion.alloy', 'completion-forward-to.alloy');
    const editor = await openEditor(uri);
    const line = [...Array(editor.document.lineCount).keys()].find((l) =>
      editor.document.lineAt(l).text.includes('forward_to = ['),
    );
    assert.ok(line !== undefined, 'the fixture has a forward_to');
    const character = editor.document.lineAt(line).text.indexOf('[') + 1;
    const items = await completions(uri, new vscode.Position(line, character));
    const references = items.filter((i) => i.kind === vscode.CompletionItemKind.Reference).map(labelOf);
    assert.deepEqual(references, ['prometheus.remote_write.mimir.receiver']);
    assert.ok(!items.some((i) => labelOf(i).startsWith('loki.write')), 'no logs receiver in a metrics list');
  });

  test('hover on a component name shows its docs link', async () => {
    const uri = await copyFixture('completion.alloy', 'completion-hover.alloy');
    const editor = await openEditor(uri);
    const line = [...Array(editor.document.lineCount).keys()].find((l) =>
      editor.document.lineAt(l).text.startsWith('loki.write'),
    );
    assert.ok(line !== undefined);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(line, 3),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /\*\*loki\.write\*\*/);
    assert.ok(
      text.includes('https://grafana.com/docs/alloy/latest/reference/components/loki/loki.write/'),
      `no docs link in the hover: ${text}`,
    );
  });
});

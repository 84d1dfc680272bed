import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { REPO_ROOT, openEditor, writeFixture } from './helpers';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

/** Reads a .code-snippets file, which is JSON with comments and trailing commas. */
function readSnippets(file: string): Record<string, Snippet> {
  const text = fs.readFileSync(file, 'utf8');
  let json = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      json += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      json += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
    } else {
      json += c;
    }
  }
  return JSON.parse(json.replace(/,(\s*[}\]])/g, '$1')) as Record<string, Snippet>;
}

suite('snippets', () => {
  test('a snippet prefix from snippets/alloy.code-snippets is offered as a completion', async () => {
    const snippets = readSnippets(path.join(REPO_ROOT, 'snippets', 'alloy.code-snippets'));
    const prefixes = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    assert.ok(prefixes.length > 0, 'the snippets file has no prefixes');
    const prefix = prefixes[0];

    // Type the prefix on a line of its own, then ask for completions at its end.
    const uri = await writeFixture('snippets.alloy', `${prefix}\n`);
    const editor = await openEditor(uri);
    assert.equal(editor.document.languageId, 'grafana-alloy');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(0, prefix.length),
    );
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    const snippet = list.items.find(
      (item) =>
        item.kind === vscode.CompletionItemKind.Snippet &&
        (typeof item.label === 'string' ? item.label : item.label.label) === prefix,
    );
    assert.ok(snippet, `no snippet completion '${prefix}'; offered: ${labels.slice(0, 30).join(', ')}`);
    // The extension contributes the snippets and the server offers them to other editors: here, each once.
    assert.equal(labels.filter((l) => l === prefix).length, 1, `'${prefix}' is offered more than once`);
  });
});

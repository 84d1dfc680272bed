/**
 * Document and range formatting through the real server process over
 * JSON-RPC: edits keep a CRLF document's line endings and are minimal, and a
 * document that cannot be formatted gets no edits and a warning saying why.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient } from '../server/client';

let client: TestClient;
const messages: { type: number; message: string }[] = [];
let opened = 0;

async function open(text: string): Promise<string> {
  const uri = `file:///virtual-format/doc-${++opened}.alloy`;
  await client.open(uri, text, 1);
  await client.forVersion(uri, 1);
  return uri;
}

function formatDocument(uri: string): Promise<TextEdit[]> {
  return client.connection.sendRequest('textDocument/formatting', {
    textDocument: { uri },
    options: { tabSize: 4, insertSpaces: false },
  });
}

function formatRange(uri: string, range: Range): Promise<TextEdit[]> {
  return client.connection.sendRequest('textDocument/rangeFormatting', {
    textDocument: { uri },
    range,
    options: { tabSize: 4, insertSpaces: false },
  });
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.alloy', 'grafana-alloy', 1, text), edits);
}

/** The warnings shown since `from`, once the server has sent them. */
async function warningsSince(from: number): Promise<string[]> {
  for (let i = 0; i < 50 && messages.length === from; i++) await new Promise((r) => setTimeout(r, 20));
  return messages.slice(from).map((m) => m.message);
}

before(async () => {
  client = new TestClient();
  client.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
    messages.push(p);
  });
  await client.initialize({});
});

after(async () => {
  await client.stop();
});

const FORMATTED = 'a   = 1\r\nbbb = [1, 2]\r\n\r\nblock "x" {\r\n\ty = 2 // c\r\n}\r\n';

describe('formatting over JSON-RPC', () => {
  test('a formatted CRLF document gets no edits', async () => {
    const uri = await open(FORMATTED);
    assert.deepEqual(await formatDocument(uri), []);
    assert.deepEqual(await formatRange(uri, { start: { line: 0, character: 0 }, end: { line: 5, character: 1 } }), []);
  });

  test('edits keep the line endings of a CRLF document', async () => {
    const text = 'a = 1\r\nbbb = [1,2,]\r\nblock "x" {\r\n    y = 2   // c\r\n}\r\n';
    const uri = await open(text);
    const edits = await formatDocument(uri);
    assert.equal(apply(text, edits), FORMATTED);
    for (const e of edits) assert.ok(!/(^|[^\r])\n/.test(e.newText), JSON.stringify(e));
  });

  test('range formatting works on a CRLF document', async () => {
    const text = 'a = 1\r\n\r\nblock "x" {\r\n      y = 2\r\n}\r\n';
    const uri = await open(text);
    const edits = await formatRange(uri, { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } });
    assert.equal(apply(text, edits), 'a = 1\r\n\r\nblock "x" {\r\n\ty = 2\r\n}\r\n');
  });

  test('a document nested 1,500 levels deep over as many lines is formatted', async () => {
    const text = 'b {\n'.repeat(1500) + '}\n'.repeat(1500);
    const uri = await open(text);
    const out = apply(text, await formatDocument(uri));
    assert.ok(out.includes('\n' + '\t'.repeat(1499) + 'b { }\n' + '\t'.repeat(1498) + '}\n'));
    assert.deepEqual(await formatDocument(await open(out)), []);
  });

  test('a document that cannot be formatted gets no edits and a warning saying why', async () => {
    const broken = await open('a = [\n  1\n]\n');
    const whole = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
    for (const request of [() => formatDocument(broken), () => formatRange(broken, whole)]) {
      const from = messages.length;
      assert.deepEqual(await request(), []);
      const [warning] = await warningsSince(from);
      assert.match(warning, /^Alloy: the document was not formatted: cannot format a file with syntax errors: /);
      assert.match(warning, /\(line 2, column 4\)$/);
    }
    assert.ok(messages.every((m) => m.type === 2));
  });
});

/**
 * A burst of changes sent without waiting: each is applied to the text and the tree as it arrives,
 * the document is parsed and analysed once when diagnostics are asked for, and the result is that
 * of the final text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SELF_MONITORED } from '../helpers';
import { TestClient } from '../server/client';

describe('a burst of changes', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize({ textDocument: { diagnostic: { dynamicRegistration: false } } });
  });
  after(() => client.stop());

  const pull = (uri: string) =>
    client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as Promise<{
      items: { code?: unknown; range: { start: { line: number } } }[];
    }>;

  test('300 changes then one diagnostics request: the diagnostics of the final text', async () => {
    const uri = 'file:///virtual/burst.alloy';
    await client.open(uri, SELF_MONITORED);
    assert.deepEqual((await pull(uri)).items, []);
    const line = SELF_MONITORED.split('\n').length - 1;
    // Type `x = [` one character at a time on a new last line, then more characters: a syntax error
    // (an unclosed list) that only the final text has, and no change is waited for.
    const typed = 'x = [' + 'a'.repeat(295);
    const sends: Promise<void>[] = [];
    for (let i = 0; i < typed.length; i++) {
      sends.push(
        client.change(uri, i + 2, [
          { range: { start: { line, character: i }, end: { line, character: i } }, text: typed[i] },
        ]),
      );
    }
    await Promise.all(sends);
    const items = (await pull(uri)).items;
    assert.ok(
      items.some((d) => d.code === 'syntax-error'),
      'the unclosed list is reported',
    );
    assert.ok(
      items.every((d) => d.code === 'syntax-error' || d.code === 'misplaced-block'),
      JSON.stringify(items),
    );
    // Deleting the line again: back to no diagnostics.
    await client.change(uri, typed.length + 2, [
      { range: { start: { line, character: 0 }, end: { line, character: typed.length } }, text: '' },
    ]);
    assert.deepEqual((await pull(uri)).items, []);
  });
});

describe('a burst of changes, pushed diagnostics', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize({});
  });
  after(() => client.stop());

  test('300 changes sent at once are analysed together, not one by one', async () => {
    const uri = 'file:///virtual/burst-push.alloy';
    await client.open(uri, SELF_MONITORED);
    await client.forVersion(uri, 1);
    const line = SELF_MONITORED.split('\n').length - 1;
    const count = 300;
    const sends: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const at = { line, character: i };
      sends.push(
        client.change(uri, i + 2, [{ range: { start: at, end: at }, text: i === 0 ? '/' : i === 1 ? '/' : 'c' }]),
      );
    }
    await Promise.all(sends);
    const last = await client.forVersion(uri, count + 1);
    assert.deepEqual(last.diagnostics, [], 'a comment line: nothing to report');
    const publishes = (client.published.get(uri) ?? []).filter((p) => (p.version ?? 0) > 1).length;
    assert.ok(publishes < count / 10, `${publishes} publishes for ${count} changes`);
  });
});

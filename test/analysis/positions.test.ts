/** The positions module: offsets to LSP and Alloy positions and back, and its incremental line index. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, utf8Length } from '../../server/src/positions';

const PIECES = ['a', 'bc', '\n', '\r\n', '\r', '🙂', 'é', ' = 1', '"x"\n', ''];

describe('positions', () => {
  test('positionAt/offsetAt agree with the LSP reference implementation, for every offset', () => {
    const text = 'a = 1\r\nb {\n\t"🙂" = 2\r}\n\nlast';
    const ours = new LineIndex(text);
    const ref = TextDocument.create('file:///x.alloy', 'alloy', 1, text);
    for (let o = 0; o <= text.length; o++) {
      assert.deepEqual(ours.positionAt(o), ref.positionAt(o), `offset ${o}`);
      assert.equal(ours.offsetAt(ref.positionAt(o)), ref.offsetAt(ref.positionAt(o)), `offset ${o}`);
    }
    // Beyond the end of a line or of the text: clamped as LSP says.
    assert.equal(ours.offsetAt({ line: 0, character: 99 }), ref.offsetAt({ line: 0, character: 99 }));
    assert.equal(ours.offsetAt({ line: 99, character: 0 }), text.length);
  });

  test('Alloy positions: 1-based line, 1-based byte column', () => {
    const text = 'x = "é🙂"\ny = 1';
    const index = new LineIndex(text);
    assert.deepEqual(index.alloyPosition(text.indexOf('"')), { line: 1, column: 5 });
    assert.deepEqual(index.alloyPosition(text.indexOf('\n')), { line: 1, column: 5 + 1 + 2 + 4 + 1 });
    assert.deepEqual(index.alloyPosition(text.indexOf('y')), { line: 2, column: 1 });
    assert.equal(utf8Length('é🙂'), 6);
  });

  test('the incremental line index equals a fresh one after each of 2000 random edits', () => {
    let seed = 7;
    const random = () => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    let text = 'a\nb\r\nc\rd';
    const index = new LineIndex(text);
    for (let i = 0; i < 2000; i++) {
      const start = Math.floor(random() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(random() * 4));
      let inserted = '';
      for (let k = Math.floor(random() * 3); k > 0; k--) inserted += PIECES[Math.floor(random() * PIECES.length)];
      index.edit(start, end, inserted);
      text = text.slice(0, start) + inserted + text.slice(end);
      const fresh = new LineIndex(text);
      assert.equal(index.getText(), text);
      assert.equal(index.lineCount, fresh.lineCount, `edit ${i}: ${JSON.stringify(text)}`);
      for (let o = 0; o <= text.length; o++) assert.deepEqual(index.positionAt(o), fresh.positionAt(o));
    }
  });
});

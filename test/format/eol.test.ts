import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lineEndingOf, withLineEnding } from '../../server/src/format/eol';
import { formatText } from '../../server/src/format/formatter';
import { fixtures } from './helpers';

describe('line endings', () => {
  test('the line ending most line breaks use', () => {
    assert.equal(lineEndingOf(''), '\n');
    assert.equal(lineEndingOf('a = 1'), '\n');
    assert.equal(lineEndingOf('a = 1\n'), '\n');
    assert.equal(lineEndingOf('a = 1\r\n'), '\r\n');
    assert.equal(lineEndingOf('a\r\nb\nc\r\n'), '\r\n');
    assert.equal(lineEndingOf('a\r\nb\nc\n'), '\n');
    assert.equal(lineEndingOf('a\r\nb\n'), '\n');
  });

  test('line breaks outside raw strings are converted, those inside are not', () => {
    const text = 'a = `x\ny\r\nz`\n// `not a raw string\nb = "`" /* `\n */\nc = "\\"`"\n';
    assert.equal(
      withLineEnding(text, '\r\n'),
      'a = `x\ny\r\nz`\r\n// `not a raw string\r\nb = "`" /* `\r\n */\r\nc = "\\"`"\r\n',
    );
    assert.equal(withLineEnding(withLineEnding(text, '\r\n'), '\n'), text);
    assert.equal(withLineEnding('a = 1\nb = 2\n', '\r\n'), 'a = 1\r\nb = 2\r\n');
    assert.equal(withLineEnding('a = 1\nb = 2\n', '\n'), 'a = 1\nb = 2\n');
  });

  test('converting formatted text changes only line breaks', async () => {
    for (const f of fixtures()) {
      const crlf = withLineEnding(f.expected, '\r\n');
      assert.equal(crlf.replace(/\r\n/g, '\n'), f.expected, f.name);
      assert.ok(!/(^|[^\r])\n/.test(crlf.replace(/`[^`]*`/g, '')), `${f.name}: an LF line break is left`);
      // The CRLF text is formatted already: formatting it gives the same text with LF line breaks.
      const again = await formatText(crlf);
      assert.ok(again.ok);
      assert.equal(again.text, f.expected, f.name);
    }
  });
});

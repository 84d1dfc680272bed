import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatText } from '../../server/src/format/formatter';
import { fixtures, leafTokens } from './helpers';

async function format(text: string): Promise<string> {
  const result = await formatText(text);
  assert.ok(result.ok, result.ok ? '' : `refused: ${result.message} at ${result.line}:${result.character}`);
  return result.text;
}

describe('formatter fixtures (test/fixtures/format)', () => {
  const all = fixtures();
  test('there are fixtures', () => assert.ok(all.length >= 8));
  for (const f of all) {
    test(`${f.name}: formats to the expected text`, async () => {
      assert.equal(await format(f.input), f.expected);
    });
    test(`${f.name}: formatting the result changes nothing`, async () => {
      assert.equal(await format(f.expected), f.expected);
    });
    test(`${f.name}: same tokens and comments before and after`, async () => {
      const before = await leafTokens(f.input);
      const after = await leafTokens(await format(f.input));
      assert.equal(before.hasError, false);
      assert.equal(after.hasError, false);
      assert.deepEqual(after.tokens, before.tokens);
    });
  }
});

describe('printer rules', () => {
  test('exactly one final newline', async () => {
    assert.equal(await format('a = 1'), 'a = 1\n');
    assert.equal(await format('a = 1\n\n\n\n'), 'a = 1\n');
    assert.equal(await format(''), '\n');
    assert.equal(await format('\n\n  \n'), '\n');
  });

  test('indentation is one tab per level', async () => {
    assert.equal(await format('a {\n    b {\n  c = 1\n        }\n}\n'), 'a {\n\tb {\n\t\tc = 1\n\t}\n}\n');
  });

  test('at most one blank line is kept', async () => {
    assert.equal(await format('a = 1\n\n\n\n\nb = 2\n'), 'a = 1\n\nb = 2\n');
  });

  test('blocks are always separated by a blank line', async () => {
    assert.equal(await format('a { }\nb { }\n'), 'a { }\n\nb { }\n');
  });

  test('a one-line block body is split onto lines', async () => {
    assert.equal(await format('a { b = 1 }\n'), 'a {\n\tb = 1\n}\n');
  });

  test('raw-string object keys are printed double-quoted, other strings are kept', async () => {
    assert.equal(await format('x = {`a\\b` = `raw`}\n'), 'x = {"a\\\\b" = `raw`}\n');
  });

  test('the trailing comma of a one-line list is dropped, a multi-line list keeps one', async () => {
    assert.equal(await format('x = [1, 2,]\n'), 'x = [1, 2]\n');
    assert.equal(await format('x = f(1, 2,)\n'), 'x = f(1, 2)\n');
    assert.equal(await format('x = [\n1,\n2,\n]\n'), 'x = [\n\t1,\n\t2,\n]\n');
  });

  test('alignment counts characters, not bytes', async () => {
    assert.equal(await format('é = 1\nab = 2\n'), 'é  = 1\nab = 2\n');
  });

  test('CRLF input gives LF output; raw strings keep their bytes', async () => {
    assert.equal(await format('a = 1\r\nb = `x\r\ny`\r\n'), 'a = 1\nb = `x\r\ny`\n');
  });

  test('a leading byte order mark is dropped, as alloy fmt does', async () => {
    assert.equal(await format('\uFEFFa = 1\n'), 'a = 1\n');
  });

  test('tabs and trailing spaces inside strings are kept', async () => {
    assert.equal(await format('a = "x\ty"\nbb = `p  \n\tq`\n'), 'a  = "x\ty"\nbb = `p  \n\tq`\n');
  });
});

describe('syntax errors are refused', () => {
  const cases: { text: string; line: number; character: number; message: RegExp }[] = [
    { text: 'a = 1\nb = \n', line: 1, character: 3, message: /expected identifier|expression/ },
    { text: 'a = [\n  1\n]\n', line: 1, character: 3, message: /missing ','/ },
    { text: 'block {\n  a = 1\n', line: 2, character: 0, message: /missing '}'/ },
    { text: 'block `raw` {\n}\n', line: 0, character: 6, message: /block label to be a double quoted string/ },
    { text: 'x = "unterminated\n', line: 0, character: 17, message: /string/ },
  ];
  for (const c of cases) {
    test(JSON.stringify(c.text), async () => {
      const result = await formatText(c.text);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.match(result.message, c.message);
      assert.match(result.message, /syntax error|cannot format/);
      assert.deepEqual({ line: result.line, character: result.character }, { line: c.line, character: c.character });
    });
  }
});

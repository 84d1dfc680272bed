/**
 * Deeply nested files: nesting on one line is formatted at any depth (the
 * formatter does not recurse), a file that would be indented more than
 * MAX_INDENT levels is refused with a message, and formatTree never throws.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatText, formatTree } from '../../server/src/format/formatter';
import { MAX_INDENT } from '../../server/src/format/printer';
import { createParser } from '../../server/src/syntax/parser';

async function format(text: string): Promise<string> {
  const result = await formatText(text);
  assert.ok(result.ok, result.ok ? '' : `refused: ${result.message}`);
  return result.text;
}

describe('deep nesting', () => {
  // Each of these overflowed the call stack at a few thousand levels when the
  // formatter recursed; they are already formatted, so they come out as they are.
  const formattedAlready: [string, string][] = [
    ['50000 arrays', 'x = ' + '['.repeat(50000) + ']'.repeat(50000) + '\n'],
    ['30000 parentheses', 'x = ' + '('.repeat(30000) + '1' + ')'.repeat(30000) + '\n'],
    ['10000 calls', 'x = ' + 'f('.repeat(10000) + ')'.repeat(10000) + '\n'],
    ['10000 objects', 'x = ' + '{a = '.repeat(10000) + '1' + '}'.repeat(10000) + '\n'],
    ['10000 binary operators', 'x = 1' + ' + 1'.repeat(10000) + '\n'],
    ['10000 unary operators', 'x = ' + '!'.repeat(10000) + 'true\n'],
    ['10000 field accesses', 'x = a' + '.b'.repeat(10000) + '\n'],
    ['10000 indexes', 'x = a' + '[0]'.repeat(10000) + '\n'],
  ];
  for (const [name, text] of formattedAlready) {
    test(`${name} on one line`, async () => {
      assert.equal(await format(text), text);
    });
  }

  test('unformatted deep nesting on one line', async () => {
    const n = 20000;
    assert.equal(
      await format('x = ' + '[ '.repeat(n) + '1' + ' ,]'.repeat(n) + '\n'),
      'x = ' + '['.repeat(n) + '1' + ']'.repeat(n) + '\n',
    );
  });

  test(`indentation up to ${MAX_INDENT} levels is printed`, async () => {
    const blocks = 'b {\n'.repeat(MAX_INDENT) + '}\n'.repeat(MAX_INDENT);
    const out = await format(blocks);
    assert.ok(out.includes('\n' + '\t'.repeat(MAX_INDENT - 1) + 'b { }\n'));
    const arrays = 'x = ' + '[\n'.repeat(MAX_INDENT) + '1' + ',\n]'.repeat(MAX_INDENT) + '\n';
    assert.ok((await format(arrays)).includes('\n' + '\t'.repeat(MAX_INDENT) + '1,\n'));
  });

  test('a file that would be indented deeper is refused with the depth and where', async () => {
    const cases: [string, number][] = [
      ['b {\n'.repeat(5000) + '}\n'.repeat(5000), 5000],
      ['x = ' + '[\n'.repeat(MAX_INDENT + 1) + '1' + ',\n]'.repeat(MAX_INDENT + 1) + '\n', MAX_INDENT + 1],
      ['x = ' + 'f(\n'.repeat(3000) + ')'.repeat(3000) + '\n', 3000],
    ];
    for (const [text, depth] of cases) {
      const result = await formatText(text);
      assert.equal(result.ok, false);
      if (result.ok) continue;
      assert.equal(
        result.message,
        `nesting too deep to format: ${depth} levels (at most ${MAX_INDENT} can be indented)`,
      );
      // The first line that would be indented too deeply.
      assert.equal(result.line, MAX_INDENT + 1);
      assert.equal(result.character, 0);
    }
  });

  test('formatTree never throws', async () => {
    const parser = await createParser();
    try {
      const tree = parser.parse('a = 1\n');
      assert.ok(tree);
      tree.delete();
      // A deleted tree makes every tree access fail inside the formatter.
      const result = formatTree('a = 1\n', tree);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.message, /^formatter failed: /);
      // A tree that does not belong to the text is refused, not formatted.
      const other = parser.parse('block { c = [1, 2] }\n');
      assert.ok(other);
      try {
        for (const text of ['', 'x', 'a = 1\n', '\u{1F600}']) assert.equal(formatTree(text, other).ok, false, text);
      } finally {
        other.delete();
      }
    } finally {
      parser.delete();
    }
  });
});

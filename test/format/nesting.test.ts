/**
 * Deeply nested files: nesting on one line and indentation are formatted at
 * any depth, as alloy fmt formats them (nothing in the formatter recurses, and
 * indentation costs no aligner cell per level), and formatTree never throws.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatText, formatTree } from '../../server/src/format/formatter';
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

  /** What alloy fmt prints for `n` blocks nested one per line: one tab per level, the innermost empty. */
  function nestedBlocks(n: number): string {
    const lines: string[] = [];
    for (let i = 0; i < n - 1; i++) lines.push('\t'.repeat(i) + 'b {');
    lines.push('\t'.repeat(n - 1) + 'b { }');
    for (let i = n - 2; i >= 0; i--) lines.push('\t'.repeat(i) + '}');
    return lines.join('\n') + '\n';
  }

  test('indentation at any depth: 5,000 nested blocks, arrays and calls over as many lines', async () => {
    const n = 5000;
    const expected = nestedBlocks(n);
    assert.equal(await format('b {\n'.repeat(n) + '}\n'.repeat(n)), expected);
    // Already formatted, it stays as it is.
    assert.equal(await format(expected), expected);
    const arrays = await format('x = ' + '[\n'.repeat(3000) + '1' + ',\n]'.repeat(3000) + '\n');
    assert.ok(arrays.includes('\n' + '\t'.repeat(3000) + '1,\n'));
    assert.equal(await format(arrays), arrays);
    const calls = await format('x = ' + 'f(\n'.repeat(3000) + ')'.repeat(3000) + '\n');
    assert.equal(await format(calls), calls);
  });

  test('alignment next to deep indentation: cells after the indentation are still aligned', async () => {
    const inner = 'a = 1\nbbb = 2\n';
    const text = 'b {\n'.repeat(1200) + inner + '}\n'.repeat(1200);
    const out = await format(text);
    const tabs = '\t'.repeat(1200);
    assert.ok(out.includes(`\n${tabs}a   = 1\n${tabs}bbb = 2\n`), 'aligned at depth 1200');
    assert.equal(await format(out), out);
  });

  test('formatTree never throws', async () => {
    const parser = await createParser();
    try {
      const tree = parser.parse('a = 1\n');
      assert.ok(tree);
      tree.delete();
      // A deleted tree makes every tree access fail inside the formatter. A text Alloy accepts is
      // formatted without the tree; one with a syntax error is read from the tree.
      assert.deepEqual(formatTree('a=1\n', tree), { ok: true, text: 'a = 1\n' });
      const result = formatTree('a = \n', tree);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.message, /^formatter failed: /);
      // A text with a syntax error and a tree that does not belong to it: refused, not formatted.
      const other = parser.parse('block { c = [1, 2] }\n');
      assert.ok(other);
      try {
        for (const text of ['x', 'a = \n', '\u{1F600}']) assert.equal(formatTree(text, other).ok, false, text);
      } finally {
        other.delete();
      }
    } finally {
      parser.delete();
    }
  });
});

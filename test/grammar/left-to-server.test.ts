/**
 * Pins the section "Rules the grammar leaves to the server" of
 * grammars/tree-sitter-alloy/README.md: each input below is rejected by
 * Alloy's parser, yet the grammar parses it without an ERROR or MISSING node,
 * so the language server must check it itself. If the grammar starts
 * rejecting one of them, this test fails: update the README (and the server
 * check can rely on the tree instead).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createParser } from '../../server/src/syntax/parser';

const LEFT_TO_SERVER: Record<string, string[]> = {
  'a newline in a statement header or before the = of an object field': [
    'logging\n{\n}\n',
    'a "label"\n{}\n',
    'a\n"label" {}\n',
    'a\n.b {}\n',
    'a\n= 1\n',
    'x = { key\n= 1 }\n',
    'x = { "key"\n= 1 }\n',
  ],
  'true, false or null as a name': [
    'true = 1\n',
    'null {}\n',
    'a.false {}\n',
    'x = a.null\n',
    'x = { true = 1 }\n',
    'a "true" {}\n',
  ],
  'a \\u or \\U escape naming a surrogate or a code point above U+10FFFF': [
    'a = "\\uD800"\n',
    'a = "\\uDFFF"\n',
    'a = "\\U0000D800"\n',
    'a = "\\U00110000"\n',
    'a = "\\UFFFFFFFF"\n',
  ],
  'a byte order mark after the start of the file, inside a string or comment': [
    'a = "\uFEFF"\n',
    'a = `\uFEFF`\n',
    '// \uFEFF\na = 1\n',
  ],
  'U+FFFD, which is what invalid UTF-8 decodes to before the grammar sees it': ['a = "\uFFFD"\n'],
};

/** Inputs Alloy rejects that the grammar rejects too (contrast). */
const GRAMMAR_REJECTS = ['a = "\0"\n', '// \0\na = 1\n', 'a = 1\n\uFEFFb = 2\n', 'a =\u00A01\n', 'a =\f1\n'];

describe('rules the grammar leaves to the server', () => {
  for (const [rule, inputs] of Object.entries(LEFT_TO_SERVER)) {
    test(`the grammar accepts ${rule}`, async () => {
      const parser = await createParser();
      for (const input of inputs) {
        const tree = parser.parse(input);
        assert.ok(tree);
        assert.equal(tree.rootNode.hasError, false, `${JSON.stringify(input)}: ${tree.rootNode.toString()}`);
      }
    });
  }

  test('a byte order mark as the first character is allowed, as in Alloy', async () => {
    const tree = (await createParser()).parse('\uFEFFa = 1\n');
    assert.ok(tree);
    assert.equal(tree.rootNode.hasError, false);
    assert.equal(tree.rootNode.namedChildren[0]?.type, 'attribute');
  });

  test('NUL, a byte order mark between tokens and non-ASCII whitespace are errors in the tree', async () => {
    const parser = await createParser();
    for (const input of GRAMMAR_REJECTS) {
      const tree = parser.parse(input);
      assert.ok(tree);
      assert.equal(tree.rootNode.hasError, true, JSON.stringify(input));
    }
  });
});

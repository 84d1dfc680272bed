import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatEdits, formatRangeEdits } from '../../server/src/lsp/formatting';
import { formatText } from '../../server/src/format/formatter';
import { createParser } from '../../server/src/syntax/parser';
import { corpusAvailable, corpusDir } from './conformance';
import { fixtures, leafTokens } from './helpers';

function apply(text: string, edits: ReturnType<typeof formatEdits>): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.alloy', 'alloy', 1, text), edits);
}

async function formatted(text: string): Promise<string> {
  const r = await formatText(text);
  assert.ok(r.ok);
  return r.text;
}

describe('formatEdits', () => {
  test('no edits for a formatted document', () => {
    assert.deepEqual(formatEdits('a = 1\n', 'a = 1\n'), []);
  });

  test('edits are small and local, not one whole-document replacement', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `attr_${i} = ${i}`);
    lines[5] = 'x {\n    y = 1\n}';
    lines[30] = 'z {\n  w = [1,2,]\n}';
    const text = lines.join('\n\n') + '\n';
    const out = await formatted(text);
    const edits = formatEdits(text, out);
    assert.equal(apply(text, edits), out);
    assert.equal(edits.length, 2);
    for (const e of edits) assert.ok(e.range.end.line - e.range.start.line <= 1, JSON.stringify(e));
    // Re-indenting `    y = 1` replaces only its leading spaces with a tab.
    assert.ok(edits.some((e) => e.newText === '\t' && e.range.start.character === 0));
  });

  test('positions are UTF-16 and surrogate pairs are never split', async () => {
    const text = 'emoji = "🙂🙂"\nk = {\n  "ключ" = "日本語🙂",\n    b = 1,\n}\nlonger_name = "🙂"  // 🙂 comment\n';
    const out = await formatted(text);
    const edits = formatEdits(text, out);
    assert.ok(edits.length > 0);
    assert.equal(apply(text, edits), out);
    for (const e of edits) {
      for (const s of [e.newText])
        assert.ok(!/[\uD800-\uDBFF]$/.test(s) && !/^[\uDC00-\uDFFF]/.test(s), JSON.stringify(e));
    }
  });

  test('an already formatted CRLF document needs no edits', async () => {
    const lf = await formatted(
      'a = 1\nbbb = [1,2]\nblock "x" {\n  y = `raw`\n  /* two\n  lines */\n  z = f(\n    1,\n  ) // c\n}\n',
    );
    const crlf = lf.replace(/\n/g, '\r\n');
    assert.deepEqual(formatEdits(crlf, await formatted(crlf)), []);
    assert.deepEqual(formatEdits(crlf, lf), []);
  });

  test("edits keep a CRLF document's line endings and never split one", async () => {
    const text = 'a = 1\r\nbbb {\r\n  c = 2\r\n     /* x\r\n y */\r\n}\r\n';
    const out = await formatted(text);
    const edits = formatEdits(text, out);
    assert.ok(edits.length > 0);
    for (const e of edits) assert.ok(!/(^|[^\r])\n/.test(e.newText), `LF line break in ${JSON.stringify(e)}`);
    const result = apply(text, edits);
    assert.equal(result, out.replace(/\n/g, '\r\n'));
    const doc = TextDocument.create('file:///x.alloy', 'alloy', 1, text);
    for (const e of edits) {
      for (const p of [e.range.start, e.range.end]) {
        const offset = doc.offsetAt(p);
        assert.ok(!(text[offset - 1] === '\r' && text[offset] === '\n'), JSON.stringify(e));
      }
    }
    // The first line and the closing brace are already formatted and are not touched.
    for (const e of edits) assert.ok(e.range.start.line >= 1 && e.range.end.line <= 4, JSON.stringify(e));
  });

  test('line breaks inside raw strings are left as they are', async () => {
    // A CRLF document whose raw strings hold an LF and a CRLF line break.
    const text = 'aa   = `x\ny`\r\nb =  `p\r\nq`\r\nccc   = 3\r\n';
    const result = apply(text, formatEdits(text, await formatted(text)));
    assert.equal(result, 'aa = `x\ny`\r\nb = `p\r\nq`\r\nccc = 3\r\n');
  });

  test('a document with mixed line endings gets the one most of its lines use', async () => {
    const text = 'a = 1\r\nb = 2\nc = 3\r\n';
    assert.equal(apply(text, formatEdits(text, await formatted(text))), 'a = 1\r\nb = 2\r\nc = 3\r\n');
    const lf = 'a = 1\nb = 2\r\nc = 3\n';
    assert.equal(apply(lf, formatEdits(lf, await formatted(lf))), 'a = 1\nb = 2\nc = 3\n');
  });

  test('applying the edits gives the formatted text for every fixture', async () => {
    for (const f of fixtures()) {
      assert.equal(apply(f.input, formatEdits(f.input, f.expected)), f.expected, f.name);
    }
  });

  test('applying the edits gives the formatted text for the corpus', async (t) => {
    if (!corpusAvailable()) {
      t.skip(`corpus not found at ${corpusDir}`);
      return;
    }
    const dir = path.join(corpusDir, 'real', 'valid');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.alloy'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const out = fs.readFileSync(path.join(corpusDir, 'real', 'fmt', `${file}.fmt`), 'utf8');
      assert.equal(apply(text, formatEdits(text, out)), out, file);
    }
  });

  test('the corpus with CRLF line endings: edits keep them, formatted files need none', async (t) => {
    if (!corpusAvailable()) {
      t.skip(`corpus not found at ${corpusDir}`);
      return;
    }
    const dir = path.join(corpusDir, 'real', 'valid');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.alloy'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8').replace(/\n/g, '\r\n');
      const out = fs.readFileSync(path.join(corpusDir, 'real', 'fmt', `${file}.fmt`), 'utf8').replace(/\n/g, '\r\n');
      assert.equal(apply(text, formatEdits(text, await formatted(text))), out, file);
      assert.deepEqual(formatEdits(out, await formatted(out)), [], file);
    }
  });
});

describe('formatRangeEdits', () => {
  const text = 'a   = 1\n\nblock {\n    x = 1\n      yy = 2\n}\n\nother {\n    z = 3\n}\n';

  async function rangeEdits(range: Range) {
    const parser = await createParser();
    const tree = parser.parse(text);
    assert.ok(tree);
    try {
      return formatRangeEdits(text, tree, range);
    } finally {
      tree.delete();
      parser.delete();
    }
  }

  test('formats only the statements the range touches', async () => {
    const edits = await rangeEdits(Range.create(4, 2, 4, 3));
    const result = apply(text, edits);
    assert.equal(result, 'a   = 1\n\nblock {\n\tx  = 1\n\tyy = 2\n}\n\nother {\n    z = 3\n}\n');
    for (const e of edits) assert.ok(e.range.start.line >= 2 && e.range.end.line <= 6, JSON.stringify(e));
    const before = await leafTokens(text);
    const after = await leafTokens(result);
    assert.deepEqual(after.tokens, before.tokens);
  });

  test('a range over the whole document equals document formatting', async () => {
    const edits = await rangeEdits(Range.create(0, 0, 10, 0));
    assert.equal(apply(text, edits), await formatted(text));
  });

  test('works on a CRLF document and keeps its line endings', async () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const parser = await createParser();
    const tree = parser.parse(crlf);
    assert.ok(tree);
    try {
      const edits = formatRangeEdits(crlf, tree, Range.create(4, 2, 4, 3));
      assert.ok(edits.length > 0);
      assert.equal(
        apply(crlf, edits),
        'a   = 1\r\n\r\nblock {\r\n\tx  = 1\r\n\tyy = 2\r\n}\r\n\r\nother {\r\n    z = 3\r\n}\r\n',
      );
      const done = apply(crlf, formatRangeEdits(crlf, tree, Range.create(0, 0, 10, 0)));
      assert.equal(done, (await formatted(text)).replace(/\n/g, '\r\n'));
    } finally {
      tree.delete();
      parser.delete();
    }
  });

  test('no edits for a document with syntax errors', async () => {
    const parser = await createParser();
    const bad = 'a   = 1\nb = [\n';
    const tree = parser.parse(bad);
    assert.ok(tree);
    assert.deepEqual(formatRangeEdits(bad, tree, Range.create(0, 0, 0, 3)), []);
    tree.delete();
    parser.delete();
  });
});

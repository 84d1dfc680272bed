/**
 * The formatter's two readers (format/read.ts: Alloy's scanner, no tree; format/ast.ts: the
 * tree-sitter tree) must give the printer the same syntax tree and the same comment groups, and
 * the scanner reader must refuse exactly what Alloy's parser refuses, so that the formatter's fast
 * path is never taken for a file Alloy would not accept. Checked over the shared corpus (skipped,
 * with a message, when it is absent) and over small cases.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Parser } from 'web-tree-sitter';
import { FileReader, type StatementReader, type Stmt } from '../../server/src/format/ast';
import { MAX_DEPTH, NotRead, SourceReader } from '../../server/src/format/read';
import { SourceMap } from '../../server/src/format/source';
import { firstDifference, firstTextDifference } from '../../server/src/format/verify';
import { parseAlloy } from '../../server/src/syntax/alloyParser';
import { createParser } from '../../server/src/syntax/parser';
import { CORPUS_ABSENT, corpusAvailable, corpusDir } from './conformance';

function readAll(reader: StatementReader): { statements: Stmt[]; comments: unknown; starts: number[] } {
  const statements: Stmt[] = [];
  for (let s = reader.next(); s; s = reader.next()) statements.push(s);
  return { statements, comments: reader.comments, starts: reader.commentStarts };
}

function fromTree(parser: Parser, text: string) {
  const tree = parser.parse(text);
  assert.ok(tree);
  const reader = new FileReader(text, tree, new SourceMap(text));
  try {
    return readAll(reader);
  } finally {
    reader.dispose();
    tree.delete();
  }
}

/** What the scanner reader reads, or the reason it refuses the text. */
function fromText(text: string): ReturnType<typeof readAll> | NotRead {
  try {
    return readAll(new SourceReader(text));
  } catch (err) {
    if (err instanceof NotRead) return err;
    throw err;
  }
}

function alloyFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.alloy') || f.endsWith('.in'))
    .sort()
    .map((f) => path.join(dir, f));
}

describe('format: the scanner reader', () => {
  test('reads every file Alloy accepts as the tree reader does, and refuses every file it rejects', async (t) => {
    if (!corpusAvailable()) {
      t.skip(CORPUS_ABSENT);
      return;
    }
    const parser = await createParser();
    try {
      const files = [
        ...alloyFiles(path.join(corpusDir, 'real', 'valid')),
        ...alloyFiles(path.join(corpusDir, 'real', 'invalid')),
        ...alloyFiles(path.join(corpusDir, 'format')),
        ...alloyFiles(path.join(corpusDir, 'parser', 'valid')),
        ...alloyFiles(path.join(corpusDir, 'parser', 'invalid')),
      ];
      let read = 0;
      let refused = 0;
      const problems: string[] = [];
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        const accepted = parseAlloy(text).length === 0;
        const got = fromText(text);
        const name = path.relative(corpusDir, file);
        if (got instanceof NotRead) {
          refused++;
          if (accepted) problems.push(`${name}: Alloy accepts it, the scanner reader refused it (${got.message})`);
          continue;
        }
        read++;
        if (!accepted) problems.push(`${name}: Alloy rejects it, the scanner reader read it`);
        else if (!isDeepStrictEqual(got, fromTree(parser, text))) problems.push(`${name}: the readers differ`);
      }
      assert.ok(read >= 800, `only ${read} files read`);
      assert.ok(refused >= 300, `only ${refused} files refused`);
      assert.deepEqual(problems.slice(0, 20), []);
    } finally {
      parser.delete();
    }
  });

  test('the scanner check of a formatted text agrees with the tree check', async (t) => {
    if (!corpusAvailable()) {
      t.skip(CORPUS_ABSENT);
      return;
    }
    const parser = await createParser();
    const treeCheck = (before: string, after: string) => {
      const a = parser.parse(before);
      const b = parser.parse(after);
      assert.ok(a && b);
      try {
        return firstDifference(a.rootNode, before, b.rootNode, after);
      } finally {
        a.delete();
        b.delete();
      }
    };
    try {
      const validDir = path.join(corpusDir, 'real', 'valid');
      let mutated = 0;
      const problems: string[] = [];
      for (const file of alloyFiles(validDir)) {
        const text = fs.readFileSync(file, 'utf8');
        const formatted = fs.readFileSync(path.join(corpusDir, 'real', 'fmt', `${path.basename(file)}.fmt`), 'utf8');
        const name = path.basename(file);
        if (firstTextDifference(text, formatted) !== -1) problems.push(`${name}: the formatted file differs`);
        // One name in the second half shortened by a character: both checks must find it, at the same place.
        const m = /[A-Za-z_][A-Za-z0-9_]{2,}/g;
        m.lastIndex = formatted.length >> 1;
        const hit = m.exec(formatted);
        if (!hit) continue;
        const changed = formatted.slice(0, hit.index + 1) + formatted.slice(hit.index + 2);
        if (parseAlloy(changed).length > 0) continue;
        mutated++;
        const byText = firstTextDifference(text, changed);
        const byTree = treeCheck(text, changed);
        if (byText < 0 || byText !== byTree) problems.push(`${name}: scanner check ${byText}, tree check ${byTree}`);
      }
      assert.ok(mutated >= 500, `only ${mutated} mutants`);
      assert.deepEqual(problems.slice(0, 20), []);
    } finally {
      parser.delete();
    }
  });

  test('small cases read as the tree reader reads them', async () => {
    const parser = await createParser();
    try {
      for (const text of [
        'a = 1\n',
        '// only a comment\n',
        'x = -a.b[0](1, 2)\ny = !!true || 1 + 2 * 3 ^ 2 ^ 1 == 4 && (5 % 2) != 1\n',
        'block.name "label" {\n  // inside\n  attr = { "q" = 1, `r` = 2, s = [1, 2,], \"\" = 3 }\n  inner { }\n} // after\n',
        '/* one */ /* two */\n// three\n\n// four\nb "" {}\n',
        'x = "caf\u00e9 \u{1F600}" // \u00e9\r\ny = 1.5e3\n',
      ]) {
        const got = fromText(text);
        assert.ok(!(got instanceof NotRead), `${JSON.stringify(text)} refused: ${String(got)}`);
        assert.deepEqual(got, fromTree(parser, text), JSON.stringify(text));
      }
    } finally {
      parser.delete();
    }
  });

  test('refuses what Alloy refuses and nesting deeper than its limit', () => {
    for (const text of [
      'a.b = 1\n',
      'a "x" = 1\n',
      'b `raw` { }\n',
      'b "not an identifier" { }\n',
      'x = [1\n, 2]\n',
      'x = [\n  1\n]\n',
      "x = 'single'\n",
      'a = 1 b = 2\n',
      'b {\n',
      'x = {a = 1 b = 2}\n',
      'x = ' + '['.repeat(MAX_DEPTH + 1) + ']'.repeat(MAX_DEPTH + 1) + '\n',
      'b {'.repeat(MAX_DEPTH + 1) + '}'.repeat(MAX_DEPTH + 1) + '\n',
    ]) {
      assert.ok(fromText(text) instanceof NotRead, JSON.stringify(text.slice(0, 40)));
    }
  });
});

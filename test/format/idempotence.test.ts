/**
 * Formatting twice changes nothing: format(format(x)) === format(x) for the
 * fixtures, for every valid corpus file, and for variants of them with
 * comments, blank lines and line breaks inserted or removed at token
 * boundaries (every boundary of the fixtures, random ones in the corpus).
 * Variants that do not parse, or that the formatter refuses, are skipped.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { formatTree } from '../../server/src/format/formatter';
import { createParser } from '../../server/src/syntax/parser';
import { CORPUS_ABSENT, corpusAvailable, corpusDir } from './conformance';
import { fixtures, tokenSpans } from './helpers';
import { prng } from '../helpers';

/** Text inserted at a token boundary. */
const INSERTIONS = [
  '/*c*/',
  ' /*c*/ ',
  '// c\n',
  ' // c\n',
  '\n// c\n',
  '\n\n// c\n',
  '/* a\nb */',
  '\n/*c*/\n',
  '/*c*/\n',
  '\n',
  '\n\n',
];

/** Text that replaces the whitespace between two tokens. */
const GAPS = ['', ' ', '\n', '\n\n', '\t', '  \n  '];

interface Outcome {
  checked: number;
  failures: string[];
}

/** Formats `text` twice; records a failure when the second run changes the first's output. */
function checkStable(parser: Parser, text: string, label: string, outcome: Outcome): void {
  const tree = parser.parse(text);
  if (!tree) return;
  let once: string;
  try {
    if (tree.rootNode.hasError) return;
    const result = formatTree(text, tree);
    if (!result.ok) return;
    once = result.text;
  } finally {
    tree.delete();
  }
  const again = parser.parse(once);
  assert.ok(again);
  try {
    const twice = formatTree(once, again);
    outcome.checked++;
    if (!twice.ok) outcome.failures.push(`${label}: the formatted text is refused: ${twice.message}`);
    else if (twice.text !== once) outcome.failures.push(`${label}: ${firstChange(once, twice.text)}`);
  } finally {
    again.delete();
  }
}

function firstChange(once: string, twice: string): string {
  const a = once.split('\n');
  const b = twice.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const context = (lines: string[]) => JSON.stringify(lines.slice(Math.max(0, i - 1), i + 2).join('\n'));
  return `line ${i + 1} changes on the second run\n    first:  ${context(a)}\n    second: ${context(b)}`;
}

function report(outcome: Outcome): string {
  return `${outcome.failures.length} of ${outcome.checked} change on a second run:\n${outcome.failures.slice(0, 10).join('\n')}`;
}

describe('formatting is idempotent', () => {
  test("examples where alloy fmt's own output changes on a second run", async () => {
    const parser = await createParser();
    try {
      const outcome: Outcome = { checked: 0, failures: [] };
      const examples = [
        'a "b" {\n x = f(\n 1,\n ) // c\n y = 2\n}\n',
        'a "b" {\n x = f(\n 1,\n )\n // c\n y = 2\n}\n',
        'x = [1/*c*/, 2]\n',
        'x = f(\n  g(2, 3) /*c*/ ,\n)\n',
        'a\n= 1\nbb = 2\n',
        'm = {\n  a = 1 +\n  2,\n  bbb = 3,\n}\n',
        'x/* a\nb */= 1\n',
        'x = {"k"\n  = "v"/*c*/}\n',
      ];
      for (const text of examples) checkStable(parser, text, JSON.stringify(text), outcome);
      assert.equal(outcome.checked, examples.length);
      assert.deepEqual(outcome.failures, []);
    } finally {
      parser.delete();
    }
  });

  test('fixtures with a comment, blank line or line break inserted at every token boundary', async () => {
    const parser = await createParser();
    try {
      const outcome: Outcome = { checked: 0, failures: [] };
      for (const f of fixtures()) {
        checkStable(parser, f.input, f.name, outcome);
        const boundaries = new Set<number>();
        for (const [start, end] of tokenSpans(parser, f.input)) boundaries.add(start).add(end);
        for (const at of boundaries) {
          for (const insert of INSERTIONS) {
            const variant = f.input.slice(0, at) + insert + f.input.slice(at);
            checkStable(parser, variant, `${f.name} with ${JSON.stringify(insert)} at ${at}`, outcome);
          }
        }
      }
      assert.ok(outcome.checked > 1000, `only ${outcome.checked} variants could be formatted`);
      assert.equal(outcome.failures.length, 0, report(outcome));
    } finally {
      parser.delete();
    }
  });

  test('every corpus file, and random variants of it', async (t) => {
    if (!corpusAvailable()) {
      t.skip(CORPUS_ABSENT);
      return;
    }
    const parser = await createParser();
    const random = await prng(6);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    try {
      const outcome: Outcome = { checked: 0, failures: [] };
      const dir = path.join(corpusDir, 'real', 'valid');
      const files = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.alloy'))
        .sort();
      for (const file of files) {
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        checkStable(parser, text, file, outcome);
        const spans = tokenSpans(parser, text);
        if (spans.length < 2) continue;
        for (let v = 0; v < 4; v++) {
          // Up to six changes, applied from the end so earlier offsets stay valid.
          const changes: { start: number; end: number; text: string }[] = [];
          const count = 1 + Math.floor(random() * 6);
          for (let k = 0; k < count; k++) {
            const i = Math.floor(random() * (spans.length - 1));
            if (random() < 0.5) changes.push({ start: spans[i][1], end: spans[i + 1][0], text: pick(GAPS) });
            else {
              const at = random() < 0.5 ? spans[i][0] : spans[i][1];
              changes.push({ start: at, end: at, text: pick(INSERTIONS) });
            }
          }
          changes.sort((a, b) => b.start - a.start || b.end - a.end);
          let variant = text;
          let limit = Infinity;
          for (const c of changes) {
            if (c.end > limit) continue;
            variant = variant.slice(0, c.start) + c.text + variant.slice(c.end);
            limit = c.start;
          }
          checkStable(parser, variant, `${file} variant ${v}: ${JSON.stringify(changes)}`, outcome);
        }
      }
      assert.ok(outcome.checked > files.length * 2, `only ${outcome.checked} files and variants could be formatted`);
      assert.equal(outcome.failures.length, 0, report(outcome));
    } finally {
      parser.delete();
    }
  });
});

/**
 * The incremental model equals a model built from scratch after every edit:
 * random edits (typing, deleting, newlines, braces, quotes) on real-looking
 * configurations, checked statement by statement.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { FileModel } from '../../server/src/model/fileModel';
import { ParsedDocument } from '../../server/src/syntax/document';
import { corpusDir, prng, realValidTexts, repoRoot, SELF_MONITORED, sharedParser } from '../helpers';

const SNIPPETS = [
  'a',
  ' ',
  '\n',
  '{',
  '}',
  '"',
  '[',
  ']',
  ',',
  '.',
  '=',
  '1',
  'é',
  '😀',
  '// c\n',
  'x "y" {\n}\n',
  "'",
];

/**
 * Random edits; the model is read after every `batch` of them (a pull client's changes between two
 * requests, several cursors): all the edits of a batch reach the model in one update.
 */
async function fuzz(text: string, seed: number, steps: number, batch = 1): Promise<number> {
  const parser = await sharedParser();
  const random = await prng(seed);
  const doc = new ParsedDocument(parser, 'file:///fuzz.alloy', 0, text);
  let resummarized = 0;
  try {
    for (let version = 1; version <= steps; version++) {
      const current = doc.text;
      const start = Math.floor(random() * (current.length + 1));
      const deleteLength = random() < 0.4 ? Math.floor(random() * 8) : 0;
      const end = Math.min(current.length, start + deleteLength);
      const insert = random() < 0.8 ? SNIPPETS[Math.floor(random() * SNIPPETS.length)] : '';
      // Keep surrogate pairs whole, as editors do.
      if (/[\uDC00-\uDFFF]/.test(current[start] ?? '') || /[\uDC00-\uDFFF]/.test(current[end] ?? '')) continue;
      const range = { start: doc.lines.positionAt(start), end: doc.lines.positionAt(end) };
      doc.applyChanges([{ range, text: insert }], version);
      const expectedText = current.slice(0, start) + insert + current.slice(end);
      assert.equal(doc.text, expectedText);
      if (version % batch !== 0) continue;
      resummarized += doc.model.lastResummarized;
      // The incremental summaries equal summaries built from scratch from the same tree.
      const scratch = new FileModel(doc.tree, expectedText);
      assert.deepEqual(doc.model.statements, scratch.statements, `after edit ${version} (seed ${seed})`);
      // And for valid text, the incremental tree is the tree a fresh parse gives.
      if (!doc.tree.rootNode.hasError) {
        const fresh = parser.parse(expectedText)!;
        assert.equal(doc.tree.rootNode.toString(), fresh.rootNode.toString(), `tree after edit ${version}`);
        fresh.delete();
      }
    }
  } finally {
    doc.dispose();
  }
  return resummarized;
}

describe('incremental file model', () => {
  test('equals a fresh model after each of 300 random edits', async () => {
    await fuzz(SELF_MONITORED + SELF_MONITORED.replace(/"cloud"/g, '"two"'), 1, 300);
    await fuzz(`x "y" {\n\tv = [\n\t\t1,\n\t\t2,\n\t]\n\to = { a = "b", c = 1 }\n}\n`, 2, 300);
  });

  test('equals a fresh model when several edits reach it in one update', async (t) => {
    const texts = [SELF_MONITORED + SELF_MONITORED.replace(/"cloud"/g, '"two"'), ...realValidTexts('alloy__', 12)];
    for (const [n, text] of texts.entries()) {
      for (const batch of [2, 3, 5]) await fuzz(text, 40 + n * 7 + batch, 120, batch);
    }
    t.diagnostic(`${texts.length} texts`);
  });

  test('statements before an error stay statements of their own, and come back unchanged when it is typed away', async () => {
    // A generated configuration (scripts/bench/generate.mjs): a dangling `.` in a reference, with
    // statements after the block. Before the top-level statements came in groups (grammar.js,
    // `_statement_group`), tree-sitter's recovery put hundreds of the statements before it into the ERROR.
    const text = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'model', 'error-recovery.alloy'), 'utf8');
    const parser = await sharedParser();
    const doc = new ParsedDocument(parser, 'file:///recovery.alloy', 0, text);
    try {
      const before = doc.model.statements.map((s) => [s.kind, s.block?.name, s.block?.label]);
      const at = text.indexOf('checkout_180.targets') + 'checkout_180.'.length;
      const range = (from: number, to = from) => ({ start: doc.lines.positionAt(from), end: doc.lines.positionAt(to) });
      doc.applyChanges([{ range: range(at, at + 'targets'.length), text: '' }], 1);
      const brokenStart = doc.text.lastIndexOf('discovery.relabel "checkout_180"', at);
      for (const c of doc.tree.rootNode.children) {
        if (c?.type === 'ERROR')
          assert.ok(c.startIndex >= brokenStart, 'an ERROR reaches back over the statements before');
      }
      const after = doc.model.statements;
      assert.deepEqual(after, new FileModel(doc.tree, doc.text).statements);
      // Every statement before the broken one is still there, as it was, and the broken one starts where it did.
      const broken = before.findIndex(([, name, label]) => name === 'discovery.relabel' && label === 'checkout_180');
      assert.ok(broken > 0);
      assert.deepEqual(
        after.slice(0, broken).map((s) => [s.kind, s.block?.name, s.block?.label]),
        before.slice(0, broken),
      );
      assert.equal(after[broken].start, brokenStart);
      assert.ok(
        after[broken].syntax.length > 0 || after[broken].kind === 'error',
        'the broken statement is not broken',
      );
      // The name typed back: the statements are as before, and not summarised again.
      doc.applyChanges([{ range: range(at), text: 'targets' }], 2);
      assert.deepEqual(
        doc.model.statements.map((s) => [s.kind, s.block?.name, s.block?.label]),
        before,
      );
      assert.deepEqual(doc.model.statements, new FileModel(doc.tree, doc.text).statements);
      assert.ok(doc.model.lastResummarized <= 3, `summarised ${doc.model.lastResummarized} statements again`);
    } finally {
      doc.dispose();
    }
  });

  test('statements an ERROR swallowed are reused when they come back, and edits far apart stay apart', async () => {
    const parser = await sharedParser();
    let text = '';
    for (let i = 0; i < 40; i++) {
      text += `prometheus.scrape "x${i}" {\n  targets    = []\n  forward_to = []\n  job_name   = "j${i}"\n}\n\n`;
    }
    text +=
      'discovery.relabel "r" {\n  targets = discovery.kubernetes.k.targets\n\n  rule {\n    action = "keep"\n  }\n}\n';
    for (let i = 0; i < 5; i++) text += `\nprometheus.scrape "y${i}" {\n  targets    = []\n  forward_to = []\n}\n`;
    const doc = new ParsedDocument(parser, 'file:///flood.alloy', 0, text);
    try {
      const count = doc.model.statements.length;
      const at = text.indexOf('.targets\n') + 1;
      const range = (from: number, to = from) => ({ start: doc.lines.positionAt(from), end: doc.lines.positionAt(to) });
      // A dangling `.` before a block: error recovery keeps the statements after it statements of their own.
      doc.applyChanges([{ range: range(at, at + 'targets'.length), text: '' }], 1);
      const labels = doc.model.statements.filter((s) => s.kind === 'block').map((s) => s.block?.label);
      for (let i = 0; i < 40; i++) assert.ok(labels.includes(`x${i}`), `x${i} is not a statement of its own`);
      for (let i = 0; i < 5; i++) assert.ok(labels.includes(`y${i}`), `y${i} is not a statement of its own`);
      assert.equal(doc.model.statements.filter((s) => s.kind === 'error').length, 1);
      assert.deepEqual(doc.model.statements, new FileModel(doc.tree, doc.text).statements);
      // The name typed back, and a letter typed far below, reach the model in one update.
      doc.applyChanges([{ range: range(at), text: 'targets' }], 2);
      doc.applyChanges([{ range: range(doc.text.indexOf('"y3"') + 2), text: 'q' }], 3);
      assert.equal(doc.model.statements.length, count);
      assert.deepEqual(doc.model.statements, new FileModel(doc.tree, doc.text).statements);
      assert.ok(doc.model.lastResummarized <= 3, `summarised ${doc.model.lastResummarized} statements again`);
      // Two edits far apart in an error-free file: what lies between them is not summarised again.
      doc.applyChanges([{ range: range(doc.text.indexOf('"x2"') + 2), text: 'a' }], 4);
      doc.applyChanges([{ range: range(doc.text.indexOf('"x30"') + 2), text: 'b' }], 5);
      assert.deepEqual(doc.model.statements, new FileModel(doc.tree, doc.text).statements);
      assert.ok(doc.model.lastResummarized <= 2, `summarised ${doc.model.lastResummarized} statements again`);
    } finally {
      doc.dispose();
    }
  });

  test('edits that keep the file valid take the local path and still equal a fresh model', async (t) => {
    const corpus = corpusDir();
    const texts = [
      SELF_MONITORED + SELF_MONITORED.replace(/"cloud"/g, '"two"').replace(/"default"/g, '"d2"'),
      ...realValidTexts('modules__', 15),
    ];
    if (!corpus) {
      t.diagnostic('corpus not found beside the repository: only the built-in text');
    }
    const parser = await sharedParser();
    let local = 0;
    let total = 0;
    for (const [n, text] of texts.entries()) {
      const random = await prng(500 + n);
      const doc = new ParsedDocument(parser, 'file:///valid.alloy', 0, text);
      try {
        for (let version = 1; version <= 60; version++) {
          const current = doc.text;
          const statements = doc.model.statements;
          if (statements.length === 0) break;
          const pick = statements[Math.floor(random() * statements.length)];
          let start: number;
          let end: number;
          let insert: string;
          const strings = [...current.matchAll(/"[a-z_]*"/g)];
          const kind = random();
          if (kind < 0.4 && strings.length > 0) {
            // Type a letter inside a string literal.
            const m = strings[Math.floor(random() * strings.length)];
            start = end = m.index! + 1;
            insert = 'q';
          } else if (kind < 0.6) {
            // Add a blank line before a statement.
            start = end = pick.start;
            insert = '\n';
          } else if (kind < 0.8) {
            // Duplicate a statement (a duplicate block or component is still valid syntax).
            start = end = pick.end;
            insert = '\n' + current.slice(pick.start, pick.end);
          } else {
            // Delete a statement.
            start = pick.start;
            end = pick.end;
            insert = '';
          }
          const range = { start: doc.lines.positionAt(start), end: doc.lines.positionAt(end) };
          doc.applyChanges([{ range, text: insert }], version);
          if (doc.tree.rootNode.hasError) continue;
          total++;
          if (!doc.model.lastUsedChangedRanges) local++;
          const scratch = new FileModel(doc.tree, doc.text);
          assert.deepEqual(doc.model.statements, scratch.statements, `text ${n}, edit ${version}`);
        }
      } finally {
        doc.dispose();
      }
    }
    t.diagnostic(`${local} of ${total} valid edits took the local path`);
    assert.ok(local > total / 2, `only ${local} of ${total} edits took the local path`);
  });

  test('typing in and deleting from string and number literals only reads the literal again', async (t) => {
    const corpus = corpusDir();
    const texts = [
      SELF_MONITORED,
      `a "b" {\n\tport = 8080\n\tratio = 0.5\n\tlist = ["x", 10, { k = "v" }]\n}\n`,
      ...realValidTexts('alloy__', 12),
    ];
    if (!corpus) {
      t.diagnostic('corpus not found beside the repository: only the built-in texts');
    }
    const parser = await sharedParser();
    let literal = 0;
    let total = 0;
    for (const [n, text] of texts.entries()) {
      const random = await prng(900 + n);
      const doc = new ParsedDocument(parser, 'file:///literal.alloy', 0, text);
      try {
        for (let version = 1; version <= 40; version++) {
          const current = doc.text;
          // Attribute values (labels and object keys are names, not literals).
          const literals = [...current.matchAll(/(?<==[ \t]*)(?:"[^"\\\n]*"|\d+(?:\.\d+)?(?=[\s,\]]))/g)];
          if (literals.length === 0) break;
          const m = literals[Math.floor(random() * literals.length)];
          const quoted = m[0].startsWith('"');
          const inner = quoted ? m[0].length - 2 : m[0].length;
          const at = m.index! + (quoted ? 1 : 0) + Math.floor(random() * (inner + 1));
          const r = random();
          const [start, end, insert] =
            r < 0.3 && at > m.index! + (quoted ? 1 : 0)
              ? [at - 1, at, '']
              : [at, at, quoted ? (['a', '/', ':', '-', ' '] as const)[Math.floor(random() * 5)] : '7'];
          const range = { start: doc.lines.positionAt(start), end: doc.lines.positionAt(end) };
          doc.applyChanges([{ range, text: insert }], version);
          const statements = doc.model.statements;
          total++;
          if (doc.model.lastLiteral) literal++;
          const scratch = new FileModel(doc.tree, doc.text);
          assert.deepEqual(statements, scratch.statements, `text ${n}, edit ${version}`);
        }
      } finally {
        doc.dispose();
      }
    }
    t.diagnostic(`${literal} of ${total} edits in literals only read the literal again`);
    assert.ok(literal > total * 0.8, `only ${literal} of ${total} edits in literals took the literal path`);
  });

  test('whitespace typed or removed between tokens only moves spans, also inside declares', async (t) => {
    const wrapped = realValidTexts('modules__', 10).map(
      (text) => `declare "wrapper" {\n${text.replace(/^(?=.)/gm, '\t')}\n}\n`,
    );
    const texts = [SELF_MONITORED, ...realValidTexts('alloy__', 10), ...wrapped];
    if (!corpusDir()) t.diagnostic('corpus not found beside the repository: only the built-in text');
    const parser = await sharedParser();
    let blank = 0;
    let total = 0;
    for (const [n, text] of texts.entries()) {
      const random = await prng(1300 + n);
      const doc = new ParsedDocument(parser, 'file:///blank.alloy', 0, text);
      try {
        for (let version = 1; version <= 40; version++) {
          const current = doc.text;
          const lineStarts = [0, ...[...current.matchAll(/\n/g)].map((m) => m.index! + 1)];
          const line = Math.floor(random() * (lineStarts.length - 1));
          const from = lineStarts[line];
          const to = lineStarts[line + 1] - 1; // the line's end, before its line break
          const r = random();
          let start: number;
          let end: number;
          let insert = '';
          if (r < 0.3) {
            // A new line at the end of a line (Enter after a closing brace or a value).
            start = end = to;
            insert = '\n';
          } else if (r < 0.5) {
            // Indentation typed at the start of a line.
            start = end = from;
            insert = random() < 0.5 ? '\t' : ' ';
          } else if (r < 0.7) {
            // A space typed somewhere in the line (between tokens or not).
            start = end = from + Math.floor(random() * (to - from + 1));
            insert = ' ';
          } else if (r < 0.85) {
            // Leading whitespace removed.
            const lead = /^[ \t]*/.exec(current.slice(from, to))![0].length;
            if (lead === 0) continue;
            start = from;
            end = from + lead;
          } else {
            // A line break removed (joins two lines; often a syntax error).
            if (line + 1 >= lineStarts.length - 1) continue;
            start = to;
            end = to + 1;
          }
          const range = { start: doc.lines.positionAt(start), end: doc.lines.positionAt(end) };
          doc.applyChanges([{ range, text: insert }], version);
          const statements = doc.model.statements;
          total++;
          if (doc.model.lastBlank) blank++;
          const scratch = new FileModel(doc.tree, doc.text);
          assert.deepEqual(statements, scratch.statements, `text ${n}, edit ${version}`);
        }
      } finally {
        doc.dispose();
      }
    }
    t.diagnostic(`${blank} of ${total} whitespace edits only moved spans`);
    assert.ok(blank > total / 3, `only ${blank} of ${total} whitespace edits took the blank path`);
  });

  test('an edit inside one block re-summarises only that block', async () => {
    const parser = await sharedParser();
    const text = Array.from(
      { length: 50 },
      (_, i) => `loki.write "w${i}" {\n\tendpoint {\n\t\turl = "http://loki"\n\t}\n}\n`,
    ).join('\n');
    const doc = new ParsedDocument(parser, 'file:///many.alloy', 0, text);
    try {
      const offset = text.indexOf('http://loki', text.indexOf('"w25"'));
      const pos = doc.lines.positionAt(offset);
      doc.applyChanges([{ range: { start: pos, end: pos }, text: 'x' }], 1);
      assert.equal(doc.model.lastResummarized, 1);
      assert.equal(doc.model.statements.length, 50);
      assert.equal(doc.model.statements[25].block?.label, 'w25');
    } finally {
      doc.dispose();
    }
  });

  test('real corpus files survive random edits', async (t) => {
    const corpus = corpusDir();
    if (!corpus) {
      t.skip('corpus not found beside the repository (../shared/corpus)');
      return;
    }
    const dir = path.join(corpus, 'real', 'valid');
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith('alloy__'))
      .sort()
      .slice(0, 20);
    for (const [i, f] of files.entries()) await fuzz(fs.readFileSync(path.join(dir, f), 'utf8'), 100 + i, 40);
  });
});

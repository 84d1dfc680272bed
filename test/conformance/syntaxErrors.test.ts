/**
 * Syntax errors exactly as Alloy's parser reports them: the fixtures of
 * test/fixtures/syntax (every scanner and parser message, half-typed text;
 * expected output produced by Alloy's own parser, see the README there), and
 * mutants of the corpus's real configurations with Alloy's verdicts recorded
 * in test/fixtures/syntax/mutants.json.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { parseAlloy } from '../../server/src/syntax/alloyParser';
import { fileSyntax, regionStats } from '../../server/src/syntax/alloySyntax';
import { ParsedDocument } from '../../server/src/syntax/document';
import { corpusDir, diagnose, repoRoot, sharedParser } from '../helpers';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'syntax');

/** A diagnostic as Alloy prints it: `LINE:COL: message`, COL in bytes. */
function alloyForm(text: string, d: Diagnostic): string {
  const line = text.split('\n')[d.range.start.line] ?? '';
  return `${d.range.start.line + 1}:${Buffer.byteLength(line.slice(0, d.range.start.character)) + 1}: ${d.message}`;
}

async function syntaxErrors(text: string): Promise<{ all: Diagnostic[]; alloy: string[] }> {
  const all = (await diagnose({ 'main.alloy': text }))['main.alloy'];
  return { all, alloy: all.filter((d) => d.code === 'syntax-error').map((d) => alloyForm(text, d)) };
}

/**
 * Alloy's `LINE:COL: message` as we can show it: an LSP position cannot point between the '\r' and
 * the '\n' of a CRLF line break, so an error Alloy puts on such a '\n' is shown at the line's end.
 */
function lspForm(text: string, alloyLine: string): string {
  const [line, col] = alloyLine.split(':').map(Number);
  const bytes = Buffer.from(text.split('\n')[line - 1] ?? '');
  return col > 1 && col - 1 === bytes.length && bytes[col - 2] === 13
    ? alloyLine.replace(/^\d+:\d+/, `${line}:${col - 1}`)
    : alloyLine;
}

function fixtures(): { name: string; text: string; want: string[] }[] {
  const dir = path.join(FIXTURES, 'errors');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.alloy'))
    .sort()
    .map((name) => ({
      name,
      text: fs.readFileSync(path.join(dir, name), 'utf8'),
      want: fs
        .readFileSync(path.join(dir, `${name}.error`), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(name.length + 1)),
    }));
}

describe('syntax errors: fixtures (Alloy’s output recorded from its own parser)', () => {
  test('every fixture gets exactly Alloy’s errors, in Alloy’s order', async () => {
    const all = fixtures();
    assert.ok(all.length >= 40);
    for (const f of all) {
      const want = f.want.map((l) => lspForm(f.text, l));
      assert.deepEqual((await syntaxErrors(f.text)).alloy, want, f.name);
    }
  });

  test('every message Alloy’s scanner and parser can produce has a fixture', () => {
    const messages = fixtures().flatMap((f) => f.want.map((l) => l.replace(/^\d+:\d+: /, '')));
    const templates = [
      /^illegal character NUL$/,
      /^illegal byte order mark$/,
      /^illegal single-quoted string; use double quotes$/,
      /^missing second \| in \|\|$/,
      /^missing second & in &&$/,
      /^illegal character U\+[0-9A-F]{4,}( '.+')?$/,
      /^exponent has no digits$/,
      /^string literal not terminated$/,
      /^unknown escape sequence$/,
      /^escape sequence not terminated$/,
      /^illegal character U\+[0-9A-F]{4,}( '.+')? in escape sequence$/,
      /^escape sequence is invalid Unicode code point$/,
      /^block comment not terminated$/,
      /^expected [^ ]+, got [^ ]+$/,
      /^expected TERMINATOR, got [^ ]+$/,
      /^attribute names may only consist of a single identifier with no "\."$/,
      /^attribute names may not have labels$/,
      /^expected attribute assignment or block body, got [^ ]+$/,
      /^expected block body, got [^ ]+$/,
      /^expected identifier, got [^ ]+$/,
      /^expected block label to be a double quoted string, but got ".*"$/,
      /^expected block label to be a valid identifier, but got ".*"$/,
      /^expected block label, got [^ ]+$/,
      /^cannot use a block as an expression$/,
      /^expected expression, got [^ ]+$/,
      /^missing ',' in expression list$/,
      /^missing ',' in field list$/,
      /^expected field name \(string or identifier\), got [^ ]+$/,
    ];
    for (const t of templates)
      assert.ok(
        messages.some((m) => t.test(m)),
        `no fixture for ${t}`,
      );
  });

  test('the half-typed examples get Alloy’s error and nothing else', async () => {
    const cases: [string, string[]][] = [
      ['a {\na {\na {\n', ['4:1: expected }, got EOF']],
      [
        'loki.write "x" {\n\tendpoint {\n\t\turl = "http://l"\n\t\tbasic_auth {\n\t\t\tusername = "u"\n',
        ['6:1: expected }, got EOF'],
      ],
      ['prometheus.scrape "s" {\n\ttargets = [\n', ['3:1: expected ], got EOF']],
      ['local.file "x" {\n\tx = [1\n', ["2:8: missing ',' in expression list", '3:1: expected ], got EOF']],
    ];
    for (const [text, want] of cases) {
      const { all, alloy } = await syntaxErrors(text);
      assert.deepEqual(alloy, want, text);
      assert.deepEqual(
        all.map((d) => d.code),
        want.map(() => 'syntax-error'),
        `only syntax errors for ${JSON.stringify(text)}`,
      );
    }
  });

  test('a truncated real configuration: expected }, got EOF at the start of the line after the last newline', async () => {
    const f = fixtures().find((x) => x.name === 'truncated.alloy')!;
    const { all } = await syntaxErrors(f.text);
    const eof = all.find((d) => d.code === 'syntax-error')!;
    assert.deepEqual(eof.range, { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } });
  });

  test('no message contains a line break or another control character', async () => {
    for (const f of fixtures()) {
      for (const d of (await syntaxErrors(f.text)).all) assert.doesNotMatch(d.message as string, /\p{Cc}/u, f.name);
    }
    const { all } = await syntaxErrors('x "\u0001\t\n" {\n}\nx "\u0007" {\n}\nv = 1 \u0002\n');
    assert.ok(all.length >= 3);
    for (const d of all) assert.doesNotMatch(d.message as string, /\p{Cc}/u);
  });

  test('structural rules keep judging the statements that parse', async () => {
    // The second logging block is a duplicate; the broken component says nothing about structure.
    const text = 'logging {\n}\n\nlogging {\n}\n\nloki.write "x" {\n\tendpoint {\n\t\turl = "u"\n';
    const codes = (await diagnose({ 'main.alloy': text }))['main.alloy'].map(
      (d) => `${d.code} ${d.range.start.line + 1}`,
    );
    assert.deepEqual(codes, ['duplicate-block 4', 'syntax-error 10']);
  });
});

interface Mutant {
  file: string;
  kind: 'truncate' | 'drop' | 'add';
  at: number;
  char?: string;
  alloy: string[];
}

describe('syntax errors: mutants of real configurations (Alloy’s verdicts recorded from its own parser)', () => {
  test('every mutant gets Alloy’s errors; none Alloy rejects passes, none it accepts fails', async (t) => {
    const corpus = corpusDir();
    if (!corpus) return t.skip('corpus not found beside the repository (../shared/corpus)');
    const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'mutants.json'), 'utf8')) as { mutants: Mutant[] };
    const { apply } = (await import(pathToFileURL(path.join(repoRoot, 'scripts', 'syntax', 'mutate.mjs')).href)) as {
      apply(text: string, m: Mutant): string;
    };
    assert.ok(fixture.mutants.length >= 300);
    let rejected = 0;
    let firstLine = 0;
    const differing: string[] = [];
    for (const m of fixture.mutants) {
      const original = fs.readFileSync(path.join(corpus, 'real', 'valid', m.file), 'utf8');
      const text = apply(original, m);
      const { alloy } = await syntaxErrors(text);
      if (m.alloy.length > 0) {
        rejected++;
        assert.ok(alloy.length > 0, `Alloy rejects ${m.file} ${m.kind} ${m.char ?? ''} at ${m.at}: ${m.alloy[0]}`);
        if (alloy[0].split(':')[0] === m.alloy[0].split(':')[0]) firstLine++;
      } else {
        assert.deepEqual(alloy, [], `Alloy accepts ${m.file} ${m.kind} ${m.char ?? ''} at ${m.at}`);
      }
      if (alloy.join('\n') !== m.alloy.join('\n')) differing.push(`${m.file} ${m.kind} ${m.char ?? ''} at ${m.at}`);
    }
    t.diagnostic(
      `Alloy rejects ${rejected}/${fixture.mutants.length}; first error on Alloy's line: ${firstLine}/${rejected}`,
    );
    assert.ok(rejected > fixture.mutants.length / 2);
    assert.ok(firstLine / rejected >= 0.98, `first error on Alloy's line in only ${firstLine}/${rejected}`);
    assert.deepEqual(differing, [], 'mutants whose errors differ from Alloy’s');
  });
});

describe('syntax errors: only the regions that need it are parsed', () => {
  test('an error-free file is never scanned; a keystroke in a broken statement re-parses that region only', async () => {
    const parser = await sharedParser();
    const block = (i: number) => `loki.write "w${i}" {\n\tendpoint {\n\t\turl = "http://loki:3100/${i}"\n\t}\n}\n`;
    const text = Array.from({ length: 200 }, (_, i) => block(i)).join('\n');
    const doc = new ParsedDocument(parser, 'file:///regions.alloy', 1, text);
    try {
      const before = regionStats.parsed;
      assert.deepEqual(fileSyntax(doc.text, doc.model.statements).errors, []);
      assert.equal(regionStats.parsed, before, 'an error-free file parses no region');
      // Break statement 100: `url = ` without a value.
      const at = doc.text.indexOf('"http://loki:3100/100"');
      const pos = doc.lines.positionAt(at);
      doc.applyChanges(
        [{ range: { start: pos, end: doc.lines.positionAt(at + '"http://loki:3100/100"'.length) }, text: '' }],
        2,
      );
      const broken = fileSyntax(doc.text, doc.model.statements);
      assert.deepEqual(
        broken.errors.map((e) => e.message),
        ['expected expression, got }'],
      );
      assert.equal(regionStats.parsed, before + 1);
      // A keystroke in another statement: the broken region is reused, not parsed again.
      const other = doc.lines.positionAt(doc.text.indexOf('"http://loki:3100/5"') + 1);
      doc.applyChanges([{ range: { start: other, end: other }, text: 'x' }], 3);
      assert.equal(fileSyntax(doc.text, doc.model.statements).errors.length, 1);
      assert.equal(regionStats.parsed, before + 1, 'an edit elsewhere re-parses nothing');
      // A keystroke in the broken statement: that region only.
      const inBroken = doc.lines.positionAt(doc.text.indexOf('url = \n') + 6);
      doc.applyChanges([{ range: { start: inBroken, end: inBroken }, text: '1' }], 4);
      assert.deepEqual(fileSyntax(doc.text, doc.model.statements).errors, []);
      assert.ok(regionStats.parsed <= before + 2);
      // Whatever the regions, the result is the one a parse of the whole text gives.
      for (const edit of ['{', '}', '"', '[', 'x =', '\n']) {
        const p = doc.lines.positionAt(Math.floor(doc.text.length / 3));
        doc.applyChanges([{ range: { start: p, end: p }, text: edit }], doc.version + 1);
        const regions = fileSyntax(doc.text, doc.model.statements).errors.map((e) => `${e.start} ${e.message}`);
        assert.deepEqual(
          regions,
          parseAlloy(doc.text).map((e) => `${e.start} ${e.message}`),
          `after typing ${edit}`,
        );
      }
    } finally {
      doc.dispose();
    }
  });
});

/** The text surgery the fixes share: exact results on small inputs, including edge cases. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, insertIntoBody, insertTopLevel, statementRemoval } from '../../server/src/fixes/edits';
import { blockEdit, formatStatement, lineEdit } from '../../server/src/fixes/layout';
import { configAnchor } from '../../server/src/fixes/stack';
import { analyse } from './support';

const BLOCK = 'x {\n}';

function insertAt(text: string, offset: number): string {
  return applyEdits(text, [insertTopLevel(text, offset, [BLOCK])]);
}

test('insertTopLevel keeps one blank line around the new blocks and adds only newlines', () => {
  assert.equal(insertAt('', 0), 'x {\n}\n');
  assert.equal(insertAt('a {}\n', 5), 'a {}\n\nx {\n}\n');
  assert.equal(insertAt('a {}', 4), 'a {}\n\nx {\n}\n');
  assert.equal(insertAt('a {}\n\n', 6), 'a {}\n\nx {\n}\n');
  assert.equal(insertAt('a {}\n', 0), 'x {\n}\n\na {}\n');
  assert.equal(insertAt('a {}\n\nb {}\n', 5), 'a {}\n\nx {\n}\n\nb {}\n');
  assert.equal(insertAt('a {}\nb {}\n', 5), 'a {}\n\nx {\n}\n\nb {}\n');
  assert.equal(applyEdits('', [insertTopLevel('', 0, ['a {\n}', 'b {\n}'])]), 'a {\n}\n\nb {\n}\n');
});

test('statementRemoval removes the lines, attached comments and one doubled blank line', () => {
  const remove = (text: string, needle: string) => {
    const start = text.indexOf(needle);
    const span = statementRemoval(text, start, start + needle.length);
    return text.slice(0, span.start) + text.slice(span.end);
  };
  assert.equal(remove('a {}\n\nb {}\n\nc {}\n', 'b {}'), 'a {}\n\nc {}\n');
  assert.equal(remove('a {}\n\nb {}\n', 'b {}'), 'a {}\n');
  assert.equal(remove('b {}\n\nc {}\n', 'b {}'), 'c {}\n');
  assert.equal(remove('a {}\nb {}\nc {}\n', 'b {}'), 'a {}\nc {}\n');
  assert.equal(remove('a {}\n\n// about b\n// more\nb {} // trailing\n\nc {}\n', 'b {}'), 'a {}\n\nc {}\n');
  // A comment separated by a blank line is not the block's.
  assert.equal(remove('// header\n\nb {}\n\nc {}\n', 'b {}'), '// header\n\nc {}\n');
  // Comment lines that start the file are its header: they stay even directly above the block.
  assert.equal(remove('// header\n// more\nb {}\n\nc {}\n', 'b {}'), '// header\n// more\n\nc {}\n');
  assert.equal(remove('a {}\n// about b\nb {}\n', 'b {}'), 'a {}\n');
  // Text sharing the line is kept: only the statement goes.
  assert.equal(remove('a = 1 b {}\n', 'b {}'), 'a = 1 \n');
});

test('insertIntoBody: after the attributes, at the end, one-line and empty bodies, indentation', async () => {
  const into = async (text: string, where: 'after-attributes' | 'end' = 'after-attributes') => {
    const a = await analyse(text);
    const s = a.ctx.file.statements[0];
    return applyEdits(text, [insertIntoBody(text, s.start, s.block!, ['n = 1'], where)]);
  };
  assert.equal(await into('logging {\n\tlevel = "info"\n}\n'), 'logging {\n\tlevel = "info"\n\tn = 1\n}\n');
  assert.equal(await into('logging {\n  level = "info"\n}\n'), 'logging {\n  level = "info"\n  n = 1\n}\n');
  assert.equal(await into('logging { }\n'), 'logging {\n\tn = 1\n}\n');
  assert.equal(await into('logging {}\n'), 'logging {\n\tn = 1\n}\n');
  assert.equal(await into('logging { level = "info" }\n'), 'logging { level = "info"\n\tn = 1\n}\n');
  assert.equal(await into('logging {\n\tlevel = "info" }\n'), 'logging {\n\tlevel = "info"\n\tn = 1\n}\n');
  assert.equal(
    await into('tracing {\n\ta = 1\n\n\tsampler {\n\t}\n}\n'),
    'tracing {\n\ta = 1\n\tn = 1\n\n\tsampler {\n\t}\n}\n',
  );
  assert.equal(
    await into('tracing {\n\ta = 1\n\n\tsampler {\n\t}\n}\n', 'end'),
    'tracing {\n\ta = 1\n\n\tsampler {\n\t}\n\tn = 1\n}\n',
  );
  assert.equal(await into('tracing {\n\tsampler {\n\t}\n}\n'), 'tracing {\n\tn = 1\n\tsampler {\n\t}\n}\n');
});

test('config blocks go after the last config block, else after the leading comments', async () => {
  const anchor = async (text: string) => configAnchor((await analyse(text)).ctx.file);
  assert.equal(await anchor('a "x" {}\n'), 0);
  assert.equal(await anchor('\n\na "x" {}\n'), 0);
  assert.equal(await anchor('// h\n// h\n\na "x" {}\n'), '// h\n// h\n'.length);
  assert.equal(await anchor('/* h\n h */\na "x" {}\n'), '/* h\n h */\n'.length);
  assert.equal(await anchor('// h\nlogging {}\n\nhttp {}\na "x" {}\n'), '// h\nlogging {}\n\nhttp {}\n'.length);
  assert.equal(await anchor('// only a comment'), '// only a comment'.length);
});

test('applyEdits applies in any order and rejects overlaps', () => {
  assert.throws(() =>
    applyEdits('abcdef', [
      { start: 1, end: 4, text: '' },
      { start: 3, end: 5, text: '' },
    ]),
  );
  assert.equal(
    applyEdits('abcdef', [
      { start: 4, end: 6, text: 'X' },
      { start: 0, end: 1, text: 'Y' },
    ]),
    'YbcdX',
  );
});

test('lineEdit covers only the lines that change', () => {
  const apply = (before: string, after: string) => {
    const e = lineEdit('u', 0, before, after);
    return e ? { text: applyEdits(before, [e]), range: before.slice(e.start, e.end) } : undefined;
  };
  assert.equal(apply('a\nb\n}', 'a\nb\n}'), undefined);
  assert.deepEqual(apply('x {\n\ta = 1\n}', 'x {\n\ta = 1\n\tbb = 2\n}'), {
    text: 'x {\n\ta = 1\n\tbb = 2\n}',
    range: '',
  });
  assert.deepEqual(apply('x {\n\ta = 1\n\tc = 3\n}', 'x {\n\ta  = 1\n\tbb = 2\n\tc  = 3\n}'), {
    text: 'x {\n\ta  = 1\n\tbb = 2\n\tc  = 3\n}',
    range: '\ta = 1\n\tc = 3\n',
  });
  // A one-line block is replaced as a whole; CRLF lines that stay are not touched.
  assert.equal(apply('x { a = 1 }', 'x {\n\ta = 1\n}')?.range, 'x { a = 1 }');
  assert.deepEqual(apply('x {\r\n\ta = 1\r\n}', 'x {\n\ta = 1\n\tb = 2\n}'), {
    text: 'x {\r\n\ta = 1\r\n\tb = 2\n}',
    range: '',
  });
});

test('blockEdit lays out a block like alloy fmt when it was, or when it was on one line', async () => {
  const edit = async (text: string, items: string[], relayout = true) => {
    const a = await analyse(text);
    const s = a.ctx.file.statements[0];
    const e = blockEdit(
      a.ctx.language,
      a.ctx.file,
      s,
      [insertIntoBody(text, s.start, s.block!, items, 'after-attributes')],
      relayout,
    );
    return e ? applyEdits(text, [e]) : text;
  };
  const clean = 'logging {\n\tlevel  = "info"\n\tformat = "json"\n}\n\nx "y" {\n\ta = 1\n}\n';
  assert.equal(
    await edit(clean, ['write_to = []']),
    'logging {\n\tlevel    = "info"\n\tformat   = "json"\n\twrite_to = []\n}\n\nx "y" {\n\ta = 1\n}\n',
  );
  // Without relayout the insertion is taken as it is.
  assert.equal(
    await edit(clean, ['write_to = []'], false),
    'logging {\n\tlevel  = "info"\n\tformat = "json"\n\twrite_to = []\n}\n\nx "y" {\n\ta = 1\n}\n',
  );
  assert.equal(
    await edit('logging { level = "info" }\n', ['write_to = []']),
    'logging {\n\tlevel    = "info"\n\twrite_to = []\n}\n',
  );
  // A comment line ends the `=` column in alloy fmt: the attributes above it keep theirs.
  assert.equal(
    await edit('tracing {\n\ta = 1\n\t// c\n\tbb = 2\n}\n', ['write_to = []']),
    'tracing {\n\ta = 1\n\t// c\n\tbb       = 2\n\twrite_to = []\n}\n',
  );
  // A block not formatted like alloy fmt keeps its own style.
  assert.equal(
    await edit('logging {\n  level = "info"\n  format = "json"\n}\n', ['write_to = []']),
    'logging {\n  level = "info"\n  format = "json"\n  write_to = []\n}\n',
  );
  assert.equal(formatStatement((await analyse('')).ctx.language, 'logging {'), undefined);
});

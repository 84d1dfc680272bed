/** The language configuration's patterns, checked on real lines as VS Code applies them. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './textmate';

interface LanguageConfiguration {
  comments: { lineComment: string; blockComment: [string, string] };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  folding: { markers: { start: string; end: string } };
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: { beforeText: string; afterText?: string; action: { indent: string; appendText?: string } }[];
  wordPattern: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { languages: { id: string; configuration: string }[] };
};
const language = manifest.contributes.languages.find((l) => l.id === 'grafana-alloy')!;
const config = JSON.parse(
  fs.readFileSync(path.join(repoRoot, language.configuration), 'utf8'),
) as LanguageConfiguration;

test('comments and brackets', () => {
  assert.equal(config.comments.lineComment, '//');
  assert.deepEqual(config.comments.blockComment, ['/*', '*/']);
  assert.deepEqual(config.brackets, [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ]);
  for (const pair of [...config.brackets, ['"', '"'], ['`', '`']]) {
    assert.ok(
      config.surroundingPairs.some((p) => p[0] === pair[0] && p[1] === pair[1]),
      `surrounding pair ${pair.join('')}`,
    );
  }
});

test('quotes and backticks close automatically, but not inside strings or comments', () => {
  for (const quote of ['"', '`']) {
    const pair = config.autoClosingPairs.find((p) => p.open === quote);
    assert.ok(pair, quote);
    assert.equal(pair.close, quote);
    assert.deepEqual([...(pair.notIn ?? [])].sort(), ['comment', 'string']);
  }
  assert.ok(!config.autoClosingPairs.some((p) => p.open === "'"), 'single quotes are not strings in Alloy');
});

test('indentation: in after a line ending with an open bracket, out on a line starting with a closing one', () => {
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
  const opens = [
    'prometheus.scrape "default" {',
    '\tclient {',
    '\tforward_to = [',
    '\ttargets = [{',
    '\turl = string.format(',
    'logging { // comment after the brace',
    '  rules = [   ',
  ];
  for (const line of opens) assert.ok(increase.test(line), `should indent after: ${line}`);
  for (const line of ['a = 1', 'a = [1, 2]', 'a = {}', '// a comment ending with {', '}', 'f(x)']) {
    assert.ok(!increase.test(line), `should not indent after: ${line}`);
  }
  for (const line of ['}', '\t}', '  ]', '\t)', '}]', '},']) assert.ok(decrease.test(line), `should outdent: ${line}`);
  for (const line of ['a = [', '\tx = 1', '// }']) assert.ok(!decrease.test(line), `should not outdent: ${line}`);
});

test('Enter inside a line comment continues it', () => {
  const rule = config.onEnterRules.find((r) => r.action.appendText === '// ');
  assert.ok(rule);
  assert.ok(new RegExp(rule.beforeText).test('\t// a long comment'));
  assert.ok(new RegExp(rule.afterText!).test('that goes on'));
  assert.ok(!new RegExp(rule.afterText!).test('   '), 'not at the end of the line');
  assert.ok(!new RegExp(rule.beforeText).test('a = 1'));
});

test('a dotted reference is one word; operators, brackets and quotes separate words', () => {
  const word = new RegExp(config.wordPattern, 'g');
  const words = (s: string) => s.match(word) ?? [];
  assert.deepEqual(words('targets = prometheus.exporter.self.default.targets'), [
    'targets',
    'prometheus.exporter.self.default.targets',
  ]);
  assert.deepEqual(words('forward_to = [loki.write.ñame_2.receiver, otelcol.exporter.otlp.x.input]'), [
    'forward_to',
    'loki.write.ñame_2.receiver',
    'otelcol.exporter.otlp.x.input',
  ]);
  assert.deepEqual(words('x = sys.env("HOST") + 0.5'), ['x', 'sys.env', 'HOST', '0.5']);
  assert.deepEqual(words('prometheus.scrape "default" {'), ['prometheus.scrape', 'default']);
});

test('folding markers', () => {
  assert.ok(new RegExp(config.folding.markers.start).test('// region exporters'));
  assert.ok(new RegExp(config.folding.markers.end).test('  // endregion'));
  assert.ok(!new RegExp(config.folding.markers.start).test('region = "eu"'));
});

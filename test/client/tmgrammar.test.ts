import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { GRAMMAR_PATH, repoRoot, tokenize, type Token } from './textmate';

/** The `nth` token (0-based) whose text is exactly `text`. */
function tokenOf(tokens: Token[], text: string, nth = 0): Token {
  const found = tokens.filter((t) => t.text === text);
  assert.ok(found.length > nth, `no token #${nth} ${JSON.stringify(text)} in:\n${dump(tokens)}`);
  return found[nth];
}

function dump(tokens: Token[]): string {
  return tokens.map((t) => `${t.line}: ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`).join('\n');
}

/** Asserts that the innermost scope of the `nth` token `text` is `scope`. */
function expectScope(tokens: Token[], text: string, scope: string, nth = 0): void {
  const t = tokenOf(tokens, text, nth);
  assert.equal(t.scopes.at(-1), scope, `${JSON.stringify(text)} (#${nth}, line ${t.line}): ${t.scopes.join(' ')}`);
}

function hasScope(t: Token, prefix: string): boolean {
  return t.scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));
}

describe('TextMate grammar', () => {
  test('alloy.tmLanguage.json is what its source generates', async () => {
    const src = path.join(repoRoot, 'client', 'syntaxes', 'alloy.tmLanguage.src.mjs');
    const mod = (await import(pathToFileURL(src).href)) as { render(): Promise<string> };
    assert.equal(
      fs.readFileSync(GRAMMAR_PATH, 'utf8'),
      await mod.render(),
      'regenerate with: node client/syntaxes/alloy.tmLanguage.src.mjs',
    );
  });

  test('block headers: dotted names, optional label, nested blocks', async () => {
    const tokens = await tokenize(
      [
        'prometheus.exporter.self "default" { }',
        'prometheus.scrape "self" {',
        '\tclustering {',
        '\t\tenabled = true',
        '\t}',
        '\tforward_to = [prometheus.remote_write.default.receiver]',
        '}',
        'logging {',
        '}',
      ].join('\n'),
    );
    for (const name of ['prometheus', 'exporter', 'self', 'scrape', 'clustering', 'logging']) {
      expectScope(tokens, name, 'entity.name.type.block.alloy');
    }
    expectScope(tokens, '.', 'punctuation.accessor.alloy');
    const label = tokenOf(tokens, 'default');
    assert.deepEqual(label.scopes.slice(-2), ['entity.name.label.alloy', 'string.quoted.double.alloy']);
    expectScope(tokens, '{', 'punctuation.section.block.begin.alloy');
    expectScope(tokens, '}', 'punctuation.section.block.end.alloy');
    // After the nested block closes, the outer body goes on.
    expectScope(tokens, 'forward_to', 'entity.other.attribute-name.alloy');
    assert.ok(hasScope(tokenOf(tokens, 'forward_to'), 'meta.block'));
    // `logging` is a top-level block again: the first block was closed.
    const logging = tokenOf(tokens, 'logging');
    assert.deepEqual(logging.scopes, ['source.alloy', 'meta.block.alloy', 'entity.name.type.block.alloy']);
  });

  test('attributes, references and member access', async () => {
    const tokens = await tokenize(
      [
        'prometheus.scrape "s" {',
        '  targets    = prometheus.exporter.self.default.targets',
        '  job_name   = encoding.from_json(x).name',
        '  ñame_2     = local.file.key.content',
        '}',
      ].join('\n'),
    );
    expectScope(tokens, 'targets', 'entity.other.attribute-name.alloy');
    expectScope(tokens, '=', 'keyword.operator.assignment.alloy');
    expectScope(tokens, 'ñame_2', 'entity.other.attribute-name.alloy');
    // prometheus.exporter.self.default.targets, segment by segment.
    for (const [i, part] of ['prometheus', 'exporter', 'self', 'default', 'targets'].entries()) {
      const t = tokenOf(tokens, part, part === 'targets' || part === 'prometheus' ? 1 : 0);
      assert.equal(t.scopes.at(-1), 'variable.other.alloy', `segment ${i} ${part}: ${t.scopes.join(' ')}`);
      assert.ok(hasScope(t, 'meta.reference'), part);
    }
    expectScope(tokens, 'content', 'variable.other.alloy');
    // `.name` after a call is a member access, not a new reference.
    expectScope(tokens, 'name', 'variable.other.property.alloy');
  });

  test('function calls', async () => {
    const tokens = await tokenize(
      'a = sys.env("TOKEN")\nb = string.format("%s-%d", sys.env("HOST"), 8080)\nc = coalesce(x, "y")',
    );
    expectScope(tokens, 'sys', 'entity.name.namespace.alloy');
    expectScope(tokens, 'env', 'entity.name.function.alloy');
    expectScope(tokens, 'string', 'entity.name.namespace.alloy');
    expectScope(tokens, 'format', 'entity.name.function.alloy');
    expectScope(tokens, 'coalesce', 'entity.name.function.alloy');
    expectScope(tokens, '(', 'punctuation.definition.arguments.begin.alloy');
    expectScope(tokens, ')', 'punctuation.definition.arguments.end.alloy');
    // Arguments are expressions inside the call, including a nested call.
    expectScope(tokens, 'env', 'entity.name.function.alloy', 1);
    assert.ok(hasScope(tokenOf(tokens, 'HOST'), 'meta.function-call'));
    expectScope(tokens, '8080', 'constant.numeric.integer.alloy');
  });

  test('numbers', async () => {
    const tokens = await tokenize('a = [1, 15, 1.5, .5, 1., 1e9, 2.5E-3, 3e+2, 1e, 2.5e-]');
    for (const n of ['1', '15']) expectScope(tokens, n, 'constant.numeric.integer.alloy');
    for (const n of ['1.5', '.5', '1.', '1e9', '2.5E-3', '3e+2'])
      expectScope(tokens, n, 'constant.numeric.float.alloy');
    // An exponent without digits is an error in Alloy.
    for (const n of ['1e', '2.5e-']) expectScope(tokens, n, 'invalid.illegal.numeric.alloy');
  });

  test('true, false and null; identifiers that start like them are references', async () => {
    const tokens = await tokenize('a = [true, false, null, nullable, true_value]');
    expectScope(tokens, 'true', 'constant.language.boolean.alloy');
    expectScope(tokens, 'false', 'constant.language.boolean.alloy');
    expectScope(tokens, 'null', 'constant.language.null.alloy');
    expectScope(tokens, 'nullable', 'variable.other.alloy');
    expectScope(tokens, 'true_value', 'variable.other.alloy');
  });

  test('double-quoted strings: every escape Alloy accepts, and the ones it rejects', async () => {
    const valid = [
      '\\a',
      '\\b',
      '\\f',
      '\\n',
      '\\r',
      '\\t',
      '\\v',
      '\\\\',
      '\\"',
      '\\101',
      '\\377',
      '\\x4A',
      '\\u00e9',
      '\\uFFFF',
      '\\U0001F600',
      '\\U0010FFFF',
    ];
    const tokens = await tokenize(`s = "x${valid.join(' ')} y"`);
    for (const e of valid) expectScope(tokens, e, 'constant.character.escape.alloy');
    expectScope(tokens, 'x', 'string.quoted.double.alloy');
    expectScope(tokens, '"', 'punctuation.definition.string.begin.alloy');
    expectScope(tokens, '"', 'punctuation.definition.string.end.alloy', 1);

    // \' is rejected by Alloy's scanner (its docs say otherwise); so are unknown letters,
    // short hex/octal escapes, octal past \377, surrogates and code points past U+10FFFF.
    const bad = await tokenize(`s = "\\' \\q \\x4 \\400 \\uD800 \\U00110000 \\U0000DFFF \\8"`);
    const illegal = bad.filter((t) => t.scopes.at(-1) === 'invalid.illegal.unknown-escape.alloy').map((t) => t.text);
    assert.deepEqual(illegal, ["\\'", '\\q', '\\x', '\\4', '\\u', '\\U', '\\U', '\\8']);
    assert.equal(bad.filter((t) => t.scopes.at(-1) === 'constant.character.escape.alloy').length, 0, dump(bad));
  });

  test('an unterminated string ends with its line', async () => {
    const tokens = await tokenize('a = "open\nb = 1');
    expectScope(tokens, 'b', 'entity.other.attribute-name.alloy');
    expectScope(tokens, '1', 'constant.numeric.integer.alloy');
  });

  test('multi-line raw strings have no escapes', async () => {
    const tokens = await tokenize(
      ['rule = `first line \\n', 'second "quoted" line // not a comment', 'last`', 'after = 1'].join('\n'),
    );
    expectScope(tokens, '`', 'punctuation.definition.string.begin.alloy');
    for (const line of ['first line \\n', 'second "quoted" line // not a comment', 'last']) {
      expectScope(tokens, line, 'string.quoted.raw.alloy');
    }
    expectScope(tokens, '`', 'punctuation.definition.string.end.alloy', 1);
    expectScope(tokens, 'after', 'entity.other.attribute-name.alloy');
  });

  test('comments: line, and multi-line block comments that do not nest', async () => {
    const tokens = await tokenize(
      [
        '// line comment',
        'a = 1 // trailing',
        '/* block',
        '   b = 2 /* not nested',
        '*/ c = 3',
        '# not a comment',
      ].join('\n'),
    );
    expectScope(tokens, ' line comment', 'comment.line.double-slash.alloy');
    expectScope(tokens, '//', 'punctuation.definition.comment.alloy');
    expectScope(tokens, ' trailing', 'comment.line.double-slash.alloy');
    expectScope(tokens, '/*', 'punctuation.definition.comment.alloy');
    expectScope(tokens, '   b = 2 /* not nested', 'comment.block.alloy');
    expectScope(tokens, '*/', 'punctuation.definition.comment.alloy');
    expectScope(tokens, 'c', 'entity.other.attribute-name.alloy');
    expectScope(tokens, '#', 'invalid.illegal.character.alloy');
  });

  test('operators', async () => {
    const tokens = await tokenize('a = !b || c && d == e != f <= g >= h < i > j + k - l * m / n % o ^ p');
    const expected: Record<string, string> = {
      '!': 'keyword.operator.logical.alloy',
      '||': 'keyword.operator.logical.alloy',
      '&&': 'keyword.operator.logical.alloy',
      '==': 'keyword.operator.comparison.alloy',
      '!=': 'keyword.operator.comparison.alloy',
      '<=': 'keyword.operator.comparison.alloy',
      '>=': 'keyword.operator.comparison.alloy',
      '<': 'keyword.operator.comparison.alloy',
      '>': 'keyword.operator.comparison.alloy',
      '+': 'keyword.operator.arithmetic.alloy',
      '-': 'keyword.operator.arithmetic.alloy',
      '*': 'keyword.operator.arithmetic.alloy',
      '/': 'keyword.operator.arithmetic.alloy',
      '%': 'keyword.operator.arithmetic.alloy',
      '^': 'keyword.operator.arithmetic.alloy',
    };
    for (const [op, scope] of Object.entries(expected)) expectScope(tokens, op, scope);
    for (const v of ['b', 'c', 'p']) expectScope(tokens, v, 'variable.other.alloy');
  });

  test('objects: identifier, quoted and raw keys, over several lines, inside arrays', async () => {
    const tokens = await tokenize(
      [
        'discovery.relabel "x" {',
        '  targets = [{',
        '    __address__ = "localhost:9090",',
        '    "quoted.key" = true,',
        '    `raw key`    = 1,',
        '    nested       = { inner = null },',
        '  }]',
        '  rule {',
        '    action = "keep"',
        '  }',
        '}',
      ].join('\n'),
    );
    expectScope(tokens, 'targets', 'entity.other.attribute-name.alloy');
    expectScope(tokens, '{', 'punctuation.section.object.begin.alloy', 1);
    expectScope(tokens, '__address__', 'support.type.property-name.alloy');
    const quoted = tokenOf(tokens, 'quoted.key');
    assert.deepEqual(quoted.scopes.slice(-2), ['support.type.property-name.alloy', 'string.quoted.double.alloy']);
    const raw = tokenOf(tokens, 'raw key');
    assert.deepEqual(raw.scopes.slice(-2), ['support.type.property-name.alloy', 'string.quoted.raw.alloy']);
    expectScope(tokens, 'nested', 'support.type.property-name.alloy');
    expectScope(tokens, 'inner', 'support.type.property-name.alloy');
    expectScope(tokens, 'null', 'constant.language.null.alloy');
    // A value that is a string is not a key.
    expectScope(tokens, 'localhost:9090', 'string.quoted.double.alloy');
    // After the object and the array close, `rule` is a block of the body again.
    expectScope(tokens, 'rule', 'entity.name.type.block.alloy');
    expectScope(tokens, 'action', 'entity.other.attribute-name.alloy');
  });

  test('single quotes are not strings in Alloy', async () => {
    const tokens = await tokenize("a = 'text'");
    expectScope(tokens, "'text'", 'invalid.illegal.single-quoted-string.alloy');
  });

  test('every file Alloy accepts in the shared corpus: nothing illegal, nothing unscoped, state back to the top', async (t) => {
    const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');
    if (!fs.existsSync(corpus)) {
      t.skip(`corpus not found at ${path.join('..', 'shared', 'corpus')} beside the repository`);
      return;
    }
    const containers = ['source.alloy', 'meta.block.alloy', 'meta.object.alloy', 'meta.function-call.alloy'];
    const problems: string[] = [];
    let files = 0;
    for (const folder of ['real/valid', 'parser/valid']) {
      const dir = path.join(corpus, folder);
      for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.alloy'))) {
        files++;
        // A marker line after the file shows whether the grammar is back at the top level.
        const tokens = await tokenize(fs.readFileSync(path.join(dir, name), 'utf8') + '\nend_marker = 1');
        const marker = tokens.find((x) => x.text === 'end_marker');
        if (marker?.scopes.join(' ') !== 'source.alloy entity.other.attribute-name.alloy') {
          problems.push(`${folder}/${name}: not back at the top level after the last line`);
        }
        for (const x of tokens) {
          if (x.scopes.some((s) => s.startsWith('invalid.'))) {
            problems.push(`${folder}/${name}:${x.line + 1}: ${JSON.stringify(x.text)} is ${x.scopes.at(-1)}`);
          } else if (/\S/.test(x.text) && x.scopes.every((s) => containers.includes(s))) {
            problems.push(`${folder}/${name}:${x.line + 1}: ${JSON.stringify(x.text)} has no scope`);
          }
        }
      }
    }
    assert.ok(files > 100, `only ${files} corpus files found`);
    assert.deepEqual(problems.slice(0, 20), []);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Query } from 'web-tree-sitter';
import { compileQuery, createParser } from '../../server/src/syntax/parser';
import { repoRoot } from './corpus';

const queriesDir = path.join(repoRoot, 'grammars', 'tree-sitter-alloy', 'queries');

async function loadQuery(name: string): Promise<Query> {
  return compileQuery(fs.readFileSync(path.join(queriesDir, name), 'utf8'));
}

const SAMPLE = `// self-monitoring
prometheus.scrape "self" {
  targets    = prometheus.exporter.self.default.targets
  forward_to = [prometheus.remote_write.cloud.receiver]
  labels     = { job = "alloy", "team" = \`obs\` }
  enabled    = true || !false
  limit      = coalesce(null, 42, 1.5) ^ 2
  url        = sys.env("URL") + "\\n"
}
`;

/**
 * The capture each highlighted token gets, keyed `line:column text` (0-based).
 * Like tree-sitter's highlighter, the first pattern that captures a node wins.
 */
async function highlights(source: string): Promise<Map<string, string>> {
  const parser = await createParser();
  const tree = parser.parse(source);
  assert.ok(tree, 'no tree');
  assert.equal(tree.rootNode.hasError, false, 'sample must parse cleanly');
  const best = new Map<string, { pattern: number; name: string }>();
  for (const capture of (await loadQuery('highlights.scm')).captures(tree.rootNode)) {
    const { node } = capture;
    const key = `${node.startPosition.row}:${node.startPosition.column} ${node.text}`;
    const current = best.get(key);
    if (!current || capture.patternIndex < current.pattern) {
      best.set(key, { pattern: capture.patternIndex, name: capture.name });
    }
  }
  return new Map([...best].map(([key, value]) => [key, value.name]));
}

describe('queries', () => {
  test('every query file compiles against the grammar', async () => {
    const files = fs.readdirSync(queriesDir).filter((f) => f.endsWith('.scm'));
    assert.ok(files.includes('highlights.scm') && files.includes('folds.scm'), `found ${files.join(', ')}`);
    for (const file of files) {
      const query = await loadQuery(file);
      assert.ok(query.captureNames.length > 0, `${file} has no captures`);
      assert.ok(query.patternCount() > 0, `${file} has no patterns`);
    }
  });

  test('an invalid query is rejected, so compiling is a real check', async () => {
    await assert.rejects(compileQuery('(no_such_node) @x'));
    await assert.rejects(compileQuery('(attribute nope: (identifier)) @x'));
  });

  test('highlights: names, references, calls, literals, operators, punctuation', async () => {
    const h = await highlights(SAMPLE);
    const expected: Record<string, string> = {
      '0:0 // self-monitoring': 'comment',
      '1:0 prometheus': 'type',
      '1:11 scrape': 'type',
      '1:18 "self"': 'label',
      '2:2 targets': 'property',
      '2:15 prometheus': 'variable',
      '2:26 exporter': 'variable.member',
      '2:48 targets': 'variable.member',
      '3:2 forward_to': 'property',
      '3:15 [': 'punctuation.bracket',
      '4:17 job': 'property',
      '4:23 "alloy"': 'string',
      '4:30 ,': 'punctuation.delimiter',
      '4:32 "team"': 'property',
      '4:41 `obs`': 'string',
      '5:15 true': 'boolean',
      '5:20 ||': 'operator',
      '5:23 !': 'operator',
      '6:15 coalesce': 'function',
      '6:24 null': 'constant.builtin',
      '6:30 42': 'number',
      '6:34 1.5': 'number.float',
      '6:39 ^': 'operator',
      '7:15 sys': 'module',
      '7:18 .': 'punctuation.delimiter',
      '7:19 env': 'function',
      '7:23 "URL"': 'string',
      '7:33 \\n': 'string.escape',
      '8:0 }': 'punctuation.bracket',
    };
    for (const [token, capture] of Object.entries(expected)) {
      assert.equal(h.get(token), capture, `capture of ${token}`);
    }
    // The '=' of the six attributes and the two object fields.
    const equals = [...h].filter(([key]) => key.endsWith(' ='));
    assert.equal(equals.length, 8);
    assert.ok(
      equals.every(([, capture]) => capture === 'operator'),
      JSON.stringify(equals),
    );
  });

  test('folds: multi-line blocks and lists fold, their spans are whole nodes', async () => {
    const parser = await createParser();
    const source = 'a {\n  b = [\n    1,\n  ]\n  c = {}\n}\n/* one\n two */\n';
    const tree = parser.parse(source);
    assert.ok(tree);
    const folds = (await loadQuery('folds.scm'))
      .captures(tree.rootNode)
      .map((c) => `${c.node.type} ${c.node.startPosition.row}-${c.node.endPosition.row}`);
    assert.deepEqual(folds, ['block 0-5', 'array 1-3', 'object 4-4', 'comment 6-7']);
  });

  test('the server carries the current queries (server/src/syntax/queries.generated.ts)', () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'grammar', 'queries.mjs'), '--check'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
  });
});

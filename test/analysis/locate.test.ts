/** locate(offset): what is under a position, from the tree, also in half-typed text. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { locate, type Located } from '../../server/src/analysis/locate';
import { sharedParser } from '../helpers';

/** Locates the position marked `|` in `marked` (the marker is removed). */
async function at(marked: string): Promise<Located & { text: string }> {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no | marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const parser = await sharedParser();
  const tree = parser.parse(text)!;
  try {
    return { ...locate(tree.rootNode, text, offset), text };
  } finally {
    tree.delete();
  }
}

const slice = (r: { text: string }, s: { start: number; end: number }) => r.text.slice(s.start, s.end);

const CONFIG = `// a comment
prometheus.scrape "default" {
	targets    = prometheus.exporter.unix.host.targets
	forward_to = [prometheus.remote_write.default.receiver]
	job_name   = "node"

	clustering {
		enabled = true
	}
}

local.file "f" {
	filename = sys.env("HOME", "x")
	extra    = { "key" = 1, other = 2 }
}
`;

const mark = (needle: string, delta = 0) => {
  const i = CONFIG.indexOf(needle) + delta;
  return CONFIG.slice(0, i) + '|' + CONFIG.slice(i);
};

describe('locate', () => {
  test('block name and each of its segments', async () => {
    const r = await at(mark('scrape "default"', 2));
    assert.equal(r.kind, 'block-name');
    assert.deepEqual(r.blockName?.path, ['prometheus', 'scrape']);
    assert.equal(r.blockName?.segmentIndex, 1);
    assert.deepEqual(
      r.blockName!.segments.map((s) => slice(r, s)),
      ['prometheus', 'scrape'],
    );
    assert.equal(r.blocks.at(-1)?.label, 'default');
  });

  test('label', async () => {
    const r = await at(mark('"default" {', 3));
    assert.equal(r.kind, 'label');
    assert.equal(slice(r, r.span), '"default"');
  });

  test('attribute name and attribute value', async () => {
    const name = await at(mark('job_name', 3));
    assert.equal(name.kind, 'attribute-name');
    assert.equal(name.attribute?.name, 'job_name');
    assert.equal(name.attribute?.inValue, false);
    const value = await at(mark('"node"', 2));
    assert.equal(value.kind, 'string');
    assert.equal(value.attribute?.name, 'job_name');
    assert.equal(value.attribute?.inValue, true);
    assert.equal(slice(value, value.attribute!.valueSpan!), '"node"');
  });

  test('reference and each of its segments, inside an array too', async () => {
    const r = await at(mark('unix.host', 1));
    assert.equal(r.kind, 'reference');
    assert.deepEqual(r.reference?.path, ['prometheus', 'exporter', 'unix', 'host', 'targets']);
    assert.equal(r.reference?.segmentIndex, 2);
    assert.equal(slice(r, r.reference!.span), 'prometheus.exporter.unix.host.targets');
    const inArray = await at(mark('receiver]', 8));
    assert.equal(inArray.kind, 'reference');
    assert.equal(inArray.reference?.segmentIndex, 3, 'the cursor right after the last segment is on it');
    assert.equal(inArray.attribute?.name, 'forward_to');
  });

  test('function call and argument index', async () => {
    const onName = await at(mark('env(', 1));
    assert.equal(onName.kind, 'call');
    assert.equal(onName.call?.name, 'sys.env');
    const second = await at(mark('"x")', 1));
    assert.equal(second.kind, 'string');
    assert.equal(second.call?.name, 'sys.env');
    assert.equal(second.call?.argumentIndex, 1);
    const first = await at(mark('"HOME"', 0));
    assert.equal(first.call?.argumentIndex, 0);
  });

  test('object keys, numbers, literals, comments, nested blocks', async () => {
    assert.equal((await at(mark('other =', 2))).kind, 'object-key');
    assert.equal((await at(mark('= 2 }', 2))).kind, 'number');
    assert.equal((await at(mark('true', 1))).kind, 'literal');
    assert.equal((await at(mark('a comment', 2))).kind, 'comment');
    const nested = await at(mark('enabled', 1));
    assert.equal(nested.kind, 'attribute-name');
    assert.deepEqual(
      nested.blocks.map((b) => b.name),
      ['prometheus.scrape', 'clustering'],
    );
  });

  test('half-typed text: a reference being typed, a block name being typed, an attribute name', async () => {
    const ref = await at('prometheus.scrape "s" {\n\tforward_to = [prometheus.remote_write.|\n}\n');
    assert.equal(ref.kind, 'reference');
    assert.deepEqual(ref.reference?.path, ['prometheus', 'remote_write', '']);
    assert.equal(ref.reference?.segmentIndex, 2);
    assert.equal(ref.blocks.at(-1)?.name, 'prometheus.scrape');

    const partial = await at('prometheus.scrape "s" {\n\ttargets = discovery.kube|\n}\n');
    assert.equal(partial.kind, 'reference');
    assert.deepEqual(partial.reference?.path, ['discovery', 'kube']);
    assert.equal(partial.reference?.segmentIndex, 1);

    const block = await at('loki.wri| "x" {\n');
    assert.equal(block.kind, 'block-name');
    assert.deepEqual(block.blockName?.path, ['loki', 'wri']);

    const top = await at('prometheus.exp|');
    assert.ok(top.kind === 'block-name' || top.kind === 'reference', top.kind);
    assert.deepEqual((top.blockName ?? top.reference)?.path, ['prometheus', 'exp']);
  });

  test('never throws, anywhere in real and broken text', async () => {
    const texts = [CONFIG, CONFIG.slice(0, 200), '{{{ "x" = [1, (2', 'a.b.c.', '"unterminated', '/* open', ''];
    const parser = await sharedParser();
    for (const text of texts) {
      const tree = parser.parse(text)!;
      try {
        for (let o = 0; o <= text.length; o++) {
          const r = locate(tree.rootNode, text, o);
          assert.ok(r.span.start <= r.span.end && r.span.end <= text.length, JSON.stringify({ text, o, r }));
        }
      } finally {
        tree.delete();
      }
    }
  });
});

/**
 * Incremental down to nested statements: an edit inside a component of a
 * `declare` body or `foreach` template re-summarises that component alone,
 * and the result equals summarising the file from scratch.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { FileModel } from '../../server/src/model/fileModel';
import { ParsedDocument } from '../../server/src/syntax/document';
import { corpusDir, sharedParser } from '../helpers';

const NESTED = `declare "outer" {
	argument "a" { }

	declare "inner" {
		argument "forward_to" { }

		prometheus.scrape "pods" {
			targets    = [{ "__address__" = "x:1" }]
			forward_to = argument.forward_to.value
			job_name   = "pods"
		}

		export "out" {
			value = prometheus.scrape.pods.targets
		}
	}

	foreach "each" {
		collection = [1, 2]
		var        = "item"

		template {
			prometheus.exporter.unix "host" {
				set_collectors = [string.format("%d", item)]
			}
		}
	}

	inner "x" {
		forward_to = [argument.a.value]
	}
}

prometheus.remote_write "w" {
	endpoint {
		url = "http://x"
	}
}
`;

/**
 * Types `insert` at each position after `needle` (one character at a time), checking the model after each;
 * returns how many keystrokes took a local path (the nested statement alone, or the literal alone).
 */
async function typeAt(text: string, needle: string, insert: string, mustBeNested: boolean): Promise<number> {
  const parser = await sharedParser();
  const doc = new ParsedDocument(parser, 'file:///nested.alloy', 0, text);
  let nested = 0;
  try {
    let at = text.indexOf(needle) + needle.length;
    assert.ok(at >= needle.length, `no ${needle}`);
    for (let i = 0; i < insert.length; i++) {
      const pos = doc.lines.positionAt(at);
      doc.applyChanges([{ range: { start: pos, end: pos }, text: insert[i] }], i + 1);
      at++;
      if (doc.model.lastNested || doc.model.lastLiteral) nested++;
      const scratch = new FileModel(doc.tree, doc.text);
      assert.deepEqual(
        doc.model.statements,
        scratch.statements,
        `after typing ${JSON.stringify(insert.slice(0, i + 1))}`,
      );
    }
    // And backspaces.
    for (let i = 0; i < insert.length; i++) {
      const from = doc.lines.positionAt(at - 1);
      const to = doc.lines.positionAt(at);
      doc.applyChanges([{ range: { start: from, end: to }, text: '' }], insert.length + i + 1);
      at--;
      if (doc.model.lastNested || doc.model.lastLiteral) nested++;
      const scratch = new FileModel(doc.tree, doc.text);
      assert.deepEqual(doc.model.statements, scratch.statements, `after backspace ${i + 1}`);
    }
    assert.equal(doc.text, text);
    if (mustBeNested)
      assert.equal(
        nested,
        insert.length * 2,
        'every keystroke re-summarised the nested statement alone, or only read the literal again',
      );
  } finally {
    doc.dispose();
  }
  return nested;
}

describe('nested incremental model', () => {
  test('typing in a string of a component two declares deep re-summarises it alone', async () => {
    await typeAt(NESTED, 'job_name   = "pod', '-canary', true);
  });

  test('typing in a foreach template component, and in a reference', async () => {
    await typeAt(NESTED, 'string.format("%d', 'xyz', true);
    await typeAt(NESTED, 'value = prometheus.scrape.pods', '_two', true);
  });

  test('edits outside nested statements (a declare header, a top-level component) still equal a fresh model', async () => {
    await typeAt(NESTED, 'declare "out', 'er2', false);
    await typeAt(NESTED, 'url = "http://x', 'yz', false);
    await typeAt(NESTED, 'inner "x" {\n', '\t\t// c\n', false);
  });

  test('real modules in declares: typing in each nested component equals a fresh model', async (t) => {
    const corpus = corpusDir();
    if (!corpus) return t.skip('the corpus (../shared/corpus) is not there');
    const dir = path.join(corpus, 'real', 'valid');
    const names = fs
      .readdirSync(dir)
      .filter((n) => n.startsWith('modules__'))
      .sort()
      .slice(0, 6);
    let nested = 0;
    for (const name of names) {
      const text = `declare "wrapper" {\n${fs.readFileSync(path.join(dir, name), 'utf8').replace(/^(?=.)/gm, '\t')}\n}\n`;
      const m = /^\t\s+(role|job_label|comment)\s*=\s*"/m.exec(text);
      if (!m) continue;
      nested += await typeAt(text, m[0], 'ab', false);
    }
    assert.ok(nested > 0, 'no keystroke re-summarised the nested statement alone or only read the literal again');
  });
});

/**
 * Semantic tokens kept per statement (and per statement of `declare` and
 * `foreach` bodies) equal querying each top-level statement whole, on the
 * corpus files that have such bodies, also after edits typed into them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { semanticTokens, tokensOf, type Token } from '../../server/src/features/semanticTokens';
import { ParsedDocument } from '../../server/src/syntax/document';
import { corpusDir, sharedParser } from '../helpers';

const dir = corpusDir() && path.join(corpusDir()!, 'real', 'valid');
const files =
  dir && fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.alloy'))
        .sort()
    : [];

/** The tokens inside statements, from one query over each top-level statement's node. */
function wholeStatements(doc: ParsedDocument): Token[] {
  const out: Token[] = [];
  for (const s of doc.model.statements) {
    const node = doc.tree.rootNode.firstChildForIndex(s.start);
    if (node && node.startIndex === s.start) out.push(...tokensOf(doc.tree, node, doc.text));
  }
  return out;
}

function insideStatements(doc: ParsedDocument, tokens: Token[]): Token[] {
  return tokens.filter((t) => doc.model.statements.some((s) => s.start <= t.start && t.end <= s.end));
}

describe('semantic tokens', { skip: files.length === 0 && 'no ../shared/corpus/real/valid' }, () => {
  test('kept per nested statement, they equal a query of each whole statement, before and after edits', async () => {
    const parser = await sharedParser();
    let checked = 0;
    for (const name of files) {
      const text = fs.readFileSync(path.join(dir!, name), 'utf8');
      if (!/^\s*(declare|foreach)\b/m.test(text)) continue;
      const doc = new ParsedDocument(parser, `file:///${name}`, 1, text);
      try {
        assert.deepEqual(
          insideStatements(doc, semanticTokens(doc.tree, doc.text, doc.model.statements)),
          wholeStatements(doc),
          name,
        );
        // Type into some string literals (each inside one nested statement), last first.
        const offsets = [...text.matchAll(/"[a-z_]+"/g)].map((m) => m.index + 1).filter((_, i) => i % 5 === 0);
        let version = 2;
        for (const offset of offsets.slice(0, 6).reverse()) {
          const at = doc.lines.positionAt(offset);
          doc.applyChanges([{ range: { start: at, end: at }, text: 'x' }], version++);
          const kept = insideStatements(doc, semanticTokens(doc.tree, doc.text, doc.model.statements));
          assert.deepEqual(kept, wholeStatements(doc), `${name} after typing at ${offset}`);
          checked++;
        }
      } finally {
        doc.dispose();
      }
    }
    assert.ok(checked > 100, `${checked} edits checked`);
  });
});

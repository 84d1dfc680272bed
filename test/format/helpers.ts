/** Helpers shared by the formatter tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node, Parser } from 'web-tree-sitter';
import { createParser } from '../../server/src/syntax/parser';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'format');

/** Fixture pairs NAME.in.alloy / NAME.out.alloy. */
export function fixtures(): { name: string; input: string; expected: string }[] {
  return fs
    .readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.in.alloy'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.in.alloy'.length);
      return {
        name,
        input: fs.readFileSync(path.join(fixturesDir, f), 'utf8'),
        expected: fs.readFileSync(path.join(fixturesDir, `${name}.out.alloy`), 'utf8'),
      };
    });
}

const ATOMIC = new Set(['string', 'raw_string', 'label', 'comment']);
const CLOSERS = new Set([']', ')', '}']);

/**
 * The leaf tokens of a text, whitespace excluded, normalized only for the
 * rewrites alloy fmt makes: a comma right before a closing bracket (comments
 * aside) is dropped, other commas are put before the comments that precede
 * them, a raw-string object key is shown double-quoted, an empty block label
 * is dropped and carriage returns in comments are ignored.
 */
export async function leafTokens(text: string): Promise<{ tokens: string[]; hasError: boolean }> {
  const parser = await createParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('no tree');
  const leaves: { type: string; text: string }[] = [];
  const visit = (node: Node) => {
    if (node.childCount === 0 || ATOMIC.has(node.type)) {
      let t = node.type === 'comment' ? node.text.replace(/\r/g, '') : node.text;
      if (node.type === 'label' && t === '""') return;
      if (
        node.type === 'raw_string' &&
        node.parent?.type === 'object_field' &&
        node.parent.firstChild?.id === node.id
      ) {
        t = JSON.stringify(t.slice(1, -1));
      }
      leaves.push({ type: node.type, text: t });
      return;
    }
    for (const c of node.children) if (c) visit(c);
  };
  visit(tree.rootNode);
  const hasError = tree.rootNode.hasError;
  tree.delete();
  parser.delete();
  const tokens: string[] = [];
  const comment: boolean[] = [];
  leaves.forEach((leaf, i) => {
    if (leaf.type === ',') {
      let j = i + 1;
      while (j < leaves.length && leaves[j].type === 'comment') j++;
      if (j < leaves.length && CLOSERS.has(leaves[j].type)) return;
      // A comma goes before the comments that precede it (the printer may move it there).
      let k = tokens.length;
      while (k > 0 && comment[k - 1]) k--;
      tokens.splice(k, 0, leaf.text);
      comment.splice(k, 0, false);
      return;
    }
    tokens.push(leaf.text);
    comment.push(leaf.type === 'comment');
  });
  return { tokens, hasError };
}

/** [start, end) (UTF-16) of every non-empty leaf token of a text, comments and whole strings included. */
export function tokenSpans(parser: Parser, text: string): [number, number][] {
  const tree = parser.parse(text);
  if (!tree) throw new Error('no tree');
  const spans: [number, number][] = [];
  const cursor = tree.walk();
  try {
    for (;;) {
      if (ATOMIC.has(cursor.nodeType) || !cursor.gotoFirstChild()) {
        if (cursor.endIndex > cursor.startIndex) spans.push([cursor.startIndex, cursor.endIndex]);
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) return spans;
        }
      }
    }
  } finally {
    cursor.delete();
    tree.delete();
  }
}

/**
 * Parses the shared Alloy syntax corpus (files classified by Alloy's own
 * parser) with the tree-sitter grammar and compares: every file Alloy accepts
 * must parse without ERROR or MISSING nodes, every file it rejects must have
 * one. Used by test/grammar/corpus.test.ts and test/conformance/grammar-check.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node, Parser } from 'web-tree-sitter';

/** The repository root, from out/test/<area>/ where this file is compiled to. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Where CI (and a developer) keeps the corpus: beside the clone. */
export const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');

export const CORPUS_ABSENT = `Alloy syntax corpus not found at ${path.join('..', 'shared', 'corpus')} (beside the repository); skipping the grammar conformance check`;

export interface CorpusFolder {
  /** e.g. `real/valid`. */
  name: string;
  /** Whether Alloy's parser accepts the files of this folder. */
  valid: boolean;
}

export const FOLDERS: readonly CorpusFolder[] = [
  { name: 'real/valid', valid: true },
  { name: 'real/invalid', valid: false },
  { name: 'parser/valid', valid: true },
  { name: 'parser/invalid', valid: false },
];

export interface FileResult {
  file: string;
  /** Line:column (1-based, UTF-16 column) of the first ERROR or MISSING node, if any. */
  firstError?: string;
}

export interface FolderResult {
  folder: CorpusFolder;
  files: FileResult[];
  /** Files whose outcome disagrees with Alloy's parser. */
  offenders: FileResult[];
}

export function corpusAvailable(): boolean {
  return FOLDERS.every((f) => fs.existsSync(path.join(corpusDir, f.name)));
}

/** The first ERROR or MISSING node in document order, or undefined. */
export function firstErrorNode(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  if (!node.hasError) return undefined;
  for (const child of node.children) {
    if (!child) continue;
    const found = firstErrorNode(child);
    if (found) return found;
  }
  return undefined;
}

/** Parses every `.alloy` file of one folder of the corpus at `root`. */
export function checkFolder(parser: Parser, folder: CorpusFolder, root: string = corpusDir): FolderResult {
  const dir = path.join(root, folder.name);
  const names = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.alloy'))
    .sort();
  const files = names.map((name): FileResult => {
    const tree = parser.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    if (!tree) throw new Error(`tree-sitter returned no tree for ${folder.name}/${name}`);
    const error = firstErrorNode(tree.rootNode);
    const result: FileResult = { file: name };
    if (error) {
      const kind = error.isMissing ? `MISSING ${error.type}` : 'ERROR';
      result.firstError = `${error.startPosition.row + 1}:${error.startPosition.column + 1} ${kind}`;
    }
    tree.delete();
    return result;
  });
  const offenders = files.filter((f) => (f.firstError === undefined) !== folder.valid);
  return { folder, files, offenders };
}

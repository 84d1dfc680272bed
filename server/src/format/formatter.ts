/**
 * Formatting of Alloy files, identical to `alloy fmt`: the printer output
 * plus one final newline. A file with syntax errors is never formatted, and
 * every result is checked against the original (same tokens and comments in
 * the same order, see verify.ts) before it is returned.
 */
import { Language, Node, Parser, Tree } from 'web-tree-sitter';
import { positionIn } from '../positions';
import { parseAlloy } from '../syntax/alloyParser';
import { describeError, describeMissing } from '../syntax/errors';
import { createParser } from '../syntax/parser';
import { FileReader, UnexpectedTree } from './ast';
import { printFile } from './printer';
import { NotRead, SourceReader } from './read';
import { goQuote } from './quote';
import { SourceMap } from './source';
import { aligner } from './tabwriter';
import { firstDifference, firstTextDifference } from './verify';

export type FormatResult =
  | { ok: true; text: string }
  | {
      ok: false;
      message: string;
      /** 0-based line of the problem. */
      line: number;
      /** 0-based UTF-16 column of the problem. */
      character: number;
    };

/** The first ERROR or MISSING node of a tree, in document order. */
export function firstErrorNode(root: Node): Node | undefined {
  if (!root.hasError) return undefined;
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) return node;
      // Descend only into subtrees that contain an error.
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return undefined;
      }
    }
  } finally {
    cursor.delete();
  }
}

function lineAndCharacter(text: string, index: number): { line: number; character: number } {
  return positionIn(text, index);
}

/**
 * The first syntax error of a tree, described as the language server
 * describes it; a raw-string block label gets the wording of Alloy's parser.
 */
export function syntaxError(
  text: string,
  root: Node,
): { message: string; line: number; character: number } | undefined {
  if (!root.hasError) return undefined;
  const node = firstErrorNode(root);
  if (!node) return { message: 'syntax error', line: 0, character: 0 };
  let message: string;
  let index = node.startIndex;
  if (node.isMissing) {
    message = describeMissing(node.type, node.startIndex, text).message;
  } else if (
    node.parent?.type === 'block' &&
    node.nextSibling?.type === 'block_body' &&
    node.firstChild?.type === 'raw_string'
  ) {
    message = `expected block label to be a double quoted string, but got ${goQuote(node.firstChild.text)}`;
  } else {
    const problem = describeError(node, text);
    message = problem.message;
    index = problem.span.start;
  }
  return { message, ...lineAndCharacter(text, index) };
}

const verifiers = new WeakMap<Language, Parser>();

function verifier(language: Language): Parser {
  let parser = verifiers.get(language);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language);
    verifiers.set(language, parser);
  }
  return parser;
}

/**
 * Runs the printer on an error-free tree, one top-level statement at a time;
 * the text is the printer output plus a newline.
 */
function print(text: string, tree: Tree): string {
  const reader = new FileReader(text, tree, new SourceMap(text));
  try {
    const out = aligner();
    printFile(reader, out);
    return out.result() + '\n';
  } finally {
    reader.dispose();
  }
}

/**
 * The printer output of a text Alloy's parser accepts, read with Alloy's scanner (read.ts) instead
 * of a tree; undefined when the text is not read that way (a syntax error, or deep nesting).
 */
function printSource(text: string): string | undefined {
  try {
    const out = aligner();
    printFile(new SourceReader(text), out);
    return out.result() + '\n';
  } catch (err) {
    if (err instanceof NotRead || err instanceof RangeError) return undefined;
    throw err;
  }
}

/** The refusals of the check on a formatted text (`verifyFormatted`, `verifyRead`). */
const WOULD_NOT_PARSE: FormatResult = {
  ok: false,
  message: 'formatter check failed: the formatted text would not parse; the file was left unchanged',
  line: 0,
  character: 0,
};

function wouldMoveText(text: string, index: number): FormatResult {
  return {
    ok: false,
    message: 'formatter check failed: formatting would change or move text here; the file was left unchanged',
    ...lineAndCharacter(text, index),
  };
}

/** `verifyFormatted` for a text Alloy accepts and its formatted text, with Alloy's scanner and parser. */
function verifyRead(text: string, formatted: string): FormatResult | undefined {
  if (parseAlloy(formatted).length > 0) return WOULD_NOT_PARSE;
  const index = firstTextDifference(text, formatted);
  return index < 0 ? undefined : wouldMoveText(text, index);
}

/** A tree of the text, or a function that parses it when it is needed (undefined: it could not be parsed). */
export type TreeOf = Tree | (() => Tree | undefined);

const NOT_PARSED: FormatResult = { ok: false, message: 'the file could not be parsed', line: 0, character: 0 };

/**
 * Formats a text. A text Alloy accepts is read, and the result checked, with Alloy's scanner and no
 * tree; any other text is formatted from its tree, which also describes the syntax error that stops
 * it. Never throws: every failure is returned as a result with a message.
 */
export function formatTree(text: string, tree: TreeOf): FormatResult {
  const treeOf = typeof tree === 'function' ? tree : () => tree;
  try {
    const read = printSource(text);
    if (read !== undefined) {
      if (read === text) return { ok: true, text };
      return verifyRead(text, read) ?? { ok: true, text: read };
    }
    const parsed = treeOf();
    if (!parsed) return NOT_PARSED;
    const error = syntaxError(text, parsed.rootNode);
    if (error) return { ok: false, ...error, message: `cannot format a file with syntax errors: ${error.message}` };

    const formatted = print(text, parsed);
    // The same text has the same tokens: only a change needs the check.
    if (formatted === text) return { ok: true, text };
    const check = verifyFormatted(text, parsed, formatted);
    if (check) return check;
    return { ok: true, text: formatted };
  } catch (err) {
    const reason = err instanceof UnexpectedTree ? err.message : String(err);
    return { ok: false, message: `formatter failed: ${reason}`, line: 0, character: 0 };
  }
}

/**
 * Checks that `formatted` parses and has the same tokens as `tree` (parsed
 * from `text`); returns an error result, or undefined when it is safe.
 */
export function verifyFormatted(text: string, tree: Tree, formatted: string): FormatResult | undefined {
  const after = verifier(tree.language).parse(formatted);
  if (!after)
    return { ok: false, message: 'formatter check failed: output could not be parsed', line: 0, character: 0 };
  try {
    if (after.rootNode.hasError) return WOULD_NOT_PARSE;
    const index = firstDifference(tree.rootNode, text, after.rootNode, formatted);
    return index < 0 ? undefined : wouldMoveText(text, index);
  } finally {
    after.delete();
  }
}

/** Formats a text with `parser` for its tree, which is parsed only when the formatter needs it. */
export function formatWith(parser: Parser, text: string): FormatResult {
  let tree: Tree | undefined;
  try {
    return formatTree(text, () => (tree ??= parser.parse(text) ?? undefined));
  } finally {
    tree?.delete();
  }
}

/** Formats a text, parsing it only when that is needed. */
export async function formatText(text: string): Promise<FormatResult> {
  const parser = await createParser();
  try {
    return formatWith(parser, text);
  } finally {
    parser.delete();
  }
}

/**
 * Edits that only remove and insert whitespace between tokens: a new line
 * after a block, indentation typed or removed, a blank line deleted. Between
 * two error-free trees such an edit changes no statement, only where the
 * spans after it are, so nothing is summarised again (FileModel.updateBlank).
 *
 * What keeps it exact: the edit must not be inside a string or a comment
 * (whose text the whitespace would be part of), must not break a line
 * comment with a line break (its rest becomes code) or put a line break
 * where Alloy ends a statement early (after a block's or an attribute's
 * name), and must not put two word characters together or apart (an
 * identifier or number split or joined, or the dot of a dotted name).
 * Whether top-level statements still end at line breaks is not a question
 * for the summaries: the syntax pass (syntax/alloySyntax.ts) reads the text.
 */
import type { Tree } from 'web-tree-sitter';

const BLANK = /^[ \t\r\n]*$/;

/** Whether a text is whitespace only (spaces, tabs, line breaks; empty counts). */
export function isBlank(text: string): boolean {
  return BLANK.test(text);
}

/** Characters of identifiers, numbers and dotted names. */
const WORDISH = /[\p{L}\p{Nd}_.]/u;

/** Nodes whose own text a whitespace edit inside them changes. */
const HOLDS_TEXT = new Set(['string', 'string_content', 'escape_sequence', 'raw_string', 'comment']);

/** Nodes with a place where a line break ends the statement early. */
const HEADERS = new Set(['block', 'attribute', 'object_field']);

/**
 * Whether a whitespace-only edit [start, oldEnd) -> [start, newEnd) of the old text, now `text`
 * parsed into `tree`, lies between tokens: outside strings and comments and without joining or
 * splitting a word.
 */
export function isBetweenTokens(tree: Tree, text: string, edit: { start: number; newEnd: number }): boolean {
  const before = text.charAt(edit.start - 1);
  const after = text.charAt(edit.newEnd);
  if (before !== '' && after !== '' && WORDISH.test(before) && WORDISH.test(after)) return false;
  // A line break typed into a line comment ends it there: what followed on the line is code now. (The
  // new tree cannot tell; an old comment that would have held the edit is gone.) Any `//` before the
  // edit on its line counts, also one in a string.
  const breaks = /[\r\n]/.test(text.slice(edit.start, edit.newEnd));
  if (breaks) {
    const lineStart = Math.max(text.lastIndexOf('\n', edit.start - 1), text.lastIndexOf('\r', edit.start - 1)) + 1;
    if (text.slice(lineStart, edit.start).includes('//')) return false;
  }
  const node = tree.rootNode.descendantForIndex(edit.start, edit.newEnd);
  if (!node) return false;
  if (HOLDS_TEXT.has(node.type) || (node.parent && HOLDS_TEXT.has(node.parent.type))) return false;
  // A token that strictly contains the edit (whitespace can be part of no other token).
  if (node.childCount === 0 && node.startIndex < edit.start && edit.newEnd < node.endIndex) return false;
  // Alloy ends a statement at a line break after a block's name or label, or after an attribute's or an
  // object field's name: model/extract.ts reports one there. The smallest node around such a place is
  // the block, attribute or field itself (in a block's body it is the body).
  if (breaks && HEADERS.has(node.type)) return false;
  return true;
}

/**
 * Semantic tokens from the grammar's semantic.scm query. Tokens are computed
 * per top-level statement and cached with its summary (which survives edits
 * elsewhere in the file), offsets relative to the statement, so after a
 * keystroke only the edited statement is queried again. Comments between
 * statements (where nothing else can stand) are found in the text.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { BlockInfo, StatementSummary } from '../model/types';
import { deprecatedFunction } from '../analysis/facts';
import { getStdlibFunction } from '../knowledge';
import { query } from '../syntax/queries';

/** Token types, in legend order (the LSP standard names, so that every theme colours them). */
export const TOKEN_TYPES = [
  'class',
  'struct',
  'label',
  'property',
  'namespace',
  'function',
  'variable',
  'string',
  'number',
  'keyword',
  'comment',
  'operator',
] as const;
export const TOKEN_MODIFIERS = ['defaultLibrary', 'readonly', 'deprecated'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];

/** One token: [start, end) and its legend indexes. */
export interface Token {
  start: number;
  end: number;
  type: number;
  modifiers: number;
}

const TYPE_INDEX = new Map<string, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const MODIFIER_BIT = new Map<string, number>(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

/** `function.defaultLibrary` -> indexes; undefined for a capture that is not a token type. */
function decode(capture: string): { type: number; modifiers: number } | undefined {
  const [type, ...mods] = capture.split('.');
  const t = TYPE_INDEX.get(type);
  if (t === undefined) return undefined;
  let modifiers = 0;
  for (const m of mods) modifiers |= MODIFIER_BIT.get(m) ?? 0;
  return { type: t, modifiers };
}

const decoded = new Map<string, ReturnType<typeof decode>>();
const FUNCTION = TYPE_INDEX.get('function')!;
const NAMESPACE = TYPE_INDEX.get('namespace')!;
const DEFAULT_LIBRARY = MODIFIER_BIT.get('defaultLibrary')!;
const DEPRECATED = MODIFIER_BIT.get('deprecated')!;

/** The tokens of one top-level node of the tree, absolute offsets, in order, without overlaps. */
export function tokensOf(tree: Tree, root: Node, text: string, start?: number, end?: number): Token[] {
  const best = new Map<string, { pattern: number; token: Token }>();
  const q = query(tree.language, 'semantic');
  // Querying the statement's own node walks only its subtree. A query's index range is in bytes of
  // the UTF-16 text web-tree-sitter parses (two per code unit), unlike Node.startIndex.
  const range = start !== undefined && end !== undefined ? { startIndex: start * 2, endIndex: end * 2 } : undefined;
  for (const { name, node, patternIndex } of q.captures(root, range)) {
    if (node.endIndex <= node.startIndex) continue;
    if (start !== undefined && end !== undefined && (node.startIndex < start || node.endIndex > end)) continue;
    let d = decoded.get(name);
    if (!decoded.has(name)) decoded.set(name, (d = decode(name)));
    if (!d) continue;
    const key = `${node.startIndex}:${node.endIndex}`;
    const current = best.get(key);
    if (current && current.pattern <= patternIndex) continue;
    best.set(key, {
      pattern: patternIndex,
      token: { start: node.startIndex, end: node.endIndex, type: d.type, modifiers: d.modifiers },
    });
  }
  const tokens = [...best.values()].map((b) => b.token).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = out[out.length - 1];
    if (prev && t.start < prev.end) continue; // nested captures: the outer one is kept
    if (t.modifiers & DEFAULT_LIBRARY && (t.type === FUNCTION || t.type === NAMESPACE)) {
      // Only what the standard library has is the standard library; a deprecated function says so.
      if (t.type === FUNCTION) {
        const fn = functionName(text, t, out[out.length - 1]);
        if (!getStdlibFunction(fn)) t.modifiers &= ~DEFAULT_LIBRARY;
        else if (deprecatedFunction(fn)) t.modifiers |= DEPRECATED;
      }
    }
    out.push(t);
  }
  return out;
}

/** The dotted name of the function a token names: `sys.env` for `env` after a namespace token. */
function functionName(text: string, t: Token, prev: Token | undefined): string {
  const own = text.slice(t.start, t.end);
  if (prev && prev.type === NAMESPACE && /^\s*\.\s*$/.test(text.slice(prev.end, t.start))) {
    return `${text.slice(prev.start, prev.end)}.${own}`;
  }
  return own;
}

const perStatement = new WeakMap<StatementSummary, Token[]>();
/** Tokens of the statements inside `declare` and `foreach` bodies, relative to the block's start. */
const perNested = new WeakMap<BlockInfo, { length: number; tokens: Token[] }>();

/** Blocks whose body holds statements: `declare`, `foreach` and its `template`. */
function holdsStatements(block: BlockInfo): boolean {
  return block.name === 'declare' || block.name === 'foreach' || block.name === 'template';
}

/** The tokens of [start, end) of a node's subtree (the parts of a body between its statements). */
function tokensBetween(tree: Tree, node: Node, text: string, start: number, end: number): Token[] {
  // Most gaps between a body's statements are blank lines and closing braces: nothing to query.
  if (end <= start || /^[\s}]*$/.test(text.slice(start, end))) return [];
  return tokensOf(tree, node, text, start, end);
}

/**
 * The tokens of a top-level statement. Inside `declare` and `foreach` bodies each statement's tokens
 * are kept with its summary, which survives an edit in another statement of the body (the model
 * re-summarises only the edited one), so only that one is queried again. Absolute offsets.
 */
function statementTokens(tree: Tree, node: Node, text: string, s: StatementSummary): Token[] {
  if (!s.block || !holdsStatements(s.block)) return tokensOf(tree, node, text);
  const out: Token[] = [];
  // Iteratively over nested bodies: [block, its node, its absolute start].
  const walk = (block: BlockInfo, blockNode: Node, start: number, end: number, depth: number): void => {
    let at = start;
    for (const child of block.blocks) {
      const childStart = s.start + child.span.start;
      const childEnd = s.start + child.span.end;
      out.push(...tokensBetween(tree, node, text, at, childStart));
      const childNode = blockNode.descendantForIndex(childStart, childEnd);
      if (
        !childNode ||
        childNode.type !== 'block' ||
        childNode.startIndex !== childStart ||
        childNode.endIndex !== childEnd
      ) {
        out.push(...tokensBetween(tree, node, text, childStart, childEnd));
      } else if (holdsStatements(child) && depth < 64) {
        walk(child, childNode, childStart, childEnd, depth + 1);
      } else {
        // Kept with the block's summary; its length guards against a summary changed in place.
        let cached = perNested.get(child);
        if (!cached || cached.length !== childEnd - childStart) {
          const tokens = tokensOf(tree, childNode, text).map((t) => ({
            ...t,
            start: t.start - childStart,
            end: t.end - childStart,
          }));
          cached = { length: childEnd - childStart, tokens };
          perNested.set(child, cached);
        }
        for (const t of cached.tokens)
          out.push({ start: t.start + childStart, end: t.end + childStart, type: t.type, modifiers: t.modifiers });
      }
      at = childEnd;
    }
    out.push(...tokensBetween(tree, node, text, at, end));
  };
  walk(s.block, node, s.start, s.end, 0);
  return out;
}
const COMMENT = TYPE_INDEX.get('comment')!;
const COMMENTS = /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g;

/**
 * The tokens of a file: per statement from the cache (relative to the statement) or the query over
 * the statement's node, and the comments between statements (only whitespace and comments lie
 * there). Absolute offsets, in order.
 */
export function semanticTokens(
  tree: Tree,
  text: string,
  statements: readonly StatementSummary[],
  from = 0,
  to = text.length,
): Token[] {
  const out: Token[] = [];
  let at = from;
  const gap = (start: number, end: number) => {
    if (end <= start) return;
    const between = text.slice(start, end);
    if (!between.includes('/')) return;
    COMMENTS.lastIndex = 0;
    for (let m = COMMENTS.exec(between); m; m = COMMENTS.exec(between)) {
      out.push({ start: start + m.index, end: start + m.index + m[0].length, type: COMMENT, modifiers: 0 });
    }
  };
  for (const s of statements) {
    gap(at, s.start);
    let relative = perStatement.get(s);
    if (!relative) {
      const node = tree.rootNode.firstChildForIndex(s.start);
      const tokens = node && node.startIndex === s.start ? statementTokens(tree, node, text, s) : [];
      relative = tokens.map((t) => ({ ...t, start: t.start - s.start, end: t.end - s.start }));
      perStatement.set(s, relative);
    }
    const base = s.start;
    for (const t of relative)
      out.push({ start: t.start + base, end: t.end + base, type: t.type, modifiers: t.modifiers });
    at = s.end;
  }
  gap(at, to);
  return out;
}

/** The tokens that overlap [start, end). */
export function semanticTokensInRange(
  tree: Tree,
  text: string,
  statements: readonly StatementSummary[],
  start: number,
  end: number,
): Token[] {
  const inside = statements.filter((s) => s.end >= start && s.start <= end);
  const from = Math.min(start, inside[0]?.start ?? start);
  const to = Math.max(end, inside[inside.length - 1]?.end ?? end);
  return semanticTokens(tree, text, inside, from, to).filter((t) => t.end > start && t.start < end);
}

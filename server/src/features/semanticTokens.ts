/**
 * Semantic tokens from the grammar's semantic.scm query. Tokens are computed
 * per top-level statement and cached with its summary (which survives edits
 * elsewhere in the file), offsets relative to the statement, so after a
 * keystroke only the edited statement is queried again. Comments between
 * statements are found by the same query, over just the text between them.
 */
import type { Tree } from 'web-tree-sitter';
import type { StatementSummary } from '../model/types';
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

/** The tokens of [start, end) of the tree, absolute offsets, in order, without overlaps. */
function tokensIn(tree: Tree, text: string, start: number, end: number): Token[] {
  const best = new Map<string, { pattern: number; token: Token }>();
  const q = query(tree.language, 'semantic');
  // A query's index range is in bytes of the UTF-16 text web-tree-sitter parses (two per code unit),
  // unlike Node.startIndex.
  for (const { name, node, patternIndex } of q.captures(tree.rootNode, { startIndex: start * 2, endIndex: end * 2 })) {
    if (node.startIndex < start || node.endIndex > end || node.endIndex <= node.startIndex) continue;
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

/**
 * The tokens of a file: per statement from the cache (relative to the statement) or the query,
 * and the comments between statements. Absolute offsets, in order.
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
  const gap = (from: number, to: number) => {
    // Only comments (and whitespace) lie between statements: query the gap when it has any.
    if (to > from && /\/[/*]/.test(text.slice(from, to))) out.push(...tokensIn(tree, text, from, to));
  };
  for (const s of statements) {
    gap(at, s.start);
    let relative = perStatement.get(s);
    if (!relative) {
      relative = tokensIn(tree, text, s.start, s.end).map((t) => ({
        ...t,
        start: t.start - s.start,
        end: t.end - s.start,
      }));
      perStatement.set(s, relative);
    }
    for (const t of relative)
      out.push({ start: t.start + s.start, end: t.end + s.start, type: t.type, modifiers: t.modifiers });
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

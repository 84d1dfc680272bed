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

/**
 * Tokens by text, relative to its start, for what re-summarising gives a new summary although its
 * text did not change (the statement next to an edit, the statements of a body after an edit in
 * another). A statement or a nested block of a body is queried alone, so its tokens depend on its text
 * only (when it parsed without errors); the parts of a body between its statements also depend on
 * the blocks around them, which the key names. Dropped whole when it grows too large.
 */
const byText = new Map<string, Token[]>();
const BY_TEXT_LIMIT = 8192;

function remembered(key: string, compute: () => Token[]): Token[] {
  let tokens = byText.get(key);
  if (!tokens) {
    tokens = compute();
    if (byText.size >= BY_TEXT_LIMIT) byText.clear();
    byText.set(key, tokens);
  }
  return tokens;
}

const relativeTo = (tokens: readonly Token[], base: number): Token[] =>
  tokens.map((t) => ({ start: t.start - base, end: t.end - base, type: t.type, modifiers: t.modifiers }));

function pushShifted(out: Token[], tokens: readonly Token[], base: number): void {
  for (const t of tokens) out.push({ start: t.start + base, end: t.end + base, type: t.type, modifiers: t.modifiers });
}

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
function statementTokens(tree: Tree, node: Node, text: string, s: StatementSummary, clean: boolean): Token[] {
  if (!s.block || !holdsStatements(s.block)) return tokensOf(tree, node, text);
  const out: Token[] = [];
  const between = (start: number, end: number, context: string) => {
    if (end <= start) return;
    if (!clean) {
      out.push(...tokensBetween(tree, node, text, start, end));
      return;
    }
    const gap = text.slice(start, end);
    if (/^[\s}]*$/.test(gap)) return;
    const tokens = remembered(`${context}|${gap}`, () =>
      relativeTo(tokensBetween(tree, node, text, start, end), start),
    );
    pushShifted(out, tokens, start);
  };
  // Recursively over nested bodies (bounded depth): [block, its node, its absolute span, the names of the blocks around].
  const walk = (
    block: BlockInfo,
    blockNode: () => Node,
    start: number,
    end: number,
    depth: number,
    context: string,
  ) => {
    let at = start;
    for (const child of block.blocks) {
      const childStart = s.start + child.span.start;
      const childEnd = s.start + child.span.end;
      between(at, childStart, context);
      let found: Node | null | undefined;
      const childNode = () => {
        if (found === undefined) {
          const n = blockNode().descendantForIndex(childStart, childEnd);
          found = n && n.type === 'block' && n.startIndex === childStart && n.endIndex === childEnd ? n : null;
        }
        return found;
      };
      if (holdsStatements(child) && depth < 64 && (clean || childNode())) {
        walk(child, () => childNode()!, childStart, childEnd, depth + 1, `${context}>${child.name}`);
      } else {
        // Kept with the block's summary; its length guards against a summary changed in place.
        let cached = perNested.get(child);
        if (!cached || cached.length !== childEnd - childStart) {
          const query = () => {
            const n = childNode();
            return n
              ? relativeTo(tokensOf(tree, n, text), childStart)
              : relativeTo(tokensBetween(tree, node, text, childStart, childEnd), childStart);
          };
          const tokens = clean ? remembered(text.slice(childStart, childEnd), query) : query();
          cached = { length: childEnd - childStart, tokens };
          perNested.set(child, cached);
        }
        pushShifted(out, cached.tokens, childStart);
      }
      at = childEnd;
    }
    between(at, end, context);
  };
  walk(s.block, () => node, s.start, s.end, 0, s.block.name);
  return out;
}

/** The tokens of a top-level statement, relative to its start: kept with its summary, and by its text. */
function relativeStatementTokens(tree: Tree, text: string, s: StatementSummary): Token[] {
  let relative = perStatement.get(s);
  if (relative) return relative;
  const clean = s.kind !== 'error' && s.syntax.length === 0;
  const query = () => {
    const node = tree.rootNode.firstChildForIndex(s.start);
    const tokens = node && node.startIndex === s.start ? statementTokens(tree, node, text, s, clean) : [];
    return relativeTo(tokens, s.start);
  };
  relative = clean ? remembered(text.slice(s.start, s.end), query) : query();
  perStatement.set(s, relative);
  return relative;
}

const COMMENT = TYPE_INDEX.get('comment')!;
const COMMENTS = /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g;
/** The comments of the text between statements, by that text, relative to its start. */
const gaps = new Map<string, Token[]>();

function gapTokens(between: string): Token[] {
  let tokens = gaps.get(between);
  if (!tokens) {
    tokens = [];
    COMMENTS.lastIndex = 0;
    for (let m = COMMENTS.exec(between); m; m = COMMENTS.exec(between)) {
      tokens.push({ start: m.index, end: m.index + m[0].length, type: COMMENT, modifiers: 0 });
    }
    if (gaps.size >= BY_TEXT_LIMIT) gaps.clear();
    gaps.set(between, tokens);
  }
  return tokens;
}

/**
 * A run of tokens of a file: a top-level statement's, or the comments between two statements.
 * `tokens` are relative to `start`; the same array stands for the same tokens after edits
 * elsewhere (what the protocol layer keeps its encoding with).
 */
export interface TokenUnit {
  start: number;
  tokens: readonly Token[];
}

/**
 * The tokens of a file in runs: per statement from the cache (relative to the statement) or the query
 * over the statement's node, and the comments between statements (only whitespace and comments lie
 * there). In order; runs without tokens are left out.
 */
export function tokenUnits(
  tree: Tree,
  text: string,
  statements: readonly StatementSummary[],
  from = 0,
  to = text.length,
): TokenUnit[] {
  const out: TokenUnit[] = [];
  const gap = (start: number, end: number) => {
    // Only a comment makes a token there: look for its slash before taking the text out.
    let slash = start;
    while (slash < end && text.charCodeAt(slash) !== 0x2f) slash++;
    if (slash >= end) return;
    const tokens = gapTokens(text.slice(start, end));
    if (tokens.length > 0) out.push({ start, tokens });
  };
  let at = from;
  for (const s of statements) {
    gap(at, s.start);
    const tokens = relativeStatementTokens(tree, text, s);
    if (tokens.length > 0) out.push({ start: s.start, tokens });
    at = s.end;
  }
  gap(at, to);
  return out;
}

/** The tokens of a file (see {@link tokenUnits}), absolute offsets, in order. */
export function semanticTokens(
  tree: Tree,
  text: string,
  statements: readonly StatementSummary[],
  from = 0,
  to = text.length,
): Token[] {
  const out: Token[] = [];
  for (const unit of tokenUnits(tree, text, statements, from, to)) pushShifted(out, unit.tokens, unit.start);
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

/**
 * Protocol handlers for semantic tokens (full, range and delta). The tokens
 * come from features/semanticTokens.ts in offsets; here they are encoded the
 * LSP way (relative lines and characters, one token per line).
 */
import type { SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver/node';
import {
  TOKEN_MODIFIERS,
  TOKEN_TYPES,
  semanticTokensInRange,
  tokenUnits,
  type Token,
  type TokenUnit,
} from '../features/semanticTokens';
import type { LineIndex } from '../positions';
import type { ServerState } from './state';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

/** LSP's encoding: per token [deltaLine, deltaStart, length, type, modifiers]; tokens spanning lines are split. */
export function encode(tokens: readonly Token[], lines: LineIndex): number[] {
  return encodeFrom(tokens, lines, 0, 0, 0).data;
}

/**
 * The encoding of tokens that lie at or after `line`, as if the token before them were at (`line`,
 * `char`).
 */
function encodeFrom(tokens: readonly Token[], lines: LineIndex, first: number, prevLine: number, prevChar: number) {
  const data: number[] = [];
  let line = first;
  let lineStart = lines.lineStart(line);
  let nextStart = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : Infinity;
  const advance = (offset: number) => {
    while (offset >= nextStart) {
      line++;
      lineStart = nextStart;
      nextStart = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : Infinity;
    }
  };
  const push = (start: number, end: number, t: Token) => {
    const char = start - lineStart;
    data.push(line - prevLine, line === prevLine ? char - prevChar : char, end - start, t.type, t.modifiers);
    prevLine = line;
    prevChar = char;
  };
  for (const t of tokens) {
    advance(t.start);
    let start = t.start;
    // A token across lines (block comment, multi-line string): one per line, without the line breaks.
    while (t.end > nextStart) {
      const end = lines.lineEnd(line);
      if (end > start) push(start, end, t);
      advance(nextStart);
      start = lineStart;
    }
    if (t.end > start) push(start, t.end, t);
  }
  return { data, lastLine: prevLine, lastChar: prevChar };
}

/** The edit that turns `old` into `data`: the differing middle, after the common prefix and suffix. */
export function delta(old: readonly number[], data: readonly number[]): SemanticTokensDelta['edits'] {
  let prefix = 0;
  const max = Math.min(old.length, data.length);
  while (prefix < max && old[prefix] === data[prefix]) prefix++;
  if (prefix === old.length && prefix === data.length) return [];
  let suffix = 0;
  while (suffix < max - prefix && old[old.length - 1 - suffix] === data[data.length - 1 - suffix]) suffix++;
  return [{ start: prefix, deleteCount: old.length - prefix - suffix, data: data.slice(prefix, data.length - suffix) }];
}

/**
 * The encoding of a run of tokens (a statement's), relative to where the run starts: its first token's
 * line is relative to the run's first line and, on that line, its character too. The rest does not
 * depend on where the run is, so it is kept with the run's tokens (which survive edits elsewhere).
 */
export interface Chunk {
  data: number[];
  /** The last token's line, relative to the run's first line, and its character (relative on that line). */
  lastLine: number;
  lastChar: number;
}

const chunks = new WeakMap<readonly Token[], Chunk>();

function chunkOf(unit: TokenUnit, line: number, char: number, lines: LineIndex): Chunk {
  let chunk = chunks.get(unit.tokens);
  if (!chunk) {
    const absolute = unit.tokens.map((t) => ({ ...t, start: t.start + unit.start, end: t.end + unit.start }));
    const e = encodeFrom(absolute, lines, line, line, char);
    chunk = {
      data: e.data,
      lastLine: e.lastLine - line,
      lastChar: e.lastLine === line ? e.lastChar - char : e.lastChar,
    };
    chunks.set(unit.tokens, chunk);
  }
  return chunk;
}

/** A run placed in a file: its chunk, and its first token's deltaLine and deltaStart there. */
export interface Placed {
  chunk: Chunk;
  deltaLine: number;
  deltaStart: number;
}

/** The runs of a document's tokens, placed one after the other; their data is the LSP encoding. */
export function place(units: readonly TokenUnit[], lines: LineIndex): Placed[] {
  const out: Placed[] = [];
  let prevLine = 0;
  let prevChar = 0;
  // The runs are in order: their lines are found walking forward (a run never starts inside a line break).
  let line = 0;
  const count = lines.lineCount;
  for (const unit of units) {
    while (line + 1 < count && lines.lineStart(line + 1) <= unit.start) line++;
    const character = unit.start - lines.lineStart(line);
    const chunk = chunkOf(unit, line, character, lines);
    if (chunk.data.length === 0) continue;
    const firstLine = line + chunk.data[0];
    const firstChar = chunk.data[0] === 0 ? character + chunk.data[1] : chunk.data[1];
    const deltaLine = firstLine - prevLine;
    out.push({ chunk, deltaLine, deltaStart: deltaLine === 0 ? firstChar - prevChar : firstChar });
    prevLine = line + chunk.lastLine;
    prevChar = chunk.lastLine === 0 ? character + chunk.lastChar : chunk.lastChar;
  }
  return out;
}

function pushData(out: number[], p: Placed): void {
  const data = p.chunk.data;
  out.push(p.deltaLine, p.deltaStart);
  for (let i = 2; i < data.length; i++) out.push(data[i]);
}

export function dataOf(placed: readonly Placed[], from = 0, to = placed.length): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) pushData(out, placed[i]);
  return out;
}

const same = (a: Placed, b: Placed) =>
  a.chunk === b.chunk && a.deltaLine === b.deltaLine && a.deltaStart === b.deltaStart;

/**
 * The edits that turn the encoding of `old` into that of `next`: the runs both keep at either end are
 * skipped whole, the differing middle is compared number by number.
 */
export function placedDelta(old: readonly Placed[], next: readonly Placed[]): SemanticTokensDelta['edits'] {
  let prefix = 0;
  let offset = 0;
  const max = Math.min(old.length, next.length);
  while (prefix < max && same(old[prefix], next[prefix])) offset += old[prefix++].chunk.data.length;
  let suffix = 0;
  while (suffix < max - prefix && same(old[old.length - 1 - suffix], next[next.length - 1 - suffix])) suffix++;
  const edits = delta(dataOf(old, prefix, old.length - suffix), dataOf(next, prefix, next.length - suffix));
  for (const e of edits) e.start += offset;
  return edits;
}

export function registerSemanticTokens(state: ServerState): void {
  const { connection, workspace } = state;
  /** The last result per document, for deltas. */
  const last = new Map<string, { resultId: string; placed: Placed[] }>();
  let ids = 0;

  function current(uri: string): { resultId: string; placed: Placed[] } | undefined {
    const doc = workspace.open.get(uri);
    if (!doc) return undefined;
    const placed = place(tokenUnits(doc.tree, doc.text, doc.model.statements), doc.lines);
    const result = { resultId: String(++ids), placed };
    last.set(uri, result);
    // Closed documents' results are dropped now and then (the close handler belongs to server.ts).
    if (last.size > workspace.open.size + 16) for (const u of last.keys()) if (!workspace.open.has(u)) last.delete(u);
    return result;
  }

  connection.languages.semanticTokens.on(({ textDocument }) => {
    const next = current(textDocument.uri);
    return next ? { resultId: next.resultId, data: dataOf(next.placed) } : { data: [] };
  });

  connection.languages.semanticTokens.onDelta(({ textDocument, previousResultId }) => {
    const previous = last.get(textDocument.uri);
    const next = current(textDocument.uri);
    if (!next) return { data: [] };
    if (!previous || previous.resultId !== previousResultId)
      return { resultId: next.resultId, data: dataOf(next.placed) };
    return { resultId: next.resultId, edits: placedDelta(previous.placed, next.placed) };
  });

  connection.languages.semanticTokens.onRange(({ textDocument, range }) => {
    const doc = workspace.open.get(textDocument.uri);
    if (!doc) return { data: [] };
    const span = doc.lines.spanOf(range);
    return {
      data: encode(semanticTokensInRange(doc.tree, doc.text, doc.model.statements, span.start, span.end), doc.lines),
    };
  });
}

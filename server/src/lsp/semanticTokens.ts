/**
 * Protocol handlers for semantic tokens (full, range and delta). The tokens
 * come from features/semanticTokens.ts in offsets; here they are encoded the
 * LSP way (relative lines and characters, one token per line).
 */
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver/node';
import {
  TOKEN_MODIFIERS,
  TOKEN_TYPES,
  semanticTokens,
  semanticTokensInRange,
  type Token,
} from '../features/semanticTokens';
import type { LineIndex } from '../positions';
import type { ServerState } from './state';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

/** LSP's encoding: per token [deltaLine, deltaStart, length, type, modifiers]; tokens spanning lines are split. */
export function encode(tokens: readonly Token[], lines: LineIndex): number[] {
  const data: number[] = [];
  let line = 0;
  let lineStart = 0;
  let nextStart = lines.lineCount > 1 ? lines.lineStart(1) : Infinity;
  let prevLine = 0;
  let prevChar = 0;
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
  return data;
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

export function registerSemanticTokens(state: ServerState): void {
  const { connection, workspace } = state;
  /** The last full result per document, for deltas. */
  const last = new Map<string, { resultId: string; data: number[] }>();
  let ids = 0;

  function full(uri: string): SemanticTokens {
    const doc = workspace.open.get(uri);
    if (!doc) return { data: [] };
    const data = encode(semanticTokens(doc.tree, doc.text, doc.model.statements), doc.lines);
    const resultId = String(++ids);
    last.set(uri, { resultId, data });
    // Closed documents' results are dropped now and then (the close handler belongs to server.ts).
    if (last.size > workspace.open.size + 16) for (const u of last.keys()) if (!workspace.open.has(u)) last.delete(u);
    return { resultId, data };
  }

  connection.languages.semanticTokens.on(({ textDocument }) => full(textDocument.uri));

  connection.languages.semanticTokens.onDelta(({ textDocument, previousResultId }) => {
    const previous = last.get(textDocument.uri);
    const next = full(textDocument.uri);
    if (!previous || previous.resultId !== previousResultId) return next;
    return { resultId: next.resultId, edits: delta(previous.data, next.data) };
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

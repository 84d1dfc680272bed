/**
 * Document and range formatting: the buffer as `alloy fmt` would print it, as
 * minimal edits in the buffer's own line ending (see format/eol.ts).
 */
import { MessageType, type Range, type TextEdit } from 'vscode-languageserver/node';
import type { Tree } from 'web-tree-sitter';
import {
  formatEdits as offsetFormatEdits,
  formatRangeEdits as offsetRangeEdits,
  type OffsetEdit,
} from '../format/edits';
import { lineEndingOf, withLineEnding } from '../format/eol';
import { FormatResult, formatTree } from '../format/formatter';
import { LineIndex } from '../positions';
import type { ParsedDocument } from '../syntax/document';
import type { ServerState } from './state';

function toTextEdits(lines: LineIndex, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: lines.rangeOf(e), newText: e.text }));
}

/** Minimal LSP edits that turn `original` into `formatted` (in the original's line ending). */
export function formatEdits(original: string, formatted: string, lines = new LineIndex(original)): TextEdit[] {
  return toTextEdits(lines, offsetFormatEdits(original, formatted));
}

/** LSP edits formatting the top-level statements `range` touches (see format/edits.ts). */
export function formatRangeEdits(
  text: string,
  tree: Tree,
  range: Range,
  result?: FormatResult,
  lines = new LineIndex(text),
): TextEdit[] {
  return toTextEdits(lines, offsetRangeEdits(text, tree, lines.spanOf(range), result));
}

export function registerFormatting(state: ServerState): void {
  const { connection, workspace } = state;

  /** Nothing is changed; say why instead of silently doing nothing. */
  function explain(result: Extract<FormatResult, { ok: false }>): void {
    void connection.sendNotification('window/showMessage', {
      type: MessageType.Warning,
      message: `Alloy: the document was not formatted: ${result.message} (line ${result.line + 1}, column ${result.character + 1})`,
    });
  }

  /**
   * The last result per document: reused while the text has not changed, and the text that applying
   * its edits gives (in the document's line ending). When the document is that text (it was just
   * formatted), one string comparison says it is formatted, without formatting it again.
   */
  const last = new WeakMap<ParsedDocument, { generation: number; result: FormatResult; applied?: string }>();

  function formatCached(doc: ParsedDocument): FormatResult {
    const text = doc.text;
    const known = last.get(doc);
    if (known && (known.generation === doc.generation || known.applied === text)) {
      known.generation = doc.generation;
      return known.result;
    }
    const result = formatTree(text, () => doc.tree);
    const applied = result.ok
      ? result.text === text
        ? text
        : withLineEnding(result.text, lineEndingOf(text))
      : undefined;
    last.set(doc, { generation: doc.generation, result, applied });
    return result;
  }

  /** The open document and its formatted text, or undefined (and the user is told why) when there is none. */
  function format(uri: string) {
    const doc = workspace.open.get(uri);
    if (!doc) return undefined;
    const result = formatCached(doc);
    if (result.ok) return { doc, result };
    explain(result);
    return undefined;
  }

  connection.onDocumentFormatting(({ textDocument }) => {
    const formatted = format(textDocument.uri);
    return formatted ? formatEdits(formatted.doc.text, formatted.result.text, formatted.doc.lines) : [];
  });

  connection.onDocumentRangeFormatting(({ textDocument, range }) => {
    const formatted = format(textDocument.uri);
    if (!formatted) return [];
    const { doc, result } = formatted;
    return formatRangeEdits(doc.text, doc.tree, range, result, doc.lines);
  });
}

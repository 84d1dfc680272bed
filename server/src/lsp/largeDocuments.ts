/**
 * Open documents larger than `alloy.maxFileSize`: they are kept as plain text (no tree, no
 * analysis) and get one diagnostic that says why, until an edit or a larger limit brings them
 * under it.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { MEGABYTE, megabytes } from '../analysis/files';

export class LargeDocuments {
  private readonly docs = new Map<string, TextDocument>();
  /** UTF-8 size of each open document that is analysed, kept up to date from the changes. */
  private readonly sizes = new Map<string, number>();

  /** Records the size of a document that is analysed. */
  track(uri: string, text: string): void {
    this.sizes.set(uri, Buffer.byteLength(text, 'utf8'));
  }

  untrack(uri: string): void {
    this.sizes.delete(uri);
  }

  /**
   * The size of a document after one change replaced `removed` by `inserted` (no copy of the whole
   * text), and records it; undefined when the size is not known.
   */
  sizeAfter(uri: string, removed: string, inserted: string): number | undefined {
    const size = this.sizes.get(uri);
    if (size === undefined) return undefined;
    const next = size - Buffer.byteLength(removed, 'utf8') + Buffer.byteLength(inserted, 'utf8');
    this.sizes.set(uri, next);
    return next;
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }

  /** Whether a size in bytes is over the limit (in megabytes). */
  static overBytes(bytes: number, limitMb: number): boolean {
    return bytes > limitMb * MEGABYTE;
  }

  /** Whether a text is over the limit (in megabytes). */
  static over(text: string, limitMb: number): boolean {
    const limit = limitMb * MEGABYTE;
    // A UTF-16 code unit takes 1 to 3 UTF-8 bytes: count the bytes only when that cannot decide.
    if (text.length > limit) return true;
    if (text.length * 3 <= limit) return false;
    return Buffer.byteLength(text, 'utf8') > limit;
  }

  add(uri: string, version: number, text: string): void {
    this.docs.set(uri, TextDocument.create(uri, 'grafana-alloy', version, text));
  }

  /** Applies changes; returns the document's new text. */
  change(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number): TextDocument | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    const next = TextDocument.update(doc, [...changes], version);
    this.docs.set(uri, next);
    return next;
  }

  delete(uri: string): void {
    this.docs.delete(uri);
  }

  /** The one diagnostic of a document over the limit. */
  static diagnostic(doc: TextDocument, limitMb: number): Diagnostic {
    const size = Buffer.byteLength(doc.getText(), 'utf8');
    return {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      source: 'alloy-analyzer',
      message:
        `This file is not analysed: it is ${megabytes(size)}, larger than the limit of ${megabytes(limitMb * MEGABYTE)} ` +
        '(setting alloy.maxFileSize).',
    };
  }
}

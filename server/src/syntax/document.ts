/**
 * A parsed document: its text, its tree-sitter tree and its file model, kept
 * in step. Each LSP content change becomes a tree-sitter edit, and the tree
 * is re-parsed incrementally (the old tree guides the new parse).
 */
import type { Parser, Point, Tree } from 'web-tree-sitter';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { FileModel, type OffsetEdit } from '../model/fileModel';

function endPoint(start: Point, inserted: string): Point {
  const lastNewline = inserted.lastIndexOf('\n');
  if (lastNewline < 0) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastNewline - 1 };
}

let generations = 0;

export class ParsedDocument {
  document: TextDocument;
  /** Changes whenever the text changes; unique across documents (a cache key). */
  generation = ++generations;
  tree: Tree;
  model: FileModel;

  constructor(
    private readonly parser: Parser,
    uri: string,
    version: number,
    text: string,
  ) {
    this.document = TextDocument.create(uri, 'grafana-alloy', version, text);
    this.tree = this.parse(text);
    this.model = new FileModel(this.tree, text);
  }

  get uri(): string {
    return this.document.uri;
  }
  get version(): number {
    return this.document.version;
  }
  get text(): string {
    return this.document.getText();
  }

  private parse(text: string, old?: Tree): Tree {
    const tree = this.parser.parse(text, old);
    if (!tree) throw new Error('the parser returned no tree');
    return tree;
  }

  /** Applies LSP content changes (in order) and re-parses incrementally. */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const edits: OffsetEdit[] = [];
    let full = false;
    let doc = this.document;
    for (const change of changes) {
      if (!('range' in change)) {
        full = true;
        doc = TextDocument.update(doc, [change], version);
        continue;
      }
      const start = doc.offsetAt(change.range.start);
      const oldEnd = doc.offsetAt(change.range.end);
      const startPoint = { row: change.range.start.line, column: change.range.start.character };
      const oldEndPoint = { row: change.range.end.line, column: change.range.end.character };
      doc = TextDocument.update(doc, [change], version);
      const newEnd = start + change.text.length;
      edits.push({ start, oldEnd, newEnd });
      if (!full) {
        this.tree.edit({
          startIndex: start,
          oldEndIndex: oldEnd,
          newEndIndex: newEnd,
          startPosition: startPoint,
          oldEndPosition: oldEndPoint,
          newEndPosition: endPoint(startPoint, change.text),
        });
      }
    }
    this.document = doc;
    this.generation = ++generations;
    const text = doc.getText();
    const old = this.tree;
    if (full) {
      this.tree = this.parse(text);
      this.model = new FileModel(this.tree, text);
    } else {
      this.tree = this.parse(text, old);
      this.model.update(this.tree, text, edits, () => old.getChangedRanges(this.tree));
    }
    old.delete();
  }

  /** Replaces the whole text (e.g. a file changed on disk). */
  replaceText(text: string, version: number): void {
    this.applyChanges([{ text }], version);
  }

  dispose(): void {
    this.tree.delete();
  }
}

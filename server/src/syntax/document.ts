/**
 * A parsed document: its text, its tree-sitter tree and its file model, kept
 * in step. Each LSP content change becomes a tree-sitter edit, and the tree
 * is re-parsed incrementally (the old tree guides the new parse).
 */
import type { Parser, Point, Tree } from 'web-tree-sitter';
import { FileModel, type OffsetEdit } from '../model/fileModel';
import { LineIndex, type TextChange } from '../positions';

function endPoint(start: Point, inserted: string): Point {
  const lastNewline = inserted.lastIndexOf('\n');
  if (lastNewline < 0) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastNewline - 1 };
}

let generations = 0;

export class ParsedDocument {
  /** The text and its line starts: offsets to positions and back (see positions.ts). */
  lines: LineIndex;
  version: number;
  /** Changes whenever the text changes; unique across documents (a cache key). */
  generation = ++generations;
  tree: Tree;
  model: FileModel;

  constructor(
    private readonly parser: Parser,
    readonly uri: string,
    version: number,
    text: string,
  ) {
    this.version = version;
    this.lines = new LineIndex(text);
    this.tree = this.parse(text);
    this.model = new FileModel(this.tree, text);
  }

  get text(): string {
    return this.lines.getText();
  }

  private parse(text: string, old?: Tree): Tree {
    const tree = this.parser.parse(text, old);
    if (!tree) throw new Error('the parser returned no tree');
    return tree;
  }

  /** Applies LSP content changes (in order) and re-parses incrementally. */
  applyChanges(changes: readonly TextChange[], version: number): void {
    const edits: OffsetEdit[] = [];
    let full = false;
    let lines = this.lines;
    for (const change of changes) {
      if (!change.range) {
        full = true;
        lines = new LineIndex(change.text);
        continue;
      }
      let start = lines.offsetAt(change.range.start);
      let oldEnd = lines.offsetAt(change.range.end);
      if (oldEnd < start) [start, oldEnd] = [oldEnd, start];
      const startPos = lines.positionAt(start);
      const oldEndPos = lines.positionAt(oldEnd);
      const startPoint = { row: startPos.line, column: startPos.character };
      const oldEndPoint = { row: oldEndPos.line, column: oldEndPos.character };
      lines.edit(start, oldEnd, change.text);
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
    this.lines = lines;
    this.version = version;
    this.generation = ++generations;
    const text = lines.getText();
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

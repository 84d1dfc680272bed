/**
 * A parsed document: its text, its tree-sitter tree and its file model, kept
 * in step. Each LSP content change becomes a tree-sitter edit as it arrives;
 * the tree is re-parsed incrementally (the old tree guides the new parse) and
 * the model updated when the tree or the model is next asked for, so that a
 * burst of changes costs one re-parse, not one per change.
 */
import type { Parser, Point, Tree } from 'web-tree-sitter';
import { FileModel, type OffsetEdit } from '../model/fileModel';
import { isBlank } from '../model/blank';
import { LineIndex, type TextChange } from '../positions';

function endPoint(start: Point, inserted: string): Point {
  const lastNewline = inserted.lastIndexOf('\n');
  if (lastNewline < 0) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastNewline - 1 };
}

let generations = 0;

/** How many generations back `editsSince` reaches. */
const EDIT_LOG = 64;

export class ParsedDocument {
  /** The text and its line starts: offsets to positions and back (see positions.ts). */
  lines: LineIndex;
  version: number;
  /** Changes whenever the text changes; unique across documents (a cache key). */
  generation = ++generations;
  private currentTree: Tree;
  private currentModel: FileModel;
  /** Changes applied to the text (and as edits to the tree) since the last parse. */
  private unparsed: { edits: OffsetEdit[]; full: boolean } | undefined;
  /**
   * The last few generations and the edits that made each from the one before (null: the whole
   * text was replaced), so that what was computed for an older generation can be moved to this one.
   */
  private readonly log: { generation: number; edits: OffsetEdit[] | null }[] = [];

  constructor(
    private readonly parser: Parser,
    readonly uri: string,
    version: number,
    text: string,
  ) {
    this.version = version;
    this.lines = new LineIndex(text);
    this.currentTree = this.parse(text);
    this.currentModel = new FileModel(this.currentTree, text);
  }

  /** The tree of the current text (re-parsed now if changes arrived since). */
  get tree(): Tree {
    this.settle();
    return this.currentTree;
  }

  /** The model of the current text (updated now if changes arrived since). */
  get model(): FileModel {
    this.settle();
    return this.currentModel;
  }

  get text(): string {
    return this.lines.getText();
  }

  private parse(text: string, old?: Tree): Tree {
    const tree = this.parser.parse(text, old);
    if (!tree) throw new Error('the parser returned no tree');
    return tree;
  }

  /**
   * Applies LSP content changes (in order): the text now, the tree as edits;
   * the re-parse waits until the tree or the model is asked for.
   */
  applyChanges(changes: readonly TextChange[], version: number): void {
    const pending = (this.unparsed ??= { edits: [], full: false });
    let lines = this.lines;
    let logged: OffsetEdit[] | null = [];
    for (const change of changes) {
      if (!change.range) {
        pending.full = true;
        lines = new LineIndex(change.text);
        logged = null;
        continue;
      }
      let start = lines.offsetAt(change.range.start);
      let oldEnd = lines.offsetAt(change.range.end);
      if (oldEnd < start) [start, oldEnd] = [oldEnd, start];
      const newEnd = start + change.text.length;
      if (!pending.full) {
        const startPos = lines.positionAt(start);
        const oldEndPos = lines.positionAt(oldEnd);
        const startPoint = { row: startPos.line, column: startPos.character };
        this.currentTree.edit({
          startIndex: start,
          oldEndIndex: oldEnd,
          newEndIndex: newEnd,
          startPosition: startPoint,
          oldEndPosition: { row: oldEndPos.line, column: oldEndPos.character },
          newEndPosition: endPoint(startPoint, change.text),
        });
      }
      const blank = isBlank(change.text) && isBlank(lines.getText().slice(start, oldEnd));
      lines.edit(start, oldEnd, change.text);
      pending.edits.push({ start, oldEnd, newEnd, blank });
      logged?.push({ start, oldEnd, newEnd });
    }
    this.lines = lines;
    this.version = version;
    const previous = this.generation;
    this.generation = ++generations;
    this.log.push({ generation: previous, edits: logged });
    if (this.log.length > EDIT_LOG) this.log.shift();
  }

  /**
   * The edits, in order, that turned the text of an earlier generation of this document into the
   * current text; undefined when they are not known (the whole text was replaced, or too long ago).
   */
  editsSince(generation: number): readonly OffsetEdit[] | undefined {
    if (generation === this.generation) return [];
    const at = this.log.findIndex((entry) => entry.generation === generation);
    if (at < 0) return undefined;
    const out: OffsetEdit[] = [];
    for (let i = at; i < this.log.length; i++) {
      const edits = this.log[i].edits;
      if (!edits) return undefined;
      out.push(...edits);
    }
    return out;
  }

  /** Re-parses and updates the model for the changes that arrived since the last parse. */
  private settle(): void {
    const pending = this.unparsed;
    if (!pending) return;
    this.unparsed = undefined;
    const text = this.lines.getText();
    const old = this.currentTree;
    if (pending.full) {
      this.currentTree = this.parse(text);
      this.currentModel = new FileModel(this.currentTree, text);
    } else {
      this.currentTree = this.parse(text, old);
      this.currentModel.update(this.currentTree, text, pending.edits, () => old.getChangedRanges(this.currentTree));
    }
    old.delete();
  }

  /** Replaces the whole text (e.g. a file changed on disk). */
  replaceText(text: string, version: number): void {
    this.applyChanges([{ text }], version);
  }

  dispose(): void {
    this.currentTree.delete();
  }
}

/**
 * The summaries of one file's top-level statements, kept up to date
 * incrementally: after an edit only the statements that the edit touched (or
 * whose parse changed) are summarised again; the others only move.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { lastAtOrBefore } from '../positions';
import { isBetweenTokens } from './blank';
import { summarize } from './extract';
import { resummarizeLiteral } from './literal';
import { resummarizeNested, shiftStatement, topLevelNodeAt } from './nested';
import type { StatementSummary } from './types';

/** One text change in UTF-16 offsets: [start, oldEnd) was replaced by text ending at newEnd. */
export interface OffsetEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
  /** Whether the edit removed and inserted whitespace only (model/blank.ts). */
  blank?: boolean;
}

/**
 * Comments are not statements. Neither are zero-width nodes (a MISSING token
 * the parser inserted at the top level while recovering): Node.nextSibling
 * skips them, so they are left out everywhere for the two ways of listing
 * top-level nodes to agree; the ERROR nodes around them carry the error.
 */
function isStatementNode(node: Node): boolean {
  return node.type !== 'comment' && node.endIndex > node.startIndex;
}

/**
 * Where to start looking for the top-level nodes of a region: the node of an
 * unchanged statement before it (its first character belongs to it, so the
 * lookup is reliable), or the first top-level node.
 */
function startNode(root: Node, anchorStart: number | undefined): Node | null {
  if (anchorStart !== undefined) {
    const deepest = root.descendantForIndex(anchorStart, anchorStart);
    const child = deepest && deepest.id !== root.id ? root.childWithDescendant(deepest) : null;
    if (child && child.startIndex <= anchorStart) return child;
  }
  return root.firstChild;
}

/** Summarises every top-level statement of a tree. */
function summarizeAll(tree: Tree, text: string): StatementSummary[] {
  const out: StatementSummary[] = [];
  const cursor = tree.rootNode.walk();
  try {
    if (cursor.gotoFirstChild()) {
      do {
        if (cursor.nodeType !== 'comment' && cursor.endIndex > cursor.startIndex) {
          out.push(summarize(cursor.currentNode, text));
        }
      } while (cursor.gotoNextSibling());
    }
  } finally {
    cursor.delete();
  }
  return out;
}

export class FileModel {
  statements: StatementSummary[];
  /** How many statements the last update summarised again (for tests and benchmarks). */
  lastResummarized: number;

  /** Whether the last update re-summarised one nested statement only (for tests and benchmarks). */
  lastNested = false;

  /** Whether the last update only read one literal again (model/literal.ts; for tests and benchmarks). */
  lastLiteral = false;

  /** Whether the last update only moved spans after a whitespace edit between tokens (model/blank.ts). */
  lastBlank = false;

  /** Whether the last update needed the tree's changed ranges (for tests and benchmarks). */
  lastUsedChangedRanges = false;
  /** Whether the tree of the last update had ERROR or MISSING nodes. */
  private treeHadErrors: boolean;

  constructor(tree: Tree, text: string) {
    this.treeHadErrors = tree.rootNode.hasError;
    this.statements = summarizeAll(tree, text);
    this.lastResummarized = this.statements.length;
  }

  /** True when the tree has errors (its root may be an ERROR whose children look clean) or a statement has a syntax problem. */
  get hasSyntaxErrors(): boolean {
    return this.treeHadErrors || this.statements.some((s) => s.syntax.length > 0);
  }

  /**
   * Brings the summaries up to date after `edits` (applied in order) turned
   * the old text into `text`, parsed incrementally into `tree`.
   * `changed` are the tree's changed ranges (tree.getChangedRanges(old)).
   */
  update(
    tree: Tree,
    text: string,
    edits: OffsetEdit[],
    changedRanges: () => { startIndex: number; endIndex: number }[],
  ): void {
    this.lastNested = false;
    this.lastLiteral = false;
    this.lastBlank = false;
    if (edits.length === 1 && !this.treeHadErrors && !tree.rootNode.hasError) {
      if (edits[0].blank && this.updateBlank(tree, text, edits[0])) return;
      if (this.updateInside(tree, text, edits[0])) return;
    }
    let lo = Infinity;
    let hi = -Infinity;
    let kept = this.statements;
    for (const edit of edits) {
      const delta = edit.newEnd - edit.oldEnd;
      const next: StatementSummary[] = [];
      for (const s of kept) {
        if (s.end < edit.start) {
          next.push(s);
        } else if (s.start > edit.oldEnd) {
          s.start += delta;
          s.end += delta;
          next.push(s);
        } else {
          lo = Math.min(lo, s.start);
          hi = Math.max(hi, s.end >= edit.oldEnd ? s.end + delta : edit.newEnd);
        }
      }
      kept = next;
      if (lo !== Infinity && lo > edit.oldEnd) lo += delta;
      if (hi !== -Infinity && hi >= edit.oldEnd) hi += delta;
      else if (hi !== -Infinity && hi > edit.start) hi = Math.max(hi, edit.newEnd);
      lo = Math.min(lo, edit.start);
      hi = Math.max(hi, edit.newEnd);
    }
    // Between two error-free trees, top-level statements parse independently of each other, so the
    // parse changed only where the text did, or where a statement's end moved, which the neighbour
    // check catches. Otherwise (error recovery reaches further) the tree's changed ranges are asked
    // for: they cost about as much as the re-parse itself.
    const hasErrors = tree.rootNode.hasError;
    const local = !hasErrors && !this.treeHadErrors;
    this.treeHadErrors = hasErrors;
    this.lastUsedChangedRanges = false;
    if (local && this.resummarize(tree, text, kept, lo, hi, [])) return;
    this.lastUsedChangedRanges = true;
    this.resummarize(tree, text, kept, lo, hi, changedRanges());
  }

  /**
   * A whitespace edit between tokens (between two error-free trees): no statement is summarised
   * again. The statement around it (if any) becomes a new summary with the spans after the edit
   * moved; the statements after it move.
   */
  private updateBlank(tree: Tree, text: string, edit: OffsetEdit): boolean {
    if (!isBetweenTokens(tree, text, edit)) return false;
    const statements = this.statements;
    const delta = edit.newEnd - edit.oldEnd;
    // The last statement that starts before the edit's old end; it is around the edit when it ends after
    // the edit's start (a statement starts and ends with a token, which blank text cannot remove).
    let k = statements.length > 0 ? lastAtOrBefore(statements.length, edit.oldEnd - 1, (i) => statements[i].start) : -1;
    if (k >= 0 && statements[k].start >= edit.oldEnd) k = -1; // every statement is after the edit
    const around = k >= 0 && statements[k].end > edit.start ? statements[k] : undefined;
    if (around?.syntax.length) return false;
    // Starts at or after the old end move; ends move when after the edit's start (one that ends where an
    // insertion starts stays).
    const fresh = around && shiftStatement(around, edit.oldEnd - around.start, delta, edit.start - around.start + 1);
    this.replaceAndMove(k, fresh, delta);
    this.lastResummarized = 0;
    this.lastBlank = true;
    this.lastUsedChangedRanges = false;
    return true;
  }

  /**
   * An edit strictly inside one statement (between two error-free trees): inside one literal, only
   * the literal is read again (literal.ts); inside a nested statement of a `declare` body or
   * `foreach` template, that statement alone is summarised again (nested.ts).
   */
  private updateInside(tree: Tree, text: string, edit: OffsetEdit): boolean {
    const statements = this.statements;
    const lo = lastAtOrBefore(statements.length, edit.start, (i) => statements[i].start);
    const old = statements[lo];
    if (!old || !(old.start < edit.start && edit.oldEnd < old.end)) return false;
    const delta = edit.newEnd - edit.oldEnd;
    let fresh = resummarizeLiteral(old, tree, text, edit);
    const literal = fresh !== undefined;
    if (!fresh && old.block) {
      const node = topLevelNodeAt(tree, old.start, old.end + delta);
      if (node) fresh = resummarizeNested(old, node, text, edit);
    }
    if (!fresh) return false;
    this.replaceAndMove(lo, fresh, delta);
    this.lastResummarized = 1;
    this.lastNested = !literal;
    this.lastLiteral = literal;
    this.lastUsedChangedRanges = false;
    return true;
  }

  /** New statements: the one at `index` replaced by `fresh` (when given), the ones after it moved by `delta`. */
  private replaceAndMove(index: number, fresh: StatementSummary | undefined, delta: number): void {
    const next = this.statements.slice();
    if (fresh) next[index] = fresh;
    for (let i = index + 1; i < next.length; i++) {
      next[i].start += delta;
      next[i].end += delta;
    }
    this.statements = next;
  }

  /**
   * Re-summarises the top-level nodes of the dirty region [lo, hi] (widened by `changed`) and splices
   * them between the kept summaries. Without `changed`, returns false (changing nothing) when the
   * nodes next to the region are not the kept statements there, i.e. the parse changed elsewhere.
   */
  private resummarize(
    tree: Tree,
    text: string,
    kept: StatementSummary[],
    lo: number,
    hi: number,
    changed: { startIndex: number; endIndex: number }[],
  ): boolean {
    const checking = changed.length === 0;
    for (const r of changed) {
      lo = Math.min(lo, r.startIndex);
      hi = Math.max(hi, r.endIndex);
    }
    if (lo === Infinity) {
      this.statements = kept;
      this.lastResummarized = 0;
      return true;
    }
    // A statement that overlaps the dirty region is re-summarised whole: widen the region to cover it.
    for (let widened = true; widened;) {
      widened = false;
      for (const s of kept) {
        if (s.end > lo && s.start < hi && (s.start < lo || s.end > hi)) {
          lo = Math.min(lo, s.start);
          hi = Math.max(hi, s.end);
          widened = true;
        }
      }
    }

    // Re-summarise the new top-level nodes that overlap the dirty region;
    // a node that grew (e.g. an ERROR swallowing what follows) widens it.
    const fresh: StatementSummary[] = [];
    const dirtyLo = lo;
    const dirtyHi = hi;
    const root = tree.rootNode;
    let anchor: StatementSummary | undefined;
    for (const s of kept) {
      if (s.end > lo) break;
      if (s.end < lo) anchor = s;
    }
    let keptStarts: Map<number, number> | undefined;
    const isKept = (n: Node) => {
      if (anchor && n.startIndex === anchor.start && n.endIndex === anchor.end) return true;
      keptStarts ??= new Map(kept.map((k) => [k.start, k.end]));
      return keptStarts.get(n.startIndex) === n.endIndex;
    };
    let node = startNode(root, anchor?.start);
    while (node && node.startIndex <= hi) {
      if (isStatementNode(node)) {
        if (node.endIndex > lo || node.startIndex >= lo) {
          fresh.push(summarize(node, text));
          hi = Math.max(hi, node.endIndex);
          lo = Math.min(lo, node.startIndex);
        } else if (checking && !isKept(node)) {
          return false;
        }
      }
      node = node.nextSibling;
    }
    // Keep the summaries outside the dirty region that no fresh summary overlaps
    // (nodes never overlap, but may touch).
    const f0 = fresh.length > 0 ? fresh[0].start : lo;
    const f1 = fresh.length > 0 ? fresh[fresh.length - 1].end : lo;
    const before: StatementSummary[] = [];
    const after: StatementSummary[] = [];
    for (const s of kept) {
      const outsideDirty = s.end <= dirtyLo || s.start >= dirtyHi;
      const outsideFresh = s.end <= f0 || s.start >= f1;
      if (!outsideDirty || !outsideFresh) continue;
      if (s.start < f0 || (s.start === f0 && s.end <= f0)) before.push(s);
      else after.push(s);
    }
    if (checking) {
      // The first statement node after the region must be the first kept statement after it.
      while (node && !isStatementNode(node)) node = node.nextSibling;
      const next = after[0];
      if (node ? !next || node.startIndex !== next.start || node.endIndex !== next.end : next !== undefined) {
        return false;
      }
    }
    this.statements = before.concat(fresh, after);
    this.lastResummarized = fresh.length;
    return true;
  }
}

/**
 * The summaries of one file's top-level statements, kept up to date
 * incrementally: after an edit only the statements that the edit touched (or
 * whose parse changed) are summarised again; the others only move.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { lastAtOrBefore } from '../positions';
import { isBetweenTokens } from './blank';
import { summarize, summarizeTopLevelError } from './extract';
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

/** A dirty region [lo, hi] of the current text: the top-level nodes that overlap it are summarised again. */
interface Region {
  lo: number;
  hi: number;
}

/** Above this many separate regions, one region over all of them is re-summarised instead. */
const MAX_REGIONS = 8;

/** A region of the text before `edit`, in the text after it. */
function moveRegion(r: Region, edit: OffsetEdit, delta: number): Region {
  const lo = r.lo > edit.oldEnd ? r.lo + delta : r.lo > edit.start ? edit.start : r.lo;
  const hi = r.hi >= edit.oldEnd ? r.hi + delta : r.hi > edit.start ? Math.max(r.hi, edit.newEnd) : r.hi;
  return { lo, hi: Math.max(lo, hi) };
}

/**
 * Sorted, with regions joined that overlap, touch or have no kept statement between them (the
 * statement after a region must be a kept one for the region to be checked alone).
 */
function mergeRegions(regions: Region[], kept: readonly StatementSummary[]): Region[] {
  const sorted = [...regions].sort((a, b) => a.lo - b.lo);
  const out: Region[] = [];
  let k = 0;
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last) {
      while (k < kept.length && kept[k].start < last.hi) k++;
      const between = k < kept.length && kept[k].end <= r.lo;
      if (r.lo <= last.hi || !between) {
        last.hi = Math.max(last.hi, r.hi);
        continue;
      }
    }
    out.push({ ...r });
  }
  return out;
}

/**
 * The statements of one top-level node: its summary, or for an ERROR under an error-free root the
 * complete statements error recovery put into it and the rest (extract.ts `summarizeTopLevelError`).
 */
function statementsOf(
  node: Node,
  text: string,
  out: StatementSummary[],
  reuse?: (node: Node) => StatementSummary | undefined,
): void {
  if (node.type === 'ERROR' && node.parent?.type !== 'ERROR') {
    out.push(...summarizeTopLevelError(node, text, reuse));
    return;
  }
  out.push(reuse?.(node) ?? summarize(node, text));
}

/** Summarises every top-level statement of a tree. */
function summarizeAll(tree: Tree, text: string): StatementSummary[] {
  const out: StatementSummary[] = [];
  const cursor = tree.rootNode.walk();
  try {
    if (cursor.gotoFirstChild()) {
      do {
        if (cursor.nodeType !== 'comment' && cursor.endIndex > cursor.startIndex) {
          statementsOf(cursor.currentNode, text, out);
        }
      } while (cursor.gotoNextSibling());
    }
  } finally {
    cursor.delete();
  }
  return out;
}

export class FileModel {
  /** The top-level statements: a new list after each update (a list once published never changes). */
  statements: readonly StatementSummary[];
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

  /**
   * The error-free statements the last update displaced without an edit inside them (swallowed by an
   * ERROR node that error recovery grew over them), by their text: when the next update finds them again
   * as nodes of their own, they are reused instead of summarised again (a dangling `.` typed and
   * completed near the top of a file).
   */
  private displaced = new Map<string, StatementSummary[]>();
  private pool = new Map<string, StatementSummary[]>();

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
    this.pool = this.displaced;
    this.displaced = new Map();
    if (edits.length === 1 && !this.treeHadErrors && !tree.rootNode.hasError) {
      if (edits[0].blank && this.updateBlank(tree, text, edits[0])) return;
      if (this.updateInside(tree, text, edits[0])) return;
    }
    // One dirty region per edit (the statements it touched), in the coordinates of the current text.
    let regions: Region[] = [];
    let kept = this.statements;
    for (const edit of edits) {
      const delta = edit.newEnd - edit.oldEnd;
      let lo = edit.start;
      let hi = edit.newEnd;
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
      regions = regions.map((r) => moveRegion(r, edit, delta));
      regions.push({ lo, hi });
    }
    // Between two error-free trees, top-level statements parse independently of each other, so the
    // parse changed only where the text did, or where a statement's end moved, which the neighbour
    // check catches. Otherwise (error recovery reaches further) the tree's changed ranges are asked
    // for: they cost about as much as the re-parse itself. Edits far apart (a pull client's changes
    // between two requests, several cursors) are separate regions: what lies between them only moves.
    const hasErrors = tree.rootNode.hasError;
    const local = !hasErrors && !this.treeHadErrors;
    this.treeHadErrors = hasErrors;
    this.lastUsedChangedRanges = false;
    if (local && this.resummarizeRegions(tree, text, kept, mergeRegions(regions, kept), true)) return;
    this.lastUsedChangedRanges = true;
    const changed = changedRanges().map((r) => ({ lo: r.startIndex, hi: r.endIndex }));
    this.resummarizeRegions(tree, text, kept, mergeRegions([...regions, ...changed], kept), false);
  }

  /**
   * Re-summarises each region in turn (`resummarize`); with `checking`, returns false and changes nothing
   * when one of them finds the parse changed outside it.
   */
  private resummarizeRegions(
    tree: Tree,
    text: string,
    kept: readonly StatementSummary[],
    regions: Region[],
    checking: boolean,
  ): boolean {
    // Many regions (a burst of edits all over the file): one region over them all costs less than a pass per region.
    if (regions.length > MAX_REGIONS) regions = [{ lo: regions[0].lo, hi: regions[regions.length - 1].hi }];
    let statements = kept;
    let total = 0;
    const displaced: StatementSummary[] = [];
    for (const r of regions) {
      const result = this.resummarize(tree, text, statements, r.lo, r.hi, checking);
      if (!result) return false;
      statements = result.statements;
      total += result.resummarized;
      displaced.push(...result.displaced);
    }
    this.statements = statements;
    this.lastResummarized = total;
    for (const d of displaced) {
      if (d.kind === 'error' || d.syntax.length > 0) continue;
      const key = text.slice(d.start, d.end);
      const list = this.displaced.get(key);
      if (list) list.push(d);
      else this.displaced.set(key, [d]);
    }
    return true;
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
   * The statements with the top-level nodes of the dirty region [lo, hi] re-summarised and spliced
   * between the kept summaries. With `checking`, undefined when the nodes next to the region are not
   * the kept statements there, i.e. the parse changed elsewhere.
   */
  private resummarize(
    tree: Tree,
    text: string,
    kept: readonly StatementSummary[],
    lo: number,
    hi: number,
    checking: boolean,
  ): { statements: StatementSummary[]; resummarized: number; displaced: StatementSummary[] } | undefined {
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
    // The kept statement exactly at a node (kept is in document order).
    const keptAt = (n: Node) => {
      const i = lastAtOrBefore(kept.length, n.startIndex, (k) => kept[k].start);
      const k = i >= 0 ? kept[i] : undefined;
      return k && k.start === n.startIndex && k.end === n.endIndex ? k : undefined;
    };
    const isKept = (n: Node) =>
      (anchor !== undefined && n.startIndex === anchor.start && n.endIndex === anchor.end) || keptAt(n) !== undefined;
    // A kept statement (no edit inside it) that is again one error-free node over the same text summarises
    // to what it did: it is reused (error recovery elsewhere can report a changed range over it).
    let reused = 0;
    const keptReused = new Set<StatementSummary>();
    const reusable = (n: Node): StatementSummary | undefined => {
      const k = keptAt(n);
      if (k) {
        if (k.kind === 'error' || k.syntax.length > 0 || n.hasError) return undefined;
        reused++;
        keptReused.add(k);
        return k;
      }
      // One the previous update displaced, found again with the same text.
      if (this.pool.size === 0 || n.hasError) return undefined;
      const d = this.pool.get(text.slice(n.startIndex, n.endIndex))?.pop();
      if (!d) return undefined;
      d.start = n.startIndex;
      d.end = n.endIndex;
      reused++;
      return d;
    };
    let node = startNode(root, anchor?.start);
    while (node && node.startIndex <= hi) {
      if (isStatementNode(node)) {
        if (node.endIndex > lo || node.startIndex >= lo) {
          statementsOf(node, text, fresh, reusable);
          hi = Math.max(hi, node.endIndex);
          lo = Math.min(lo, node.startIndex);
        } else if (checking && !isKept(node)) {
          return undefined;
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
    const displaced: StatementSummary[] = [];
    for (const s of kept) {
      const outsideDirty = s.end <= dirtyLo || s.start >= dirtyHi;
      const outsideFresh = s.end <= f0 || s.start >= f1;
      if (!outsideDirty || !outsideFresh) {
        if (!keptReused.has(s)) displaced.push(s);
        continue;
      }
      if (s.start < f0 || (s.start === f0 && s.end <= f0)) before.push(s);
      else after.push(s);
    }
    if (checking) {
      // The first statement node after the region must be the first kept statement after it.
      while (node && !isStatementNode(node)) node = node.nextSibling;
      const next = after[0];
      if (node ? !next || node.startIndex !== next.start || node.endIndex !== next.end : next !== undefined) {
        return undefined;
      }
    }
    return { statements: before.concat(fresh, after), resummarized: fresh.length - reused, displaced };
  }
}

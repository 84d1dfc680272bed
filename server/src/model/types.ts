/**
 * The semantic model: what the rules and features know about a configuration.
 *
 * A file is a list of top-level statement summaries. Each summary is built
 * from one top-level statement's subtree and stores every offset RELATIVE to
 * the statement's start, so that an edit elsewhere only shifts `start`/`end`
 * of the summaries after it; nothing inside them needs rewriting. Offsets are
 * UTF-16 code units (JavaScript string indices), as web-tree-sitter reports.
 */

/** A half-open range [start, end) of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/** The kind of an attribute's value, from its syntax alone. */
export type ValueKind =
  | 'string'
  | 'raw_string'
  | 'number'
  | 'float'
  | 'true'
  | 'false'
  | 'null'
  | 'array'
  | 'object'
  | 'reference'
  | 'call'
  | 'identifier'
  | 'expression';

export interface ValueInfo {
  kind: ValueKind;
  span: Span;
  /** Literal text (numbers), unquoted content (strings), the dotted path (references) or the function name (calls). */
  text?: string;
  /** Elements of an array value (of the attribute's value, and of arrays inside its object fields). */
  elements?: ValueInfo[];
  /** Fields of an object value (of the attribute's value only). */
  fields?: { key: string; keySpan: Span; value: ValueInfo }[];
}

export interface AttributeInfo {
  name: string;
  nameSpan: Span;
  span: Span;
  value: ValueInfo;
}

export interface BlockInfo {
  /** Dotted name as written, without whitespace: `prometheus.exporter.self`. */
  name: string;
  nameSpan: Span;
  label?: string;
  labelSpan?: Span;
  span: Span;
  /** `{ ... }` including the braces. */
  bodySpan: Span;
  attributes: AttributeInfo[];
  blocks: BlockInfo[];
}

/** A reference expression: an access chain rooted at an identifier, e.g. `prometheus.exporter.self.default.targets`. */
export interface ReferenceInfo {
  path: string[];
  span: Span;
  /**
   * The span of each segment of the path, kept only when the chain is written with blanks between its
   * segments (`a . b`); otherwise they follow from `span` and `path` (see {@link referenceSegments}).
   */
  spacedSegments?: Span[];
  /**
   * Where the reference is used: the names of the enclosing nested blocks
   * below the top-level statement, then the attribute name, e.g.
   * `['output', 'metrics']`, `['forward_to']`.
   */
  usage: string[];
  /** The reference is the attribute's value or an element of its array value (not inside a call or operator). */
  direct: boolean;
  /** The innermost `declare` or `foreach` block whose body holds the reference (its scope); none at the top level. */
  scope?: BlockInfo;
  /**
   * The innermost component around the reference: the block that is a statement of its scope
   * (top-level, or directly in a `declare` body or a `foreach` template), at any depth.
   */
  component?: BlockInfo;
  /** Like `usage`, but relative to `component`: `['output', 'metrics']`, `['forward_to']`. */
  componentUsage: string[];
}

/** A function call such as `sys.env("X")`: the callee's dotted name and its span. */
export interface CallInfo {
  name: string;
  span: Span;
  /** How many arguments the call passes; undefined when its argument list has syntax errors. */
  args?: number;
}

/** A syntax problem found in a statement: the grammar's ERROR/MISSING nodes and the rules it leaves to us. */
export interface SyntaxProblem {
  span: Span;
  message: string;
}

export interface StatementSummary {
  /** Absolute offsets of the statement in its document. */
  start: number;
  end: number;
  kind: 'block' | 'attribute' | 'error';
  /** Set when kind is 'block'. */
  block?: BlockInfo;
  /** Set when kind is 'attribute' (a top-level attribute). */
  attribute?: AttributeInfo;
  references: ReferenceInfo[];
  calls: CallInfo[];
  syntax: SyntaxProblem[];
}

/** Adds a base offset to a relative span. */
export function absolute(span: Span, base: number): Span {
  return { start: span.start + base, end: span.end + base };
}

/** The span of each segment of a reference's path (relative to its statement, as `span`). */
export function referenceSegments(r: ReferenceInfo): Span[] {
  if (r.spacedSegments) return r.spacedSegments;
  const out: Span[] = [];
  let at = r.span.start;
  for (const name of r.path) {
    out.push({ start: at, end: at + name.length });
    at += name.length + 1;
  }
  return out;
}

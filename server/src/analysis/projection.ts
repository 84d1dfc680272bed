/**
 * What the configuration-level analysis reads of a statement: its outline
 * (block names, labels, attribute names, the kind of each value, references,
 * calls, the shape of arrays and objects), without positions and without the
 * contents of plain string and number literals. Two texts whose statements
 * project to the same strings get the same findings from the configuration
 * rules (reference resolution, the signal-flow graph, self-monitoring, the
 * schema rules), only at moved positions; that is what lets an analysis after
 * a keystroke inside a string or a number, or in whitespace or a comment,
 * reuse the previous one's configuration findings instead of walking the
 * whole configuration again (an "early cutoff").
 *
 * The literal values that configuration-level analysis does read are listed
 * in {@link LITERALS_READ}; their values are part of the projection. The
 * differential test (test/analysis/incremental.test.ts) checks after random
 * edits of real configurations that reused findings equal findings computed
 * from scratch, so a rule that starts reading another literal fails it.
 */
import type { AttributeInfo, BlockInfo, StatementSummary, ValueInfo } from '../model/types';

/**
 * Literal values that configuration rules and the signal-flow graph read, as `block name` ->
 * attribute names (`*`: any block): a `foreach` block's `var` names its variable
 * (configuration.ts), `tracing`'s `sampling_fraction` of 0 sends no traces (selfMonitoringTraces.ts),
 * a `prometheus.scrape` of Alloy's own address scrapes its metrics (graph/ownEndpoint.ts).
 */
const LITERALS_READ: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['foreach', new Set(['var'])],
  ['tracing', new Set(['sampling_fraction'])],
  ['prometheus.scrape', new Set(['targets'])],
]);

/** Blocks whose body holds statements: their child list is updated in place (model/nested.ts). */
const HOLDERS = new Set(['declare', 'foreach', 'template']);

/**
 * Attribute names the flow rules look for whatever their value (`write_to`, `forward_to` missing, empty
 * or null; a scrape's `targets`; `tracing`'s `sampling_fraction`; an `output` block's signals).
 */
const FLOW_NAMES = new Set(['write_to', 'forward_to', 'targets', 'sampling_fraction', 'metrics', 'logs', 'traces']);

const SCALARS = new Set(['string', 'raw_string', 'number', 'float', 'true', 'false', 'null']);

/**
 * One way of projecting statements: which attributes it keeps, and its caches. Projections of blocks
 * are cached for the blocks whose projection cannot change while the object lives: not holders, and
 * without literals that are read (model/literal.ts updates a literal's value in place; a literal's
 * kind or anything else that changes makes a new block).
 */
interface View {
  keeps(a: AttributeInfo, read: ReadonlySet<string> | undefined): boolean;
  readonly blocks: WeakMap<BlockInfo, string>;
  readonly statements: WeakMap<StatementSummary, string>;
}

/** Everything any configuration rule reads. */
const FULL: View = { keeps: () => true, blocks: new WeakMap(), statements: new WeakMap() };

/**
 * What the rules on the signal-flow graph read (rules/index.ts `FLOW_RULES`): no attribute whose value
 * is a plain literal, except the literals read ({@link LITERALS_READ}) and the attributes those rules
 * look for by name.
 */
const FLOW: View = {
  keeps: (a, read) => !SCALARS.has(a.value.kind) || !!read?.has(a.name) || FLOW_NAMES.has(a.name),
  blocks: new WeakMap(),
  statements: new WeakMap(),
};

/** The projection of a top-level statement of `text` (cached per summary object). */
export function statementProjection(statement: StatementSummary, text: string): string {
  return project(statement, text, FULL);
}

/**
 * The part of a statement's projection the signal-flow rules read. Typing in the name of an attribute
 * with a plain value (`job_name`, `scrape_interval`) changes what the schema rules see, not where data
 * goes: the flow rules' findings are then moved instead of computed again.
 */
export function flowProjection(statement: StatementSummary, text: string): string {
  return project(statement, text, FLOW);
}

/**
 * The string as one piece: built with `+=`, a projection is a tree of many small strings until it is
 * first compared, and the projections of a large file are kept for as long as it is open.
 */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

function project(statement: StatementSummary, text: string, view: View): string {
  let p = view.statements.get(statement);
  if (p === undefined) {
    const base = statement.start;
    const raw = (v: ValueInfo) => text.slice(base + v.span.start, base + v.span.end);
    let out = `${statement.kind}|${statement.syntax.length}|`;
    if (statement.block) out += block(statement.block, raw, view);
    else if (statement.attribute && view.keeps(statement.attribute, undefined))
      out += attribute(statement.attribute, undefined, raw);
    if (statement.kind === 'error') {
      for (const r of statement.references) out += `@${r.path.join('.')}`;
      for (const c of statement.calls) out += `(${c.name}/${c.args ?? '?'}`;
    }
    p = flat(out);
    view.statements.set(statement, p);
  }
  return p;
}

function block(b: BlockInfo, raw: (v: ValueInfo) => string, view: View): string {
  const read = LITERALS_READ.get(b.name);
  const cacheable = !HOLDERS.has(b.name) && !read;
  if (cacheable) {
    const cached = view.blocks.get(b);
    if (cached !== undefined) return cached;
  }
  let out = `${b.name}${b.label === undefined ? '' : JSON.stringify(b.label)}{`;
  // Attributes and blocks in document order (the order matters to duplicate and first-wins checks).
  let i = 0;
  let j = 0;
  while (i < b.attributes.length || j < b.blocks.length) {
    const a = b.attributes[i];
    const inner = b.blocks[j];
    if (a && (!inner || a.span.start < inner.span.start)) {
      if (view.keeps(a, read)) out += `${attribute(a, read, raw)};`;
      i++;
    } else {
      out += `${block(inner, raw, view)};`;
      j++;
    }
  }
  out += '}';
  if (cacheable) view.blocks.set(b, (out = flat(out)));
  return out;
}

function attribute(a: AttributeInfo, read: ReadonlySet<string> | undefined, raw: (v: ValueInfo) => string): string {
  return `${a.name}=${read?.has(a.name) ? `<${raw(a.value)}>` : value(a.value, raw)}`;
}

function value(v: ValueInfo, raw: (v: ValueInfo) => string): string {
  switch (v.kind) {
    case 'string':
    case 'raw_string':
    case 'number':
    case 'float':
      // The literal's content is not read by configuration-level analysis (see LITERALS_READ).
      return v.kind;
    case 'true':
    case 'false':
    case 'null':
      return v.kind;
    case 'reference':
    case 'identifier':
      return `${v.kind}:${v.text ?? ''}`;
    case 'array':
      if (v.elements) return `[${v.elements.map((e) => value(e, raw)).join(',')}]`;
      return `<${raw(v)}>`;
    case 'object':
      if (v.fields) return `{${v.fields.map((f) => `${JSON.stringify(f.key)}:${value(f.value, raw)}`).join(',')}}`;
      return `<${raw(v)}>`;
    default:
      // Calls and operators: their source as written (references and literals inside them included).
      return `<${raw(v)}>`;
  }
}

/**
 * Builds the signal-flow graph from the semantic model: one node per
 * component (top level and inside `declare`/`foreach` bodies), per
 * custom-component instance and per configuration block that sends data
 * (`logging`, `tracing`); one edge per resolved reference, directed the way
 * the data goes. A reference to a receiver (`loki.write.x.receiver` in
 * `forward_to`, `otelcol.exporter.x.input` in `output.traces`) sends data
 * from the referencing block to the referenced one; a reference to anything
 * else (`targets`, an auth `handler`, a file's `content`) carries that value
 * from the referenced block to the referencing one.
 *
 * Built from the configuration index only (no tree walk) and cached per
 * configuration object, so every rule and feature of one analysis shares it.
 */
import type { BlockSite, ComponentDecl, Configuration, ResolvedReference } from '../analysis/configuration';
import { SINGLETON_BLOCKS } from '../analysis/configuration';
import { expectedReceiverType, getComponent, getExport, receiverSignal } from '../knowledge';
import { DATA_SIGNALS, signalFact, type Carried, type DataSignal } from '../knowledge/signals';
import { absolute, type BlockInfo, type ReferenceInfo, type Span, type StatementSummary } from '../model/types';
import { behaviourOf } from './behaviour';
import type { GraphEdge, GraphNode, NodeKind, SignalGraph } from './types';

const OTLP: DataSignal[] = ['metrics', 'logs', 'traces'];

/** The graph plus lookups the rules and fixes use. */
export interface BuiltGraph extends SignalGraph {
  node(id: string): GraphNode | undefined;
  /** The node of a component declaration. */
  nodeOf(decl: ComponentDecl): GraphNode | undefined;
  /** The node of a configuration block site (`logging`, `tracing`). */
  nodeOfSite(site: BlockSite): GraphNode | undefined;
  outgoing(id: string): GraphEdge[];
  incoming(id: string): GraphEdge[];
  /** The edge made by a reference. */
  edgeOf(ref: ResolvedReference): GraphEdge | undefined;
  /** Nodes of custom-component instances by the `declare` label they instantiate. */
  readonly declares: ReadonlyMap<string, { site: BlockSite; scope: string }>;
}

const cache = new WeakMap<Configuration, BuiltGraph>();

/** The graph of a configuration (built once per configuration object). */
export function signalGraph(config: Configuration): BuiltGraph {
  let g = cache.get(config);
  if (!g) {
    g = build(config);
    cache.set(config, g);
  }
  return g;
}

function scopeOf(statement: StatementSummary): string | undefined {
  const b = statement.block;
  if (!b || (b.name !== 'declare' && b.name !== 'foreach')) return undefined;
  return `${b.name} "${b.label ?? ''}"`;
}

/** The innermost block of a `declare`/`foreach` body that contains `span` (relative offsets), with its usage depth. */
function innerOwner(statement: StatementSummary, span: Span): { block: BlockInfo; depth: number } | undefined {
  const top = statement.block;
  if (!top) return undefined;
  const inside = (b: BlockInfo) => b.span.start <= span.start && span.end <= b.span.end;
  if (top.name === 'declare') {
    const b = top.blocks.find(inside);
    return b ? { block: b, depth: 1 } : undefined;
  }
  if (top.name === 'foreach') {
    for (const t of top.blocks) {
      if (t.name !== 'template' || !inside(t)) continue;
      const b = t.blocks.find(inside);
      return b ? { block: b, depth: 2 } : undefined;
    }
  }
  return undefined;
}

function isDataSignal(s: string): s is DataSignal {
  return (DATA_SIGNALS as readonly string[]).includes(s);
}

/** What a connection of this receiver type carries, given the attribute that makes it. */
function carriedBy(type: string, attribute: string, owner: string): Carried[] {
  const role = receiverSignal(type);
  if (!role) return ['value'];
  if (type === 'otelcol.Consumer') {
    if (isDataSignal(attribute) && attribute !== 'profiles') return [attribute];
    if (owner === 'tracing') return ['traces'];
    return [...OTLP];
  }
  return [...role.flows];
}

/** Where a reference sits: the block holding it, and the attribute (as the block writes it). */
interface Place {
  block: BlockInfo;
  inner: boolean;
  /** `forward_to`, `output.traces`. */
  attribute: string;
  last: string;
  path: string[];
}

// Summaries survive edits elsewhere, so what is derived from a reference alone is computed once.
const places = new WeakMap<ReferenceInfo, Place | null>();
function placeOf(statement: StatementSummary, ref: ReferenceInfo): Place | undefined {
  const hit = places.get(ref);
  if (hit !== undefined) return hit ?? undefined;
  const inner = innerOwner(statement, ref.span);
  const usage = inner ? ref.usage.slice(inner.depth) : ref.usage;
  const block = inner ? inner.block : statement.block;
  const place = block
    ? {
        block,
        inner: !!inner,
        attribute: usage.join('.'),
        last: usage[usage.length - 1] ?? '',
        path: usage.slice(0, -1),
      }
    : null;
  places.set(ref, place);
  return place ?? undefined;
}

interface Shape {
  push: boolean;
  carries: Carried[];
}
const shapes = new WeakMap<ReferenceInfo, { key: string; shape: Shape }>();

/** Which way a reference's data goes and what it carries (cached with the reference and what it reads). */
function shapeOf(
  ref: ReferenceInfo,
  where: Place,
  ownerName: string,
  targetName: string,
  exportName: string | undefined,
  custom: boolean,
): Shape {
  const key = `${ownerName} ${targetName} ${exportName ?? ''} ${custom}`;
  const hit = shapes.get(ref);
  if (hit && hit.key === key) return hit.shape;
  const attribute = where.last;
  const expected = attribute ? expectedReceiverType(ownerName, attribute, where.path) : undefined;
  const exportType = exportName ? getExport(targetName, exportName)?.type : undefined;
  let shape: Shape;
  if (expected && expected.type !== 'list(map(string))') {
    shape = { push: true, carries: carriedBy(expected.type, attribute, ownerName) };
  } else if (exportType && receiverSignal(exportType) && exportType !== 'list(map(string))') {
    shape = { push: true, carries: carriedBy(exportType, attribute, ownerName) };
  } else if (!exportType && custom && (exportName === 'receiver' || exportName === 'input')) {
    shape = { push: true, carries: isDataSignal(attribute) ? [attribute] : [...DATA_SIGNALS] };
  } else {
    const targets =
      exportType === 'list(map(string))' || expected?.type === 'list(map(string))' || exportName === 'targets';
    shape = { push: false, carries: targets ? ['targets'] : ['value'] };
  }
  shapes.set(ref, { key, shape });
  return shape;
}

/** The export is not of the type the attribute takes. */
function wrongTypeOf(where: Place, ownerName: string, targetName: string, exportName: string | undefined): boolean {
  if (!where.last || !exportName) return false;
  const expected = expectedReceiverType(ownerName, where.last, where.path);
  const exportType = getExport(targetName, exportName)?.type;
  return !!expected && !!exportType && expected.type !== exportType;
}

function build(config: Configuration): BuiltGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const byId = new Map<string, GraphNode>();
  const byBlock = new Map<BlockInfo, GraphNode>();
  const byDecl = new Map<ComponentDecl, GraphNode>();
  const declares = new Map<string, { site: BlockSite; scope: string }>();
  for (const [label, sites] of config.namespaces) {
    const site = sites[0];
    if (site.block.name === 'declare') declares.set(label, { site, scope: `declare "${label}"` });
  }
  const imports = new Set([...config.namespaces].filter(([, s]) => s[0].block.name !== 'declare').map(([l]) => l));

  const counts = new Map<string, number>();
  const uniqueId = (base: string) => {
    let n = counts.get(base) ?? 0;
    let id = n === 0 ? base : `${base}#${n + 1}`;
    while (byId.has(id)) id = `${base}#${++n + 1}`;
    counts.set(base, n + 1);
    return id;
  };

  const addNode = (
    kind: NodeKind,
    file: { uri: string },
    statement: StatementSummary,
    block: BlockInfo,
    scope: string | undefined,
  ): GraphNode => {
    const key = block.label === undefined ? block.name : `${block.name}.${block.label}`;
    const id = uniqueId(scope ? `${scope}/${key}` : key);
    let behaviour: GraphNode['behaviour'];
    let accepts: GraphNode['accepts'];
    if (kind === 'component') ({ behaviour, accepts } = behaviourOf(block.name));
    else if (kind === 'config') {
      behaviour = 'source';
      accepts = [];
    } else if (kind === 'custom') {
      // A declared component's body is in the configuration; an imported one's is not.
      behaviour = declares.has(block.name) ? 'pass' : 'unknown';
      accepts = [...DATA_SIGNALS, 'targets'];
    } else {
      behaviour = 'pass';
      accepts = [...DATA_SIGNALS, 'targets'];
    }
    const node: GraphNode = {
      id,
      kind,
      name: block.name,
      label: block.label,
      scope,
      uri: file.uri,
      span: absolute(block.span, statement.start),
      nameSpan: absolute(block.nameSpan, statement.start),
      behaviour,
      accepts,
      marks: [],
      selfMonitoring: [],
    };
    nodes.push(node);
    byId.set(id, node);
    byBlock.set(block, node);
    return node;
  };

  const customKind = (name: string): boolean => {
    const head = name.split('.')[0];
    return (declares.has(name) && !name.includes('.')) || imports.has(head);
  };

  for (const decl of config.allComponents()) {
    const kind: NodeKind = customKind(decl.name) && !getComponent(decl.name) ? 'custom' : 'component';
    const node = addNode(kind, decl.file, decl.statement, decl.block, scopeOf(decl.statement));
    byDecl.set(decl, node);
  }
  const siteNodes = new Map<BlockInfo, GraphNode>();
  for (const [name, sites] of config.singletons) {
    if (!SINGLETON_BLOCKS.has(name)) continue;
    for (const s of sites) siteNodes.set(s.block, addNode('config', s.file, s.statement, s.block, undefined));
  }

  const outgoing = new Map<string, GraphEdge[]>();
  const incoming = new Map<string, GraphEdge[]>();
  const byRef = new Map<ResolvedReference, GraphEdge>();
  const externalRefs: { node: GraphNode; r: ResolvedReference; usage: string[] }[] = [];

  for (const r of config.references) {
    if (!r.target) {
      // A connection to something the graph cannot follow (a module argument, a missing component).
      if (r.ref.usage.length === 0) continue;
      const inner = innerOwner(r.statement, r.ref.span);
      const block = inner ? inner.block : r.statement.block;
      const node = block && byBlock.get(block);
      if (node) externalRefs.push({ node, r, usage: inner ? r.ref.usage.slice(inner.depth) : r.ref.usage });
      continue;
    }
    const to = byDecl.get(r.target);
    if (!to) continue;
    // The block that holds the reference.
    const where = placeOf(r.statement, r.ref);
    if (!where) continue;
    let owner = byBlock.get(where.block);
    if (!owner) {
      const kind: NodeKind = where.block.name === 'export' ? 'export' : 'block';
      owner = addNode(kind, r.file, r.statement, where.block, where.inner ? scopeOf(r.statement) : undefined);
    }
    const { push, carries } = shapeOf(r.ref, where, owner.name, r.target.name, r.exportName, to.kind === 'custom');
    const from = push ? owner : to;
    const target = push ? to : owner;
    const accepted =
      target.behaviour === 'unknown' ||
      carries.some((c) => c === 'value' || (target.accepts as string[]).includes(c)) ||
      // Targets go into any argument that takes them (a scrape's `targets`, a relabel's, a module's).
      carries.includes('targets');
    const edge: GraphEdge = {
      id: `e${edges.length}`,
      from: from.id,
      to: target.id,
      carries,
      attribute: where.attribute,
      export: r.exportName,
      uri: r.file.uri,
      span: absolute(r.ref.span, r.statement.start),
      accepted,
      selfMonitoring: [],
    };
    if (!accepted && wrongTypeOf(where, owner.name, r.target.name, r.exportName)) edge.wrongType = true;
    edges.push(edge);
    byRef.set(r, edge);
    const out = outgoing.get(from.id) ?? [];
    out.push(edge);
    outgoing.set(from.id, out);
    const inc = incoming.get(target.id) ?? [];
    inc.push(edge);
    incoming.set(target.id, inc);
  }

  for (const { node, usage } of externalRefs) {
    const attribute = usage[usage.length - 1];
    const expected = expectedReceiverType(node.name, attribute, usage.slice(0, -1));
    if (node.kind === 'custom' || (expected && expected.type !== 'list(map(string))')) node.external = true;
  }

  // Nodes in file order, so output is stable.
  const fileIndex = new Map(config.files.map((f, i) => [f.uri, i]));
  nodes.sort((a, b) => fileIndex.get(a.uri)! - fileIndex.get(b.uri)! || a.span.start - b.span.start);

  return {
    nodes,
    edges,
    declares,
    node: (id) => byId.get(id),
    nodeOf: (decl) => byDecl.get(decl),
    nodeOfSite: (site) => siteNodes.get(site.block) ?? byBlock.get(site.block),
    outgoing: (id) => outgoing.get(id) ?? [],
    incoming: (id) => incoming.get(id) ?? [],
    edgeOf: (ref) => byRef.get(ref),
  };
}

export { signalFact };

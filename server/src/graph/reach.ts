/**
 * Where data goes on the graph: does a signal that leaves a node reach a
 * backend that accepts it, through any chain of processors, relabels,
 * converting receivers, connectors and declared components?
 */
import type { DataSignal } from '../knowledge/signals';
import type { BuiltGraph } from './build';
import { behaviourOf } from './behaviour';
import type { GraphEdge, GraphNode } from './types';

type Flowing = DataSignal | 'targets';

export interface Loss {
  node: string;
  signal: Flowing;
  /** `not-accepted`: sent a signal it does not take; `dead-end`: no output for it; `drop`: prints it and keeps it nowhere. */
  why: 'not-accepted' | 'dead-end' | 'drop';
  /** The edge it arrived by. */
  edge?: string;
}

export interface Delivery {
  /** The node the signal left from. */
  start?: string;
  /** `delivered`: a backend accepts it; `unknown`: it leaves what the graph can see (a module); `lost`: neither. */
  status: 'delivered' | 'unknown' | 'lost';
  /** Nodes and edges of one delivering path (start first). */
  path: string[];
  edges: string[];
  /** The backends reached. */
  sinks: string[];
  losses: Loss[];
}

/** What a node sends on for a signal it received. */
function emits(node: GraphNode, signal: Flowing): readonly Flowing[] {
  if (node.kind === 'component') return behaviourOf(node.name).emits(signal);
  return [signal];
}

/** Whether the body of a declared component instance writes `signal` to a backend itself. */
function bodyDelivers(g: BuiltGraph, node: GraphNode, signal: DataSignal): string | undefined {
  const declared = g.declares.get(node.name);
  if (!declared) return undefined;
  return g.nodes.find(
    (n) => n.scope === declared.scope && n.behaviour === 'backend' && (n.accepts as string[]).includes(signal),
  )?.id;
}

/**
 * Follows `signal` from `start` (which sends it; for `targets`, its own
 * targets) and reports whether it reaches a backend as `want`.
 */
export function deliver(g: BuiltGraph, start: string, signal: Flowing, want: DataSignal): Delivery {
  const seen = new Set<string>();
  const parent = new Map<string, { state: string; edge: GraphEdge }>();
  const losses: Loss[] = [];
  const sinks: string[] = [];
  let unknown = false;
  let found: string | undefined;
  const key = (id: string, s: Flowing) => `${id}\u0000${s}`;
  const queue: { id: string; signal: Flowing }[] = [];
  const sendFrom = (node: GraphNode, s: Flowing, from: string) => {
    let any = false;
    for (const e of g.outgoing(node.id)) {
      if (!(e.carries as string[]).includes(s)) continue;
      any = true;
      const k = key(e.to, s);
      if (seen.has(k)) continue;
      seen.add(k);
      parent.set(k, { state: from, edge: e });
      queue.push({ id: e.to, signal: s });
    }
    return any;
  };
  const startNode = g.node(start);
  if (!startNode) return { start, status: 'lost', path: [], edges: [], sinks, losses };
  const startKey = key(start, signal);
  seen.add(startKey);
  if (!sendFrom(startNode, signal, startKey) && startNode.external) unknown = true;
  while (queue.length > 0) {
    const { id, signal: s } = queue.shift()!;
    const node = g.node(id)!;
    const here = key(id, s);
    const via = parent.get(here)?.edge.id;
    if (node.behaviour === 'unknown') {
      unknown = true;
      continue;
    }
    if (!(node.accepts as string[]).includes(s)) {
      losses.push({ node: id, signal: s, why: 'not-accepted', edge: via });
      continue;
    }
    if (node.behaviour === 'backend') {
      if (s === want) {
        sinks.push(id);
        found ??= here;
      }
      continue;
    }
    if (node.behaviour === 'drop') {
      losses.push({ node: id, signal: s, why: 'drop', edge: via });
      continue;
    }
    if (node.behaviour === 'source') continue;
    if (node.kind === 'custom' && s !== 'targets' && s === want) {
      const inside = bodyDelivers(g, node, s);
      if (inside) {
        sinks.push(id);
        found ??= here;
      }
    }
    let sent = false;
    for (const out of emits(node, s)) if (sendFrom(node, out, here)) sent = true;
    if (!sent) {
      if (node.external || node.kind === 'custom' || node.kind === 'export') unknown = true;
      else losses.push({ node: id, signal: s, why: 'dead-end', edge: via });
    }
  }
  const path: string[] = [];
  const edges: string[] = [];
  if (found) {
    for (let k: string | undefined = found; k;) {
      path.unshift(k.split('\u0000')[0]);
      const p = parent.get(k);
      if (p) edges.unshift(p.edge.id);
      k = p?.state;
    }
  }
  return { start, status: found ? 'delivered' : unknown ? 'unknown' : 'lost', path, edges, sinks, losses };
}

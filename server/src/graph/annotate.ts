/**
 * The graph with what is wrong marked on its nodes (unwired, dangling,
 * dropping) and the paths of Alloy's own telemetry highlighted: what the
 * `graph` command prints and the editors draw.
 */
import type { Configuration } from '../analysis/configuration';
import { mustBeReferenced } from '../knowledge';
import { DATA_SIGNALS, type DataSignal } from '../knowledge/signals';
import { behaviourOf } from './behaviour';
import { signalGraph, type BuiltGraph } from './build';
import { ownDeliveries } from './selfMonitoring';
import type { GraphNode } from './types';

const done = new WeakSet<BuiltGraph>();

/** The data signals that enter a node and leave it nowhere (for a node that passes data on). */
export function deadEnds(g: BuiltGraph, node: GraphNode): DataSignal[] {
  if (node.kind !== 'component' || node.behaviour !== 'pass' || node.external) return [];
  const out: DataSignal[] = [];
  const behaviour = behaviourOf(node.name);
  for (const s of DATA_SIGNALS) {
    const enters = g
      .incoming(node.id)
      .some((e) => e.accepted && (e.carries as string[]).includes(s) && (node.accepts as string[]).includes(s));
    if (!enters) continue;
    const leaves = behaviour.emits(s).some((o) => g.outgoing(node.id).some((e) => (e.carries as string[]).includes(o)));
    if (!leaves) out.push(s);
  }
  return out;
}

/** Marks and highlights the configuration's graph (once) and returns it. */
export function annotatedGraph(config: Configuration): BuiltGraph {
  const g = signalGraph(config);
  if (done.has(g)) return g;
  done.add(g);
  for (const decl of config.allComponents()) {
    const node = g.nodeOf(decl);
    if (!node) continue;
    if (mustBeReferenced(decl.name) && config.referencesTo(decl).length === 0) node.marks.push('unwired');
  }
  for (const node of g.nodes) {
    if (deadEnds(g, node).length > 0) node.marks.push('dangling');
    const incoming = g.incoming(node.id);
    if (
      incoming.some((e) => !e.accepted) ||
      (node.behaviour === 'drop' && incoming.some((e) => e.carries.some((c) => c !== 'value')))
    ) {
      node.marks.push('drops');
    }
  }
  for (const signal of ['metrics', 'logs', 'traces'] as const) {
    for (const d of ownDeliveries(config, signal)) {
      if (d.delivery.status !== 'delivered') continue;
      for (const id of d.delivery.path) {
        const n = g.node(id);
        if (n && !n.selfMonitoring.includes(signal)) n.selfMonitoring.push(signal);
      }
      for (const id of d.delivery.edges) {
        const e = g.edges.find((x) => x.id === id);
        if (e && !e.selfMonitoring.includes(signal)) e.selfMonitoring.push(signal);
      }
    }
  }
  return g;
}

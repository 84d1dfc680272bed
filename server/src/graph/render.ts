/**
 * The graph as text: the JSON document the `graph` command and the
 * `alloy/graph` request return, Graphviz DOT and Mermaid. The SVG drawing
 * (with its layout) is in svg.ts, shared with the editor's graph view.
 */
import type { Carried } from '../knowledge/signals';
import type { Span } from '../model/types';
import type { GraphEdge, GraphNode, SignalGraph } from './types';

/** A diagnostic shown on a node. */
export interface NodeDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
}

/** A node of the graph document: the node, plus where it is in lines and its diagnostics. */
export interface DocumentNode extends GraphNode {
  /** 0-based line and UTF-16 column of the block's name (for editors). */
  position?: { line: number; character: number };
  diagnostics: NodeDiagnostic[];
}

/** What `graph --format json` prints and the `alloy/graph` request returns. */
export interface GraphDocument {
  version: 1;
  nodes: DocumentNode[];
  edges: GraphEdge[];
}

/** The colour of each signal (shared by every drawing). */
export const SIGNAL_COLOURS: Record<Carried, string> = {
  metrics: '#e5a50a',
  logs: '#2ec27e',
  traces: '#3584e4',
  profiles: '#c061cb',
  targets: '#9a9996',
  value: '#77767b',
};

/** Attaches diagnostics (absolute offsets) to the nodes whose block holds them: the innermost one. */
export function graphDocument(
  graph: SignalGraph,
  diagnostics: readonly {
    uri: string;
    span: Span;
    code: string;
    severity: NodeDiagnostic['severity'];
    message: string;
  }[],
  positionOf?: (uri: string, offset: number) => { line: number; character: number },
): GraphDocument {
  const nodes: DocumentNode[] = graph.nodes.map((n) => ({
    ...n,
    position: positionOf?.(n.uri, n.nameSpan.start),
    diagnostics: [],
  }));
  // Per file, nodes by start: the innermost block holding an offset is the last one starting before it that holds it.
  const byUri = new Map<string, DocumentNode[]>();
  for (const n of nodes) {
    const list = byUri.get(n.uri);
    if (list) list.push(n);
    else byUri.set(n.uri, [n]);
  }
  for (const list of byUri.values()) list.sort((a, b) => a.span.start - b.span.start);
  for (const d of diagnostics) {
    const list = byUri.get(d.uri);
    if (!list) continue;
    let lo = 0;
    let hi = list.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].span.start <= d.span.start) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = at; i >= 0; i--) {
      const n = list[i];
      if (d.span.start < n.span.end) {
        n.diagnostics.push({ code: d.code, severity: d.severity, message: d.message });
        break;
      }
    }
  }
  return { version: 1, nodes, edges: graph.edges };
}

/** A node's title: `loki.write "default"`, `logging`. */
export function nodeTitle(n: Pick<GraphNode, 'name' | 'label'>): string {
  return n.label !== undefined ? `${n.name} "${n.label}"` : n.name;
}

/** What a node carries, for its colour: the signals of its edges (in and out). */
export function nodeSignals(graph: SignalGraph, id: string): Carried[] {
  const out = new Set<Carried>();
  for (const e of graph.edges) if (e.from === id || e.to === id) for (const c of e.carries) out.add(c);
  const order: Carried[] = ['metrics', 'logs', 'traces', 'profiles', 'targets', 'value'];
  return order.filter((c) => out.has(c));
}

export function edgeLabel(e: GraphEdge): string {
  return e.carries.join(', ');
}

function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Graphviz DOT, left to right; marked nodes dashed/red, Alloy's own telemetry paths bold. */
export function toDot(graph: SignalGraph): string {
  const lines = ['digraph alloy {', '  rankdir=LR;', '  node [shape=box, style="rounded,filled", fillcolor=white];'];
  for (const n of graph.nodes) {
    const signals = nodeSignals(graph, n.id);
    const attrs = [`label=${dotString(`${nodeTitle(n)}${n.marks.length ? `\n(${n.marks.join(', ')})` : ''}`)}`];
    attrs.push(`color=${dotString(n.marks.length ? '#c01c28' : SIGNAL_COLOURS[signals[0] ?? 'value'])}`);
    if (n.marks.length) attrs.push('style="rounded,filled,dashed"');
    if (n.selfMonitoring.length) attrs.push('penwidth=2.5');
    lines.push(`  ${dotString(n.id)} [${attrs.join(', ')}];`);
  }
  for (const e of graph.edges) {
    const attrs = [`label=${dotString(edgeLabel(e))}`, `color=${dotString(SIGNAL_COLOURS[e.carries[0]])}`];
    if (!e.accepted) attrs.push('style=dashed', 'fontcolor="#c01c28"');
    if (e.selfMonitoring.length) attrs.push('penwidth=2.5');
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function mermaidText(s: string): string {
  return `"${s.replace(/"/g, '#quot;')}"`;
}

/** Mermaid flowchart, left to right, with classes for marked nodes and Alloy's own telemetry. */
export function toMermaid(graph: SignalGraph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const n of graph.nodes) {
    const text = `${nodeTitle(n)}${n.marks.length ? `<br/>(${n.marks.join(', ')})` : ''}`;
    lines.push(`  ${ids.get(n.id)}[${mermaidText(text)}]`);
  }
  graph.edges.forEach((e) => {
    const arrow = e.accepted ? '-->' : '-.->';
    lines.push(`  ${ids.get(e.from)} ${arrow}|${mermaidText(edgeLabel(e))}| ${ids.get(e.to)}`);
  });
  const marked = graph.nodes.filter((n) => n.marks.length).map((n) => ids.get(n.id));
  const own = graph.nodes.filter((n) => n.selfMonitoring.length).map((n) => ids.get(n.id));
  lines.push('  classDef problem stroke:#c01c28,stroke-dasharray:4 2;');
  lines.push('  classDef own stroke-width:3px;');
  if (marked.length) lines.push(`  class ${marked.join(',')} problem;`);
  if (own.length) lines.push(`  class ${own.join(',')} own;`);
  const ownEdges = graph.edges.flatMap((e, i) => (e.selfMonitoring.length ? [i] : []));
  if (ownEdges.length) lines.push(`  linkStyle ${ownEdges.join(',')} stroke-width:3px;`);
  return `${lines.join('\n')}\n`;
}

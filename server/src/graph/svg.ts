/**
 * Draws the graph as SVG: a left-to-right layered layout computed by ELK
 * (elkjs), nodes coloured by the signals they carry, edges labelled with
 * what they carry, problems and diagnostics shown on their nodes. The
 * `graph --format svg` command and the editor's graph view both use this
 * module, so both draw the same picture. No DOM: the output is a string.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Carried } from '../knowledge/signals';
import { SIGNAL_COLOURS, edgeLabel, nodeTitle, type DocumentNode, type GraphDocument } from './render';

const CHAR = 7.2;
const FONT = 12;
const NODE_HEIGHT = 42;
/** Above this many nodes the layout uses ELK's cheaper strategies. */
const LARGE = 60;

export interface SvgOptions {
  /**
   * `embedded`: a standalone file with its own `<style>` (light colours).
   * `themed`: classes only; the page's stylesheet supplies the colours (the editor's theme).
   */
  style: 'embedded' | 'themed';
}

export interface PositionedNode {
  node: DocumentNode;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PositionedEdge {
  id: string;
  from: string;
  to: string;
  carries: Carried[];
  accepted: boolean;
  selfMonitoring: boolean;
  points: { x: number; y: number }[];
  label?: { x: number; y: number; width: number; height: number; text: string };
}

export interface Layout {
  width: number;
  height: number;
  nodes: PositionedNode[];
  edges: PositionedEdge[];
}

let elk: InstanceType<typeof ELK> | undefined;

function nodeWidth(n: DocumentNode): number {
  const lines = [n.name, n.label !== undefined ? `"${n.label}"` : ''];
  return Math.max(90, Math.ceil(Math.max(...lines.map((l) => l.length)) * CHAR) + 34);
}

/** Computes positions with ELK's layered algorithm, left to right. */
export async function layoutGraph(doc: GraphDocument): Promise<Layout> {
  elk ??= new ELK();
  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  const children: ElkNode[] = doc.nodes.map((n) => ({ id: n.id, width: nodeWidth(n), height: NODE_HEIGHT }));
  const edges: ElkExtendedEdge[] = doc.edges
    .filter((e) => nodeIds.has(e.from) && nodeIds.has(e.to) && e.from !== e.to)
    .map((e) => {
      const text = edgeLabel(e);
      return {
        id: e.id,
        sources: [e.from],
        targets: [e.to],
        labels: [{ id: `${e.id}-label`, text, width: text.length * 6.2 + 6, height: 14 }],
      };
    });
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '18',
      'elk.layered.spacing.nodeNodeBetweenLayers': '46',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.edgeLabels.sideSelection': 'ALWAYS_UP',
      // Large configurations get ELK's cheaper strategies (a drawing within a second matters more there).
      ...(doc.nodes.length > LARGE
        ? {
            'elk.layered.thoroughness': '1',
            'elk.layered.nodePlacement.strategy': 'SIMPLE',
            'elk.layered.layering.strategy': 'LONGEST_PATH',
            'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
            'elk.layered.compaction.postCompaction.strategy': 'NONE',
            'elk.edgeRouting': 'POLYLINE',
          }
        : { 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.layered.thoroughness': '7' }),
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
      'elk.separateConnectedComponents': 'true',
    },
    children,
    edges,
  };
  const result: ElkNode & { edges?: ElkExtendedEdge[] } = await elk.layout(root);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const info = new Map(doc.edges.map((e) => [e.id, e]));
  return {
    width: Math.ceil(result.width ?? 0),
    height: Math.ceil(result.height ?? 0),
    nodes: (result.children ?? []).map((c) => ({
      node: byId.get(c.id)!,
      x: c.x ?? 0,
      y: c.y ?? 0,
      width: c.width ?? 0,
      height: c.height ?? 0,
    })),
    edges: (result.edges ?? []).map((e) => {
      const g = info.get(e.id)!;
      const s = e.sections?.[0];
      const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : [];
      const l = e.labels?.[0];
      return {
        id: e.id,
        from: g.from,
        to: g.to,
        carries: g.carries,
        accepted: g.accepted,
        selfMonitoring: g.selfMonitoring.length > 0,
        points,
        label:
          l && l.text
            ? { x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0, text: l.text }
            : undefined,
      };
    }),
  };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const SEVERITY_ORDER = ['error', 'warning', 'information', 'hint'] as const;

/** The stylesheet of a standalone SVG (a light theme). The editor view defines the same classes from its theme. */
export const EMBEDDED_STYLE = `
.graph { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: ${FONT}px; }
.background { fill: #ffffff; }
.node rect.box { fill: #f6f5f4; stroke: #9a9996; stroke-width: 1; }
.node.self rect.box { stroke-width: 2.5; }
.node.problem rect.box { stroke: #c01c28; stroke-dasharray: 4 2; }
.node text { fill: #241f31; }
.node text.label { fill: #5e5c64; }
.edge path { fill: none; stroke-width: 1.4; }
.edge.self path { stroke-width: 3; }
.edge.rejected path { stroke-dasharray: 5 3; }
.edge text { fill: #5e5c64; font-size: 10px; }
.edge.rejected text { fill: #c01c28; }
.badge.error { fill: #c01c28; } .badge.warning { fill: #e66100; }
.badge.information { fill: #1c71d8; } .badge.hint { fill: #77767b; }
.badge-text { fill: #ffffff; font-size: 9px; font-weight: bold; }
`;

/** The SVG text of a computed layout. Node groups carry `data-node` (its id) for the editor view. */
export function layoutToSvg(layout: Layout, options: SvgOptions): string {
  const out: string[] = [];
  const w = Math.max(layout.width, 1);
  const h = Math.max(layout.height, 1);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`);
  if (options.style === 'embedded') {
    out.push(`<style>${EMBEDDED_STYLE}</style>`, `<rect class="background" width="${w}" height="${h}"/>`);
  }
  out.push('<defs>');
  for (const [signal, colour] of Object.entries(SIGNAL_COLOURS)) {
    out.push(
      `<marker id="arrow-${signal}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`,
    );
  }
  out.push('</defs>');
  for (const e of layout.edges) {
    if (e.points.length < 2) continue;
    const colour = SIGNAL_COLOURS[e.carries[0]];
    const d = e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const cls = ['edge', e.selfMonitoring ? 'self' : '', e.accepted ? '' : 'rejected'].filter(Boolean).join(' ');
    out.push(`<g class="${cls}" data-edge="${esc(e.id)}">`);
    out.push(`<path d="${d}" stroke="${colour}" marker-end="url(#arrow-${e.carries[0]})"/>`);
    if (e.label) {
      const text = e.accepted ? e.label.text : `${e.label.text} (not accepted)`;
      out.push(
        `<text x="${(e.label.x + e.label.width / 2).toFixed(1)}" y="${(e.label.y + e.label.height - 3).toFixed(1)}" text-anchor="middle">${esc(text)}</text>`,
      );
    }
    out.push('</g>');
  }
  const signalsOf = signalsByNode(layout);
  for (const p of layout.nodes) {
    const n = p.node;
    const signals = signalsOf.get(n.id) ?? [];
    const cls = ['node', n.selfMonitoring.length ? 'self' : '', n.marks.length ? 'problem' : '']
      .filter(Boolean)
      .join(' ');
    const tip = [
      nodeTitle(n),
      n.marks.length ? `(${n.marks.join(', ')})` : '',
      ...n.diagnostics.map((d) => `${d.code}: ${d.message}`),
    ]
      .filter(Boolean)
      .join('\n');
    out.push(
      `<g class="${cls}" data-node="${esc(n.id)}" transform="translate(${p.x.toFixed(1)},${p.y.toFixed(1)})" tabindex="0" role="button">`,
    );
    out.push(`<title>${esc(tip)}</title>`);
    out.push(`<rect class="box" width="${p.width}" height="${p.height}" rx="6"/>`);
    const stripe = p.height / Math.max(signals.length, 1);
    signals.forEach((s, i) => {
      out.push(
        `<rect class="stripe" x="0" y="${(i * stripe).toFixed(1)}" width="6" height="${stripe.toFixed(1)}" fill="${SIGNAL_COLOURS[s]}"/>`,
      );
    });
    out.push(`<text class="name" x="14" y="17">${esc(n.name)}</text>`);
    if (n.label !== undefined) out.push(`<text class="label" x="14" y="33">"${esc(n.label)}"</text>`);
    const worst = SEVERITY_ORDER.find((s) => n.diagnostics.some((d) => d.severity === s));
    if (worst) {
      out.push(
        `<circle class="badge ${worst}" cx="${p.width - 9}" cy="9" r="7"/><text class="badge-text" x="${p.width - 9}" y="12" text-anchor="middle">${n.diagnostics.length}</text>`,
      );
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

const CARRIED_ORDER: Carried[] = ['metrics', 'logs', 'traces', 'profiles', 'targets', 'value'];

/** The signals of each node's edges, in a fixed order (its colour stripes). */
function signalsByNode(layout: Layout): Map<string, Carried[]> {
  const sets = new Map<string, Set<Carried>>();
  for (const e of layout.edges) {
    for (const id of [e.from, e.to]) {
      const set = sets.get(id) ?? new Set<Carried>();
      for (const c of e.carries) set.add(c);
      sets.set(id, set);
    }
  }
  return new Map([...sets].map(([id, set]) => [id, CARRIED_ORDER.filter((c) => set.has(c))]));
}

/** Layout and SVG in one step (the `graph --format svg` command). */
export async function toSvg(doc: GraphDocument, options: SvgOptions = { style: 'embedded' }): Promise<string> {
  return layoutToSvg(await layoutGraph(doc), options);
}

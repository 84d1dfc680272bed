/**
 * The page of the pipeline graph view (runs in the webview, bundled for the
 * browser). Lays the graph out with the same code as `graph --format svg`
 * and draws it with the theme's colours (graph.css); clicks and keyboard
 * activation on a node ask the extension to reveal its block.
 */
import { layoutGraph, layoutToSvg, type Layout } from '../../../server/src/graph/svg';
import type { GraphDocument } from '../../../server/src/graph/render';
import { SIGNAL_COLOURS } from '../../../server/src/graph/render';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const container = document.getElementById('graph')!;
const title = document.getElementById('title')!;
const legend = document.getElementById('legend')!;
const exportButton = document.getElementById('export') as HTMLButtonElement;

let current: Layout | undefined;
let generation = 0;

for (const signal of ['metrics', 'logs', 'traces', 'profiles', 'targets'] as const) {
  const item = document.createElement('span');
  item.className = `legend-item legend-${signal}`;
  const swatch = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  swatch.setAttribute('width', '10');
  swatch.setAttribute('height', '10');
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  rect.setAttribute('width', '10');
  rect.setAttribute('height', '10');
  rect.setAttribute('fill', SIGNAL_COLOURS[signal]);
  swatch.appendChild(rect);
  item.append(swatch, document.createTextNode(` ${signal}`));
  legend.appendChild(item);
}

async function draw(doc: GraphDocument, uri: string, version: number, name: string): Promise<void> {
  const mine = ++generation;
  const started = performance.now();
  const layout = await layoutGraph(doc);
  if (mine !== generation) return; // a newer graph arrived while this one was laid out
  current = layout;
  container.innerHTML = layoutToSvg(layout, { style: 'themed' });
  const problems = doc.nodes.filter((n) => n.marks.length > 0).length;
  title.textContent = `${name}: ${doc.nodes.length} nodes, ${doc.edges.length} connections${problems ? `, ${problems} with problems` : ''}`;
  const nodes = [...container.querySelectorAll<SVGGElement>('g[data-node]')].map((g) => g.dataset.node!);
  vscode.postMessage({
    type: 'rendered',
    uri,
    version,
    nodes,
    edges: container.querySelectorAll('g[data-edge]').length,
    ms: performance.now() - started,
  });
}

function nodeOf(target: EventTarget | null): SVGGElement | undefined {
  const el = target instanceof Element ? target.closest('g[data-node]') : null;
  return (el as SVGGElement | null) ?? undefined;
}

container.addEventListener('click', (e) => {
  const g = nodeOf(e.target);
  if (g) vscode.postMessage({ type: 'reveal', id: g.dataset.node });
});
container.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const g = nodeOf(e.target);
  if (g) {
    e.preventDefault();
    vscode.postMessage({ type: 'reveal', id: g.dataset.node });
  }
});
exportButton.addEventListener('click', () => {
  if (current) vscode.postMessage({ type: 'export', svg: layoutToSvg(current, { style: 'embedded' }) });
});

window.addEventListener('message', (event: MessageEvent) => {
  const m = event.data as { type: string; [k: string]: unknown };
  if (m.type === 'graph') {
    draw(m.doc as GraphDocument, m.uri as string, m.version as number, m.name as string).catch((err: unknown) =>
      vscode.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  } else if (m.type === 'click') {
    // As a user's click: dispatched on the node's element.
    const g = [...container.querySelectorAll<SVGGElement>('g[data-node]')].find((x) => x.dataset.node === m.id);
    g?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  } else if (m.type === 'svg') {
    vscode.postMessage({
      type: 'svg',
      request: m.request,
      svg: current ? layoutToSvg(current, { style: 'embedded' }) : '',
    });
  } else if (m.type === 'failed') {
    title.textContent = `The graph could not be computed: ${String(m.message)}`;
  }
});

vscode.postMessage({ type: 'ready' });

#!/usr/bin/env node
// Benchmark of the pipeline graph: the time from an analysed configuration to its drawing (the graph document,
// ELK's layout, the SVG text) for the benchmark's generated 2,500-line and 20,000-line configurations; the same
// code the editor's graph view and `graph --format svg` run. Needs `npx tsc -b` (it uses out/).
//
//   node scripts/bench/graph.mjs [--runs N]
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { generateConfig } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const out = (p) => require(path.join(root, 'out', 'server', 'src', p));
const { createParser } = out('syntax/parser.js');
const { ParsedDocument } = out('syntax/document.js');
const { toConfigFile } = out('analysis/workspace.js');
const { analyze } = out('analysis/analyze.js');
const { graphOf } = out('graph/index.js');
const { layoutGraph, layoutToSvg } = out('graph/svg.js');
const { DEFAULT_SETTINGS } = out('settings.js');

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt < 0 ? 5 : Number(process.argv[runsAt + 1]);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive whole number');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const parser = await createParser();
const load0 = os.loadavg()[0];
const rows = [];
for (const [lines, seed] of [
  [2500, 1],
  [20000, 2],
]) {
  const text = generateConfig(lines, seed);
  const doc = new ParsedDocument(parser, `file:///bench/${lines}.alloy`, 0, text);
  const times = { graph: [], layout: [], svg: [], total: [], cpu: [] };
  let size;
  // One warm-up run (JIT, ELK's first start), then `runs` timed ones, each on a fresh analysis.
  for (let i = 0; i <= runs; i++) {
    const result = analyze([toConfigFile(doc)], DEFAULT_SETTINGS);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const graph = graphOf(result, DEFAULT_SETTINGS);
    const t1 = performance.now();
    const layout = await layoutGraph(graph);
    const t2 = performance.now();
    const svg = layoutToSvg(layout, { style: 'embedded' });
    const t3 = performance.now();
    const c = process.cpuUsage(c0);
    size = { nodes: graph.nodes.length, edges: graph.edges.length, bytes: svg.length };
    if (i === 0) continue;
    times.graph.push(t1 - t0);
    times.layout.push(t2 - t1);
    times.svg.push(t3 - t2);
    times.total.push(t3 - t0);
    times.cpu.push((c.user + c.system) / 1000);
  }
  doc.dispose();
  const lineCount = text.split('\n').length - 1;
  rows.push({ lineCount, ...size, ...Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) });
}
const ms = (x) => `${x.toFixed(0)} ms`;
console.log(
  `${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores, Node ${process.version}; load average ${load0.toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end; median of ${runs}`,
);
for (const r of rows) {
  console.log(
    `graph view drawing, ${r.lineCount.toLocaleString('en')} lines (${r.nodes} nodes, ${r.edges} edges): ${ms(r.total)} ` +
      `(graph ${ms(r.graph)}, ELK layout ${ms(r.layout)}, SVG ${ms(r.svg)}; CPU ${ms(r.cpu)})`,
  );
}

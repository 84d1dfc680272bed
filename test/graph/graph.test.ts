/**
 * The signal-flow graph: built from the model (every component a node, every
 * resolved reference an edge, over the whole corpus), directed the way the
 * data goes, typed with what it carries; the recorded signal facts quoted
 * from the docs; the `graph` command's formats.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis/analyze';
import { Configuration } from '../../server/src/analysis/configuration';
import { toConfigFile } from '../../server/src/analysis/workspace';
import { annotatedGraph } from '../../server/src/graph/annotate';
import { signalGraph } from '../../server/src/graph/build';
import { catalog } from '../../server/src/knowledge';
import { SIGNAL_FACTS } from '../../server/src/knowledge/signals';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { ParsedDocument } from '../../server/src/syntax/document';
import { corpusDir, repoRoot, runCli, sharedParser } from '../helpers';

async function configOf(text: string): Promise<Configuration> {
  const parser = await sharedParser();
  const doc = new ParsedDocument(parser, 'file:///g/main.alloy', 0, text);
  try {
    return analyze([toConfigFile(doc)], DEFAULT_SETTINGS).configuration;
  } finally {
    doc.dispose();
  }
}

function edges(config: Configuration): string[] {
  const g = annotatedGraph(config);
  return g.edges.map((e) => `${e.from} -> ${e.to} [${e.carries.join(',')}]${e.accepted ? '' : ' not accepted'}`);
}

test('every component of a corpus file is a node and every reference to one an edge', async (t) => {
  const corpus = corpusDir();
  if (!corpus) {
    t.skip('the shared corpus is not beside the repository');
    return;
  }
  const parser = await sharedParser();
  const dir = path.join(corpus, 'real', 'valid');
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.alloy'));
  let components = 0;
  let references = 0;
  const problems: string[] = [];
  for (const name of names) {
    const doc = new ParsedDocument(parser, `file:///corpus/${name}`, 0, fs.readFileSync(path.join(dir, name), 'utf8'));
    try {
      const config = new Configuration([toConfigFile(doc)]);
      const g = signalGraph(config);
      const ids = new Set<string>();
      for (const n of g.nodes) {
        if (ids.has(n.id)) problems.push(`${name}: node id ${n.id} twice`);
        ids.add(n.id);
      }
      const decls = [...config.allComponents()];
      components += decls.length;
      for (const decl of decls) {
        const node = g.nodeOf(decl);
        if (!node) problems.push(`${name}: ${decl.key} is not a node`);
        else if (
          node.name !== decl.name ||
          node.label !== decl.label ||
          node.span.start !== decl.statement.start + decl.block.span.start
        )
          problems.push(`${name}: node ${node.id} does not match ${decl.key}`);
      }
      const componentNodes = g.nodes.filter((n) => n.kind === 'component' || n.kind === 'custom');
      if (componentNodes.length !== decls.length)
        problems.push(`${name}: ${componentNodes.length} component nodes for ${decls.length} components`);
      const resolved = config.references.filter((r) => r.target);
      references += resolved.length;
      for (const r of resolved) {
        const e = g.edgeOf(r);
        const target = g.nodeOf(r.target!)!;
        if (!e) {
          problems.push(`${name}: reference ${r.ref.path.join('.')} is not an edge`);
          continue;
        }
        if (e.from !== target.id && e.to !== target.id) problems.push(`${name}: edge ${e.id} misses ${target.id}`);
        const owner = g.node(e.from === target.id ? e.to : e.from)!;
        const at = e.span.start;
        if (!(owner.uri === r.file.uri && owner.span.start <= at && at < owner.span.end))
          problems.push(`${name}: edge of ${r.ref.path.join('.')} does not start in the block holding it`);
      }
      if (g.edges.length !== resolved.length)
        problems.push(`${name}: ${g.edges.length} edges for ${resolved.length} references`);
    } finally {
      doc.dispose();
    }
  }
  t.diagnostic(`${names.length} files, ${components} components, ${references} references to components`);
  assert.ok(components > 1000);
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
});

test('edges go from producer to consumer and carry the signal of the connection', async () => {
  const config = await configOf(`
prometheus.exporter.self "default" { }
prometheus.scrape "self" {
  targets    = prometheus.exporter.self.default.targets
  forward_to = [prometheus.relabel.keep.receiver]
}
prometheus.relabel "keep" {
  forward_to = [otelcol.receiver.prometheus.p.receiver]
}
otelcol.receiver.prometheus "p" {
  output { metrics = [otelcol.exporter.otlphttp.o.input] }
}
otelcol.auth.basic "a" {
  username = "u"
  password = sys.env("P")
}
otelcol.exporter.otlphttp "o" {
  client {
    endpoint = "https://example.com"
    auth     = otelcol.auth.basic.a.handler
  }
}
logging { write_to = [loki.write.l.receiver] }
loki.write "l" {
  endpoint { url = "http://localhost:3100/loki/api/v1/push" }
}
`);
  assert.deepEqual(edges(config), [
    'prometheus.exporter.self.default -> prometheus.scrape.self [targets]',
    'prometheus.scrape.self -> prometheus.relabel.keep [metrics]',
    'prometheus.relabel.keep -> otelcol.receiver.prometheus.p [metrics]',
    'otelcol.receiver.prometheus.p -> otelcol.exporter.otlphttp.o [metrics]',
    'otelcol.auth.basic.a -> otelcol.exporter.otlphttp.o [value]',
    'logging -> loki.write.l [logs]',
  ]);
  const g = annotatedGraph(config);
  assert.deepEqual(
    g.nodes.filter((n) => n.selfMonitoring.length).map((n) => `${n.id}: ${n.selfMonitoring.join(',')}`),
    [
      'prometheus.exporter.self.default: metrics',
      'prometheus.scrape.self: metrics',
      'prometheus.relabel.keep: metrics',
      'otelcol.receiver.prometheus.p: metrics',
      'otelcol.exporter.otlphttp.o: metrics',
      'logging: logs',
      'loki.write.l: logs',
    ],
  );
  assert.deepEqual(
    g.nodes.flatMap((n) => n.marks),
    [],
  );
});

test('a signal the target does not take, data that goes nowhere and a console exporter are marked', async () => {
  const config = await configOf(`
tracing { write_to = [otelcol.exporter.syslog.s.input, otelcol.processor.batch.b.input] }
otelcol.exporter.syslog "s" {
  endpoint = "localhost"
}
otelcol.processor.batch "b" {
  output { metrics = [otelcol.exporter.debug.d.input] }
}
otelcol.exporter.debug "d" { }
prometheus.scrape "x" {
  targets    = [{"__address__" = "localhost:9100"}]
  forward_to = [prometheus.relabel.r.receiver]
}
prometheus.relabel "r" {
  forward_to = []
}
`);
  assert.deepEqual(edges(config), [
    'tracing -> otelcol.exporter.syslog.s [traces] not accepted',
    'tracing -> otelcol.processor.batch.b [traces]',
    'otelcol.processor.batch.b -> otelcol.exporter.debug.d [metrics]',
    'prometheus.scrape.x -> prometheus.relabel.r [metrics]',
  ]);
  const g = annotatedGraph(config);
  assert.deepEqual(
    g.nodes.filter((n) => n.marks.length).map((n) => `${n.id}: ${n.marks.join(',')}`),
    [
      'otelcol.exporter.syslog.s: drops',
      'otelcol.processor.batch.b: dangling',
      'otelcol.exporter.debug.d: drops',
      'prometheus.relabel.r: dangling',
    ],
  );
});

test('custom components: a declared body is followed, an imported module is trusted', async () => {
  const config = await configOf(`
declare "ship" {
  argument "extra" { optional = true }
  loki.write "inner" {
    endpoint { url = "http://localhost:3100/loki/api/v1/push" }
  }
  export "receiver" { value = loki.write.inner.receiver }
}
ship "a" { }
logging { write_to = [ship.a.receiver] }
import.file "mods" { filename = "mods.alloy" }
mods.pipeline "b" { }
tracing { write_to = [mods.pipeline.b.input] }
`);
  const g = annotatedGraph(config);
  assert.deepEqual(
    g.nodes.map((n) => `${n.id} ${n.kind} ${n.behaviour}`),
    [
      'declare "ship"/loki.write.inner component backend',
      'declare "ship"/export.receiver export pass',
      'ship.a custom pass',
      'logging config source',
      'mods.pipeline.b custom unknown',
      'tracing config source',
    ],
  );
  assert.deepEqual(g.nodes.find((n) => n.id === 'logging')!.selfMonitoring, ['logs']);
  assert.ok(edges(config).includes('logging -> ship.a [logs]'));
});

test('every recorded signal fact names a catalog component and quotes its page', async (t) => {
  const docs = process.env.ALLOY_DOCS_DIR || path.resolve(repoRoot, '..', 'shared', 'alloy-docs');
  // Any release or the development docs: a fact may describe a component newer than the newest release.
  const known = new Set(catalog.merged().components.map((c) => c.name));
  for (const f of SIGNAL_FACTS) assert.ok(known.has(f.component), `${f.component} is not in the catalog`);
  if (!fs.existsSync(docs)) {
    t.skip('the Alloy docs snapshot is not beside the repository');
    return;
  }
  const missing: string[] = [];
  for (const f of SIGNAL_FACTS) {
    const file = path.join(docs, f.source);
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').replace(/\s+/g, ' ') : '';
    if (!text.includes(f.evidence.replace(/\s+/g, ' '))) missing.push(`${f.component}: ${f.evidence}`);
  }
  assert.deepEqual(missing, []);
});

test('graph command: json, dot, mermaid and svg of one file', () => {
  const file = path.join(repoRoot, 'examples', 'self-monitoring', 'grafana-cloud.alloy');
  const json = runCli(['graph', file]);
  assert.equal(json.status, 0, json.stderr);
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.version, 1);
  assert.ok(doc.nodes.some((n: { id: string }) => n.id === 'logging'));
  assert.ok(doc.nodes.every((n: { position?: unknown }) => n.position));
  const dot = runCli(['graph', '--format', 'dot', file]);
  assert.match(dot.stdout, /^digraph alloy \{\n {2}rankdir=LR;/);
  assert.match(dot.stdout, /"logging" -> "loki\.write\.grafana_cloud" \[label="logs"/);
  const mermaid = runCli(['graph', '--format=mermaid', file]);
  assert.match(mermaid.stdout, /^flowchart LR\n/);
  const svg = runCli(['graph', '--format', 'svg', file]);
  assert.equal(svg.status, 0, svg.stderr);
  assert.match(svg.stdout, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal((svg.stdout.match(/data-node=/g) ?? []).length, doc.nodes.length);
  const bad = runCli(['graph', '--format', 'png', file]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown format 'png'/);
});

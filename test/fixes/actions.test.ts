/**
 * Fixture tests of every fix: each input in test/fixtures/fixes/NAME.alloy,
 * after the chosen action, must equal NAME.fixed.alloy byte for byte, parse
 * without errors, and no longer have the diagnostic. Set UPDATE_FIXTURES=1
 * to rewrite the expected files (then review the diff).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ADD_SELF_MONITORING_TITLE, addSelfMonitoring, fixesFor, type Fix } from '../../server/src/fixes/actions';
import type { Signal } from '../../server/src/protocol';
import type { Finding } from '../../server/src/rules/rule';
import { formatTree } from '../../server/src/format/formatter';
import { sharedParser } from '../helpers';
import { FIXTURES, URI, analyse, analyseFiles, applyTo, codes, fixesOf, fixture, type Analysed } from './support';

interface Case {
  name: string;
  /** The diagnostic to fix; for the source action, omitted. */
  code?: string;
  /** Which action: the preferred one (default), or the one whose title matches. */
  title?: RegExp;
  settings?: Record<string, unknown>;
  /** Source action: signals and destination (defaults: all, the settings'). */
  source?: { signals?: Signal[]; destination?: 'grafana-cloud' | 'otlp' | 'local-lgtm' };
  /** The diagnostic has no preferred fix (only a removal). */
  noPreferred?: boolean;
  /** Codes that must be gone after the fix (besides one fewer `code` diagnostic). */
  gone?: string[];
  /** The exact title of the chosen action. */
  expectTitle?: string;
  /**
   * The fix rewrites or removes existing lines: any (true), or only the
   * lines of the top-level blocks with this name (the block it completes,
   * or the duplicate it removes). Every other input line must survive, in
   * order.
   */
  rewrites?: true | string;
}

/** Whether a text is formatted like `alloy fmt` (what `alloy-analyzer fmt --check` accepts). */
async function fmtClean(text: string): Promise<boolean> {
  const parser = await sharedParser();
  const tree = parser.parse(text)!;
  try {
    const r = formatTree(text, tree);
    return r.ok && r.text === text;
  } finally {
    tree.delete();
  }
}

const CASES: Case[] = [
  { name: 'metrics-reuse-remote-write', code: 'self-monitoring-metrics' },
  { name: 'metrics-new-chain', code: 'self-monitoring-metrics' },
  { name: 'metrics-label-collision', code: 'self-monitoring-metrics' },
  {
    // Exporters fed only traces (Tempo over gRPC, another over HTTP) never get Alloy's metrics.
    name: 'metrics-traces-only-exporter',
    code: 'self-monitoring-metrics',
    expectTitle: "Collect Alloy's own metrics and send them to Grafana Cloud",
  },
  {
    // The destination's own exporter is reused through a new otelcol.receiver.prometheus, and named.
    name: 'metrics-reuse-otlphttp',
    code: 'self-monitoring-metrics',
    expectTitle: "Collect Alloy's own metrics and send them to otelcol.exporter.otlphttp.grafana_cloud",
  },
  { name: 'logs-missing-block-reuse', code: 'self-monitoring-logs' },
  { name: 'logs-missing-write-to', code: 'self-monitoring-logs', rewrites: 'logging' },
  { name: 'logs-empty-write-to', code: 'self-monitoring-logs', rewrites: 'logging' },
  { name: 'logs-one-line-block', code: 'self-monitoring-logs', rewrites: 'logging' },
  { name: 'logs-write-to-own-style', code: 'self-monitoring-logs' },
  {
    name: 'traces-zero-sampling',
    code: 'self-monitoring-traces',
    settings: { selfMonitoring: { samplingFraction: 0.5 } },
    rewrites: 'tracing',
  },
  {
    name: 'traces-missing-write-to-reuse',
    code: 'self-monitoring-traces',
    settings: { selfMonitoring: { destination: 'local-lgtm' } },
    expectTitle: "Send Alloy's own traces to otelcol.exporter.otlp.tempo (tracing.write_to)",
    rewrites: 'tracing',
  },
  { name: 'traces-write-to-aligned', code: 'self-monitoring-traces', rewrites: 'tracing' },
  {
    name: 'source-full',
    source: { destination: 'otlp' },
    gone: ['self-monitoring-metrics', 'self-monitoring-logs', 'self-monitoring-traces'],
  },
  {
    name: 'source-partial',
    source: {},
    gone: ['self-monitoring-metrics', 'self-monitoring-traces'],
  },
  {
    name: 'source-local-lgtm',
    source: { destination: 'local-lgtm' },
    settings: { selfMonitoring: { scrapeInterval: '15s', logLevel: 'warn', logFormat: 'logfmt', samplingFraction: 1 } },
    gone: ['self-monitoring-metrics', 'self-monitoring-logs', 'self-monitoring-traces'],
  },
  {
    name: 'duplicate-merge',
    code: 'duplicate-block',
    title: /^Merge/,
    expectTitle: `Merge into the first 'logging' block, dropping this block's level = "debug"`,
    rewrites: 'logging',
  },
  {
    name: 'duplicate-merge-one-line',
    code: 'duplicate-block',
    title: /^Merge/,
    expectTitle: "Merge into the first 'tracing' block",
    rewrites: 'tracing',
  },
  {
    name: 'duplicate-remove',
    code: 'duplicate-block',
    expectTitle: "Remove this duplicate 'logging' block",
    rewrites: 'logging',
  },
  { name: 'unwired-prometheus-exporter', code: 'unwired-exporter' },
  // The unwired sink is not wired into Alloy's own logs by its own fix; the logs fix reuses it.
  { name: 'unwired-loki-write', code: 'self-monitoring-logs', gone: ['unwired-exporter', 'self-monitoring-logs'] },
  // An exporter left unwired for the user's data never gets Alloy's own traces: nothing is preferred.
  {
    name: 'unwired-otlp-exporter-append',
    code: 'unwired-exporter',
    title: /^Remove/,
    noPreferred: true,
    rewrites: true,
  },
  { name: 'unwired-exporter-dead-end', code: 'unwired-exporter', rewrites: 'otelcol.processor.batch' },
  { name: 'unwired-syslog-exporter', code: 'unwired-exporter', title: /^Remove/, noPreferred: true, rewrites: true },
  { name: 'traces-not-accepted', code: 'self-monitoring-traces', rewrites: 'tracing' },
  { name: 'traces-into-dead-end', code: 'self-monitoring-traces', rewrites: 'tracing' },
  { name: 'metrics-relabel-drops', code: 'self-monitoring-metrics' },
  { name: 'logs-local-sinks', code: 'self-monitoring-logs' },
  { name: 'unwired-self-exporter', code: 'unwired-exporter' },
  { name: 'unwired-no-receiver', code: 'unwired-exporter', title: /^Remove/, noPreferred: true, rewrites: true },
  {
    name: 'undefined-otlphttp',
    code: 'undefined-reference',
    gone: ['undefined-reference', 'self-monitoring-traces'],
  },
  { name: 'undefined-receiver-prometheus', code: 'undefined-reference' },
  { name: 'deprecated-env', code: 'deprecated-function', rewrites: true },
  { name: 'crlf-logs-missing-write-to', code: 'self-monitoring-logs', rewrites: 'logging' },
  { name: 'crlf-duplicate-merge', code: 'duplicate-block', title: /^Merge/, rewrites: 'logging' },
];

/** The unwired-exporter finding the rule reports for a component (the test fails when the rule does not). */
function unwiredFinding(a: Analysed, component: string, label: string): Finding {
  const found = a.findings.find(
    (f) => f.code === 'unwired-exporter' && f.data?.component === component && f.data?.label === label,
  );
  assert.ok(found, `no unwired-exporter for ${component}.${label}: ${codes(a).join(', ')}`);
  return found;
}

/** Which unwired component each unwired-exporter fixture is about. */
const UNWIRED: Record<string, [string, string]> = {
  'unwired-prometheus-exporter': ['prometheus.exporter.redis', 'cache'],
  'unwired-loki-write': ['loki.write', 'ops'],
  'unwired-otlp-exporter-append': ['otelcol.exporter.otlp', 'secondary'],
  'unwired-self-exporter': ['prometheus.exporter.self', 'alloy'],
  'unwired-no-receiver': ['prometheus.exporter.unix', 'host'],
  'unwired-exporter-dead-end': ['otelcol.exporter.otlphttp', 'tempo'],
  'unwired-syslog-exporter': ['otelcol.exporter.syslog', 'audit'],
};

function targetOf(c: Case, a: Analysed): Finding {
  if (c.code === 'unwired-exporter') return unwiredFinding(a, ...UNWIRED[c.name]);
  const first = a.findings.find((f) => f.code === c.code);
  assert.ok(first, `${c.name}: no ${c.code}: ${codes(a).join(', ')}`);
  return first;
}

/** How many findings have the same code and data as `f`. */
function countLike(a: Analysed, f: Finding): number {
  return a.findings.filter((x) => x.code === f.code && JSON.stringify(x.data) === JSON.stringify(f.data)).length;
}

for (const c of CASES) {
  test(`fix fixture ${c.name}`, async () => {
    const input = fixture(`${c.name}.alloy`);
    const before = await analyse(input, c.settings);
    let edits;
    let target: Finding | undefined;
    if (c.source) {
      const added = addSelfMonitoring(before.ctx, c.source.signals, c.source.destination);
      assert.ok(added, `${c.name}: the source action found nothing to add`);
      edits = added.edits;
    } else {
      target = targetOf(c, before);
      const fixes: Fix[] = fixesFor(target, before.ctx);
      const preferred = fixes.filter((f) => f.isPreferred);
      assert.equal(preferred.length, c.noPreferred ? 0 : 1, `${c.name}: ${fixes.map((f) => f.title).join(' | ')}`);
      const chosen = c.title ? fixes.find((f) => c.title!.test(f.title)) : preferred[0];
      assert.ok(chosen, `${c.name}: no action matching ${c.title}: ${fixes.map((f) => f.title).join(' | ')}`);
      if (c.expectTitle !== undefined) assert.equal(chosen.title, c.expectTitle);
      edits = chosen.edits;
    }
    const output = applyTo(input, edits);
    const expectedFile = path.join(FIXTURES, `${c.name}.fixed.alloy`);
    if (process.env.UPDATE_FIXTURES) fs.writeFileSync(expectedFile, output);
    assert.equal(output, fs.readFileSync(expectedFile, 'utf8'));
    // A file formatted like `alloy fmt` stays so (CRLF files compare with LF line endings).
    const lf = (t: string) => t.replace(/\r\n/g, '\n');
    if (await fmtClean(lf(input)))
      assert.ok(await fmtClean(lf(output)), `${c.name}: no longer formatted like alloy fmt`);

    // Every line of the input survives, in order, except those the fix is about.
    if (c.rewrites !== true) {
      const about = new Set<number>();
      const lineOf = (offset: number) => input.slice(0, offset).split('\n').length - 1;
      for (const st of before.ctx.file.statements) {
        if (c.rewrites === undefined || st.block?.name !== c.rewrites) continue;
        let first = lineOf(st.start);
        // A removed block takes the comment lines directly above it.
        while (first > 0 && /^\s*\/\//.test(input.split('\n')[first - 1])) first--;
        for (let l = first; l <= lineOf(st.end); l++) about.add(l);
        // ... and one of the blank lines that would be left doubled.
        if (input.split('\n')[lineOf(st.end) + 1]?.trim() === '') about.add(lineOf(st.end) + 1);
      }
      const lines = output.split('\n');
      let i = 0;
      input.split('\n').forEach((line, k) => {
        if (about.has(k)) return;
        while (i < lines.length && lines[i] !== line) i++;
        assert.ok(i < lines.length, `${c.name}: input line ${k + 1} lost or reordered: ${JSON.stringify(line)}`);
        i++;
      });
    }

    const after = await analyse(output, c.settings);
    assert.deepEqual(
      after.findings.filter((f) => f.code === 'syntax-error'),
      [],
      `${c.name}: the fix produced syntax errors`,
    );
    if (target && target.code !== 'unwired-exporter') {
      assert.ok(countLike(after, target) < countLike(before, target), `${c.name}: ${target.code} is still reported`);
    }
    for (const code of c.gone ?? (c.code === 'unwired-exporter' ? [c.code] : [])) {
      if (code === 'unwired-exporter') {
        const [component, label] = UNWIRED[c.name];
        assert.ok(
          !after.result.configuration.components.has(`${component}.${label}`) ||
            after.result.configuration.referencesTo(
              after.result.configuration.components.get(`${component}.${label}`)![0],
            ).length > 0,
          `${c.name}: ${component}.${label} is still unwired`,
        );
      } else {
        assert.ok(!codes(after).includes(code), `${c.name}: ${code} is still reported: ${codes(after).join(', ')}`);
      }
    }
    for (const code of ['duplicate-block', 'undefined-reference', 'duplicate-component']) {
      const was = codes(before).filter((x) => x === code).length;
      const now = codes(after).filter((x) => x === code).length;
      assert.ok(now <= was, `${c.name}: the fix added ${code}: ${codes(after).join(', ')}`);
    }
  });
}

test('the source action is not offered when the whole stack is present', async () => {
  for (const name of ['source-full', 'source-partial']) {
    const fixed = await analyse(fixture(`${name}.fixed.alloy`));
    assert.equal(addSelfMonitoring(fixed.ctx), undefined, `${name}.fixed.alloy`);
  }
  assert.match(ADD_SELF_MONITORING_TITLE, /^Add Alloy self-monitoring \(metrics, logs, traces\)$/);
});

test('the source action is not offered for modules or files with syntax errors', async () => {
  const module = await analyse('argument "x" { }\n\nprometheus.exporter.unix "host" { }\n');
  assert.equal(addSelfMonitoring(module.ctx), undefined);
  const broken = await analyse('prometheus.exporter.unix "host" {\n');
  assert.equal(addSelfMonitoring(broken.ctx), undefined);
});

test('self-monitoring fixes offer each destination once, the configured one preferred', async () => {
  const a = await analyse(fixture('metrics-new-chain.alloy'), { selfMonitoring: { destination: 'local-lgtm' } });
  const target = a.findings.find((f) => f.code === 'self-monitoring-traces')!;
  const fixes = fixesFor(target, a.ctx);
  assert.deepEqual(
    fixes.map((f) => [f.title, f.isPreferred]),
    [
      ["Send Alloy's own traces to a local LGTM stack", true],
      ["Send Alloy's own traces to Grafana Cloud", false],
      ["Send Alloy's own traces to an OTLP endpoint", false],
    ],
  );
  // The existing loki.write is reused by every destination: one action only.
  const logs = fixesFor(
    a.findings.find((f) => f.code === 'self-monitoring-logs')!,
    a.ctx,
  );
  assert.deepEqual(
    logs.map((f) => [f.title, f.isPreferred]),
    [["Send Alloy's own logs to loki.write.default", true]],
  );
});

test('a fix for a stale or foreign diagnostic yields nothing', async () => {
  const a = await analyse(fixture('deprecated-env.alloy'));
  const target = a.findings.find((f) => f.code === 'deprecated-function')!;
  assert.deepEqual(fixesFor({ ...target, span: { start: 0, end: 3 } }, a.ctx), []);
  assert.deepEqual(fixesFor({ ...target, code: 'wrong-receiver' }, a.ctx), []);
  assert.deepEqual(
    fixesFor({ code: 'duplicate-block', uri: URI, span: { start: 0, end: 1 }, data: { block: 'http' } }, a.ctx),
    [],
  );
});

test('duplicate-block across files: removal preferred, a header comment stays, merge names what it drops', async () => {
  const dir = path.join(FIXTURES, 'duplicate-header');
  const [a, b] = ['a.alloy', 'b.alloy'].map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));
  const uriA = 'file:///virtual/dir/a.alloy';
  const uriB = 'file:///virtual/dir/b.alloy';
  const analysed = await analyseFiles({ [uriA]: a, [uriB]: b });
  const target = analysed.result.findings.get(uriB)?.find((f) => f.code === 'duplicate-block');
  assert.ok(target, codes(analysed).join(', '));
  const fixes = fixesFor(target, analysed.ctx);
  assert.deepEqual(
    fixes.map((f) => [f.title, f.isPreferred]),
    [
      ["Remove this duplicate 'logging' block", true],
      [`Merge into the first 'logging' block, dropping this block's level = "debug"`, false],
    ],
  );
  const expect = (name: string, text: string) => {
    const file = path.join(dir, name);
    if (process.env.UPDATE_FIXTURES) fs.writeFileSync(file, text);
    assert.equal(text, fs.readFileSync(file, 'utf8'), name);
  };
  // The comment that starts b.alloy is the file's header: removing the block keeps it.
  expect('b.removed.alloy', applyTo(b, fixes[0].edits, uriB));
  assert.ok(applyTo(b, fixes[0].edits, uriB).startsWith('// Debug settings for this host, kept in their own file.\n'));
  assert.equal(applyTo(a, fixes[0].edits, uriA), a);
  // The merge adds format to a.alloy's block, aligned with its neighbours.
  expect('a.merged.alloy', applyTo(a, fixes[1].edits, uriA));
  expect('b.merged.alloy', applyTo(b, fixes[1].edits, uriB));
  assert.ok(await fmtClean(applyTo(a, fixes[1].edits, uriA)));
});

test('duplicate-block: no merge when the later block only has values the first overrides', async () => {
  const a = await analyse('logging {\n\tlevel = "info"\n}\n\nlogging {\n\tlevel = "debug"\n}\n');
  const { fixes } = fixesOf(a, 'duplicate-block');
  assert.deepEqual(
    fixes.map((f) => [f.title, f.isPreferred]),
    [["Remove this duplicate 'logging' block", true]],
  );
});

test('an exporter is reused only where it fits the destination and the signal', async () => {
  // otelcol.exporter.otlp "tempo" carries the apps' traces: fine for local-lgtm and otlp, not the Grafana Cloud gateway.
  const a = await analyse(fixture('traces-missing-write-to-reuse.alloy'));
  const traces = fixesFor(
    a.findings.find((f) => f.code === 'self-monitoring-traces')!,
    a.ctx,
  );
  assert.deepEqual(
    traces.map((f) => [f.title, f.isPreferred]),
    [
      ["Send Alloy's own traces to Grafana Cloud (tracing.write_to)", true],
      ["Send Alloy's own traces to otelcol.exporter.otlp.tempo (tracing.write_to)", false],
    ],
  );
  // ... and never Alloy's metrics, whatever the destination.
  const metrics = fixesFor(
    a.findings.find((f) => f.code === 'self-monitoring-metrics')!,
    a.ctx,
  );
  assert.deepEqual(
    metrics.map((f) => [f.title, f.isPreferred]),
    [
      ["Collect Alloy's own metrics and send them to Grafana Cloud", true],
      ["Collect Alloy's own metrics and send them to an OTLP endpoint", false],
      ["Collect Alloy's own metrics and send them to a local LGTM stack", false],
    ],
  );
  for (const f of metrics)
    assert.doesNotMatch(
      applyTo(fixture('traces-missing-write-to-reuse.alloy'), f.edits),
      /metrics += \[otelcol\.exporter\.otlp\.tempo/,
    );
});

/**
 * The self-monitoring verdicts on the signal-flow graph against the old ones
 * (which looked only at names: a `write_to` that names something, a
 * `prometheus.exporter.self` that exists). Over the real, valid corpus a
 * verdict may change only where the old one was wrong, and every change is
 * listed here with its reason; the configurations of the issue that the old
 * rules got wrong are listed too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis/analyze';
import type { Configuration } from '../../server/src/analysis/configuration';
import { toConfigFile } from '../../server/src/analysis/workspace';
import { applies, attribute, scrapesOwnEndpoint, writesNowhere } from '../../server/src/rules/selfMonitoringShared';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { ParsedDocument } from '../../server/src/syntax/document';
import { corpusDir, sharedParser } from '../helpers';

type Signal = 'metrics' | 'logs' | 'traces';
const SIGNALS: Signal[] = ['metrics', 'logs', 'traces'];

/** The old verdict: true when the old rule reported nothing for the signal. */
function oldVerdict(config: Configuration, signal: Signal): boolean {
  if (!applies(config)) return true;
  if (signal === 'metrics') {
    for (const d of config.allComponents()) if (d.name === 'prometheus.exporter.self') return true;
    return scrapesOwnEndpoint(config);
  }
  const site = config.singletons.get(signal === 'logs' ? 'logging' : 'tracing')?.[0];
  if (!site || writesNowhere(site.block)) return false;
  if (signal === 'traces') {
    const f = attribute(site.block, 'sampling_fraction');
    if (f && (f.value.kind === 'number' || f.value.kind === 'float') && Number(f.value.text) === 0) return false;
  }
  return true;
}

/** Old and new verdicts that differ: `signal: old -> new (the new finding's message)`. */
async function changes(text: string): Promise<string[]> {
  const parser = await sharedParser();
  const doc = new ParsedDocument(parser, 'file:///v/main.alloy', 0, text);
  try {
    const { configuration, findings } = analyze([toConfigFile(doc)], DEFAULT_SETTINGS);
    const out: string[] = [];
    for (const s of SIGNALS) {
      const found = (findings.get(doc.uri) ?? []).find((f) => f.code === `self-monitoring-${s}`);
      const before = oldVerdict(configuration, s);
      if (before !== !found)
        out.push(`${s}: ${before ? 'held' : 'reported'} -> ${found ? `reported (${found.message})` : 'holds'}`);
    }
    return out;
  } finally {
    doc.dispose();
  }
}

/** Every change over the corpus, with why the old verdict was wrong. */
const CORPUS_CHANGES: Record<string, { changes: string[]; why: string }> = {};

test('over the corpus, a self-monitoring verdict changes only where it is listed with its reason', async (t) => {
  const corpus = corpusDir();
  if (!corpus) {
    t.skip('the shared corpus is not beside the repository');
    return;
  }
  const dir = path.join(corpus, 'real', 'valid');
  const seen: Record<string, string[]> = {};
  let files = 0;
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.alloy'))
    .sort()) {
    files++;
    const c = await changes(fs.readFileSync(path.join(dir, name), 'utf8'));
    if (c.length) seen[name] = c;
  }
  t.diagnostic(`${files} files, ${Object.keys(seen).length} with a changed verdict`);
  assert.deepEqual(seen, Object.fromEntries(Object.entries(CORPUS_CHANGES).map(([k, v]) => [k, v.changes])));
});

/** The configurations of the issue: the old rules passed them, the signal is lost. */
const ISSUE_CASES: { name: string; text: string; changes: string[] }[] = [
  {
    name: 'tracing into an exporter that takes logs only',
    text: `tracing { write_to = [otelcol.exporter.syslog.default.input] }
otelcol.exporter.syslog "default" { endpoint = "syslog.example.com" }
`,
    changes: [
      'traces: held -> reported (Alloy\'s own traces never reach a traces backend: otelcol.exporter.syslog "default" does not take traces)',
    ],
  },
  {
    name: 'tracing into a metrics-only exporter',
    text: `tracing { write_to = [otelcol.exporter.prometheus.p.input] }
otelcol.exporter.prometheus "p" { forward_to = [prometheus.remote_write.r.receiver] }
prometheus.remote_write "r" {
  endpoint { url = "http://localhost:9009/api/v1/push" }
}
`,
    changes: [
      'traces: held -> reported (Alloy\'s own traces never reach a traces backend: otelcol.exporter.prometheus "p" does not take traces)',
    ],
  },
  {
    name: 'self metrics scraped into a relabel that forwards nowhere',
    text: `prometheus.exporter.self "default" { }
prometheus.scrape "s" {
  targets    = prometheus.exporter.self.default.targets
  forward_to = [prometheus.relabel.r.receiver]
}
prometheus.relabel "r" { forward_to = [] }
`,
    changes: [
      'metrics: held -> reported (Alloy\'s own metrics never reach a metrics backend: prometheus.relabel "r" sends its metrics nowhere)',
    ],
  },
  {
    name: 'tracing into a batch processor with no output',
    text: `tracing { write_to = [otelcol.processor.batch.b.input] }
otelcol.processor.batch "b" { }
`,
    changes: [
      'traces: held -> reported (Alloy\'s own traces never reach a traces backend: otelcol.processor.batch "b" sends its traces nowhere)',
    ],
  },
  {
    name: 'logs through a relabel chain into Loki: still holds',
    text: `logging { write_to = [loki.relabel.r.receiver] }
loki.relabel "r" { forward_to = [loki.process.p.receiver] }
loki.process "p" { forward_to = [otelcol.receiver.loki.l.receiver] }
otelcol.receiver.loki "l" {
  output { logs = [otelcol.exporter.otlphttp.o.input] }
}
otelcol.exporter.otlphttp "o" {
  client { endpoint = "https://otlp.example.com" }
}
`,
    changes: [],
  },
];

for (const c of ISSUE_CASES) {
  test(`verdict: ${c.name}`, async () => {
    assert.deepEqual(await changes(c.text), c.changes);
  });
}

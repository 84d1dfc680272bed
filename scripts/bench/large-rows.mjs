// The large-input rows of the benchmark: generated configurations of 1 MB and 10 MB (open, keystroke,
// formatting, `check`, `fmt`, peak memory), blocks nested 10,000 deep, and a burst of 500 changes.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDeep, generateLarge } from './large.mjs';
import { LspClient } from './lsp.mjs';

const now = () => process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function peakOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Runs the CLI; wall time and peak resident memory (VmHWM, polled from /proc until the process exits). */
export function timedCli(cli, args, cwd) {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let peak;
    const poll = setInterval(() => {
      const m = peakOf(child.pid);
      if (m && !Number.isNaN(m.peakMiB)) peak = m.peakMiB;
    }, 10);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ wallMs: ms(t0, now()), peakMiB: peak, exitStatus: code, stderr: stderr.slice(0, 500) });
    });
  });
}

/** One-character edits typed on a new comment line in the middle of `text`: `count` LSP changes. */
function typingEdits(text, count) {
  const lines = text.split('\n');
  const line = Math.floor(lines.length / 2);
  const edits = [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '// \n' }];
  for (let i = 1; i < count; i++) {
    const character = 3 + i - 1;
    edits.push({ range: { start: { line, character }, end: { line, character } }, text: 'abcdefghij'[i % 10] });
  }
  return edits;
}

/** Opens `text` in a fresh server (push diagnostics): open, keystrokes, formatting twice, memory. */
export async function largeDocument(cli, cwd, file, text, { keystrokes = 20 } = {}) {
  const client = LspClient.start(cli, { cwd });
  await client.initialize({ rootUri: pathToFileURL(path.dirname(file)).href });
  const uri = pathToFileURL(file).href;
  const forVersion = (version) =>
    client.expect('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version, 300_000);
  let published = forVersion(1);
  const t0 = now();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'alloy', version: 1, text } });
  const opened = await published;
  const openMs = ms(t0, opened.at);
  const afterOpen = peakOf(client.pid);
  // Keystrokes, each waited for.
  const edits = typingEdits(text, keystrokes + 1);
  const samples = [];
  for (let i = 0; i < edits.length; i++) {
    const version = i + 2;
    published = forVersion(version);
    const s = now();
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [edits[i]] });
    const r = await published;
    if (i > 0) samples.push(ms(s, r.at));
  }
  // Undo the typing in one change, so the document is formatted again, then format twice.
  const version = edits.length + 2;
  published = forVersion(version);
  const line = edits[0].range.start.line;
  client.notify('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }],
  });
  await published;
  const format = async () => {
    const s = now();
    const r = await client.request(
      'textDocument/formatting',
      { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } },
      { timeoutMs: 300_000 },
    );
    return { ms: ms(s, r.at), edits: r.result.length };
  };
  const firstFormat = await format();
  const secondFormat = await format();
  const memory = peakOf(client.pid);
  await client.shutdown();
  return {
    bytes: Buffer.byteLength(text),
    lines: text.split('\n').length - 1,
    openToDiagnosticsMs: openMs,
    diagnostics: opened.params.diagnostics.length,
    keystroke: { samples: samples.length, median: median(samples), max: Math.max(...samples) },
    formatting: firstFormat,
    formattingAgain: secondFormat,
    rssMiBAfterOpen: afterOpen?.rssMiB,
    rssMiB: memory?.rssMiB,
    peakRssMiB: memory?.peakMiB,
  };
}

/** 500 didChange notifications sent without waiting, then one textDocument/diagnostic request (pull). */
export async function burst(cli, cwd, file, text, count = 500) {
  const client = LspClient.start(cli, { cwd });
  await client.initialize({ rootUri: pathToFileURL(path.dirname(file)).href, pull: true });
  const uri = pathToFileURL(file).href;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'alloy', version: 1, text } });
  await client.request('textDocument/diagnostic', { textDocument: { uri } });
  const edits = typingEdits(text, count);
  const t0 = now();
  edits.forEach((edit, i) =>
    client.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [edit] }),
  );
  const r = await client.request('textDocument/diagnostic', { textDocument: { uri } }, { timeoutMs: 300_000 });
  const elapsed = ms(t0, r.at);
  await client.shutdown();
  return { changes: count, lines: text.split('\n').length - 1, ms: elapsed, diagnostics: r.result.items.length };
}

/** The configurations of the large rows, written under `dir`. */
export function largeInputs(dir, corpusFile) {
  const out = {};
  for (const [key, bytes] of [
    ['1mb', 1 << 20],
    ['10mb', 10 << 20],
  ]) {
    const file = path.join(dir, 'large', `${key}.alloy`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = generateLarge(bytes);
    fs.writeFileSync(file, text);
    out[key] = { file, text };
  }
  const deepFile = path.join(dir, 'deep', 'nested.alloy');
  fs.mkdirSync(path.dirname(deepFile), { recursive: true });
  const deepText = generateDeep(10000);
  fs.writeFileSync(deepFile, deepText);
  out.deep = { file: deepFile, text: deepText };
  if (corpusFile && fs.existsSync(corpusFile)) {
    const burstFile = path.join(dir, 'burst', path.basename(corpusFile));
    fs.mkdirSync(path.dirname(burstFile), { recursive: true });
    fs.copyFileSync(corpusFile, burstFile);
    out.burst = { file: burstFile, text: fs.readFileSync(corpusFile, 'utf8') };
  }
  return out;
}

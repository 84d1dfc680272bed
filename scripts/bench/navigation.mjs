// Latency of the navigation features over LSP, the way an editor asks for
// them: after each keystroke (its diagnostics published first), one request
// of each kind, timed from sending to the answer. The first request after a
// keystroke pays for rebuilding what the edit invalidated.
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp.mjs';

const now = () => process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;

function summary(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return { samples: s.length, median: at(50), p95: at(95) };
}

/** The 0-based position of an offset. */
function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Positions inside references to components defined in the text (`a.b.label.export`, on the label),
 * and on component labels, spread over the file.
 */
function targets(text, count) {
  const defined = new Set();
  for (const m of text.matchAll(/^[ \t]*([a-z_][\w]*(?:\.[a-z_]\w*)+)[ \t]+"(\w+)"[ \t]*\{/gm)) {
    defined.add(`${m[1]}.${m[2]}`);
  }
  const refs = [];
  const labels = [];
  for (const m of text.matchAll(/\b([a-z_]\w*(?:\.[a-z_]\w*){2,})\b/g)) {
    const parts = m[1].split('.');
    for (let k = parts.length - 1; k >= 2; k--) {
      if (defined.has(parts.slice(0, k).join('.'))) {
        refs.push(m.index + parts.slice(0, k).join('.').length - 1);
        break;
      }
    }
  }
  for (const m of text.matchAll(/^[ \t]*[a-z_]\w*(?:\.[a-z_]\w*)+[ \t]+"\w+"/gm))
    labels.push(m.index + m[0].length - 2);
  const spread = (xs) =>
    Array.from({ length: Math.min(count, xs.length) }, (_, i) => xs[Math.floor((i * xs.length) / count)]);
  return { refs: spread(refs), labels: spread(labels) };
}

/**
 * Opens `file` in a fresh server, types `edits` one by one (waiting for each version's diagnostics)
 * and after each measured keystroke asks for definition, references, documentSymbol and the
 * semantic tokens delta. `applyEdit(text, edit)` keeps the text in step, for the positions.
 */
export async function featureLatencies(cli, cwd, file, text, edits, { warmup, applyEdit }) {
  const client = LspClient.start(cli, { cwd });
  await client.initialize({});
  const uri = pathToFileURL(file).href;
  const opened = client.expect('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'alloy', version: 1, text } });
  await opened;
  const timed = async (method, params) => {
    const t0 = now();
    const r = await client.request(method, params);
    return { elapsed: ms(t0, r.at), result: r.result };
  };
  let tokens = (await timed('textDocument/semanticTokens/full', { textDocument: { uri } })).result;
  const samples = {
    definition: [],
    references: [],
    documentSymbol: [],
    semanticTokensDelta: [],
    semanticTokensFull: [],
  };
  let current = text;
  let found = 0;
  for (let i = 0; i < edits.length; i++) {
    const edit = edits[i];
    const version = i + 2;
    const published = client.expect('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version);
    client.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: edit.range, text: edit.text }],
    });
    current = applyEdit(current, edit);
    await published;
    const { refs, labels } = targets(current, 1 + (i % 7));
    const ref = refs[refs.length - 1] ?? 0;
    const label = labels[labels.length - 1] ?? 0;
    const doc = { textDocument: { uri } };
    const def = await timed('textDocument/definition', { ...doc, position: positionAt(current, ref) });
    const refsAnswer = await timed('textDocument/references', {
      ...doc,
      position: positionAt(current, label),
      context: { includeDeclaration: true },
    });
    const symbols = await timed('textDocument/documentSymbol', doc);
    const delta = await timed('textDocument/semanticTokens/full/delta', { ...doc, previousResultId: tokens.resultId });
    tokens = delta.result;
    if (i < warmup) continue;
    if (def.result?.length > 0 && refsAnswer.result?.length > 0) found++;
    samples.definition.push(def.elapsed);
    samples.references.push(refsAnswer.elapsed);
    samples.documentSymbol.push(symbols.elapsed);
    samples.semanticTokensDelta.push(delta.elapsed);
  }
  // A full request for scale (what a client without delta support pays).
  for (let i = 0; i < 5; i++) {
    samples.semanticTokensFull.push(
      (await timed('textDocument/semanticTokens/full', { textDocument: { uri } })).elapsed,
    );
  }
  await client.shutdown();
  return {
    answered: found,
    ...Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, summary(xs)])),
  };
}

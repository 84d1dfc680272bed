/**
 * Corpus conformance of `alloy-analyzer fix`: every real, valid file that
 * gets a self-monitoring diagnostic is fixed (on a temporary copy) and must
 * then parse; have no self-monitoring-*, unwired-exporter,
 * undefined-reference or duplicate-block diagnostic the original did not
 * have; not change on a second fix; and keep every line of the original, in
 * order, except the lines a fix is meant to rewrite or remove (deprecated
 * calls, duplicate config blocks, the logging/tracing block being completed);
 * and still be formatted like `alloy fmt` when it was before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { analyze } from '../../server/src/analysis/analyze';
import { checkTexts } from '../../server/src/analysis/batch';
import { SINGLETON_BLOCKS } from '../../server/src/analysis/configuration';
import { toConfigFile } from '../../server/src/analysis/workspace';
import { formatTree } from '../../server/src/format/formatter';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { ParsedDocument } from '../../server/src/syntax/document';
import type { Parser } from 'web-tree-sitter';
import { buildCli, corpusDir, diagnosticsOf, runCli, sharedParser } from '../helpers';

const WATCHED = ['unwired-exporter', 'undefined-reference', 'duplicate-block'];
const isSelf = (code: unknown) => String(code).startsWith('self-monitoring-');

/** Whether `alloy-analyzer fmt --check` accepts the text: it is already formatted like `alloy fmt`. */
function fmtClean(parser: Parser, text: string): boolean {
  const tree = parser.parse(text);
  if (!tree) return false;
  try {
    const r = formatTree(text, tree);
    return r.ok && r.text === text;
  } finally {
    tree.delete();
  }
}

function key(d: Diagnostic): string {
  return `${d.code}: ${d.message}`;
}

/** Original line numbers (0-based) that the applied fixes may rewrite or remove. */
async function rewritable(text: string, codes: Set<string>, replaced: Set<string>): Promise<Set<number>> {
  const parser = await sharedParser();
  const doc = new ParsedDocument(parser, 'file:///corpus.alloy', 0, text);
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  const out = new Set<number>();
  try {
    const { configuration } = analyze([toConfigFile(doc)], DEFAULT_SETTINGS);
    const blocks = new Set<string>();
    if (codes.has('duplicate-block')) for (const b of SINGLETON_BLOCKS) blocks.add(b);
    if (codes.has('self-monitoring-logs') || codes.has('unwired-exporter')) blocks.add('logging');
    if (codes.has('self-monitoring-traces') || codes.has('unwired-exporter')) blocks.add('tracing');
    for (const [name, sites] of configuration.singletons) {
      if (!blocks.has(name)) continue;
      for (const s of sites) {
        let first = lineOf(s.statement.start);
        // A removed duplicate takes the comment lines directly above it.
        while (first > 0 && /^\s*\/\//.test(text.split('\n')[first - 1])) first--;
        for (let l = first; l <= lineOf(s.statement.end); l++) out.add(l);
      }
    }
    text.split('\n').forEach((line, i) => {
      for (const name of replaced) if (new RegExp(`(^|[^.\\w])${name}\\s*\\(`).test(line)) out.add(i);
    });
  } finally {
    doc.dispose();
  }
  return out;
}

test('fix on every corpus file with a self-monitoring diagnostic', async (t) => {
  const corpus = corpusDir();
  if (!corpus) {
    t.skip('the shared corpus is not beside the repository');
    return;
  }
  buildCli();
  const parser = await sharedParser();
  const validDir = path.join(corpus, 'real', 'valid');
  const names = fs
    .readdirSync(validDir)
    .filter((n) => n.endsWith('.alloy'))
    .sort();
  const originals = new Map(names.map((n) => [n, fs.readFileSync(path.join(validDir, n), 'utf8')]));
  const before = new Map<string, Diagnostic[]>();
  for (const f of checkTexts(
    parser,
    names.map((n) => ({ path: n, text: originals.get(n)! })),
    DEFAULT_SETTINGS,
  )) {
    before.set(f.path, diagnosticsOf(f));
    f.doc.dispose();
  }
  const selected = names.filter((n) => before.get(n)!.some((d) => isSelf(d.code)));
  assert.ok(selected.length > 0);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-fix-corpus-'));
  try {
    for (const n of selected) fs.writeFileSync(path.join(dir, n), originals.get(n)!);
    const first = runCli(['fix', '--write', dir]);
    assert.ok(first.status === 0 || first.status === 1, first.stderr);
    const applied = new Map<string, { code: string; title: string }[]>();
    for (const m of first.stderr.matchAll(/^(.*?):\d+:\d+: fixed ([a-z-]+): (.*)$/gm)) {
      const n = path.basename(m[1]);
      applied.set(n, [...(applied.get(n) ?? []), { code: m[2], title: m[3] }]);
    }
    const fixed = new Map(selected.map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8')]));

    const second = runCli(['fix', '--write', dir]);
    assert.doesNotMatch(second.stderr, /: fixed /, 'a second fix changed something');

    const after = new Map<string, Diagnostic[]>();
    for (const f of checkTexts(
      parser,
      selected.map((n) => ({ path: n, text: fixed.get(n)! })),
      DEFAULT_SETTINGS,
    )) {
      after.set(f.path, diagnosticsOf(f));
      f.doc.dispose();
    }

    const problems: string[] = [];
    let changed = 0;
    let selfLeft = 0;
    let linesChecked = 0;
    let fmtCleanBefore = 0;
    let fmtCleanAfter = 0;
    const byCode = new Map<string, number>();
    for (const n of selected) {
      const original = originals.get(n)!;
      const text = fixed.get(n)!;
      if (text !== original) changed++;
      if (fmtClean(parser, original)) {
        fmtCleanBefore++;
        if (fmtClean(parser, text)) fmtCleanAfter++;
        else problems.push(`${n}: formatted like alloy fmt before fix, not after`);
      }
      if (fs.readFileSync(path.join(dir, n), 'utf8') !== text) problems.push(`${n}: the second fix changed it`);
      const diags = after.get(n)!;
      if (diags.some((d) => d.code === 'syntax-error')) problems.push(`${n}: syntax errors after fix`);
      if (diags.some((d) => isSelf(d.code))) selfLeft++;
      const was = new Map<string, number>();
      for (const d of before.get(n)!) was.set(key(d), (was.get(key(d)) ?? 0) + 1);
      for (const d of diags) {
        if (!isSelf(d.code) && !WATCHED.includes(String(d.code))) continue;
        const left = was.get(key(d)) ?? 0;
        if (left === 0) problems.push(`${n}: new ${key(d)}`);
        else was.set(key(d), left - 1);
      }
      const fixes = applied.get(n) ?? [];
      for (const f of fixes) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
      const replaced = new Set(
        fixes.map((f) => /^Replace '([^']+)'/.exec(f.title)?.[1]).filter((x): x is string => !!x),
      );
      const allowed = await rewritable(original, new Set(fixes.map((f) => f.code)), replaced);
      const lines = text.split('\n');
      let i = 0;
      original.split('\n').forEach((line, k) => {
        if (allowed.has(k)) return;
        linesChecked++;
        while (i < lines.length && lines[i] !== line) i++;
        if (i === lines.length) problems.push(`${n}:${k + 1}: line lost or moved: ${JSON.stringify(line)}`);
        else i++;
      });
    }
    t.diagnostic(
      `valid files ${names.length}; with a self-monitoring diagnostic ${selected.length}; changed by fix ${changed}; ` +
        `still with a self-monitoring diagnostic ${selfLeft}; formatted like alloy fmt before and after ` +
        `${fmtCleanAfter}/${fmtCleanBefore}; original lines checked ${linesChecked}; fixes ${[...byCode]
          .map(([c, k]) => `${c} ${k}`)
          .join(', ')}`,
    );
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
    assert.equal(selfLeft, 0, 'some files still have self-monitoring diagnostics after fix');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * `check` against Alloy's own parser on the shared corpus (../shared/corpus;
 * skipped with a message when it is absent): no syntax-error in any file Alloy
 * accepts, and for the files it rejects the errors compared one by one with
 * the `.error` sidecars (every diagnostic Alloy's parser reports, as
 * `NAME.alloy:LINE:COL: message`, COL in bytes).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { corpusDir, runCli } from '../helpers';

interface Report {
  files: {
    path: string;
    diagnostics: { code: string; message: string; range: { start: { line: number; character: number } } }[];
  }[];
}

function check(dir: string): Report {
  const r = runCli(['check', '--format', 'json', dir]);
  assert.ok(r.status === 0 || r.status === 1, `check exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

/** `NAME:LINE:COL: message` with Alloy's byte column, from an LSP position (UTF-16 character). */
function asSidecar(name: string, lines: string[], line: number, character: number, message: string): string {
  const col = Buffer.byteLength((lines[line] ?? '').slice(0, character)) + 1;
  return `${name}:${line + 1}:${col}: ${message}`;
}

test('no syntax-error in any file of corpus/real/valid and parser/valid', (t) => {
  const corpus = corpusDir();
  if (!corpus) return t.skip('corpus not found beside the repository (../shared/corpus)');
  for (const dir of ['real/valid', 'parser/valid']) {
    const report = check(path.join(corpus, dir));
    const offenders = report.files
      .filter((f) => f.diagnostics.some((d) => d.code === 'syntax-error'))
      .map((f) => f.path);
    assert.deepEqual(offenders, [], dir);
    assert.ok(report.files.length >= (dir === 'real/valid' ? 813 : 5));
  }
});

test('rejected files: Alloy’s errors one by one (lines, columns, messages)', (t) => {
  const corpus = corpusDir();
  if (!corpus) return t.skip('corpus not found beside the repository (../shared/corpus)');
  let total = 0;
  let sameLines = 0;
  let firstSame = 0;
  let identical = 0;
  const missing: string[] = [];
  const differing: string[] = [];
  for (const dir of ['real/invalid', 'parser/invalid']) {
    for (const f of check(path.join(corpus, dir)).files) {
      const sidecar = `${f.path}.error`;
      if (!fs.existsSync(sidecar)) continue;
      total++;
      const want = fs.readFileSync(sidecar, 'utf8').split('\n').filter(Boolean);
      const lines = fs.readFileSync(f.path, 'utf8').split('\n');
      const name = path.basename(f.path);
      const got = f.diagnostics
        .filter((d) => d.code === 'syntax-error')
        .map((d) => asSidecar(name, lines, d.range.start.line, d.range.start.character, d.message));
      if (got.length === 0) missing.push(f.path);
      const lineOf = (s: string) => s.slice(name.length + 1).split(':')[0];
      const at = (s: string | undefined) => s?.slice(name.length + 1).split(': ')[0];
      if (got.map(lineOf).join() === want.map(lineOf).join()) sameLines++;
      if (at(got[0]) === at(want[0])) firstSame++;
      if (got.join('\n') === want.join('\n')) identical++;
      else if (differing.length < 10)
        differing.push(`${name}\n  alloy: ${want.join('\n         ')}\n  ours:  ${got.join('\n         ')}`);
    }
  }
  assert.ok(total >= 311, `expected the 311 rejected files, found ${total}`);
  t.diagnostic(`same error lines as Alloy: ${sameLines}/${total}`);
  t.diagnostic(`first error on Alloy's line and column: ${firstSame}/${total}`);
  t.diagnostic(`identical error lists (line, column, message): ${identical}/${total}`);
  assert.deepEqual(missing, []);
  assert.ok(sameLines / total >= 0.95, `same lines in only ${sameLines}/${total}:\n${differing.join('\n')}`);
  assert.ok(firstSame / total >= 0.98, `first error at Alloy's position in only ${firstSame}/${total}`);
  // The port reproduces every sidecar today: any difference is a regression worth seeing.
  assert.deepEqual(differing, [], `${total - identical} files differ`);
});

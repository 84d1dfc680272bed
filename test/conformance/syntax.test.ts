/**
 * `check` against Alloy's own parser on the shared corpus: no syntax-error in
 * any file Alloy accepts, at least one in every file it rejects, and the
 * first one on the same line as Alloy's first error for at least 90% of them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { corpusDir, runCli } from '../helpers';

interface Report {
  files: { path: string; diagnostics: { code: string; range: { start: { line: number } } }[] }[];
}

function check(dir: string): Report {
  const r = runCli(['check', '--format', 'json', dir]);
  assert.ok(r.status === 0 || r.status === 1, `check exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
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

test('a syntax-error in every rejected file, the first on Alloy’s line for >= 90%', (t) => {
  const corpus = corpusDir();
  if (!corpus) return t.skip('corpus not found beside the repository (../shared/corpus)');
  let total = 0;
  let sameLine = 0;
  const missing: string[] = [];
  for (const dir of ['real/invalid', 'parser/invalid']) {
    for (const f of check(path.join(corpus, dir)).files) {
      const sidecar = `${f.path}.error`;
      if (!fs.existsSync(sidecar)) continue;
      total++;
      const want = Number(fs.readFileSync(sidecar, 'utf8').split('\n')[0].split(':')[1]);
      const first = f.diagnostics.find((d) => d.code === 'syntax-error');
      if (!first) missing.push(f.path);
      else if (first.range.start.line + 1 === want) sameLine++;
    }
  }
  assert.ok(total >= 311, `expected the 311 rejected files, found ${total}`);
  assert.deepEqual(missing, []);
  const share = sameLine / total;
  t.diagnostic(`first syntax-error on Alloy's line: ${sameLine}/${total} (${(100 * share).toFixed(1)}%)`);
  assert.ok(share >= 0.9, `only ${sameLine}/${total}`);
});

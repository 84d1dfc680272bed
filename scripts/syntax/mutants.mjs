// Measures the syntax errors on mutants of the corpus's real configurations
// (../shared/corpus/real/valid) against an oracle built from Alloy's own Go
// `syntax/parser` (not part of this repository). The oracle is a program that
// reads NUL-terminated `name`, `text` pairs on stdin and prints, for each, one
// JSON array of Alloy's diagnostics formatted like the corpus `.error`
// sidecars (`NAME:LINE:COL: message`, COL in bytes).
//
//   npx tsc -b && node scripts/syntax/mutants.mjs --oracle PATH [--count 5000] [--seed 9]
//          [--write test/fixtures/syntax/mutants.json --fixture 300]
//
// --write stores the first --fixture mutants with the oracle's diagnostics: the
// expected outcomes test/conformance/mutants.test.ts compares with.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apply, mutants, sidecarLine } from './mutate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const oracle = opt('oracle');
if (!oracle) {
  console.error(
    'usage: node scripts/syntax/mutants.mjs --oracle PATH [--count N] [--seed S] [--write FILE --fixture N]',
  );
  process.exit(2);
}
const count = Number(opt('count', '5000'));
const seed = Number(opt('seed', '9'));
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'real', 'valid');
const names = fs
  .readdirSync(corpus)
  .filter((f) => f.endsWith('.alloy'))
  .sort();
const files = names.map((name) => ({ name, text: fs.readFileSync(path.join(corpus, name), 'utf8') }));
const byName = new Map(files.map((f) => [f.name, f.text]));
const list = mutants(files, count, seed);
const texts = list.map((m) => apply(byName.get(m.file), m));

const input = Buffer.concat(list.flatMap((m, i) => [Buffer.from(`${m.file}\0`), Buffer.from(`${texts[i]}\0`)]));
const run = spawnSync(oracle, ['-batch'], { input, maxBuffer: 1 << 30 });
if (run.status !== 0) throw new Error(`oracle failed: ${run.stderr}`);
const alloy = run.stdout
  .toString('utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));

const { createParser } = require(path.join(root, 'out/server/src/syntax/parser.js'));
const { ParsedDocument } = require(path.join(root, 'out/server/src/syntax/document.js'));
const { fileSyntax } = require(path.join(root, 'out/server/src/syntax/alloySyntax.js'));
const parser = await createParser();

const stats = {
  mutants: list.length,
  rejected: 0,
  passed: 0,
  falseErrors: 0,
  firstLine: 0,
  firstPosition: 0,
  identical: 0,
};
const byKind = {};
const misses = [];
for (let i = 0; i < list.length; i++) {
  const m = list[i];
  const text = texts[i];
  const doc = new ParsedDocument(parser, 'file:///mutant.alloy', 0, text);
  const ours = fileSyntax(text, doc.model.statements).errors.map((e) => sidecarLine(m.file, text, e.start, e.message));
  doc.dispose();
  const want = alloy[i];
  const kind = (byKind[`${m.kind} ${m.char ?? ''}`.trim()] ??= { n: 0, rejected: 0, firstLine: 0 });
  kind.n++;
  const at = (s) => s?.slice(m.file.length + 1).split(': ')[0];
  const line = (s) => at(s)?.split(':')[0];
  if (want.length > 0) {
    stats.rejected++;
    kind.rejected++;
    if (ours.length === 0) stats.passed++;
    if (line(ours[0]) === line(want[0])) {
      stats.firstLine++;
      kind.firstLine++;
    }
    if (at(ours[0]) === at(want[0])) stats.firstPosition++;
  } else if (ours.length > 0) stats.falseErrors++;
  if (ours.join('\n') === want.join('\n')) stats.identical++;
  else if (misses.length < 20) misses.push({ ...m, alloy: want, ours });
}
const pct = (a, b) => `${a}/${b} (${((100 * a) / Math.max(1, b)).toFixed(2)}%)`;
console.log(`mutants: ${stats.mutants} (seed ${seed}); Alloy rejects ${stats.rejected}`);
console.log(`rejected by Alloy but no syntax error from us: ${stats.passed}`);
console.log(`accepted by Alloy but a syntax error from us: ${stats.falseErrors}`);
console.log(`first error on Alloy's line: ${pct(stats.firstLine, stats.rejected)}`);
console.log(`first error on Alloy's line and column: ${pct(stats.firstPosition, stats.rejected)}`);
console.log(`identical error lists: ${pct(stats.identical, stats.mutants)}`);
for (const [k, v] of Object.entries(byKind).sort()) {
  console.log(`  ${k.padEnd(10)} ${String(v.n).padStart(5)} mutants, first line ${pct(v.firstLine, v.rejected)}`);
}
if (misses.length) console.log(JSON.stringify(misses.slice(0, 8), null, 1));

const write = opt('write');
if (write) {
  const n = Number(opt('fixture', '300'));
  const description =
    "Mutants of ../shared/corpus/real/valid (scripts/syntax/mutate.mjs, seed in 'seed') with every diagnostic Alloy's own parser reports for them ('alloy': LINE:COL: message, COL in bytes, as the corpus .error sidecars print them after the file name). Generated by scripts/syntax/mutants.mjs with an oracle built from grafana/alloy syntax/{token,scanner,parser,ast,diag} (Apache-2.0) at commit 66ebea856dffb242f921775e9552a133f60dc5c1, the commit the corpus was classified at.";
  const rows = list
    .slice(0, n)
    .map((m, i) => JSON.stringify({ ...m, alloy: alloy[i].map((l) => l.slice(m.file.length + 1)) }));
  const json = `{\n"description": ${JSON.stringify(description)},\n"seed": ${seed},\n"mutants": [\n${rows.join(',\n')}\n]\n}\n`;
  fs.mkdirSync(path.dirname(path.resolve(root, write)), { recursive: true });
  fs.writeFileSync(path.resolve(root, write), json);
  console.log(`wrote ${n} mutants to ${write}`);
}

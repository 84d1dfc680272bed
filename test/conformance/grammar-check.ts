/**
 * `npm run grammar:check`: parses every file of the shared Alloy corpus with
 * the tree-sitter grammar (through web-tree-sitter, as the language server
 * does) and reports per folder how many agree with Alloy's own parser. Exits 1
 * when a file Alloy accepts has an ERROR/MISSING node or a file Alloy rejects
 * has none; exits 0 with a notice when the corpus is not there.
 */
import * as path from 'node:path';
import { createParser } from '../../server/src/syntax/parser';
import { CORPUS_ABSENT, FOLDERS, checkFolder, corpusAvailable, corpusDir, repoRoot } from '../grammar/corpus';

async function main(): Promise<number> {
  if (!corpusAvailable()) {
    console.log(CORPUS_ABSENT);
    return 0;
  }
  const parser = await createParser();
  console.log(`Alloy grammar conformance, corpus ${path.relative(repoRoot, corpusDir)}`);
  let failures = 0;
  let total = 0;
  const started = performance.now();
  for (const folder of FOLDERS) {
    const result = checkFolder(parser, folder);
    const agreeing = result.files.length - result.offenders.length;
    const what = folder.valid ? 'parse without ERROR/MISSING' : 'have an ERROR/MISSING node';
    const status = result.offenders.length === 0 ? 'ok' : `FAIL (${result.offenders.length})`;
    console.log(`${folder.name.padEnd(15)} ${agreeing}/${result.files.length} ${what}: ${status}`);
    for (const offender of result.offenders) {
      const detail = offender.firstError ? `first error at ${offender.firstError}` : 'no error node';
      console.log(`  ${folder.name}/${offender.file}: ${detail}`);
    }
    failures += result.offenders.length;
    total += result.files.length;
  }
  const ms = performance.now() - started;
  console.log(`${total - failures} passed, ${failures} failed (${total} files in ${ms.toFixed(0)} ms)`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * `node out/test/conformance/format-check.js`: formats every valid file of the
 * shared corpus and compares the result byte for byte with what `alloy fmt`
 * printed (real/fmt/NAME.alloy.fmt), then runs Alloy's own printer tests
 * (format/*.in against .expect after trimming trailing whitespace, or .error
 * for input that must be refused). Prints the first differing line of each
 * failure; exits 1 on any mismatch, 0 with a notice when the corpus is absent.
 */
import { CORPUS_ABSENT, Mismatch, checkPrinterTests, checkRealFiles, corpusAvailable } from '../format/conformance';

function report(m: Mismatch): void {
  console.log(`  ${m.file}:${m.line}`);
  console.log(`    expected: ${JSON.stringify(m.expected)}`);
  console.log(`    actual:   ${JSON.stringify(m.actual)}`);
}

async function main(): Promise<number> {
  if (!corpusAvailable()) {
    console.log(CORPUS_ABSENT);
    return 0;
  }
  const started = performance.now();
  const real = await checkRealFiles();
  console.log(`real/valid: ${real.total - real.mismatches.length}/${real.total} identical to alloy fmt`);
  real.mismatches.forEach(report);
  const printer = await checkPrinterTests();
  console.log(`format/: ${printer.total - printer.mismatches.length}/${printer.total} printer tests pass`);
  printer.mismatches.forEach(report);
  console.log(`(${(performance.now() - started).toFixed(0)} ms)`);
  return real.mismatches.length + printer.mismatches.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 2;
  },
);

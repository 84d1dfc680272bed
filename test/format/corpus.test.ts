/**
 * The formatter against the shared corpus: every valid file must format to
 * exactly what `alloy fmt` printed, and Alloy's own printer tests must pass.
 * Skipped, with a message, when the corpus is not beside the repository.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CORPUS_ABSENT, Mismatch, checkPrinterTests, checkRealFiles, corpusAvailable } from './conformance';

function describeMismatches(ms: Mismatch[]): string {
  return ms
    .slice(0, 20)
    .map(
      (m) => `${m.file}:${m.line}\n  expected: ${JSON.stringify(m.expected)}\n  actual:   ${JSON.stringify(m.actual)}`,
    )
    .join('\n');
}

describe('format conformance with alloy fmt', () => {
  test('real/valid files format byte for byte as real/fmt', async (t) => {
    if (!corpusAvailable()) {
      t.skip(CORPUS_ABSENT);
      return;
    }
    const { total, mismatches } = await checkRealFiles();
    assert.ok(total >= 800, `only ${total} files found`);
    assert.equal(
      mismatches.length,
      0,
      `${total - mismatches.length}/${total} identical\n${describeMismatches(mismatches)}`,
    );
  });

  test("Alloy's printer tests (format/*.in)", async (t) => {
    if (!corpusAvailable()) {
      t.skip(CORPUS_ABSENT);
      return;
    }
    const { total, mismatches } = await checkPrinterTests();
    assert.ok(total >= 10, `only ${total} printer tests found`);
    assert.equal(mismatches.length, 0, describeMismatches(mismatches));
  });
});

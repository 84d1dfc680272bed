/**
 * Shared by test/format/corpus.test.ts and test/conformance/format-check.ts:
 * formats the shared corpus and compares the results with what `alloy fmt`
 * printed. The corpus sits beside the repository (`../shared/corpus`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatText } from '../../server/src/format/formatter';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');
export const CORPUS_ABSENT = `format conformance skipped: corpus not found at ${corpusDir}`;

export function corpusAvailable(): boolean {
  return fs.existsSync(path.join(corpusDir, 'real', 'valid')) && fs.existsSync(path.join(corpusDir, 'real', 'fmt'));
}

export interface Mismatch {
  file: string;
  /** 1-based line of the first difference, and the expected and actual line texts. */
  line: number;
  expected: string;
  actual: string;
}

/** The first differing line of two texts (undefined when they are equal). */
export function firstDifferingLine(expected: string, actual: string, file: string): Mismatch | undefined {
  if (expected === actual) return undefined;
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return { file, line: i + 1, expected: e[i] ?? '<end of file>', actual: a[i] ?? '<end of file>' };
  }
  return { file, line: 0, expected: '', actual: '' };
}

async function formatOrError(text: string): Promise<string> {
  const result = await formatText(text);
  return result.ok ? result.text : `<error ${result.line + 1}:${result.character + 1}: ${result.message}>`;
}

/** Formats every real/valid file and compares it byte for byte with real/fmt/NAME.alloy.fmt. */
export async function checkRealFiles(): Promise<{ total: number; mismatches: Mismatch[] }> {
  const validDir = path.join(corpusDir, 'real', 'valid');
  const fmtDir = path.join(corpusDir, 'real', 'fmt');
  const files = fs
    .readdirSync(validDir)
    .filter((f) => f.endsWith('.alloy'))
    .sort();
  const mismatches: Mismatch[] = [];
  for (const file of files) {
    const input = fs.readFileSync(path.join(validDir, file), 'utf8');
    const expected = fs.readFileSync(path.join(fmtDir, `${file}.fmt`), 'utf8');
    const m = firstDifferingLine(expected, await formatOrError(input), file);
    if (m) mismatches.push(m);
  }
  return { total: files.length, mismatches };
}

/**
 * Alloy's printer test compares the printer output (`alloy fmt` output
 * without its final newline) with the .expect file minus trailing whitespace.
 */
export function printerTestMatches(expected: string, formatted: string): boolean {
  return formatted.endsWith('\n') && formatted.slice(0, -1) === expected.trimEnd();
}

/**
 * Alloy's own printer tests (format/NAME.in with NAME.expect, or NAME.error
 * for input that must be refused): returns the pairs checked and mismatches.
 */
export async function checkPrinterTests(): Promise<{ total: number; mismatches: Mismatch[] }> {
  const dir = path.join(corpusDir, 'format');
  const inputs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.in'))
    .sort();
  const mismatches: Mismatch[] = [];
  for (const input of inputs) {
    const name = input.slice(0, -'.in'.length);
    const text = fs.readFileSync(path.join(dir, input), 'utf8');
    const result = await formatText(text);
    const errorFile = path.join(dir, `${name}.error`);
    if (fs.existsSync(errorFile)) {
      const expectedError = fs.readFileSync(errorFile, 'utf8').trim();
      if (result.ok)
        mismatches.push({ file: input, line: 0, expected: `error: ${expectedError}`, actual: 'formatted' });
      else if (!refusalMatches(expectedError, result.message)) {
        mismatches.push({ file: input, line: result.line + 1, expected: expectedError, actual: result.message });
      }
      continue;
    }
    const expected = fs.readFileSync(path.join(dir, `${name}.expect`), 'utf8');
    if (result.ok && printerTestMatches(expected, result.text)) continue;
    const actual = result.ok ? result.text.slice(0, -1) : `<error: ${result.message}>`;
    mismatches.push(
      firstDifferingLine(expected.trimEnd(), actual, input) ?? { file: input, line: 0, expected: '', actual: '' },
    );
  }
  return { total: inputs.length, mismatches };
}

/** As in Alloy's test, the error message must contain the expected error text. */
export function refusalMatches(expectedError: string, message: string): boolean {
  return message.includes(expectedError);
}

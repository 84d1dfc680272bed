/** Reading configuration files from disk with clear errors for what Alloy cannot read either. */
import * as fs from 'node:fs';

/** Files larger than this are refused rather than parsed (Alloy configurations are kilobytes). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * `text` never starts with a byte order mark: Alloy ignores one at the start of a file, and so do
 * editors; `bom` says it was there, so that a rewrite can keep it.
 */
export type ReadResult = { ok: true; text: string; bom?: boolean } | { ok: false; error: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes file bytes as Alloy does: UTF-8 text without NUL characters. */
export function decodeAlloy(bytes: Uint8Array): ReadResult {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, error: `binary file (NUL byte at offset ${nul}); not an Alloy configuration` };
  try {
    const text = decoder.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? { ok: true, text: text.slice(1), bom: true } : { ok: true, text };
  } catch {
    return { ok: false, error: `invalid UTF-8 at byte offset ${firstInvalidUtf8(bytes)}` };
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length + (n === 0 ? 1 : 0)) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    // Overlong, surrogate and out-of-range forms.
    if ((c === 0xe0 && b[i + 1] < 0xa0) || (c === 0xed && b[i + 1] > 0x9f)) return i;
    if ((c === 0xf0 && b[i + 1] < 0x90) || (c === 0xf4 && b[i + 1] > 0x8f)) return i;
    i += n + 1;
  }
  return i;
}

export function readAlloyFile(file: string): ReadResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, error: code === 'ENOENT' ? 'no such file or directory' : (e as Error).message };
  }
  if (stat.isDirectory()) return { ok: false, error: 'is a directory' };
  if (stat.size > MAX_FILE_BYTES) {
    return { ok: false, error: `file is too large (${stat.size} bytes; the limit is ${MAX_FILE_BYTES})` };
  }
  try {
    return decodeAlloy(fs.readFileSync(file));
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Reads standard input as an Alloy configuration. */
export function readStdinAlloy(): ReadResult {
  try {
    return decodeAlloy(fs.readFileSync(0));
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Reading configuration files from disk with clear errors for what Alloy cannot read either. */
import * as fs from 'node:fs';
import { positionIn } from '../positions';

/** Files larger than this are refused rather than parsed (Alloy configurations are kilobytes). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * `text` never starts with a byte order mark: Alloy ignores one at the start of a file, and so do
 * editors; `bom` says it was there, so that a rewrite can keep it.
 */
export type ReadResult =
  | { ok: true; text: string; bom?: boolean }
  | { ok: false; error: string; /** 1-based line and UTF-16 column of the problem, when it has a place. */ at?: Place };

export interface Place {
  line: number;
  column: number;
}

/** The one wording of a file that cannot be read, in every command: `path:line:column: what is wrong`. */
export function describeReadError(file: string, result: { error: string; at?: Place }): string {
  return result.at ? `${file}:${result.at.line}:${result.at.column}: ${result.error}` : `${file}: ${result.error}`;
}

/** 1-based line and UTF-16 column of a byte offset in bytes whose prefix is valid UTF-8. */
function placeOf(bytes: Uint8Array, offset: number): Place {
  const before = Buffer.from(bytes.buffer, bytes.byteOffset, offset).toString('utf8');
  const at = positionIn(before, before.length);
  return { line: at.line + 1, column: at.character + 1 };
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes file bytes as Alloy does: UTF-8 text without NUL characters. */
export function decodeAlloy(bytes: Uint8Array): ReadResult {
  // Whichever comes first is named: the text before it is valid, so its line and column are well defined.
  const nul = bytes.indexOf(0);
  const invalid = firstInvalidUtf8(bytes);
  if (invalid >= 0 && (nul < 0 || invalid < nul)) {
    return { ok: false, error: 'not a text file: invalid UTF-8', at: placeOf(bytes, invalid) };
  }
  if (nul >= 0) return { ok: false, error: 'not a text file: contains a NUL byte', at: placeOf(bytes, nul) };
  try {
    const text = decoder.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? { ok: true, text: text.slice(1), bom: true } : { ok: true, text };
  } catch {
    return { ok: false, error: 'not a text file: invalid UTF-8' };
  }
}

/** Byte index of the first invalid UTF-8 sequence, or -1 when the buffer is valid. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= buf.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
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

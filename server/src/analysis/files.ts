/** Reading configuration files from disk with clear errors for what Alloy cannot read either. */
import * as fs from 'node:fs';
import { positionIn } from '../positions';
import { decodeRune } from '../syntax/goText';
import { DEFAULT_SETTINGS } from '../settings';

/** One megabyte as the size limit counts it (`alloy.maxFileSize`, `--max-file-size`). */
export const MEGABYTE = 1024 * 1024;

/**
 * Files larger than this many megabytes get one clear error instead of analysis (real Alloy
 * configurations are kilobytes; generated ones a few megabytes).
 */
export const DEFAULT_MAX_FILE_MB = DEFAULT_SETTINGS.maxFileSize;

/** A size in megabytes, as the limit's messages print it. */
export function megabytes(bytes: number): string {
  const mb = bytes / MEGABYTE;
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/** Why a file of `bytes` bytes is not analysed under a limit of `limitBytes`. */
export function tooLargeMessage(bytes: number, limitBytes: number): string {
  return `file too large to analyse: ${megabytes(bytes)}, the limit is ${megabytes(limitBytes)}`;
}

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
    if (buf[i] < 0x80) {
      i++;
      continue;
    }
    const [cp, width] = decodeRune(buf, i);
    if (cp < 0) return i;
    i += width;
  }
  return -1;
}

export type BytesResult = { ok: true; bytes: Buffer } | { ok: false; error: string };

/** What a file that is not a regular file is, for the message that refuses it. */
function specialKind(stat: fs.Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'directory';
  if (stat.isCharacterDevice()) return 'character device';
  if (stat.isBlockDevice()) return 'block device';
  if (stat.isFIFO()) return 'named pipe';
  if (stat.isSocket()) return 'socket';
  return 'special file';
}

function refusal(kind: string): string {
  return kind === 'directory' ? 'is a directory' : `not a regular file (${kind}), not read`;
}

/**
 * Reads at most `limit` bytes from an open descriptor; undefined when there are more (a file that
 * grew, or a stream without end). Waits briefly when a non-blocking descriptor has nothing yet.
 */
function readBounded(fd: number, limit: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      continue;
    }
    if (n === 0) return Buffer.concat(chunks, total);
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > limit) return undefined;
  }
}

/**
 * The bytes of a file, refusing before reading anything what is not a regular file (a device such
 * as /dev/zero, a FIFO, a socket) and what is larger than `maxBytes`: each with one clear reason.
 */
export function readFileBytes(file: string, maxBytes = DEFAULT_MAX_FILE_MB * MEGABYTE): BytesResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, error: code === 'ENOENT' ? 'no such file or directory' : (e as Error).message };
  }
  const kind = specialKind(stat);
  if (kind) return { ok: false, error: refusal(kind) };
  if (stat.size > maxBytes) return { ok: false, error: tooLargeMessage(stat.size, maxBytes) };
  let fd: number;
  try {
    // Non-blocking, so that a file replaced by a FIFO after the check cannot block the open.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  try {
    const again = fs.fstatSync(fd);
    const kindNow = specialKind(again);
    if (kindNow) return { ok: false, error: refusal(kindNow) };
    const bytes = readBounded(fd, maxBytes);
    if (!bytes) return { ok: false, error: tooLargeMessage(Math.max(again.size, maxBytes + 1), maxBytes) };
    return { ok: true, bytes };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Standard input, up to `maxBytes`: a pipe or a redirected file is read (what is beyond the limit
 * is refused), a device such as /dev/zero is refused before reading.
 */
export function readStdinBytes(maxBytes = DEFAULT_MAX_FILE_MB * MEGABYTE): BytesResult {
  try {
    const stat = fs.fstatSync(0);
    if ((stat.isCharacterDevice() || stat.isBlockDevice()) && !process.stdin.isTTY) {
      return { ok: false, error: refusal(specialKind(stat)!) };
    }
    if (stat.isFile() && stat.size > maxBytes) return { ok: false, error: tooLargeMessage(stat.size, maxBytes) };
    const bytes = readBounded(0, maxBytes);
    if (!bytes) return { ok: false, error: `standard input is larger than the limit of ${megabytes(maxBytes)}` };
    return { ok: true, bytes };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

export function readAlloyFile(file: string, maxBytes?: number): ReadResult {
  const read = readFileBytes(file, maxBytes);
  return read.ok ? decodeAlloy(read.bytes) : read;
}

/** Reads standard input as an Alloy configuration. */
export function readStdinAlloy(maxBytes?: number): ReadResult {
  const read = readStdinBytes(maxBytes);
  return read.ok ? decodeAlloy(read.bytes) : read;
}

/** Parses a `--max-file-size` value (megabytes, a positive number); undefined when malformed. */
export function parseMaxFileSize(value: string): number | undefined {
  if (!/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  const mb = Number(value);
  return mb > 0 && Number.isFinite(mb) ? mb : undefined;
}

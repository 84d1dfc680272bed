/**
 * The files a local `import.file` names, for the rules that check instances
 * of the custom components it brings (`lib.mycomp "a" { ... }` against the
 * `argument` blocks of `declare "mycomp"` in the imported file). The language
 * server reads them through its workspace (open buffers first), the CLI from
 * disk. What an analysis read is recorded, so that the next analysis of the
 * same files reuses its findings only while the imported files are the same.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { ConfigFile } from './configuration';
import type { BlockInfo } from '../model/types';

/**
 * Reads the files a local `import.file` names (a file, or every `*.alloy` file of a directory),
 * resolved against the importing file; empty when it names nothing readable.
 */
export type ImportLoader = (fromUri: string, filename: string) => ConfigFile[];

/** What identifies the files a loader returned: their URIs and the generation (or length) of their texts. */
function stampOf(files: readonly ConfigFile[]): string {
  return files.map((f) => `${f.uri}@${f.generation ?? `#${f.text.length}`}`).join('\n');
}

/** One import an analysis read: what was asked, and what it returned. */
export interface ImportRead {
  fromUri: string;
  filename: string;
  /** The files' URIs. */
  uris: string[];
  /** {@link stampOf} the files. */
  stamp: string;
}

/** A loader that remembers what it was asked and what it returned. */
export class RecordingLoader {
  /** What was read, per `fromUri NUL filename`. */
  private readonly reads = new Map<string, { read: ImportRead; files: ConfigFile[] }>();

  constructor(private readonly load: ImportLoader) {}

  files(fromUri: string, filename: string): ConfigFile[] {
    const key = `${fromUri}\u0000${filename}`;
    let entry = this.reads.get(key);
    if (!entry) {
      const files = this.load(fromUri, filename);
      entry = { files, read: { fromUri, filename, uris: files.map((f) => f.uri), stamp: stampOf(files) } };
      this.reads.set(key, entry);
    }
    return entry.files;
  }

  /** Every import read so far. */
  get asked(): ImportRead[] {
    return [...this.reads.values()].map((e) => e.read);
  }
}

/** Whether every import in `reads` still loads the same files. */
export function importsUnchanged(reads: readonly ImportRead[], load: ImportLoader | undefined): boolean {
  if (reads.length === 0) return true;
  if (!load) return false;
  return reads.every((r) => stampOf(load(r.fromUri, r.filename)) === r.stamp);
}

/**
 * The paths a local `import.file` names: the file, or the `*.alloy` files of the directory (`list`
 * gives their names, sorted), resolved against the importing file's directory. Empty when the importing
 * file is not on disk or the path names nothing.
 */
export function importPaths(
  fromUri: string,
  filename: string,
  kindOf: (target: string) => 'file' | 'directory' | undefined,
  list: (dir: string) => readonly string[],
): string[] {
  const from = URI.parse(fromUri);
  if (from.scheme !== 'file' || filename === '') return [];
  const target = path.resolve(path.dirname(from.fsPath), filename);
  const kind = kindOf(target);
  if (kind === 'directory') return list(target).map((n) => path.join(target, n));
  return kind === 'file' ? [target] : [];
}

/** What a path is on disk (anything but a directory counts as a file; reading it decides the rest). */
export function diskKind(target: string): 'file' | 'directory' | undefined {
  try {
    return fs.statSync(target).isDirectory() ? 'directory' : 'file';
  } catch {
    return undefined;
  }
}

/** The `filename` of an `import.file` block when it is a literal string. */
export function importFilename(block: BlockInfo): string | undefined {
  if (block.name !== 'import.file') return undefined;
  const attr = block.attributes.find((a) => a.name === 'filename');
  return attr && (attr.value.kind === 'string' || attr.value.kind === 'raw_string') ? attr.value.text : undefined;
}

const declares = new WeakMap<readonly ConfigFile[], Map<string, BlockInfo>>();

/** The top-level `declare` blocks of files, by label (the first of a label wins; cached per files array). */
export function declaresOf(files: readonly ConfigFile[]): Map<string, BlockInfo> {
  const known = declares.get(files);
  if (known) return known;
  const out = new Map<string, BlockInfo>();
  declares.set(files, out);
  for (const file of files) {
    for (const s of file.statements) {
      const b = s.block;
      if (b?.name === 'declare' && b.label !== undefined && !out.has(b.label)) out.set(b.label, b);
    }
  }
  return out;
}

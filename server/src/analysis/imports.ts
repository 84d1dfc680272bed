/**
 * The files a local `import.file` names, for the rules that check instances
 * of the custom components it brings (`lib.mycomp "a" { ... }` against the
 * `argument` blocks of `declare "mycomp"` in the imported file). The language
 * server reads them through its workspace (open buffers first), the CLI from
 * disk. What an analysis read is recorded, so that the next analysis of the
 * same files reuses its findings only while the imported files are the same.
 */
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

/** A loader that remembers what it was asked and what it returned. */
export class RecordingLoader {
  /** `fromUri NUL filename` -> the stamp of the files returned. */
  readonly asked = new Map<string, string>();
  private readonly loaded = new Map<string, ConfigFile[]>();

  constructor(private readonly load: ImportLoader) {}

  files(fromUri: string, filename: string): ConfigFile[] {
    const key = `${fromUri}\u0000${filename}`;
    let files = this.loaded.get(key);
    if (!files) {
      files = this.load(fromUri, filename);
      this.loaded.set(key, files);
      this.asked.set(key, stampOf(files));
    }
    return files;
  }
}

/** The URIs of the files the imports recorded in `asked` loaded. */
export function importedUris(asked: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const stamp of asked.values()) {
    for (const line of stamp.split('\n')) if (line) out.push(line.slice(0, line.lastIndexOf('@')));
  }
  return out;
}

/** Whether every import recorded in `asked` still loads the same files. */
export function importsUnchanged(asked: ReadonlyMap<string, string>, load: ImportLoader | undefined): boolean {
  if (asked.size === 0) return true;
  if (!load) return false;
  for (const [key, stamp] of asked) {
    const [fromUri, filename] = key.split('\u0000');
    if (stampOf(load(fromUri, filename)) !== stamp) return false;
  }
  return true;
}

/** The `filename` of an `import.file` block when it is a literal string. */
export function importFilename(block: BlockInfo): string | undefined {
  if (block.name !== 'import.file') return undefined;
  const attr = block.attributes.find((a) => a.name === 'filename');
  return attr && (attr.value.kind === 'string' || attr.value.kind === 'raw_string') ? attr.value.text : undefined;
}

/** The top-level `declare` blocks of files, by label (the first of a label wins). */
export function declaresOf(files: readonly ConfigFile[]): Map<string, BlockInfo> {
  const out = new Map<string, BlockInfo>();
  for (const file of files) {
    for (const s of file.statements) {
      const b = s.block;
      if (b?.name === 'declare' && b.label !== undefined && !out.has(b.label)) out.set(b.label, b);
    }
  }
  return out;
}

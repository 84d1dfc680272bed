/**
 * Analysis of files on disk, as the CLI does it: the same analysis the
 * language server runs, grouped into configurations by the config mode.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { URI } from 'vscode-uri';
import type { Settings } from '../settings';
import { ParsedDocument } from '../syntax/document';
import { Analysis, toConfigFile, type ReportedFinding } from './analysis';
import type { ConfigFile } from './configuration';
import { diskKind, importPaths, type ImportLoader } from './imports';
import { describeReadError, MEGABYTE, readAlloyFile } from './files';

export interface CheckedFile {
  path: string;
  doc: ParsedDocument;
  /** The analysis of the file's configuration (shared by the files of a directory in directory mode). */
  analysis: Analysis;
  /** What is reported for the file (offsets; `doc.lines` converts them to positions). */
  findings: readonly ReportedFinding[];
}

export interface BatchResult {
  files: CheckedFile[];
  /** Files that could not be read: `path: reason`. */
  errors: string[];
}

/** Reads, parses and analyses `paths`. Callers must `dispose()` the documents when done. */
export function checkFiles(parser: Parser, paths: string[], settings: Settings): BatchResult {
  const errors: string[] = [];
  const inputs: { path: string; text: string }[] = [];
  for (const p of paths) {
    const read = readAlloyFile(p, settings.maxFileSize * MEGABYTE);
    if (read.ok) inputs.push({ path: p, text: read.text });
    else errors.push(describeReadError(p, read));
  }
  return { files: checkTexts(parser, inputs, settings), errors };
}

/**
 * The files of local `import.file` blocks read from disk (a file, or the `*.alloy` files of a directory
 * in name order), each parsed once; the documents being checked are used as they are. Files that cannot be
 * read (missing, not text, over the size limit) are left out.
 */
export function diskImports(
  parser: Parser,
  checked: ReadonlyMap<string, ParsedDocument>,
  maxBytes: number,
): { load: ImportLoader; dispose(): void } {
  const parsed = new Map<string, ParsedDocument | null>();
  const docOf = (file: string): ParsedDocument | undefined => {
    const uri = URI.file(file).toString();
    const known = checked.get(uri) ?? parsed.get(uri);
    if (known !== undefined) return known ?? undefined;
    const read = readAlloyFile(file, maxBytes);
    const doc = read.ok ? new ParsedDocument(parser, uri, 0, read.text) : null;
    parsed.set(uri, doc);
    return doc ?? undefined;
  };
  const list = (dir: string) => {
    try {
      return fs
        .readdirSync(dir)
        .filter((n) => n.endsWith('.alloy'))
        .sort();
    } catch {
      return [];
    }
  };
  const load: ImportLoader = (fromUri, filename) => {
    const out: ConfigFile[] = [];
    for (const name of importPaths(fromUri, filename, diskKind, list)) {
      const doc = docOf(name);
      if (doc) out.push(toConfigFile(doc));
    }
    return out;
  };
  return {
    load,
    dispose() {
      for (const doc of parsed.values()) doc?.dispose();
    },
  };
}

/** Parses and analyses texts as if they were the files at `path`. Callers must `dispose()` the documents. */
export function checkTexts(
  parser: Parser,
  inputs: { path: string; text: string }[],
  settings: Settings,
): CheckedFile[] {
  const docs = inputs.map((i) => ({
    path: i.path,
    doc: new ParsedDocument(parser, URI.file(path.resolve(i.path)).toString(), 0, i.text),
  }));
  const groups = new Map<string, { path: string; doc: ParsedDocument }[]>();
  for (const d of docs) {
    const key = settings.configMode === 'directory' ? path.dirname(path.resolve(d.path)) : path.resolve(d.path);
    const group = groups.get(key) ?? [];
    group.push(d);
    groups.set(key, group);
  }
  const files: CheckedFile[] = [];
  const imports = diskImports(parser, new Map(docs.map((d) => [d.doc.uri, d.doc])), settings.maxFileSize * MEGABYTE);
  // Alloy loads a directory's files in name order: which block is "the later" duplicate follows it.
  const byName = (x: { path: string }, y: { path: string }) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  for (const group of groups.values()) {
    group.sort(byName);
    const key = settings.configMode === 'directory' ? path.dirname(path.resolve(group[0].path)) : group[0].doc.uri;
    const analysis = new Analysis(
      key,
      group.map((d) => d.doc),
      settings,
      undefined,
      imports.load,
    );
    for (const d of group) files.push({ path: d.path, doc: d.doc, analysis, findings: analysis.reported(d.doc.uri) });
  }
  // The findings are computed: the imported files' trees are not needed any more.
  imports.dispose();
  const order = new Map(inputs.map((p, i) => [p.path, i]));
  files.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  return files;
}

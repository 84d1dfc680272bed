/**
 * The set of documents the analyzer knows: open editor buffers (kept in step
 * with every change) and, in directory mode, the other `*.alloy` files of
 * the same directory read from disk. Groups them into configurations.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { URI } from 'vscode-uri';
import type { ConfigMode, Settings } from '../settings';
import { ParsedDocument } from '../syntax/document';
import { AnalysisCache, toConfigFile, type Analysis } from './analysis';
import { readAlloyFile } from './files';
import { diskKind, importPaths } from './imports';

export { toConfigFile } from './analysis';

interface DiskEntry {
  /** Modification time and size when read. */
  stamp: string;
  doc?: ParsedDocument;
  error?: string;
}

export interface ConfigurationFiles {
  /** Identifies the configuration: the file's URI, or its directory in directory mode. */
  key: string;
  docs: ParsedDocument[];
  /** Files of the directory that could not be read (binary, invalid UTF-8). */
  unreadable: { uri: string; error: string }[];
}

export class Workspace {
  readonly open = new Map<string, ParsedDocument>();
  private readonly disk = new Map<string, DiskEntry>();

  constructor(private readonly parser: Parser) {}

  openDocument(uri: string, version: number, text: string): ParsedDocument {
    this.open.get(uri)?.dispose();
    const doc = new ParsedDocument(this.parser, uri, version, text);
    this.open.set(uri, doc);
    return doc;
  }

  closeDocument(uri: string): void {
    this.open.get(uri)?.dispose();
    this.open.delete(uri);
    this.forgetDisk(uri);
  }

  /** Directory listings (names of `*.alloy` files), kept until a file event says they may have changed. */
  private readonly listings = new Map<string, string[]>();

  /**
   * Drops what is cached about a file on disk (it changed, was created, deleted or saved) and the
   * listing of its directory. When the client reports file events, nothing is read from disk between
   * them (an edit in the editor costs no file-system calls); otherwise files are checked each time.
   */
  forgetDisk(uri: string): void {
    const entry = this.disk.get(uri);
    entry?.doc?.dispose();
    this.disk.delete(uri);
    const parsed = URI.parse(uri);
    if (parsed.scheme === 'file') {
      this.listings.delete(path.dirname(parsed.fsPath));
      this.kinds.delete(parsed.fsPath);
      this.kinds.delete(path.dirname(parsed.fsPath));
    }
  }

  /**
   * Whether the client reports file changes (workspace/didChangeWatchedFiles). Only then are
   * listings and files on disk trusted between events; otherwise each analysis checks them.
   */
  trustFileEvents = false;

  /** What an imported path is, kept like the listings while file events are trusted. */
  private readonly kinds = new Map<string, ReturnType<typeof diskKind>>();

  private kindOf(target: string): ReturnType<typeof diskKind> {
    if (this.trustFileEvents && this.kinds.has(target)) return this.kinds.get(target);
    const kind = diskKind(target);
    this.kinds.set(target, kind);
    return kind;
  }

  private listing(dir: string): string[] {
    let names = this.trustFileEvents ? this.listings.get(dir) : undefined;
    if (!names) {
      try {
        names = fs.readdirSync(dir).filter((n) => n.endsWith('.alloy'));
      } catch {
        names = [];
      }
      names.sort();
      this.listings.set(dir, names);
    }
    return names;
  }

  /** An open document, or a file of a configuration read from disk. */
  document(uri: string): ParsedDocument | undefined {
    return this.open.get(uri) ?? this.disk.get(uri)?.doc;
  }

  private readonly analyses = new AnalysisCache();

  /**
   * The analysis of the configuration `uri` belongs to, computed once per set of document versions
   * (and settings): what every feature asks.
   */
  analysisOf(uri: string, settings: Settings): Analysis {
    const files = this.configurationOf(uri, settings.configMode);
    return this.analyses.get(files.key, files.docs, settings, this.loadImport);
  }

  /** The files of a local `import.file`, as the rules read them (open buffers first, then the disk). */
  private readonly loadImport = (fromUri: string, filename: string) =>
    this.importedFiles(fromUri, filename).map(toConfigFile);

  /** The open documents whose last analysis read `uri` as a module of a local `import.file`. */
  importersOf(uri: string): string[] {
    const out = new Set<string>();
    for (const analysis of this.analyses.importing(uri)) {
      for (const doc of analysis.docs) if (doc.uri !== uri && this.open.has(doc.uri)) out.add(doc.uri);
    }
    return [...out];
  }

  /** Drops every cached analysis (files on disk changed). */
  forgetAnalyses(): void {
    this.analyses.clear();
  }

  /** The configuration a document belongs to. */
  configurationOf(uri: string, mode: ConfigMode): ConfigurationFiles {
    const own = this.open.get(uri);
    const parsed = URI.parse(uri);
    if (mode === 'file' || parsed.scheme !== 'file') {
      return { key: uri, docs: own ? [own] : [], unreadable: [] };
    }
    const dir = path.dirname(parsed.fsPath);
    const docs: ParsedDocument[] = [];
    const unreadable: { uri: string; error: string }[] = [];
    const seen = new Set<string>();
    for (const name of this.listing(dir)) {
      const fileUri = URI.file(path.join(dir, name)).toString();
      seen.add(fileUri);
      const open = this.open.get(fileUri);
      if (open) {
        docs.push(open);
        continue;
      }
      const entry = this.readDisk(fileUri, path.join(dir, name));
      if (entry.doc) docs.push(entry.doc);
      else if (entry.error) unreadable.push({ uri: fileUri, error: entry.error });
    }
    // An open buffer not yet saved to this directory still belongs to it.
    for (const [openUri, doc] of this.open) {
      if (seen.has(openUri)) continue;
      const p = URI.parse(openUri);
      if (p.scheme === 'file' && path.dirname(p.fsPath) === dir && p.fsPath.endsWith('.alloy')) docs.push(doc);
    }
    return { key: URI.file(dir).toString(), docs, unreadable };
  }

  /**
   * The files an `import.file` names: the file, or the `*.alloy` files of the directory, resolved
   * against the importing file's directory; open buffers win over the disk.
   */
  importedFiles(fromUri: string, filename: string): ParsedDocument[] {
    const docs: ParsedDocument[] = [];
    for (const file of importPaths(
      fromUri,
      filename,
      (t) => this.kindOf(t),
      (d) => this.listing(d),
    )) {
      const uri = URI.file(file).toString();
      const doc = this.open.get(uri) ?? this.readDisk(uri, file).doc;
      if (doc) docs.push(doc);
    }
    return docs;
  }

  private readDisk(uri: string, file: string): DiskEntry {
    const known = this.disk.get(uri);
    if (known && this.trustFileEvents) return known;
    let stamp: string;
    try {
      const stat = fs.statSync(file);
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch {
      stamp = 'missing';
    }
    if (known && known.stamp === stamp) return known;
    known?.doc?.dispose();
    const read = readAlloyFile(file);
    const entry: DiskEntry = read.ok
      ? { stamp, doc: new ParsedDocument(this.parser, uri, 0, read.text) }
      : { stamp, error: read.error };
    this.disk.set(uri, entry);
    return entry;
  }

  dispose(): void {
    this.analyses.clear();
    for (const doc of this.open.values()) doc.dispose();
    for (const entry of this.disk.values()) entry.doc?.dispose();
    this.open.clear();
    this.disk.clear();
  }
}

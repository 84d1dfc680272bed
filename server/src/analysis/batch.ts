/**
 * Analysis of files on disk, as the CLI does it: the same analysis the
 * language server runs, grouped into configurations by the config mode.
 */
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import type { Parser } from 'web-tree-sitter';
import { URI } from 'vscode-uri';
import type { Settings } from '../settings';
import { ParsedDocument } from '../syntax/document';
import { analyze } from './analyze';
import { toDiagnostic } from './diagnostics';
import { describeReadError, readAlloyFile } from './files';
import { toConfigFile } from './workspace';

export interface CheckedFile {
  path: string;
  doc: ParsedDocument;
  diagnostics: Diagnostic[];
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
    const read = readAlloyFile(p);
    if (read.ok) inputs.push({ path: p, text: read.text });
    else errors.push(describeReadError(p, read));
  }
  return { files: checkTexts(parser, inputs, settings), errors };
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
  const byUri = new Map(docs.map((d) => [d.doc.uri, d.doc]));
  const files: CheckedFile[] = [];
  // Alloy loads a directory's files in name order: which block is "the later" duplicate follows it.
  const byName = (x: { path: string }, y: { path: string }) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  for (const group of groups.values()) {
    group.sort(byName);
    const result = analyze(
      group.map((d) => toConfigFile(d.doc)),
      settings,
    );
    for (const d of group) {
      const diagnostics: Diagnostic[] = [];
      for (const f of result.findings.get(d.doc.uri) ?? []) {
        const diagnostic = toDiagnostic(f, d.doc.document, settings, (u) => byUri.get(u)?.document);
        if (diagnostic) diagnostics.push(diagnostic);
      }
      files.push({ path: d.path, doc: d.doc, diagnostics });
    }
  }
  const order = new Map(inputs.map((p, i) => [p.path, i]));
  files.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  return files;
}

/** Helpers for the fix tests: analyse a text, find a diagnostic's fixes, apply them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type AnalysisResult } from '../../server/src/analysis/analyze';
import { toConfigFile } from '../../server/src/analysis/workspace';
import { fixesFor, type Fix } from '../../server/src/fixes/actions';
import { fixContext, type FixContext } from '../../server/src/fixes/context';
import { applyEdits, type FileEdit } from '../../server/src/fixes/edits';
import type { Finding } from '../../server/src/rules/rule';
import { resolveSettings, type Settings } from '../../server/src/settings';
import { ParsedDocument } from '../../server/src/syntax/document';
import { repoRoot, sharedParser } from '../helpers';

export const URI = 'file:///virtual/main.alloy';
export const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'fixes');

export interface Analysed {
  result: AnalysisResult;
  ctx: FixContext;
  findings: Finding[];
  settings: Settings;
}

/** Analyses files (uri -> text) as one configuration; the context is for the first. */
export async function analyseFiles(files: Record<string, string>, settings: unknown = {}): Promise<Analysed> {
  const parser = await sharedParser();
  const resolved = resolveSettings(settings);
  const docs = Object.entries(files).map(([uri, text]) => new ParsedDocument(parser, uri, 0, text));
  try {
    const result = analyze(docs.map(toConfigFile), resolved);
    const uri = docs[0].uri;
    const ctx = fixContext(result.configuration, uri, resolved.selfMonitoring, docs[0].tree.language)!;
    return { result, ctx, findings: result.findings.get(uri) ?? [], settings: resolved };
  } finally {
    for (const d of docs) d.dispose();
  }
}

export function analyse(text: string, settings: unknown = {}): Promise<Analysed> {
  return analyseFiles({ [URI]: text }, settings);
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Applies the edits of one file. */
export function applyTo(text: string, edits: FileEdit[], uri = URI): string {
  return applyEdits(
    text,
    edits.filter((e) => e.uri === uri),
  );
}

/** The fixes of the only finding with `code` (fails when there is not exactly one). */
export function fixesOf(a: Analysed, code: string): { finding: Finding; fixes: Fix[] } {
  const matching = a.findings.filter((f) => f.code === code);
  if (matching.length !== 1) {
    throw new Error(`expected one ${code}, got ${matching.length}: ${a.findings.map((f) => f.code).join(', ')}`);
  }
  return { finding: matching[0], fixes: fixesFor(matching[0], a.ctx) };
}

export function codes(a: Analysed): string[] {
  return a.findings.map((f) => f.code);
}

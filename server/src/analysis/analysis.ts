/**
 * The analysis of one configuration (one file, or every `*.alloy` file of a
 * directory in directory mode): its documents, the configuration index and
 * the rules' findings. Every feature, rule, fix and CLI command asks this
 * object; the language server keeps one per configuration, cached by the
 * documents' versions (see {@link AnalysisCache}). See README.md here.
 */
import type { SeveritySetting, Settings } from '../settings';
import type { ParsedDocument } from '../syntax/document';
import type { Finding } from '../rules/rule';
import { analyze } from './analyze';
import type { ConfigFile, Configuration } from './configuration';

export function toConfigFile(doc: ParsedDocument): ConfigFile {
  const statements = doc.model.statements;
  return { uri: doc.uri, text: doc.text, statements, hasSyntaxErrors: doc.model.hasSyntaxErrors };
}

/** A finding with the severity the settings give its rule. */
export interface ReportedFinding extends Finding {
  severity: Exclude<SeveritySetting, 'off'>;
}

export class Analysis {
  readonly configuration: Configuration;
  /** Findings per file URI, sorted by offset (every file of the configuration has an entry). */
  readonly findings: Map<string, Finding[]>;
  private readonly byUri: Map<string, ParsedDocument>;

  constructor(
    /** Identifies the configuration: the file's URI, or its directory's in directory mode. */
    readonly key: string,
    /** The documents, in the order Alloy loads them (name order in a directory). */
    readonly docs: readonly ParsedDocument[],
    readonly settings: Settings,
  ) {
    const result = analyze(docs.map(toConfigFile), settings);
    this.configuration = result.configuration;
    this.findings = result.findings;
    this.byUri = new Map(docs.map((d) => [d.uri, d]));
  }

  /** A document of this configuration (for its text, tree and line index). */
  doc(uri: string): ParsedDocument | undefined {
    return this.byUri.get(uri);
  }

  /** The configuration's view of a file (its statement summaries). */
  file(uri: string): ConfigFile | undefined {
    return this.configuration.files.find((f) => f.uri === uri);
  }

  /** Findings of one file, in offset order. */
  findingsOf(uri: string): readonly Finding[] {
    return this.findings.get(uri) ?? [];
  }

  private readonly reports = new Map<string, ReportedFinding[]>();

  /** What is reported for a file: its findings whose rule is not off, with their severity. */
  reported(uri: string): readonly ReportedFinding[] {
    let list = this.reports.get(uri);
    if (!list) {
      list = [];
      for (const f of this.findingsOf(uri)) {
        const severity = this.settings.rules[f.code];
        if (severity !== 'off') list.push({ ...f, severity });
      }
      this.reports.set(uri, list);
    }
    return list;
  }
}

/** What identifies an analysis' inputs: the documents (by generation, which changes with every edit) and the settings. */
function stampOf(docs: readonly ParsedDocument[]): string {
  let s = '';
  for (const d of docs) s += `${d.generation},`;
  return s;
}

/**
 * One analysis per configuration, recomputed only when one of its documents
 * changed (or the settings object was replaced).
 */
export class AnalysisCache {
  private readonly entries = new Map<string, { stamp: string; settings: Settings; analysis: Analysis }>();

  get(key: string, docs: readonly ParsedDocument[], settings: Settings): Analysis {
    const stamp = stampOf(docs);
    const cached = this.entries.get(key);
    if (cached && cached.stamp === stamp && cached.settings === settings) return cached.analysis;
    const analysis = new Analysis(key, docs, settings);
    this.entries.set(key, { stamp, settings, analysis });
    return analysis;
  }

  /** Forgets every analysis (settings or files on disk changed). */
  clear(): void {
    this.entries.clear();
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

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
import { analyze, type AnalysisResult } from './analyze';
import type { ConfigFile, Configuration } from './configuration';
import { locate, type Located } from './locate';
import type { ImportLoader } from './imports';

const configFiles = new WeakMap<ParsedDocument, ConfigFile>();

/**
 * The configuration's view of a document: one object per document, brought up to date with its
 * current text (what the index keeps pointing at stays valid across edits).
 */
export function toConfigFile(doc: ParsedDocument): ConfigFile {
  let file = configFiles.get(doc);
  if (!file) {
    file = { uri: doc.uri, text: doc.text, statements: doc.model.statements, hasSyntaxErrors: false };
    configFiles.set(doc, file);
  }
  file.text = doc.text;
  file.statements = doc.model.statements;
  file.hasSyntaxErrors = doc.model.hasSyntaxErrors;
  file.generation = doc.generation;
  file.editsSince = (generation) => doc.editsSince(generation);
  return file;
}

/** A finding with the severity the settings give its rule. */
export interface ReportedFinding extends Finding {
  severity: Exclude<SeveritySetting, 'off'>;
}

export class Analysis {
  /** Findings per file URI, sorted by offset (every file of the configuration has an entry). */
  readonly findings: Map<string, Finding[]>;
  /** The files of the configuration, in load order. */
  readonly files: readonly ConfigFile[];
  private readonly result: AnalysisResult;
  private readonly byUri: Map<string, ParsedDocument>;

  constructor(
    /** Identifies the configuration: the file's URI, or its directory's in directory mode. */
    readonly key: string,
    /** The documents, in the order Alloy loads them (name order in a directory). */
    readonly docs: readonly ParsedDocument[],
    readonly settings: Settings,
    /** The previous analysis of the same configuration: what did not change is not computed again. */
    previous?: Analysis,
    /** Reads the files of local `import.file` blocks (absent: imported modules are not checked against). */
    load?: ImportLoader,
  ) {
    this.files = docs.map(toConfigFile);
    this.result = analyze(
      this.files,
      settings,
      previous && { configuration: previous.result.latestConfiguration, pass: previous.result.pass },
      load,
    );
    this.findings = this.result.findings;
    this.byUri = new Map(docs.map((d) => [d.uri, d]));
  }

  /** The configuration index: definitions, scopes and resolved references (built when first asked for). */
  get configuration(): Configuration {
    return this.result.configuration;
  }

  /** Whether the configuration rules ran for this analysis (false: the previous findings were moved). */
  get ranConfigurationRules(): boolean {
    return this.result.ranConfigurationRules;
  }

  /** Whether the local imports this analysis read still load the same files. */
  importsCurrent(load: ImportLoader | undefined): boolean {
    return this.result.importsCurrent(load);
  }

  /** The files of local `import.file` modules this analysis read. */
  get importedUris(): string[] {
    return this.result.importedUris;
  }

  /** Whether only the flow rules' findings were moved while the other configuration rules ran. */
  get reusedFlowRules(): boolean {
    return this.result.reusedFlowRules;
  }

  /** A document of this configuration (for its text, tree and line index). */
  doc(uri: string): ParsedDocument | undefined {
    return this.byUri.get(uri);
  }

  /** The configuration's view of a file (its statement summaries). */
  file(uri: string): ConfigFile | undefined {
    return this.files.find((f) => f.uri === uri);
  }

  /** What is under an offset of a file of the configuration (see locate.ts); undefined for a file not in it. */
  locate(uri: string, offset: number): Located | undefined {
    const doc = this.byUri.get(uri);
    return doc ? locate(doc.tree.rootNode, doc.text, offset) : undefined;
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

  get(key: string, docs: readonly ParsedDocument[], settings: Settings, load?: ImportLoader): Analysis {
    const stamp = stampOf(docs);
    const cached = this.entries.get(key);
    if (cached && cached.stamp === stamp && cached.settings === settings && cached.analysis.importsCurrent(load))
      return cached.analysis;
    const previous = cached?.settings === settings ? cached.analysis : undefined;
    const analysis = new Analysis(key, docs, settings, previous, load);
    this.entries.set(key, { stamp, settings, analysis });
    return analysis;
  }

  /** The analyses last computed whose rules read `uri` as a module of a local `import.file`. */
  importing(uri: string): Analysis[] {
    return [...this.entries.values()].map((e) => e.analysis).filter((a) => a.importedUris.includes(uri));
  }

  /** Forgets every analysis (settings or files on disk changed). */
  clear(): void {
    this.entries.clear();
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

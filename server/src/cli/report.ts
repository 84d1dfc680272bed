/**
 * How `check` (and the reports of `fix`) print diagnostics: text like a compiler's with `note:` lines for related
 * locations, JSON, GitHub Actions workflow commands, and SARIF 2.1.0 for code-scanning tools.
 */
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { SEVERITY_NAMES } from '../analysis/diagnostics';
import { RULES } from '../rules';
import { DEFAULT_RULE_SEVERITY } from '../settings';
import { VERSION } from '../version';
import { DOCS_URL, ruleHelpUri, ruleName } from './ruleDocs';

export interface ReportedFile {
  /** The path as the user named it (or as found under a named directory). */
  path: string;
  uri: string;
  diagnostics: Diagnostic[];
}

/** Turns the URI of a related location into the path to print: the input's own path when it is one of them. */
export function pathResolver(files: readonly { path: string; uri: string }[]): (uri: string) => string {
  const byUri = new Map(files.map((f) => [f.uri, f.path]));
  return (uri) => byUri.get(uri) ?? path.relative(process.cwd(), URI.parse(uri).fsPath);
}

const severityName = (d: Diagnostic) => SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error];

/** `path:line:col: severity code: message`, then one `path:line:col: note: message` line per related location. */
export function textLines(file: ReportedFile, d: Diagnostic, pathOf: (uri: string) => string): string[] {
  const lines = [
    `${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityName(d)} ${d.code}: ${d.message}`,
  ];
  for (const r of d.relatedInformation ?? []) {
    const at = r.location.range.start;
    lines.push(`${pathOf(r.location.uri)}:${at.line + 1}:${at.character + 1}: note: ${r.message}`);
  }
  return lines;
}

export function textReport(files: ReportedFile[]): string {
  const pathOf = pathResolver(files);
  const lines = files.flatMap((f) => f.diagnostics.flatMap((d) => textLines(f, d, pathOf)));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function jsonReport(files: ReportedFile[]): string {
  const pathOf = pathResolver(files);
  return `${JSON.stringify(
    {
      files: files.map((f) => ({
        path: f.path,
        diagnostics: f.diagnostics.map((d) => ({
          code: d.code,
          severity: severityName(d),
          message: d.message,
          range: d.range,
          related: (d.relatedInformation ?? []).map((r) => ({
            path: pathOf(r.location.uri),
            range: r.location.range,
            message: r.message,
          })),
        })),
      })),
    },
    null,
    2,
  )}\n`;
}

// GitHub Actions workflow commands (https://docs.github.com/actions/reference/workflow-commands-for-github-actions):
// data escapes %, CR and LF; property values also ':' and ','.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const GITHUB_COMMAND: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'notice',
  [DiagnosticSeverity.Hint]: 'notice',
};

/** One `::error file=...,line=...::message` command per diagnostic: annotations on the lines in a pull request. */
export function githubReport(files: ReportedFile[]): string {
  const pathOf = pathResolver(files);
  const lines: string[] = [];
  for (const f of files) {
    const file = f.path.split(path.sep).join('/');
    for (const d of f.diagnostics) {
      const { start, end } = d.range;
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${start.line + 1}`,
        `col=${start.character + 1}`,
        `endLine=${end.line + 1}`,
        `endColumn=${end.character + 1}`,
        `title=${escapeProperty(`alloy-analyzer ${d.code}`)}`,
      ];
      const notes = (d.relatedInformation ?? []).map((r) => {
        const at = r.location.range.start;
        return `\n${pathOf(r.location.uri)}:${at.line + 1}:${at.character + 1}: note: ${r.message}`;
      });
      lines.push(
        `::${GITHUB_COMMAND[d.severity ?? DiagnosticSeverity.Error]} ${props.join(',')}::${escapeData(d.message + notes.join(''))}`,
      );
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

const SARIF_LEVEL: Record<string, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/**
 * A path as a SARIF artifact location: relative to `%SRCROOT%` (the directory `check` runs in) when it is inside it,
 * otherwise an absolute `file:` URI.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (file === '<stdin>') return { uri: 'stdin' };
  const relative = path.relative(process.cwd(), path.resolve(file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { uri: URI.file(path.resolve(file)).toString() };
  }
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export function sarifReport(files: ReportedFile[], problems: string[] = []): string {
  const pathOf = pathResolver(files);
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const region = (range: Diagnostic['range']) => ({
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  });
  const results = files.flatMap((f) =>
    f.diagnostics.map((d) => {
      const code = String(d.code);
      const result: Record<string, unknown> = {
        ruleId: code,
        level: SARIF_LEVEL[severityName(d)],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.path), region: region(d.range) } }],
      };
      const index = ruleIndex.get(code as (typeof RULES)[number]['code']);
      if (index !== undefined) result.ruleIndex = index;
      if (d.relatedInformation?.length) {
        result.relatedLocations = d.relatedInformation.map((r, id) => ({
          id,
          physicalLocation: {
            artifactLocation: artifactLocation(pathOf(r.location.uri)),
            region: region(r.location.range),
          },
          message: { text: r.message },
        }));
      }
      return result;
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'alloy-analyzer',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: DOCS_URL,
            rules: RULES.map((r) => ({
              id: r.code,
              name: ruleName(r.code),
              shortDescription: { text: plain(r.summary) },
              fullDescription: { text: plain(r.summary) },
              help: {
                text: `${plain(r.summary)} ${ruleHelpUri(r.code)}`,
                markdown: `${r.summary}\n\n[More](${ruleHelpUri(r.code)})`,
              },
              helpUri: ruleHelpUri(r.code),
              defaultConfiguration: { level: SARIF_LEVEL[DEFAULT_RULE_SEVERITY[r.code]] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: problems.length === 0,
            toolExecutionNotifications: problems.map((text) => ({ level: 'error', message: { text } })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A summary without Markdown code marks, for plain-text fields. */
function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1');
}

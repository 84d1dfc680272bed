/**
 * How `check` (and the reports of `fix`) print findings: text like a compiler's with `note:` lines for related
 * locations, JSON, GitHub Actions workflow commands, and SARIF 2.1.0 for code-scanning tools. Findings are in
 * offsets; the report's `rangeOf` turns them into positions (server/src/positions.ts).
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { ReportedFinding } from '../analysis/analysis';
import type { Range, Span } from '../positions';
import { RULES } from '../rules';
import { ruleMetadata } from '../rules/metadata';
import type { SeveritySetting } from '../settings';
import { VERSION } from '../version';
import { DOCS_URL, ruleHelpUri, ruleName } from './ruleDocs';

export interface ReportedFile {
  /** The path as the user named it (or as found under a named directory). */
  path: string;
  uri: string;
  findings: readonly ReportedFinding[];
}

export interface Report {
  files: readonly ReportedFile[];
  /** The range of a span of a file of the report (its own, or a related file of its configuration). */
  rangeOf(uri: string, span: Span): Range;
}

/** The path to print for a URI: the input's own path when it is one of the report's files. */
function pathResolver(files: readonly { path: string; uri: string }[]): (uri: string) => string {
  const byUri = new Map(files.map((f) => [f.uri, f.path]));
  return (uri) => byUri.get(uri) ?? path.relative(process.cwd(), URI.parse(uri).fsPath);
}

const at = (r: Range) => `${r.start.line + 1}:${r.start.character + 1}`;

/** `path:line:col: severity code: message`, then one `path:line:col: note: message` line per related location. */
export function textLines(report: Report, file: ReportedFile, d: ReportedFinding): string[] {
  const pathOf = pathResolver(report.files);
  const lines = [`${file.path}:${at(report.rangeOf(file.uri, d.span))}: ${d.severity} ${d.code}: ${d.message}`];
  for (const r of d.related ?? [])
    lines.push(`${pathOf(r.uri)}:${at(report.rangeOf(r.uri, r.span))}: note: ${r.message}`);
  return lines;
}

export function textReport(report: Report): string {
  const lines = report.files.flatMap((f) => f.findings.flatMap((d) => textLines(report, f, d)));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function jsonReport(report: Report): string {
  const pathOf = pathResolver(report.files);
  return `${JSON.stringify(
    {
      files: report.files.map((f) => ({
        path: f.path,
        diagnostics: f.findings.map((d) => ({
          code: d.code,
          severity: d.severity,
          message: d.message,
          range: report.rangeOf(f.uri, d.span),
          related: (d.related ?? []).map((r) => ({
            path: pathOf(r.uri),
            range: report.rangeOf(r.uri, r.span),
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

const GITHUB_COMMAND: Record<Exclude<SeveritySetting, 'off'>, string> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

/** One `::error file=...,line=...::message` command per finding: annotations on the lines of a pull request. */
export function githubReport(report: Report): string {
  const pathOf = pathResolver(report.files);
  const lines: string[] = [];
  for (const f of report.files) {
    const file = f.path.split(path.sep).join('/');
    for (const d of f.findings) {
      const { start, end } = report.rangeOf(f.uri, d.span);
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${start.line + 1}`,
        `col=${start.character + 1}`,
        `endLine=${end.line + 1}`,
        `endColumn=${end.character + 1}`,
        `title=${escapeProperty(`alloy-analyzer ${d.code}`)}`,
      ];
      const notes = (d.related ?? []).map(
        (r) => `\n${pathOf(r.uri)}:${at(report.rangeOf(r.uri, r.span))}: note: ${r.message}`,
      );
      lines.push(`::${GITHUB_COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message + notes.join(''))}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

const SARIF_LEVEL: Record<Exclude<SeveritySetting, 'off'>, 'error' | 'warning' | 'note'> = {
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

/** A summary without Markdown code marks, for plain-text fields. */
function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1');
}

export function sarifReport(report: Report, problems: string[] = []): string {
  const pathOf = pathResolver(report.files);
  const ruleIndex = new Map<string, number>(RULES.map((r, i) => [r.code, i]));
  const region = (range: Range) => ({
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  });
  const results = report.files.flatMap((f) =>
    f.findings.map((d) => {
      const result: Record<string, unknown> = {
        ruleId: d.code,
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactLocation(f.path),
              region: region(report.rangeOf(f.uri, d.span)),
            },
          },
        ],
      };
      const index = ruleIndex.get(d.code);
      if (index !== undefined) result.ruleIndex = index;
      if (d.related?.length) {
        result.relatedLocations = d.related.map((r, id) => ({
          id,
          physicalLocation: {
            artifactLocation: artifactLocation(pathOf(r.uri)),
            region: region(report.rangeOf(r.uri, r.span)),
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
            rules: RULES.map((r) => {
              const meta = ruleMetadata(r.code);
              return {
                id: r.code,
                name: ruleName(r.code),
                shortDescription: { text: plain(meta.summary) },
                help: {
                  text: `${plain(meta.summary)} ${ruleHelpUri(r.code)}`,
                  markdown: `${meta.summary}\n\n[More](${ruleHelpUri(r.code)})`,
                },
                helpUri: ruleHelpUri(r.code),
                defaultConfiguration: { level: SARIF_LEVEL[meta.defaultSeverity] },
              };
            }),
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

/** Converts findings (UTF-16 offsets) into LSP diagnostics (UTF-16 line/character positions). */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import type { SeveritySetting, Settings } from '../settings';
import type { Finding } from '../rules/rule';

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SEVERITY_NAMES: Record<DiagnosticSeverity, Exclude<SeveritySetting, 'off'>> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** `documentFor(uri)` gives the text document of a file of the configuration (for related locations). */
export function toDiagnostic(
  finding: Finding,
  document: TextDocument,
  settings: Settings,
  documentFor: (uri: string) => TextDocument | undefined,
): Diagnostic | undefined {
  const severity = settings.rules[finding.code];
  if (severity === 'off') return undefined;
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(finding.span.start), end: document.positionAt(finding.span.end) },
    severity: SEVERITY[severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.flatMap((r) => {
      const doc = documentFor(r.uri);
      return doc
        ? [
            {
              location: { uri: r.uri, range: { start: doc.positionAt(r.span.start), end: doc.positionAt(r.span.end) } },
              message: r.message,
            },
          ]
        : [];
    });
  }
  if (finding.data) diagnostic.data = { ...finding.data, code: finding.code };
  return diagnostic;
}

/** Reported findings (offsets) as LSP diagnostics (positions, converted by the documents' line indexes). */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Analysis, ReportedFinding } from '../analysis/analysis';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import type { SeveritySetting } from '../settings';
import type { LineIndex } from '../positions';

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `linesOf(uri)` gives the line index of a file of the configuration (for related locations). */
export function toDiagnostic(
  finding: ReportedFinding,
  lines: LineIndex,
  linesOf: (uri: string) => LineIndex | undefined,
): Diagnostic {
  const diagnostic: Diagnostic = {
    range: lines.rangeOf(finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.flatMap((r) => {
      const other = linesOf(r.uri);
      return other ? [{ location: { uri: r.uri, range: other.rangeOf(r.span) }, message: r.message }] : [];
    });
  }
  if (finding.data) diagnostic.data = { ...finding.data, code: finding.code };
  return diagnostic;
}

const cache = new WeakMap<Analysis, Map<string, Diagnostic[]>>();

/** The diagnostics of one file of an analysed configuration (converted once per analysis). */
export function diagnosticsOf(analysis: Analysis, uri: string): Diagnostic[] {
  let perFile = cache.get(analysis);
  if (!perFile) {
    perFile = new Map();
    cache.set(analysis, perFile);
  }
  let list = perFile.get(uri);
  if (!list) {
    const doc = analysis.doc(uri);
    list = doc ? analysis.reported(uri).map((f) => toDiagnostic(f, doc.lines, (u) => analysis.doc(u)?.lines)) : [];
    perFile.set(uri, list);
  }
  return list;
}

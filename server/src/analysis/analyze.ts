/**
 * Runs the rules over a configuration. Statement-rule findings are cached
 * with the statement summary they came from (a summary object survives
 * edits elsewhere in the file), so after a keystroke only the edited
 * statement is checked again by those rules.
 */
import type { Settings } from '../settings';
import type { StatementSummary } from '../model/types';
import { CONFIGURATION_RULES, STATEMENT_RULES } from '../rules';
import type { Finding, LocalFinding, RuleContext } from '../rules/rule';
import { catalog } from '../knowledge';
import type { RuleCode } from '../protocol';
import { fileSyntax } from '../syntax/alloySyntax';
import { inAlloyOrder } from '../rules/syntaxError';
import { Configuration, type ConfigFile } from './configuration';

/** Per statement: the Alloy version the findings were computed for, and the findings per rule. */
const statementCache = new WeakMap<StatementSummary, { version: string; findings: Map<RuleCode, LocalFinding[]> }>();

function statementFindings(
  statement: StatementSummary,
  file: ConfigFile,
  enabled: (code: RuleCode) => boolean,
  broken: boolean,
  context: RuleContext,
): Finding[] {
  let entry = statementCache.get(statement);
  if (!entry || entry.version !== context.version) {
    entry = { version: context.version, findings: new Map() };
    statementCache.set(statement, entry);
  }
  const cached = entry.findings;
  const out: Finding[] = [];
  for (const rule of STATEMENT_RULES) {
    if (!enabled(rule.code) || (broken && rule.structural)) continue;
    let local = cached.get(rule.code);
    if (!local) {
      local = rule.check(statement, file, context);
      cached.set(rule.code, local);
    }
    for (const f of local) {
      out.push({
        code: rule.code,
        uri: file.uri,
        span: { start: f.span.start + statement.start, end: f.span.end + statement.start },
        message: f.message,
        data: f.data,
      });
    }
  }
  return out;
}

export interface AnalysisResult {
  configuration: Configuration;
  /** Findings per file URI (every file of the configuration has an entry). */
  findings: Map<string, Finding[]>;
}

/** Analyses one configuration (one file, or the files of a directory) with the rules the settings enable. */
export function analyze(files: readonly ConfigFile[], settings: Settings, previous?: Configuration): AnalysisResult {
  const enabled = (code: RuleCode) => settings.rules[code] !== 'off';
  const configuration = new Configuration(files, previous);
  const context: RuleContext = { version: settings.version, catalog: catalog.at(settings.version) };
  const findings = new Map<string, Finding[]>();
  for (const file of files) {
    const list: Finding[] = [];
    const broken = fileSyntax(file.text, file.statements).broken;
    for (const statement of file.statements) {
      list.push(...statementFindings(statement, file, enabled, broken.has(statement), context));
    }
    findings.set(file.uri, list);
  }
  for (const rule of CONFIGURATION_RULES) {
    if (!enabled(rule.code)) continue;
    for (const f of rule.check(configuration, context)) findings.get(f.uri)?.push(f);
  }
  for (const [uri, list] of findings) {
    list.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    findings.set(uri, inAlloyOrder(list));
  }
  return { configuration, findings };
}

/**
 * Runs the rules over a configuration.
 *
 * Statement-rule findings are cached with the statement summary they came
 * from (a summary object survives edits elsewhere in the file), so after a
 * keystroke only the edited statement is checked again by those rules.
 *
 * Configuration-rule findings are kept with the projections of the
 * statements they were computed from (projection.ts: the statements' outline
 * without positions or plain literal contents). When the next analysis of the
 * same files finds the same projections, which is what a keystroke inside a
 * string, a number, a comment or whitespace leaves, the configuration rules
 * do not run again: their findings are moved through the edits made since
 * (an early cutoff), and the configuration index is not even built unless a
 * feature asks for it. Syntax errors always come from the current text.
 */
import type { Settings } from '../settings';
import type { OffsetEdit } from '../model/fileModel';
import type { Span, StatementSummary } from '../model/types';
import { CONFIGURATION_RULES, FLOW_RULES, RULES, STATEMENT_RULES } from '../rules';
import type { Finding, LocalFinding, RelatedSpan, RuleContext } from '../rules/rule';
import { catalog } from '../knowledge';
import type { RuleCode } from '../protocol';
import { fileSyntax } from '../syntax/alloySyntax';
import { inAlloyOrder, syntaxError, syntaxErrorFindings } from '../rules/syntaxError';
import { Configuration, type ConfigFile } from './configuration';
import { flowProjection, statementProjection } from './projection';
import { importsUnchanged, RecordingLoader, type ImportLoader, type ImportRead } from './imports';

/**
 * Per statement: the Alloy version and rules the findings were computed for, and the findings, in rule
 * order: those of the rules that read the structure apart, computed only while the statement is not
 * broken (Alloy's parse agrees with the tree on it). A statement that breaks or heals because of an edit
 * elsewhere (an unclosed bracket above it) keeps its findings: no rule runs on it again.
 */
interface StatementEntry {
  version: string;
  enabled: string;
  plain: { code: RuleCode; finding: LocalFinding }[];
  structural?: { code: RuleCode; finding: LocalFinding }[];
}
const statementCache = new WeakMap<StatementSummary, StatementEntry>();

function runStatementRules(
  statement: StatementSummary,
  file: ConfigFile,
  enabled: (code: RuleCode) => boolean,
  context: RuleContext,
  structural: boolean,
): { code: RuleCode; finding: LocalFinding }[] {
  const found: { code: RuleCode; finding: LocalFinding }[] = [];
  for (const rule of STATEMENT_RULES) {
    if (!enabled(rule.code) || !!rule.structural !== structural) continue;
    for (const finding of rule.check(statement, file, context)) found.push({ code: rule.code, finding });
  }
  return found;
}

/**
 * The statement rules' findings of one statement (`known`: its entry in the previous pass, when it is
 * the same summary object there), computed when the statement, the Alloy version or the rules changed.
 */
function statementEntry(
  statement: StatementSummary,
  file: ConfigFile,
  enabled: (code: RuleCode) => boolean,
  enabledKey: string,
  broken: boolean,
  context: RuleContext,
  known: StatementEntry | undefined,
): StatementEntry {
  let entry = known ?? statementCache.get(statement);
  if (!entry || entry.version !== context.version || entry.enabled !== enabledKey) {
    entry = {
      version: context.version,
      enabled: enabledKey,
      plain: runStatementRules(statement, file, enabled, context, false),
    };
    statementCache.set(statement, entry);
  }
  if (!broken) entry.structural ??= runStatementRules(statement, file, enabled, context, true);
  return entry;
}

/** Findings of one statement (relative offsets) in absolute offsets. */
function pushAbsolute(
  list: readonly { code: RuleCode; finding: LocalFinding }[],
  statement: StatementSummary,
  uri: string,
  out: Finding[],
): void {
  for (const { code, finding: f } of list) {
    out.push({
      code,
      uri,
      span: { start: f.span.start + statement.start, end: f.span.end + statement.start },
      message: f.message,
      data: f.data,
    });
  }
}

/**
 * For each statement of `now`, its index in `before` when it is the same summary object there, else -1:
 * the statements before the edited region and after it (found from both ends), after a keystroke.
 */
function previousIndexes(
  now: readonly StatementSummary[],
  before: readonly StatementSummary[] | undefined,
): Int32Array {
  const n = now.length;
  const out = new Int32Array(n).fill(-1);
  if (!before) return out;
  const m = before.length;
  let head = 0;
  while (head < n && head < m && now[head] === before[head]) out[head] = head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && now[n - 1 - tail] === before[m - 1 - tail]) {
    out[n - 1 - tail] = m - 1 - tail;
    tail++;
  }
  return out;
}

/** What the configuration rules found, and what they found it in: kept for the next analysis of the same files. */
export interface ConfigurationPass {
  version: string;
  enabled: string;
  files: ProjectedFile[];
  /** The configuration rules' findings (syntax errors aside). */
  findings: Finding[];
  /** The local imports the rules read, and what they read (analysis/imports.ts). */
  imports: readonly ImportRead[];
}

/** A file's statements as the configuration rules read them (analysis/projection.ts), index by index. */
interface ProjectedFile {
  uri: string;
  generation?: number;
  hasSyntaxErrors: boolean;
  /**
   * The statement summaries the projections are of: the file model's list, which it replaces on each
   * update and never changes in place.
   */
  statements: readonly StatementSummary[];
  /** The statement rules' findings of each statement. */
  entries: readonly StatementEntry[];
  projections: string[];
  flow: string[];
}

/** What a previous analysis of the same files leaves to the next one. */
export interface PreviousAnalysis {
  /** The newest configuration index built for these files (its references are resolved again only where needed). */
  configuration?: Configuration;
  pass?: ConfigurationPass;
}

/** The configuration rules that read the structure (all but the syntax errors, which read the text). */
const STRUCTURE_RULES = CONFIGURATION_RULES.filter((r) => r !== syntaxError);

export class AnalysisResult {
  /** Findings per file URI (every file of the configuration has an entry). */
  readonly findings = new Map<string, Finding[]>();
  /** The configuration rules' findings and their inputs, for the next analysis. */
  readonly pass: ConfigurationPass;
  /** Whether the configuration rules ran (false: their findings were reused). */
  readonly ranConfigurationRules: boolean;
  /** Whether the flow rules' findings were moved while the other configuration rules ran. */
  readonly reusedFlowRules: boolean;
  private built?: Configuration;

  constructor(
    readonly files: readonly ConfigFile[],
    settings: Settings,
    private readonly previous?: PreviousAnalysis,
    load?: ImportLoader,
  ) {
    const enabled = (code: RuleCode) => settings.rules[code] !== 'off';
    const enabledKey = RULES.map((r) => (enabled(r.code) ? '1' : '0')).join('');
    const imports = load && new RecordingLoader(load);
    const context: RuleContext = { version: settings.version, catalog: catalog.at(settings.version), imports };
    const old = previous?.pass;
    const inputs: ProjectedFile[] = [];
    for (const [i, file] of files.entries()) {
      const before = old?.files[i]?.uri === file.uri ? old.files[i] : old?.files.find((f) => f.uri === file.uri);
      // Statements that are the same summary objects as in the previous pass take their entry and
      // projections from there by index: a keystroke in a file of 50,000 statements looks up only the
      // edited ones (the others' caches are per summary object).
      const from = previousIndexes(file.statements, before?.statements);
      const n = file.statements.length;
      const list: Finding[] = [];
      const broken = fileSyntax(file.text, file.statements).broken;
      const entries = new Array<StatementEntry>(n);
      const projections = new Array<string>(n);
      const flow = new Array<string>(n);
      for (let k = 0; k < n; k++) {
        const statement = file.statements[k];
        const j = from[k];
        const isBroken = broken.size > 0 && broken.has(statement);
        const entry = statementEntry(
          statement,
          file,
          enabled,
          enabledKey,
          isBroken,
          context,
          j >= 0 ? before!.entries[j] : undefined,
        );
        entries[k] = entry;
        pushAbsolute(entry.plain, statement, file.uri, list);
        if (!isBroken) pushAbsolute(entry.structural!, statement, file.uri, list);
        projections[k] = j >= 0 ? before!.projections[j] : statementProjection(statement, file.text);
        flow[k] = j >= 0 ? before!.flow[j] : flowProjection(statement, file.text);
      }
      this.findings.set(file.uri, list);
      inputs.push({
        uri: file.uri,
        generation: file.generation,
        hasSyntaxErrors: file.hasSyntaxErrors,
        statements: file.statements,
        entries,
        projections,
        flow,
      });
    }
    if (enabled('syntax-error')) {
      for (const f of syntaxErrorFindings(files)) this.findings.get(f.uri)?.push(f);
    }
    const comparable =
      old && old.version === settings.version && old.enabled === enabledKey && importsUnchanged(old.imports, load)
        ? old
        : undefined;
    const moved = comparable && reuse(comparable, inputs, files, 'projections');
    let structural: Finding[];
    this.reusedFlowRules = false;
    if (moved) {
      structural = moved;
      this.ranConfigurationRules = false;
    } else {
      // Only what the flow rules do not read changed: their findings move, the others are computed.
      const flow = comparable && reuse(comparable, inputs, files, 'flow', FLOW_RULES);
      structural = [];
      const configuration = this.configuration;
      for (const rule of STRUCTURE_RULES) {
        if (!enabled(rule.code)) continue;
        if (flow && FLOW_RULES.has(rule.code)) {
          for (const f of flow) if (f.code === rule.code) structural.push(f);
          continue;
        }
        structural.push(...rule.check(configuration, context));
      }
      this.reusedFlowRules = !!flow;
      this.ranConfigurationRules = true;
    }
    for (const f of structural) this.findings.get(f.uri)?.push(f);
    this.pass = {
      version: settings.version,
      enabled: enabledKey,
      files: inputs,
      findings: structural,
      imports: moved ? comparable!.imports : (imports?.asked ?? []),
    };
    for (const [uri, list] of this.findings) {
      list.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
      this.findings.set(uri, inAlloyOrder(list));
    }
  }

  /** The configuration index (built when first asked for, from the previous one where it can). */
  get configuration(): Configuration {
    this.built ??= new Configuration(this.files, this.previous?.configuration);
    return this.built;
  }

  /** Whether the local imports the rules read still load the same files. */
  importsCurrent(load: ImportLoader | undefined): boolean {
    return importsUnchanged(this.pass.imports, load);
  }

  /** The files of local imports the rules read. */
  get importedUris(): string[] {
    return this.pass.imports.flatMap((r) => r.uris);
  }

  /** The newest configuration index of these files: this analysis' own if built, else the one it would start from. */
  get latestConfiguration(): Configuration | undefined {
    return this.built ?? this.previous?.configuration;
  }
}

/** Analyses one configuration (one file, or the files of a directory) with the rules the settings enable. */
export function analyze(
  files: readonly ConfigFile[],
  settings: Settings,
  previous?: PreviousAnalysis,
  load?: ImportLoader,
): AnalysisResult {
  return new AnalysisResult(files, settings, previous, load);
}

/**
 * The previous configuration findings (of the rules `codes`, or all) moved to the current texts, when those
 * rules would find the same: the same files with the same statement projections (`compare`: the full ones,
 * or what the flow rules read) and syntax-error state, and every finding's ends outside the text the edits
 * replaced. Undefined otherwise (the rules run again).
 */
function reuse(
  old: ConfigurationPass,
  inputs: ConfigurationPass['files'],
  files: readonly ConfigFile[],
  compare: 'projections' | 'flow',
  codes?: ReadonlySet<RuleCode>,
): Finding[] | undefined {
  if (old.files.length !== inputs.length) return undefined;
  const edits = new Map<string, readonly OffsetEdit[]>();
  for (let i = 0; i < inputs.length; i++) {
    const a = old.files[i];
    const b = inputs[i];
    if (a.uri !== b.uri || a.hasSyntaxErrors !== b.hasSyntaxErrors) return undefined;
    const pa = a[compare];
    const pb = b[compare];
    if (pa.length !== pb.length) return undefined;
    for (let k = 0; k < pa.length; k++) if (pa[k] !== pb[k]) return undefined;
    if (a.generation === undefined || b.generation === undefined) return undefined;
    const since = a.generation === b.generation ? [] : files[i].editsSince?.(a.generation);
    if (!since) return undefined;
    edits.set(b.uri, since);
  }
  const out: Finding[] = [];
  for (const f of old.findings) {
    if (codes && !codes.has(f.code)) continue;
    const span = moveSpan(f.span, edits.get(f.uri));
    if (!span) return undefined;
    let related: RelatedSpan[] | undefined;
    if (f.related) {
      related = [];
      for (const r of f.related) {
        const s = moveSpan(r.span, edits.get(r.uri));
        if (!s) return undefined;
        related.push({ ...r, span: s });
      }
    }
    out.push(related ? { ...f, span, related } : { ...f, span });
  }
  return out;
}

/**
 * A span of an older text moved through edits (in order): ends before an edit stay, ends after it
 * move by its length change; undefined when an edit replaced text at or across either end (the
 * span's text itself changed) or the span is in a file not in the configuration.
 */
function moveSpan(span: Span, edits: readonly OffsetEdit[] | undefined): Span | undefined {
  if (!edits) return undefined;
  let { start, end } = span;
  const empty = start === end;
  for (const e of edits) {
    const delta = e.newEnd - e.oldEnd;
    if (start >= e.oldEnd) start += delta;
    else if (start >= e.start) return undefined;
    if (empty) end = start;
    else if (end > e.oldEnd) end += delta;
    else if (end > e.start) return undefined;
  }
  return { start, end };
}

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

/** An entry's findings in absolute offsets. */
function pushFindings(
  entry: StatementEntry,
  statement: StatementSummary,
  uri: string,
  broken: boolean,
  out: Finding[],
): void {
  const lists = broken ? [entry.plain] : [entry.plain, entry.structural!];
  for (const list of lists) {
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
}

/**
 * How many statements at the start (`head`) and at the end (`tail`) of `now` are the same summary objects
 * as in `before`: everything but the edited region, after a keystroke.
 */
function alignment(
  now: readonly StatementSummary[],
  before: readonly StatementSummary[] | undefined,
): { head: number; tail: number } {
  if (!before) return { head: 0, tail: 0 };
  const n = now.length;
  const m = before.length;
  let head = 0;
  while (head < n && head < m && now[head] === before[head]) head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && now[n - 1 - tail] === before[m - 1 - tail]) tail++;
  return { head, tail };
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
  /** The statement summaries the projections are of (a copy of the file's list at the time). */
  statements: readonly StatementSummary[];
  /** The statement rules' findings of each statement. */
  entries: readonly StatementEntry[];
  projections: string[];
  flow: string[];
}

/**
 * The projections of a file's statements. The statements that are the same summary objects as in the
 * previous pass's list (`aligned`: the ones before the edited region and after it) take their projections
 * from there by index, so that a keystroke in a file of 50,000 statements does not look up every one of
 * them again; the others are projected (cached per summary object).
 */
function projectFile(
  file: ConfigFile,
  old: ProjectedFile | undefined,
  aligned: { head: number; tail: number },
  entries: StatementEntry[],
): ProjectedFile {
  const now = file.statements;
  const n = now.length;
  const projections = new Array<string>(n);
  const flow = new Array<string>(n);
  const { head, tail } = aligned;
  const shift = old ? old.statements.length - n : 0;
  for (let k = 0; k < n; k++) {
    if (old && k < head) {
      projections[k] = old.projections[k];
      flow[k] = old.flow[k];
    } else if (old && k >= n - tail) {
      projections[k] = old.projections[k + shift];
      flow[k] = old.flow[k + shift];
    } else {
      projections[k] = statementProjection(now[k], file.text);
      flow[k] = flowProjection(now[k], file.text);
    }
  }
  return {
    uri: file.uri,
    generation: file.generation,
    hasSyntaxErrors: file.hasSyntaxErrors,
    statements: now.slice(),
    entries,
    projections,
    flow,
  };
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
      const aligned = alignment(file.statements, before?.statements);
      const shift = before ? before.statements.length - file.statements.length : 0;
      const n = file.statements.length;
      const list: Finding[] = [];
      const broken = fileSyntax(file.text, file.statements).broken;
      const entries = new Array<StatementEntry>(n);
      for (let k = 0; k < n; k++) {
        const statement = file.statements[k];
        const known = !before
          ? undefined
          : k < aligned.head
            ? before.entries[k]
            : k >= n - aligned.tail
              ? before.entries[k + shift]
              : undefined;
        const isBroken = broken.size > 0 && broken.has(statement);
        const entry = statementEntry(statement, file, enabled, enabledKey, isBroken, context, known);
        entries[k] = entry;
        if (entry.plain.length > 0 || (!isBroken && entry.structural!.length > 0))
          pushFindings(entry, statement, file.uri, isBroken, list);
      }
      this.findings.set(file.uri, list);
      inputs.push(projectFile(file, before, aligned, entries));
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

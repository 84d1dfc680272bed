/**
 * What a rule is. Statement rules look at one top-level statement and their
 * findings are cached with it (relative offsets), so an edit re-runs them for
 * the edited statement only. Configuration rules look at the whole
 * configuration index (one file or a directory).
 */
import type { Configuration, ConfigFile } from '../analysis/configuration';
import type { Span, StatementSummary } from '../model/types';
import type { RuleCode } from '../protocol';
import type { CatalogView } from '../knowledge';
import type { RecordingLoader } from '../analysis/imports';

/**
 * What a rule is judged against besides the text: the Alloy version chosen
 * (`alloy.version`, `--alloy-version`) and that version's catalog. Statement
 * findings are cached per version.
 */
export interface RuleContext {
  version: string;
  catalog: CatalogView;
  /** The files of local `import.file` blocks (absent: imported modules are not read). */
  imports?: RecordingLoader;
}

/** Data a finding carries for its quick fixes (LSP `Diagnostic.data`). */
export type FindingData = Record<string, unknown>;

export interface RelatedSpan {
  uri: string;
  span: Span;
  message: string;
}

/** A finding of a statement rule: offsets relative to the statement start. */
export interface LocalFinding {
  span: Span;
  message: string;
  data?: FindingData;
}

/** A finding located in a file: absolute offsets. */
export interface Finding {
  code: RuleCode;
  uri: string;
  span: Span;
  message: string;
  related?: RelatedSpan[];
  data?: FindingData;
}

/** A rule's code; its default severity, summary and description are in rules/metadata.ts. */
interface RuleBase {
  code: RuleCode;
  /** Reasons about statement structure: silent on statements Alloy's parse does not agree with the tree on. */
  structural?: boolean;
}

export interface StatementRule extends RuleBase {
  kind: 'statement';
  check(statement: StatementSummary, file: ConfigFile, context: RuleContext): LocalFinding[];
}

export interface ConfigurationRule extends RuleBase {
  kind: 'configuration';
  check(config: Configuration, context: RuleContext): Finding[];
}

export type Rule = StatementRule | ConfigurationRule;

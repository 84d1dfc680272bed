/** What every fix works from: the configuration, the file it is for, the settings, and the language (for layout). */
import type { Language } from 'web-tree-sitter';
import type { ComponentDecl, ConfigFile, Configuration } from '../analysis/configuration';
import type { StatementSummary } from '../model/types';
import type { Destination, SelfMonitoringSettings } from '../settings';

export interface FixContext {
  configuration: Configuration;
  /** The file the fix is for: the diagnostic's file, where new blocks are inserted. */
  file: ConfigFile;
  settings: SelfMonitoringSettings;
  /** The Alloy grammar: a block a fix rewrites is laid out by the formatter. */
  language: Language;
  /** The Alloy version the diagnostics were judged by (`alloy.version`); undefined: the default. */
  version?: string;
  /**
   * Where new self-monitoring parts go, decided before this context: a fix run pins the destination of the
   * user's configuration, so parts added by one fix (whose endpoints come from the environment) do not
   * change where the next fix sends. Undefined: inferred from the configuration, else the setting.
   */
  destination?: Destination;
}

export function fixContext(
  configuration: Configuration,
  uri: string,
  settings: SelfMonitoringSettings,
  language: Language,
  destination?: Destination,
  version?: string,
): FixContext | undefined {
  const file = configuration.files.find((f) => f.uri === uri);
  if (!file) return undefined;
  return { configuration, file, settings, language, version, destination };
}

/** Top-level components in file order. */
export function topLevelComponents(ctx: FixContext): ComponentDecl[] {
  const out: ComponentDecl[] = [];
  for (const decls of ctx.configuration.components.values()) out.push(decls[0]);
  const fileIndex = new Map(ctx.configuration.files.map((f, i) => [f, i]));
  return out.sort((a, b) => fileIndex.get(a.file)! - fileIndex.get(b.file)! || a.statement.start - b.statement.start);
}

/** The top-level statement of the target file that contains `offset`. */
export function statementAt(ctx: FixContext, offset: number): StatementSummary | undefined {
  return ctx.file.statements.find((s) => s.start <= offset && offset <= s.end);
}

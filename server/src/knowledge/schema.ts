/**
 * Schema of the generated catalog (catalog.generated.json), produced by
 * scripts/knowledge/generate.mjs from the Alloy reference docs. Only facts are
 * recorded: names, types, defaults, required flags, stability and links.
 *
 * Types are normalised spellings of the docs' Type column: Alloy's own type
 * names (`string`, `bool`, `number`, `int`, `uint`, `float`, `duration`,
 * `secret`, `any`, `object`, `list(T)`, `map(T)`, `capsule(T)`) and the capsule
 * interfaces that connect components (`MetricsReceiver`, `LogsReceiver`,
 * `ProfilesReceiver`, `otelcol.Consumer`, `RelabelRules`, ...). A value that
 * may be either is written `secret | string`.
 */

/** A normalised type spelling, e.g. `list(map(string))` or `otelcol.Consumer`. */
export type TypeName = string;

/** The `labels.stage` of a page. Community components have none (see `community`). */
export type Stability = 'generally-available' | 'public-preview' | 'experimental';

/**
 * How a table of a page was read:
 * - `parsed`: a table was found and read;
 * - `none`: the page says there is nothing (no arguments, no exports, ...);
 * - `none-section`: the page has no such section at all;
 * - `missing`: the page has the section (or says there are exports) but no
 *   table could be read, so the list is incomplete.
 */
export type TableState = 'parsed' | 'none' | 'none-section' | 'missing';

export interface ArgumentSpec {
  name: string;
  type: TypeName;
  /** The docs' own spelling when it differs from `type` (e.g. `boolean`, `[]string`). */
  docType?: string;
  /** Default as Alloy source text (`"30s"`, `true`, `[]`), when the docs give a literal. */
  default?: string;
  required: boolean;
  /** The docs mark it required only under some condition. */
  conditional?: true;
  /** Fields of an object (or list of objects) argument, when the docs list them. */
  fields?: ArgumentSpec[];
}

export interface BlockSpec {
  name: string;
  required: boolean;
  /** False when no section of the page documents this block's arguments. */
  documented: boolean;
  arguments: ArgumentSpec[];
  blocks: BlockSpec[];
}

export interface ExportSpec {
  name: string;
  type: TypeName;
  docType?: string;
}

export interface ParseStates {
  arguments: TableState;
  blocks: TableState;
  exports: TableState;
}

/** What a page of the reference documents: a component or a config block. */
export interface ReferenceSpec {
  name: string;
  stability?: Stability;
  /** Official page, from the `canonical:` front matter. */
  docUrl?: string;
  /** Page the facts come from, relative to the docs repository. */
  source?: string;
  arguments: ArgumentSpec[];
  blocks: BlockSpec[];
  exports: ExportSpec[];
  parse?: ParseStates;
  /** What the generator could not read on this page. */
  issues?: string[];
}

export interface ComponentSpec extends ReferenceSpec {
  /** First name segment: `prometheus`, `loki`, `otelcol`, ... */
  namespace: string;
  docUrl: string;
  source: string;
  parse: ParseStates;
  /** Maintained by the community; needs `--feature.community-components.enabled`. */
  community?: true;
  /** The page says the component was removed. */
  removed?: true;
}

/** A block of the configuration that is not a component (`logging`, `import.git`, `declare`, ...). */
export interface ConfigBlockSpec extends ReferenceSpec {
  /** `none`: written without a label (`logging { }`); `required`: `import.git "name" { }`. */
  label: 'required' | 'none';
  /** At most one per configuration (all the files of a directory run together). */
  unique: boolean;
  /** False for blocks Alloy accepts but does not document. */
  documented: boolean;
  /** Blocks this one may not appear inside (e.g. `logging` inside `declare`). */
  forbiddenIn?: string[];
  /** Only meaningful inside a module (`argument`, `export`). */
  moduleOnly?: true;
}

export interface StdlibFunction {
  /** Full name as written in a configuration: `sys.env`, `coalesce`, `constants.os`. */
  name: string;
  kind: 'function' | 'constant';
  namespace?: string;
  docUrl: string;
  source: string;
  /** Still accepted but deprecated, with the function to use instead. */
  deprecated?: { replacement: string };
}

export interface CatalogCounts {
  components: number;
  componentsWithArguments: number;
  componentsWithoutArguments: number;
  componentsWithExports: number;
  componentsWithoutExports: number;
  componentsWithIssues: number;
  componentsWithMissingTables: number;
  blocks: number;
  blocksWithoutArgumentSection: number;
  configBlocks: number;
  stdlibFunctions: number;
  stdlibConstants: number;
  stdlibDeprecated: number;
}

/** One Alloy release the catalog covers (or the development snapshot, version `dev`). */
export interface ReleaseInfo {
  /** `1.13`, ..., `1.18`, `dev`: how settings and messages name it. */
  version: string;
  /** The git tag, e.g. `v1.13.2` (none for the development snapshot). */
  tag?: string;
  commit: string;
  released?: string;
  counts: CatalogCounts;
  unresolvedIncludes: string[];
}

export interface CatalogProvenance {
  source: string;
  repository: string;
  commit: string;
  license: string;
  paths: string[];
  generator: string;
  schemaVersion: number;
  /** Counts of the catalog of one release (in the generated file: of the development snapshot). */
  counts: CatalogCounts;
  unresolvedIncludes: string[];
  /** Oldest first; the development snapshot last. */
  releases: ReleaseInfo[];
  /** In the catalog of one release (`catalog.at(version)`): that release. */
  version?: string;
}

/**
 * The generated file merges the catalogs of every release: each entry once,
 * with the releases that have it (`in`, absent when all do, as runs such as
 * `1.16..dev` or `1.13..1.14,1.17`) and the properties that differ in older
 * releases (`variants`; null where that release lacks the property).
 * `catalog.at(version)` reads one release back out of it.
 */
export interface Versioned {
  in?: string;
  variants?: ({ in: string } & Record<string, unknown>)[];
}

/** The catalog of one release: the shape every lookup works on. */
export interface Catalog {
  provenance: CatalogProvenance;
  components: ComponentSpec[];
  configBlocks: ConfigBlockSpec[];
  stdlib: StdlibFunction[];
}

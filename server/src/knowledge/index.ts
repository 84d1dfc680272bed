/**
 * Typed, read-only access to the knowledge catalog: components, config blocks
 * and the standard library (generated from the Alloy reference docs) plus the
 * hand-written roles. Lookup maps are built once, on first use; every lookup
 * after that is a Map access.
 */
import catalogJson from './catalog.generated.json';
import { CONNECTION_ROLES, MUST_BE_REFERENCED, WIRING_ATTRIBUTES, matchesPattern } from './roles';
import type { ConnectionRole, ReferenceRequirement, WiringAttribute } from './roles';
import { Releases } from './versions';
import type {
  ArgumentSpec,
  BlockSpec,
  Catalog,
  ComponentSpec,
  ConfigBlockSpec,
  ExportSpec,
  ReferenceSpec,
  StdlibFunction,
  TypeName,
  Versioned,
} from './schema';

export type * from './schema';
export { CONNECTION_ROLES, MUST_BE_REFERENCED, WIRING_ATTRIBUTES } from './roles';
export type { ConnectionRole, Flow, ReferenceRequirement, SinkKind, WiringAttribute } from './roles';

const merged = catalogJson as unknown as Catalog;

/** The releases the catalog covers and how their entries are told apart. */
export const releases = new Releases(merged.provenance.releases);

/** Every version the catalog answers for, oldest first: `1.13`, ..., `1.18`, `dev`. */
export const ALLOY_VERSIONS: readonly string[] = releases.versions;

/** The version rules judge by unless told otherwise: the newest release. */
export const DEFAULT_ALLOY_VERSION: string = releases.newest;

const pathKey = (path: readonly string[]) => path.join(' > ');
const argKey = (path: readonly string[], name: string) => `${pathKey(path)}#${name}`;

/** Per component or config block: its blocks, arguments and exports by path. */
interface OwnerIndex {
  blocks: Map<string, BlockSpec>;
  args: Map<string, ArgumentSpec>;
  exports: Map<string, ExportSpec>;
}

/**
 * The catalog of one Alloy version with its lookups. Lookup maps are built on
 * first use; every lookup after that is a Map access.
 */
export class CatalogView {
  readonly catalog: Catalog;
  private readonly components: Map<string, ComponentSpec>;
  private readonly configBlocks: Map<string, ConfigBlockSpec>;
  private readonly stdlib: Map<string, StdlibFunction>;
  private namespacesSet?: ReadonlySet<string>;
  private stdlibNamespacesSet?: ReadonlySet<string>;
  private exportsByType?: Map<TypeName, { component: string; export: ExportSpec }[]>;
  private readonly ownerIndexes = new Map<string, OwnerIndex>();
  private readonly requirementCache = new Map<string, ReferenceRequirement | null>();

  constructor(
    readonly version: string,
    catalog: Catalog,
  ) {
    this.catalog = catalog;
    this.components = new Map(catalog.components.map((c) => [c.name, c]));
    this.configBlocks = new Map(catalog.configBlocks.map((b) => [b.name, b]));
    this.stdlib = new Map(catalog.stdlib.map((f) => [f.name, f]));
  }

  /** Built on the first lookup that concerns this owner, then reused. */
  private ownerIndex(owner: string): OwnerIndex | undefined {
    const cached = this.ownerIndexes.get(owner);
    if (cached) return cached;
    const spec = this.getReference(owner);
    if (!spec) return undefined; // not cached: unknown names are unbounded
    const index: OwnerIndex = { blocks: new Map(), args: new Map(), exports: new Map() };
    for (const a of spec.arguments) index.args.set(argKey([], a.name), a);
    for (const e of spec.exports) index.exports.set(e.name, e);
    const visit = (blocks: BlockSpec[], parent: string[]) => {
      for (const b of blocks) {
        const path = [...parent, b.name];
        index.blocks.set(pathKey(path), b);
        for (const a of b.arguments) index.args.set(argKey(path, a.name), a);
        visit(b.blocks, path);
      }
    };
    visit(spec.blocks, []);
    this.ownerIndexes.set(owner, index);
    return index;
  }

  /** Where the facts come from, with this version's counts. */
  provenance(): Catalog['provenance'] {
    return this.catalog.provenance;
  }

  getComponent(name: string): ComponentSpec | undefined {
    return this.components.get(name);
  }

  isComponentName(name: string): boolean {
    return this.components.has(name);
  }

  /** First name segments of all components: `beyla`, `discovery`, `loki`, `otelcol`, ... (sorted). */
  componentNamespaces(): ReadonlySet<string> {
    this.namespacesSet ??= new Set(this.catalog.components.map((c) => c.namespace).sort());
    return this.namespacesSet;
  }

  getExport(component: string, exportName: string): ExportSpec | undefined {
    return this.isComponentName(component) ? this.ownerIndex(component)?.exports.get(exportName) : undefined;
  }

  /**
   * True when the catalog's export list of a component is complete, so a
   * reference to an export it does not list is an error. False for unknown
   * components and for pages whose export table could not be read.
   */
  exportsKnown(component: string): boolean {
    const c = this.getComponent(component);
    return c !== undefined && c.parse.exports !== 'missing';
  }

  /** Every component export of exactly this (normalised) type. */
  exportsOfType(type: TypeName): readonly { component: string; export: ExportSpec }[] {
    if (!this.exportsByType) {
      const byType = new Map<TypeName, { component: string; export: ExportSpec }[]>();
      for (const c of this.catalog.components) {
        for (const e of c.exports) {
          const list = byType.get(e.type) ?? [];
          list.push({ component: c.name, export: e });
          byType.set(e.type, list);
        }
      }
      this.exportsByType = byType;
    }
    return this.exportsByType.get(type) ?? [];
  }

  getConfigBlock(name: string): ConfigBlockSpec | undefined {
    return this.configBlocks.get(name);
  }

  getStdlibFunction(name: string): StdlibFunction | undefined {
    return this.stdlib.get(name);
  }

  /** Namespaces of the standard library (`array`, `encoding`, `string`, `sys`, ...). */
  stdlibNamespaces(): ReadonlySet<string> {
    this.stdlibNamespacesSet ??= new Set(
      this.catalog.stdlib
        .map((f) => f.namespace)
        .filter((n): n is string => n !== undefined)
        .sort(),
    );
    return this.stdlibNamespacesSet;
  }

  /** The replacement of a deprecated standard library name (`env` -> `sys.env`), else undefined. */
  deprecatedFunction(name: string): string | undefined {
    return this.stdlib.get(name)?.deprecated?.replacement;
  }

  /** A component, or else a config block, by name. */
  getReference(owner: string): ReferenceSpec | undefined {
    return this.components.get(owner) ?? this.configBlocks.get(owner);
  }

  /** The nested block at `path` (e.g. `['endpoint', 'basic_auth']`) of a component or config block. */
  getBlock(owner: string, path: readonly string[]): BlockSpec | undefined {
    return path.length === 0 ? undefined : this.ownerIndex(owner)?.blocks.get(pathKey(path));
  }

  /** An argument of the owner itself (empty path) or of one of its nested blocks. */
  getArgument(owner: string, path: readonly string[], name: string): ArgumentSpec | undefined {
    return this.ownerIndex(owner)?.args.get(argKey(path, name));
  }

  /**
   * True when the docs type this attribute `secret` (or `secret | string`), so a
   * string literal there is a credential written into the configuration.
   */
  isSecretArgument(owner: string, path: readonly string[], name: string): boolean {
    const arg = this.getArgument(owner, path, name);
    return arg !== undefined && isSecretType(arg.type);
  }

  /**
   * The catalog export that must be referenced for a pipeline-end component to
   * be useful. The component must be in the catalog and have that export, or
   * have an export list the docs leave incomplete (otelcol.exporter.file).
   */
  referenceRequirement(componentName: string): ReferenceRequirement | undefined {
    const cached = this.requirementCache.get(componentName);
    if (cached !== undefined) return cached ?? undefined;
    const rule = MUST_BE_REFERENCED.find((r) => matchesPattern(r.pattern, componentName));
    const known = this.isComponentName(componentName);
    const applies =
      rule !== undefined &&
      known &&
      (this.getExport(componentName, rule.export) !== undefined || !this.exportsKnown(componentName));
    // Unknown names are not cached: a stream of typos must not grow the map.
    if (known) this.requirementCache.set(componentName, applies ? rule : null);
    return applies ? rule : undefined;
  }

  /** Exports of a component through which data enters it (typed as a connection role). */
  inputExports(componentName: string): ExportSpec[] {
    return (this.getComponent(componentName)?.exports ?? []).filter(
      (e) => receiverSignal(e.type) !== undefined && e.type !== 'list(map(string))',
    );
  }

  /**
   * The receiver type an attribute expects, e.g. (`logging`, `write_to`) ->
   * LogsReceiver list, (`prometheus.scrape`, `forward_to`) -> MetricsReceiver
   * list, (`otelcol.receiver.otlp`, `traces`, ['output']) -> otelcol.Consumer
   * list. Undefined when the attribute is not a connection.
   */
  expectedReceiverType(owner: string, attribute: string, path: readonly string[] = []): ExpectedReceiver | undefined {
    const fixed = wiringIndex().get(`${owner} ${argKey(path, attribute)}`);
    let type: TypeName | undefined;
    let list = false;
    if (fixed) {
      type = fixed.type;
      list = fixed.list;
    } else {
      const arg = this.getArgument(owner, path, attribute);
      if (!arg) return undefined;
      if (receiverSignal(arg.type)) type = arg.type;
      else {
        const inner = /^list\((.*)\)$/.exec(arg.type)?.[1];
        if (inner && receiverSignal(inner)) {
          type = inner;
          list = true;
        }
      }
    }
    const role = type === undefined ? undefined : receiverSignal(type);
    if (!type || !role) return undefined;
    const description = list
      ? `a list of ${role.noun}s such as [${role.example}]`
      : `a ${role.noun} such as ${role.example}`;
    return { type, list, role, description };
  }
}

const views = new Map<string, CatalogView>();

/** One entry of the merged catalog, to ask which releases have it. */
type RawEntry = Versioned & { name: string; arguments?: RawEntry[]; blocks?: RawEntry[]; exports?: RawEntry[] };

const find = (list: readonly RawEntry[] | undefined, name: string) => list?.find((e) => e.name === name);

/** The releases having every entry of a chain (an argument is only there when its block is). */
function presence(chain: readonly (RawEntry | undefined)[]): ReadonlySet<string> {
  let out: Set<string> | undefined;
  for (const e of chain) {
    if (!e) return new Set();
    const of = releases.of(e);
    out = out ? new Set([...out].filter((v) => of.has(v))) : new Set(of);
  }
  return out ?? new Set();
}

let rawOwners: Map<string, RawEntry> | undefined;
let rawStdlib: Map<string, RawEntry> | undefined;
function rawOwner(name: string): RawEntry | undefined {
  rawOwners ??= new Map(
    [...(merged.configBlocks as unknown as RawEntry[]), ...(merged.components as unknown as RawEntry[])].map((e) => [
      e.name,
      e,
    ]),
  );
  return rawOwners.get(name);
}

function rawBlockChain(owner: string, path: readonly string[]): (RawEntry | undefined)[] {
  const chain: (RawEntry | undefined)[] = [rawOwner(owner)];
  for (const seg of path) chain.push(find(chain[chain.length - 1]?.blocks, seg));
  return chain;
}

/**
 * The versioned catalog: `catalog.at(version)` is the catalog of one Alloy
 * release (or `dev`, the development snapshot), and `catalog.releasesOf*`
 * tell which releases have a name, for messages such as "needs Alloy v1.16
 * or later".
 */
export const catalog = {
  versions: ALLOY_VERSIONS,
  defaultVersion: DEFAULT_ALLOY_VERSION,
  releases,
  /** The catalog of one version; an unknown version gives the default one. */
  at(version: string = DEFAULT_ALLOY_VERSION): CatalogView {
    const v = ALLOY_VERSIONS.includes(version) ? version : DEFAULT_ALLOY_VERSION;
    let view = views.get(v);
    if (!view) {
      view = new CatalogView(v, releases.select(merged, v));
      views.set(v, view);
    }
    return view;
  },
  /** `1.16`, `v1.16.3`, `dev` -> the catalog's version name, or undefined when it covers no such release. */
  normalizeVersion(input: string): string | undefined {
    return releases.normalize(input);
  },
  /** The merged file itself (every release), for tools that list history. */
  merged(): Catalog {
    return merged;
  },
  /** Releases that have a component (empty when none does). */
  releasesOfComponent(name: string): ReadonlySet<string> {
    const e = find(merged.components as unknown as RawEntry[], name);
    return presence([e]);
  },
  releasesOfConfigBlock(name: string): ReadonlySet<string> {
    return presence([find(merged.configBlocks as unknown as RawEntry[], name)]);
  },
  /** Releases whose docs have the nested block at `path` of a component or config block. */
  releasesOfBlock(owner: string, path: readonly string[]): ReadonlySet<string> {
    return presence(rawBlockChain(owner, path));
  },
  releasesOfArgument(owner: string, path: readonly string[], name: string): ReadonlySet<string> {
    const chain = rawBlockChain(owner, path);
    return presence([...chain, find(chain[chain.length - 1]?.arguments, name)]);
  },
  releasesOfExport(component: string, name: string): ReadonlySet<string> {
    const owner = find(merged.components as unknown as RawEntry[], component);
    return presence([owner, find(owner?.exports, name)]);
  },
  releasesOfFunction(name: string): ReadonlySet<string> {
    rawStdlib ??= new Map((merged.stdlib as unknown as RawEntry[]).map((e) => [e.name, e]));
    return presence([rawStdlib.get(name)]);
  },
  /**
   * For a name `version` lacks: "was removed after Alloy v1.18", "needs Alloy
   * v1.16 or later"; undefined when no release has it (or this one does).
   */
  versionNote(present: ReadonlySet<string>, version: string = DEFAULT_ALLOY_VERSION): string | undefined {
    return releases.note(present, version);
  },
};

let defaultViewCache: CatalogView | undefined;
const defaultView = (): CatalogView => (defaultViewCache ??= catalog.at(DEFAULT_ALLOY_VERSION));

// The lookups of the default version (the newest release), for features that do not take a version.

/** The whole catalog of the default version, for features that list things (completion). */
export function getCatalog(): Catalog {
  return defaultView().catalog;
}

/** Where the facts come from: docs repository, commit, generator, releases, counts of the default version. */
export function provenance(): Catalog['provenance'] {
  return defaultView().provenance();
}

export const getComponent = (name: string) => defaultView().getComponent(name);
export const isComponentName = (name: string) => defaultView().isComponentName(name);
export const componentNamespaces = () => defaultView().componentNamespaces();
export const getExport = (component: string, exportName: string) => defaultView().getExport(component, exportName);
export const exportsKnown = (component: string) => defaultView().exportsKnown(component);
export const exportsOfType = (type: TypeName) => defaultView().exportsOfType(type);
export const getConfigBlock = (name: string) => defaultView().getConfigBlock(name);
export const getStdlibFunction = (name: string) => defaultView().getStdlibFunction(name);
export const stdlibNamespaces = () => defaultView().stdlibNamespaces();
export const deprecatedFunction = (name: string) => defaultView().deprecatedFunction(name);
export const getReference = (owner: string) => defaultView().getReference(owner);
export const getBlock = (owner: string, path: readonly string[]) => defaultView().getBlock(owner, path);
export const getArgument = (owner: string, path: readonly string[], name: string) =>
  defaultView().getArgument(owner, path, name);
export const isSecretArgument = (owner: string, path: readonly string[], name: string) =>
  defaultView().isSecretArgument(owner, path, name);
export const referenceRequirement = (componentName: string) => defaultView().referenceRequirement(componentName);
/**
 * The export that must be referenced somewhere for this component to do
 * anything (`targets` for prometheus.exporter.*, `input` for
 * otelcol.exporter.*, `receiver` for loki.write, prometheus.remote_write and
 * pyroscope.write), or undefined.
 */
export const mustBeReferenced = (componentName: string) => defaultView().referenceRequirement(componentName)?.export;
export const inputExports = (componentName: string) => defaultView().inputExports(componentName);
export const expectedReceiverType = (owner: string, attribute: string, path: readonly string[] = []) =>
  defaultView().expectedReceiverType(owner, attribute, path);

/** True for types whose value is (or may be) a secret itself: `secret`, `secret | string`. */
export function isSecretType(type: TypeName): boolean {
  return type.split(' | ').includes('secret');
}

/** True for types holding secrets somewhere inside: `map(list(secret))`, `list(secret)`. */
export function typeContainsSecret(type: TypeName): boolean {
  return /(^|[(|\s])secret([)|\s]|$)/.test(type);
}

// Roles

/** What flows through values of this type, e.g. `LogsReceiver` -> logs. Undefined for plain types. */
export function receiverSignal(type: TypeName): ConnectionRole | undefined {
  return Object.prototype.hasOwnProperty.call(CONNECTION_ROLES, type) ? CONNECTION_ROLES[type] : undefined;
}

let wiring: Map<string, WiringAttribute> | undefined;
function wiringIndex(): Map<string, WiringAttribute> {
  wiring ??= new Map(WIRING_ATTRIBUTES.map((w) => [`${w.owner} ${argKey(w.path, w.attribute)}`, w]));
  return wiring;
}

export interface ExpectedReceiver {
  /** The expected type of the value, or of each element when `list` is true. */
  type: TypeName;
  list: boolean;
  role: ConnectionRole;
  /** A short phrase for messages: "a list of logs receivers such as loki.write.LABEL.receiver". */
  description: string;
}

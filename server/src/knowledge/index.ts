/**
 * Typed, read-only access to the knowledge catalog: components, config blocks
 * and the standard library (generated from the Alloy reference docs) plus the
 * hand-written roles. Lookup maps are built once, on first use; every lookup
 * after that is a Map access.
 */
import catalogJson from './catalog.generated.json';
import { CONNECTION_ROLES, MUST_BE_REFERENCED, WIRING_ATTRIBUTES, matchesPattern } from './roles';
import type { ConnectionRole, ReferenceRequirement, WiringAttribute } from './roles';
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
} from './schema';

export type * from './schema';
export { CONNECTION_ROLES, MUST_BE_REFERENCED, WIRING_ATTRIBUTES } from './roles';
export type { ConnectionRole, Flow, ReferenceRequirement, SinkKind, WiringAttribute } from './roles';

const catalog = catalogJson as unknown as Catalog;

interface Indexes {
  components: Map<string, ComponentSpec>;
  configBlocks: Map<string, ConfigBlockSpec>;
  stdlib: Map<string, StdlibFunction>;
  namespaces: ReadonlySet<string>;
  stdlibNamespaces: ReadonlySet<string>;
  exportsByType: Map<TypeName, { component: string; export: ExportSpec }[]>;
}

let indexes: Indexes | undefined;

/** Per component or config block: its blocks, arguments and exports by path. */
interface OwnerIndex {
  blocks: Map<string, BlockSpec>;
  args: Map<string, ArgumentSpec>;
  exports: Map<string, ExportSpec>;
}

const ownerIndexes = new Map<string, OwnerIndex>();
const requirementCache = new Map<string, ReferenceRequirement | null>();

const pathKey = (path: readonly string[]) => path.join(' > ');
const argKey = (path: readonly string[], name: string) => `${pathKey(path)}#${name}`;

/** Built on the first lookup that concerns this owner, then reused. */
function ownerIndex(owner: string): OwnerIndex | undefined {
  const cached = ownerIndexes.get(owner);
  if (cached) return cached;
  const spec = getReference(owner);
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
  ownerIndexes.set(owner, index);
  return index;
}

function idx(): Indexes {
  if (indexes) return indexes;
  const components = new Map(catalog.components.map((c) => [c.name, c]));
  const exportsByType = new Map<TypeName, { component: string; export: ExportSpec }[]>();
  for (const c of catalog.components) {
    for (const e of c.exports) {
      const list = exportsByType.get(e.type) ?? [];
      list.push({ component: c.name, export: e });
      exportsByType.set(e.type, list);
    }
  }
  indexes = {
    components,
    configBlocks: new Map(catalog.configBlocks.map((b) => [b.name, b])),
    stdlib: new Map(catalog.stdlib.map((f) => [f.name, f])),
    namespaces: new Set(catalog.components.map((c) => c.namespace).sort()),
    stdlibNamespaces: new Set(
      catalog.stdlib
        .map((f) => f.namespace)
        .filter((n): n is string => n !== undefined)
        .sort(),
    ),
    exportsByType,
  };
  return indexes;
}

/** The whole catalog, for features that list things (completion). */
export function getCatalog(): Catalog {
  return catalog;
}

/** Where the facts come from: docs repository, commit, generator, counts. */
export function provenance(): Catalog['provenance'] {
  return catalog.provenance;
}

// Components

export function getComponent(name: string): ComponentSpec | undefined {
  return idx().components.get(name);
}

export function isComponentName(name: string): boolean {
  return idx().components.has(name);
}

/** First name segments of all components: `beyla`, `discovery`, `loki`, `otelcol`, ... (sorted). */
export function componentNamespaces(): ReadonlySet<string> {
  return idx().namespaces;
}

export function getExport(component: string, exportName: string): ExportSpec | undefined {
  return isComponentName(component) ? ownerIndex(component)?.exports.get(exportName) : undefined;
}

/**
 * True when the catalog's export list of a component is complete, so a
 * reference to an export it does not list is an error. False for unknown
 * components and for pages whose export table could not be read.
 */
export function exportsKnown(component: string): boolean {
  const c = getComponent(component);
  return c !== undefined && c.parse.exports !== 'missing';
}

/** Every component export of exactly this (normalised) type. */
export function exportsOfType(type: TypeName): readonly { component: string; export: ExportSpec }[] {
  return idx().exportsByType.get(type) ?? [];
}

// Config blocks and the standard library

export function getConfigBlock(name: string): ConfigBlockSpec | undefined {
  return idx().configBlocks.get(name);
}

export function getStdlibFunction(name: string): StdlibFunction | undefined {
  return idx().stdlib.get(name);
}

/** Namespaces of the standard library (`array`, `encoding`, `string`, `sys`, ...). */
export function stdlibNamespaces(): ReadonlySet<string> {
  return idx().stdlibNamespaces;
}

/** The replacement of a deprecated standard library name (`env` -> `sys.env`), else undefined. */
export function deprecatedFunction(name: string): string | undefined {
  return idx().stdlib.get(name)?.deprecated?.replacement;
}

// Blocks and arguments of components and config blocks

/** A component, or else a config block, by name. */
export function getReference(owner: string): ReferenceSpec | undefined {
  return idx().components.get(owner) ?? idx().configBlocks.get(owner);
}

/** The nested block at `path` (e.g. `['endpoint', 'basic_auth']`) of a component or config block. */
export function getBlock(owner: string, path: readonly string[]): BlockSpec | undefined {
  return path.length === 0 ? undefined : ownerIndex(owner)?.blocks.get(pathKey(path));
}

/** An argument of the owner itself (empty path) or of one of its nested blocks. */
export function getArgument(owner: string, path: readonly string[], name: string): ArgumentSpec | undefined {
  return ownerIndex(owner)?.args.get(argKey(path, name));
}

/** True for types whose value is (or may be) a secret itself: `secret`, `secret | string`. */
export function isSecretType(type: TypeName): boolean {
  return type.split(' | ').includes('secret');
}

/** True for types holding secrets somewhere inside: `map(list(secret))`, `list(secret)`. */
export function typeContainsSecret(type: TypeName): boolean {
  return /(^|[(|\s])secret([)|\s]|$)/.test(type);
}

/**
 * True when the docs type this attribute `secret` (or `secret | string`), so a
 * string literal there is a credential written into the configuration.
 */
export function isSecretArgument(owner: string, path: readonly string[], name: string): boolean {
  const arg = getArgument(owner, path, name);
  return arg !== undefined && isSecretType(arg.type);
}

// Roles

/** What flows through values of this type, e.g. `LogsReceiver` -> logs. Undefined for plain types. */
export function receiverSignal(type: TypeName): ConnectionRole | undefined {
  return Object.prototype.hasOwnProperty.call(CONNECTION_ROLES, type) ? CONNECTION_ROLES[type] : undefined;
}

/**
 * The catalog export that must be referenced for a pipeline-end component to
 * be useful. The component must be in the catalog and have that export, or
 * have an export list the docs leave incomplete (otelcol.exporter.file).
 */
export function referenceRequirement(componentName: string): ReferenceRequirement | undefined {
  const cached = requirementCache.get(componentName);
  if (cached !== undefined) return cached ?? undefined;
  const rule = MUST_BE_REFERENCED.find((r) => matchesPattern(r.pattern, componentName));
  const applies =
    rule !== undefined &&
    isComponentName(componentName) &&
    (getExport(componentName, rule.export) !== undefined || !exportsKnown(componentName));
  // Unknown names are not cached: a stream of typos must not grow the map.
  if (isComponentName(componentName)) requirementCache.set(componentName, applies ? rule : null);
  return applies ? rule : undefined;
}

/**
 * The export that must be referenced somewhere for this component to do
 * anything (`targets` for prometheus.exporter.*, `input` for
 * otelcol.exporter.*, `receiver` for loki.write, prometheus.remote_write and
 * pyroscope.write), or undefined.
 */
export function mustBeReferenced(componentName: string): string | undefined {
  return referenceRequirement(componentName)?.export;
}

/** Exports of a component through which data enters it (typed as a connection role). */
export function inputExports(componentName: string): ExportSpec[] {
  return (getComponent(componentName)?.exports ?? []).filter(
    (e) => receiverSignal(e.type) !== undefined && e.type !== 'list(map(string))',
  );
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

/**
 * The receiver type an attribute expects, e.g. (`logging`, `write_to`) ->
 * LogsReceiver list, (`prometheus.scrape`, `forward_to`) -> MetricsReceiver
 * list, (`otelcol.receiver.otlp`, `traces`, ['output']) -> otelcol.Consumer
 * list. Undefined when the attribute is not a connection.
 */
export function expectedReceiverType(
  owner: string,
  attribute: string,
  path: readonly string[] = [],
): ExpectedReceiver | undefined {
  const fixed = wiringIndex().get(`${owner} ${argKey(path, attribute)}`);
  let type: TypeName | undefined;
  let list = false;
  if (fixed) {
    type = fixed.type;
    list = fixed.list;
  } else {
    const arg = getArgument(owner, path, attribute);
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

/**
 * A configuration: one file, or every `*.alloy` file of a directory as
 * `alloy run DIR` loads them. Indexes the statement summaries of its files:
 * definitions (components, `declare`, `import.*`, `argument`, `export`,
 * `foreach` variables) in their scopes, and every reference with what it
 * resolves to. Built from summaries only, never from trees.
 *
 * Scopes follow Alloy's: the top level; the body of each `declare` at any
 * depth (its own components and arguments only; custom components declared or
 * imported in enclosing scopes stay usable, as in Alloy's custom component
 * registry); the template of each `foreach` (which also sees the scope around
 * it, and its variable).
 *
 * Incremental: what a top-level statement defines and its nested scopes are
 * indexed once per statement summary (a summary survives edits elsewhere);
 * given the previous configuration of the same files, a reference is resolved
 * again only when its statement changed or when a top-level name it looked up
 * was defined or removed by a changed statement (`changedNames`).
 */
import type { BlockInfo, ReferenceInfo, StatementSummary } from '../model/types';
import type { Span } from '../model/types';
import type { OffsetEdit } from '../model/fileModel';
import { componentNamespaces } from './facts';

/** Labelless blocks that configure Alloy itself; at most one of each per configuration. */
export const SINGLETON_BLOCKS = new Set(['logging', 'tracing', 'http', 'remotecfg', 'livedebugging', 'labelstore']);

/** Blocks that are not components. */
const STRUCTURAL_BLOCKS = new Set(['argument', 'export', 'declare', 'foreach']);

export interface ConfigFile {
  uri: string;
  text: string;
  statements: readonly StatementSummary[];
  hasSyntaxErrors: boolean;
  /** Identifies the text (an open document's generation); absent for files read once. */
  generation?: number;
  /** The edits that turned the text of an earlier generation into this one, when known. */
  editsSince?(generation: number): readonly OffsetEdit[] | undefined;
}

/** Where a block sits: its file, its top-level statement and the block itself (at any depth). */
export interface BlockSite {
  file: ConfigFile;
  statement: StatementSummary;
  block: BlockInfo;
}

export type DefinitionKind = 'component' | 'declare' | 'import' | 'argument' | 'export' | 'foreach-variable';

/** Something references name: a component, a custom component (`declare`), an import namespace, an argument, an export, a foreach variable. */
export class Definition implements BlockSite {
  constructor(
    readonly kind: DefinitionKind,
    readonly file: ConfigFile,
    readonly statement: StatementSummary,
    readonly block: BlockInfo,
    /**
     * How references name it: `name.label` of a component (`prometheus.exporter.self.default`), the
     * label of a `declare`, `import.*`, `argument` or `export`, a foreach variable's name.
     */
    readonly key: string,
    /** The defining name, relative to the statement's start. */
    private readonly relativeName: Span,
    /** The scope it is defined in; undefined for the top level (`configuration.top`). */
    readonly scope: Scope | undefined,
  ) {}

  /** Absolute span of the defining name: the label (without quotes), or the variable's name in `var = "..."`. */
  get nameSpan(): Span {
    const base = this.statement.start;
    return { start: base + this.relativeName.start, end: base + this.relativeName.end };
  }
}

export class ComponentDecl extends Definition {
  declare readonly kind: 'component';
  /** The block name, e.g. `prometheus.exporter.self`. */
  readonly name: string;
  readonly label: string;
  constructor(
    file: ConfigFile,
    statement: StatementSummary,
    block: BlockInfo,
    relativeName: Span,
    scope: Scope | undefined,
  ) {
    super('component', file, statement, block, componentKey(block), relativeName, scope);
    this.name = block.name;
    this.label = block.label!;
  }
}

export interface ResolvedReference {
  file: ConfigFile;
  statement: StatementSummary;
  ref: ReferenceInfo;
  /** The scope the reference is evaluated in. */
  scope: Scope;
  /** The component the reference reads, when it reads one. */
  target?: ComponentDecl;
  /** The export it reads (the segment after the label), if any. */
  exportName?: string;
  /** What the reference's first segment(s) name: a component, an argument, a foreach variable. */
  definition?: Definition;
  /** How many segments of the path name the definition (a component: its name and label). */
  definitionSegments: number;
  /** True when the reference names a component, argument or custom component that is not defined in its scope. */
  undefined: boolean;
  /** The top-level names the resolution looked up (`c:key`, `n:label`, `a:name`): it depends on them. */
  readonly dependsOn: readonly string[];
}

/** A ResolvedReference (one shape for all of them). */
class Resolution implements ResolvedReference {
  target: ComponentDecl | undefined = undefined;
  exportName: string | undefined = undefined;
  definition: Definition | undefined = undefined;
  definitionSegments = 0;
  undefined = false;
  readonly dependsOn: string[] = [];
  constructor(
    readonly file: ConfigFile,
    readonly statement: StatementSummary,
    readonly ref: ReferenceInfo,
    readonly scope: Scope,
  ) {}
}

export function isImportBlock(name: string): boolean {
  return name.startsWith('import.');
}

function isComponentBlock(block: BlockInfo): boolean {
  return (
    block.label !== undefined &&
    !SINGLETON_BLOCKS.has(block.name) &&
    !STRUCTURAL_BLOCKS.has(block.name) &&
    !isImportBlock(block.name)
  );
}

// Summaries survive edits elsewhere in the file, so strings derived from them are computed once.
const prefixCache = new WeakMap<ReferenceInfo, string[]>();
const dependencyKeyCache = new Map<string, string>();

/** `c:key`: how a resolution records that it looked up the top-level component `key`. */
function componentDependency(key: string): string {
  let dep = dependencyKeyCache.get(key);
  if (dep === undefined) {
    if (dependencyKeyCache.size > 100_000) dependencyKeyCache.clear();
    dep = `c:${key}`;
    dependencyKeyCache.set(key, dep);
  }
  return dep;
}
const keyCache = new WeakMap<BlockInfo, string>();

/** `a.b.c.d` -> [`a.b.c.d`, `a.b.c`, `a.b`]: the candidate component keys of a reference, longest first. */
function prefixKeys(ref: ReferenceInfo): string[] {
  let keys = prefixCache.get(ref);
  if (!keys) {
    keys = [];
    for (let k = ref.path.length; k >= 2; k--) keys.push(ref.path.slice(0, k).join('.'));
    prefixCache.set(ref, keys);
  }
  return keys;
}

function componentKey(block: BlockInfo): string {
  let key = keyCache.get(block);
  if (key === undefined) {
    key = `${block.name}.${block.label}`;
    keyCache.set(block, key);
  }
  return key;
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A scope in which references resolve. */
export class Scope {
  readonly components = new Map<string, ComponentDecl[]>();
  /** `declare` blocks by label (custom components defined here). */
  readonly declares = new Map<string, Definition[]>();
  /** `import.*` blocks by label (namespaces defined here). */
  readonly imports = new Map<string, Definition[]>();
  readonly arguments = new Map<string, Definition[]>();
  readonly exports = new Map<string, Definition[]>();
  /** The foreach variable (foreach scopes). */
  readonly variables = new Map<string, Definition>();

  constructor(
    readonly kind: 'top' | 'declare' | 'foreach',
    /** The enclosing scope; undefined for the top level and for scopes directly in a top-level statement. */
    readonly parent?: Scope,
    /** The `declare` or `foreach` block that makes the scope. */
    readonly site?: BlockSite,
  ) {}
}

/** What one top-level statement contributes: its definitions and nested scopes, computed once per summary. */
interface StatementIndex {
  file: ConfigFile;
  /** Definitions in the top-level scope (at most one: the statement's own block, or a foreach variable never). */
  top: Definition[];
  /** Every definition of the statement, in document order. */
  definitions: Definition[];
  /** The scopes its `declare` and `foreach` blocks make. */
  scopes: Map<BlockInfo, Scope>;
  /** The statement's references resolved, by the configuration that resolved them. */
  resolved?: ResolvedReference[];
  resolvedBy?: Configuration;
  /** The last configuration the statement was part of (marks statements removed since). */
  seenBy?: Configuration;
}

const statementIndexes = new WeakMap<StatementSummary, StatementIndex>();

function link(index: Map<string, Set<ResolvedReference>>, r: ResolvedReference): void {
  for (const n of r.dependsOn) {
    let set = index.get(n);
    if (!set) index.set(n, (set = new Set()));
    set.add(r);
  }
}

function unlink(index: Map<string, Set<ResolvedReference>>, r: ResolvedReference): void {
  for (const n of r.dependsOn) index.get(n)?.delete(r);
}

/** The names (as `dependsOn` spells them) a statement defines in the top-level scope. */
function topNames(index: StatementIndex): string[] {
  return index.top.map((d) =>
    d.kind === 'component' ? `c:${d.key}` : d.kind === 'argument' ? `a:${d.key}` : `n:${d.key}`,
  );
}

function indexStatement(file: ConfigFile, statement: StatementSummary): StatementIndex {
  const index: StatementIndex = { file, top: [], definitions: [], scopes: new Map() };
  const root = statement.block;
  if (!root) return index;
  const stack: [BlockInfo, Scope | undefined][] = [[root, undefined]];
  while (stack.length > 0) {
    const [block, scope] = stack.pop()!;
    const labelSpan = (): Span =>
      block.labelSpan ? { start: block.labelSpan.start + 1, end: block.labelSpan.end - 1 } : block.nameSpan;
    const define = (kind: DefinitionKind, map: (s: Scope) => Map<string, Definition[]>) => {
      const d = new Definition(kind, file, statement, block, block.label!, labelSpan(), scope);
      // Top-level definitions go into each configuration's top scope (see the constructor).
      if (scope) add(map(scope), block.label!, d);
      else index.top.push(d);
      index.definitions.push(d);
    };
    if (block.name === 'declare') {
      if (block.label !== undefined) define('declare', (s) => s.declares);
      const inner = new Scope('declare', scope, { file, statement, block });
      index.scopes.set(block, inner);
      for (let i = block.blocks.length - 1; i >= 0; i--) stack.push([block.blocks[i], inner]);
    } else if (block.name === 'foreach') {
      const inner = new Scope('foreach', scope, { file, statement, block });
      index.scopes.set(block, inner);
      const v = block.attributes.find((a) => a.name === 'var');
      if (v && (v.value.kind === 'string' || v.value.kind === 'raw_string') && v.value.text) {
        const span = { start: v.value.span.start + 1, end: v.value.span.end - 1 };
        const d = new Definition('foreach-variable', file, statement, block, v.value.text, span, inner);
        inner.variables.set(v.value.text, d);
        index.definitions.push(d);
      }
      const inside: BlockInfo[] = [];
      for (const template of block.blocks) if (template.name === 'template') inside.push(...template.blocks);
      for (let i = inside.length - 1; i >= 0; i--) stack.push([inside[i], inner]);
    } else if (isImportBlock(block.name)) {
      if (block.label !== undefined) define('import', (s) => s.imports);
    } else if (block.name === 'argument') {
      if (block.label !== undefined) define('argument', (s) => s.arguments);
    } else if (block.name === 'export') {
      if (block.label !== undefined) define('export', (s) => s.exports);
    } else if (isComponentBlock(block) && !(scope === undefined && SINGLETON_BLOCKS.has(block.name))) {
      const decl = new ComponentDecl(file, statement, block, labelSpan(), scope);
      if (scope) add(scope.components, decl.key, decl);
      else index.top.push(decl);
      index.definitions.push(decl);
    }
  }
  return index;
}

export class Configuration {
  readonly files: readonly ConfigFile[];
  /** The top-level scope. */
  readonly top = new Scope('top');
  /** Top-level components by key, in file order. */
  readonly components = this.top.components;
  /** Top-level `declare` and `import.*` blocks by label (they share one namespace), in file order. */
  readonly namespaces = new Map<string, BlockSite[]>();
  /** Singleton config blocks by name, in file order. */
  readonly singletons = new Map<string, BlockSite[]>();
  readonly references: ResolvedReference[] = [];
  /** A module: has top-level `argument`/`export` blocks, or only `declare`/`import` blocks. */
  readonly isModule: boolean;
  /** Has at least one top-level component. */
  readonly hasComponents: boolean;
  readonly hasSyntaxErrors: boolean;
  /**
   * The top-level names (`c:key`, `n:label`, `a:name`) defined or removed since `previous`; every
   * name when there is no previous configuration.
   */
  readonly changedNames?: ReadonlySet<string>;
  /** How many references were resolved again (the others were kept from the previous configuration). */
  readonly resolvedAgain: number = 0;

  private readonly statements: { statement: StatementSummary; index: StatementIndex }[] = [];
  /** Per top-level name (`c:key`, ...): the references whose resolution looked it up. */
  private dependents?: Map<string, Set<ResolvedReference>>;
  /** The scope made by each `declare` and `foreach` block. */
  private readonly scopes = new Map<BlockInfo, Scope>();

  constructor(files: readonly ConfigFile[], previous?: Configuration) {
    this.files = files;
    let argumentOrExport = false;
    let onlyDeclares = true;
    let anyBlock = false;
    for (const file of files) {
      for (const statement of file.statements) {
        let index = statementIndexes.get(statement);
        if (!index || index.file !== file) {
          index = indexStatement(file, statement);
          statementIndexes.set(statement, index);
        }
        this.statements.push({ statement, index });
        const block = statement.block;
        if (!block) continue;
        anyBlock = true;
        if (block.name === 'argument' || block.name === 'export') argumentOrExport = true;
        if (block.name !== 'declare' && !isImportBlock(block.name)) onlyDeclares = false;
        if ((block.name === 'declare' || isImportBlock(block.name)) && block.label) {
          add(this.namespaces, block.label, { file, statement, block });
        }
        if (SINGLETON_BLOCKS.has(block.name)) add(this.singletons, block.name, { file, statement, block });
        for (const d of index.top) {
          const map =
            d.kind === 'component'
              ? this.top.components
              : d.kind === 'declare'
                ? this.top.declares
                : d.kind === 'import'
                  ? this.top.imports
                  : d.kind === 'argument'
                    ? this.top.arguments
                    : this.top.exports;
          add(map as Map<string, Definition[]>, d.key, d);
        }
        for (const [b, s] of index.scopes) this.scopes.set(b, s);
      }
    }
    this.isModule = argumentOrExport || (anyBlock && onlyDeclares);
    this.hasComponents = this.components.size > 0;
    this.hasSyntaxErrors = files.some((f) => f.hasSyntaxErrors);

    // What changed at the top level since the previous configuration of these files: the names that
    // statements added or removed (a changed statement is a new summary) define.
    let changed: Set<string> | undefined;
    for (const s of this.statements) s.index.seenBy = this;
    const dependents = previous?.dependents;
    if (previous) {
      changed = new Set();
      for (const s of this.statements) {
        if (s.index.resolvedBy !== previous) for (const n of topNames(s.index)) changed.add(n);
      }
      for (const s of previous.statements) {
        if (s.index.seenBy === this) continue;
        for (const n of topNames(s.index)) changed.add(n);
        // Removed: its references depend on nothing any more.
        if (dependents && s.index.resolvedBy === previous)
          for (const r of s.index.resolved ?? []) unlink(dependents, r);
      }
      this.changedNames = changed;
    }
    // The dependents index moves to the newest configuration (the previous one falls back to a scan).
    this.dependents = dependents ?? new Map();
    if (previous) previous.dependents = undefined;
    let again = 0;
    for (const { statement, index } of this.statements) {
      const reuse = changed && index.resolvedBy === previous ? index.resolved : undefined;
      const out: ResolvedReference[] = [];
      const refs = statement.references;
      for (let i = 0; i < refs.length; i++) {
        const kept = reuse?.[i];
        if (kept && kept.ref === refs[i] && (changed!.size === 0 || !kept.dependsOn.some((n) => changed!.has(n)))) {
          out.push(kept);
          continue;
        }
        if (kept && dependents) unlink(this.dependents, kept);
        const fresh = this.resolve(index.file, statement, refs[i]);
        link(this.dependents, fresh);
        out.push(fresh);
        again++;
      }
      // References of a statement that was re-indexed: the old ones no longer exist.
      if (!reuse && index.resolved && index.resolvedBy === previous && dependents) {
        for (const r of index.resolved) unlink(this.dependents, r);
      }
      index.resolved = out;
      index.resolvedBy = this;
      for (const r of out) this.references.push(r);
    }
    this.resolvedAgain = again;
  }

  /** Every definition, in document order of files and statements. */
  get definitions(): Definition[] {
    return this.statements.flatMap((s) => s.index.definitions);
  }

  /** The scope a definition is in. */
  scopeOfDefinition(d: Definition): Scope {
    return d.scope ?? this.top;
  }

  /** Every scope: the top level, then each `declare` body and `foreach` template. */
  *allScopes(): Iterable<Scope> {
    yield this.top;
    yield* this.scopes.values();
  }

  /** The scope a `declare` or `foreach` block makes. */
  scopeOf(block: BlockInfo): Scope | undefined {
    return this.scopes.get(block);
  }

  /** The scope a reference (or a block, by the `declare`/`foreach` around it) is evaluated in. */
  scopeFor(scopeBlock: BlockInfo | undefined): Scope {
    return (scopeBlock && this.scopes.get(scopeBlock)) || this.top;
  }

  /** The scope around a nested scope (the top level for one directly in a top-level statement). */
  private up(scope: Scope): Scope | undefined {
    return scope.kind === 'top' ? undefined : (scope.parent ?? this.top);
  }

  /** A component by key visible in `scope`: its own, and for a foreach template the scopes around it. */
  component(scope: Scope, key: string, deps?: string[]): ComponentDecl[] | undefined {
    for (let s: Scope | undefined = scope; s; s = s.kind === 'foreach' ? this.up(s) : undefined) {
      if (s === this.top) deps?.push(componentDependency(key));
      const found = s.components.get(key);
      if (found) return found;
    }
    return undefined;
  }

  /** The `argument` block `argument.name` reads in `scope`: the nearest `declare` body's, or the module's. */
  argument(scope: Scope, name: string, deps?: string[]): Definition | undefined {
    let s: Scope = scope;
    while (s.kind === 'foreach') s = this.up(s)!;
    if (s === this.top) deps?.push(`a:${name}`);
    return s.arguments.get(name)?.[0];
  }

  /** A `declare` or `import.*` label visible in `scope`: defined there or in an enclosing scope. */
  namespace(scope: Scope, label: string, deps?: string[]): Definition | undefined {
    for (let s: Scope | undefined = scope; s; s = this.up(s)) {
      if (s === this.top) deps?.push(`n:${label}`);
      const found = s.declares.get(label)?.[0] ?? s.imports.get(label)?.[0];
      if (found) return found;
    }
    return undefined;
  }

  /** A foreach variable visible in `scope`. */
  variable(scope: Scope, name: string): Definition | undefined {
    for (let s: Scope | undefined = scope; s; s = this.up(s)) {
      const found = s.variables.get(name);
      if (found) return found;
    }
    return undefined;
  }

  /** What the name of a block refers to: for a custom component (`mydecl "x"`, `ns.comp "x"`), its `declare` or `import.*`. */
  namespaceOfBlockName(scope: Scope, blockName: string): Definition | undefined {
    const dot = blockName.indexOf('.');
    const head = dot < 0 ? blockName : blockName.slice(0, dot);
    const found = this.namespace(scope, head);
    if (!found) return undefined;
    if (found.kind === 'declare' && dot >= 0) return undefined;
    if (found.kind === 'import' && dot < 0) return undefined;
    return found;
  }

  private resolve(file: ConfigFile, statement: StatementSummary, ref: ReferenceInfo): ResolvedReference {
    const scope = this.scopeFor(ref.scope);
    const path = ref.path;
    const r = new Resolution(file, statement, ref, scope);
    // The longest prefix that names a component instance wins: name segments, then the label.
    const keys = prefixKeys(ref);
    for (let i = 0; i < keys.length; i++) {
      const decls = this.component(scope, keys[i], r.dependsOn);
      if (decls) {
        const n = path.length - i;
        r.target = decls[0];
        r.definition = decls[0];
        r.exportName = path[n];
        r.definitionSegments = n;
        return r;
      }
    }
    const head = path[0];
    if (head === 'argument') {
      if (path.length < 2) return r;
      const arg = this.argument(scope, path[1], r.dependsOn);
      r.definition = arg;
      r.definitionSegments = arg ? 2 : 0;
      r.undefined = !arg;
      return r;
    }
    const variable = this.variable(scope, head);
    if (variable) {
      r.definition = variable;
      r.definitionSegments = 1;
      return r;
    }
    r.undefined = this.looksLikeComponent(scope, path, r.dependsOn);
    return r;
  }

  /** Whether an unresolved reference should have named a component. */
  private looksLikeComponent(scope: Scope, path: string[], deps: string[]): boolean {
    const ns = this.namespace(scope, path[0], deps);
    if (ns) return ns.kind === 'declare' ? path.length >= 2 : path.length >= 3;
    return componentNamespaces().has(path[0]) && path.length >= 3;
  }

  private components_?: readonly ComponentDecl[];
  /** All components defined anywhere (top level, `declare` bodies and `foreach` templates at any depth), in file order. */
  allComponents(): readonly ComponentDecl[] {
    if (!this.components_) {
      const out: ComponentDecl[] = [];
      for (const s of this.statements) {
        for (const d of s.index.definitions) if (d instanceof ComponentDecl) out.push(d);
      }
      this.components_ = out;
    }
    return this.components_;
  }

  /** The references that read a definition (a component: those whose target it is). */
  referencesTo(decl: Definition): ResolvedReference[] {
    if (this.dependents && !decl.scope && decl.kind === 'component') {
      // Read from outside its statement only through a top-level lookup of its key.
      const out: ResolvedReference[] = [];
      for (const r of this.dependents.get(componentDependency(decl.key)) ?? []) if (r.definition === decl) out.push(r);
      if (out.length < 2) return out;
      const fileOrder = (r: ResolvedReference) => this.files.indexOf(r.file);
      return out.sort(
        (a, b) =>
          fileOrder(a) - fileOrder(b) || a.statement.start + a.ref.span.start - (b.statement.start + b.ref.span.start),
      );
    }
    return this.referenceIndex().get(decl) ?? [];
  }

  /** Whether anything reads a definition. */
  isReferenced(decl: Definition): boolean {
    if (this.dependents && !decl.scope && decl.kind === 'component') {
      for (const r of this.dependents.get(componentDependency(decl.key)) ?? []) if (r.definition === decl) return true;
      return false;
    }
    return this.referencesTo(decl).length > 0;
  }

  private refIndex?: Map<Definition, ResolvedReference[]>;
  private referenceIndex(): Map<Definition, ResolvedReference[]> {
    if (!this.refIndex) {
      this.refIndex = new Map();
      for (const r of this.references) if (r.definition) add(this.refIndex, r.definition, r);
    }
    return this.refIndex;
  }
}

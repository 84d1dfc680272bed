/**
 * A configuration: one file, or every `*.alloy` file of a directory as
 * `alloy run DIR` loads them. Indexes the statement summaries of its files
 * (components, config blocks, declarations, references and what they point
 * at). Built from summaries only, never from trees, so rebuilding it after a
 * keystroke costs a pass over small JavaScript objects.
 */
import type { BlockInfo, ReferenceInfo, StatementSummary } from '../model/types';
import { componentNamespaces } from './facts';

/** Labelless blocks that configure Alloy itself; at most one of each per configuration. */
export const SINGLETON_BLOCKS = new Set(['logging', 'tracing', 'http', 'remotecfg', 'livedebugging', 'labelstore']);

/** Top-level blocks that are not components. */
const STRUCTURAL_BLOCKS = new Set(['argument', 'export', 'declare', 'foreach']);

export interface ConfigFile {
  uri: string;
  text: string;
  statements: readonly StatementSummary[];
  hasSyntaxErrors: boolean;
}

/** Where a block sits: its file, its top-level statement and the block itself. */
export interface BlockSite {
  file: ConfigFile;
  statement: StatementSummary;
  block: BlockInfo;
}

export interface ComponentDecl extends BlockSite {
  /** `name.label`, e.g. `prometheus.exporter.self.default`. */
  key: string;
  name: string;
  label: string;
}

export interface ResolvedReference {
  file: ConfigFile;
  statement: StatementSummary;
  ref: ReferenceInfo;
  /** The component the reference reads, when it reads one. */
  target?: ComponentDecl;
  /** The export it reads (the segment after the label), if any. */
  exportName?: string;
  /** True when the reference names a component (by namespace) that is not defined. */
  undefined: boolean;
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

/**
 * A scope in which references resolve: the top level, the body of a
 * `declare` (isolated from the top level), or the template of a `foreach`
 * (which also sees the top level).
 */
class Scope {
  constructor(readonly parent?: Scope) {}
  readonly components = new Map<string, ComponentDecl[]>();
  readonly declares = new Set<string>();
  readonly imports = new Set<string>();
  readonly arguments = new Set<string>();
}

export class Configuration {
  readonly files: readonly ConfigFile[];
  /** Top-level components by key, in file order. */
  readonly components = new Map<string, ComponentDecl[]>();
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

  private readonly top = new Scope();
  private readonly localScopes = new Map<StatementSummary, Scope>();

  constructor(files: readonly ConfigFile[]) {
    this.files = files;
    let argumentOrExport = false;
    let onlyDeclares = true;
    let anyBlock = false;
    for (const file of files) {
      for (const statement of file.statements) {
        const block = statement.block;
        if (!block) continue;
        anyBlock = true;
        if (block.name === 'argument' || block.name === 'export') argumentOrExport = true;
        if (block.name !== 'declare' && !isImportBlock(block.name)) onlyDeclares = false;
        this.index(this.top, file, statement, block, true);
        if ((block.name === 'declare' || isImportBlock(block.name)) && block.label) {
          const sites = this.namespaces.get(block.label) ?? [];
          sites.push({ file, statement, block });
          this.namespaces.set(block.label, sites);
        }
        if (block.name === 'declare') {
          const scope = new Scope();
          for (const inner of block.blocks) this.index(scope, file, statement, inner, false);
          this.localScopes.set(statement, scope);
        } else if (block.name === 'foreach') {
          const scope = new Scope(this.top);
          for (const template of block.blocks.filter((b) => b.name === 'template')) {
            for (const inner of template.blocks) this.index(scope, file, statement, inner, false);
          }
          this.localScopes.set(statement, scope);
        }
      }
    }
    this.isModule = argumentOrExport || (anyBlock && onlyDeclares);
    this.hasComponents = this.components.size > 0;
    this.hasSyntaxErrors = files.some((f) => f.hasSyntaxErrors);
    for (const file of files) {
      for (const statement of file.statements) {
        for (const ref of statement.references) this.references.push(this.resolve(file, statement, ref));
      }
    }
  }

  private index(scope: Scope, file: ConfigFile, statement: StatementSummary, block: BlockInfo, topLevel: boolean) {
    if (block.name === 'declare' && block.label) scope.declares.add(block.label);
    else if (isImportBlock(block.name) && block.label) scope.imports.add(block.label);
    else if (block.name === 'argument' && block.label) scope.arguments.add(block.label);
    else if (topLevel && SINGLETON_BLOCKS.has(block.name)) {
      const sites = this.singletons.get(block.name) ?? [];
      sites.push({ file, statement, block });
      this.singletons.set(block.name, sites);
    } else if (isComponentBlock(block)) {
      const key = componentKey(block);
      const decl: ComponentDecl = { file, statement, block, key, name: block.name, label: block.label! };
      const list = scope.components.get(key) ?? [];
      list.push(decl);
      scope.components.set(key, list);
      if (topLevel) this.components.set(key, list);
    }
  }

  private resolve(file: ConfigFile, statement: StatementSummary, ref: ReferenceInfo): ResolvedReference {
    const scope = this.localScopes.get(statement) ?? this.top;
    const path = ref.path;
    // The longest prefix that names a component instance wins: name segments, then the label.
    const keys = prefixKeys(ref);
    for (let i = 0; i < keys.length; i++) {
      for (let s: Scope | undefined = scope; s; s = s.parent) {
        const decls = s.components.get(keys[i]);
        if (decls)
          return { file, statement, ref, target: decls[0], exportName: path[path.length - i], undefined: false };
      }
    }
    return { file, statement, ref, undefined: this.looksLikeComponent(scope, path) };
  }

  /** Whether an unresolved reference should have named a component. */
  private looksLikeComponent(scope: Scope, path: string[]): boolean {
    const head = path[0];
    if (head === 'argument') {
      return path.length >= 2 && !scope.arguments.has(path[1]) && !this.top.arguments.has(path[1]);
    }
    if (scope.declares.has(head) || this.top.declares.has(head)) return path.length >= 2;
    if (scope.imports.has(head) || this.top.imports.has(head)) return path.length >= 3;
    return componentNamespaces().has(head) && path.length >= 3;
  }

  /** All components defined anywhere (top level and inside `declare` bodies). */
  *allComponents(): Iterable<ComponentDecl> {
    for (const list of this.top.components.values()) yield* list;
    for (const scope of this.localScopes.values()) for (const list of scope.components.values()) yield* list;
  }

  /** The references that read a component. */
  referencesTo(decl: ComponentDecl): ResolvedReference[] {
    return this.referenceIndex().get(decl) ?? [];
  }

  private refIndex?: Map<ComponentDecl, ResolvedReference[]>;
  private referenceIndex(): Map<ComponentDecl, ResolvedReference[]> {
    if (!this.refIndex) {
      this.refIndex = new Map();
      for (const r of this.references) {
        if (!r.target) continue;
        const list = this.refIndex.get(r.target) ?? [];
        list.push(r);
        this.refIndex.set(r.target, list);
      }
    }
    return this.refIndex;
  }
}

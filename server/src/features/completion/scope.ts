/**
 * What a configuration defines, for completion and hover: components by
 * name and label, `declare` and `import.*` names, module arguments, and the
 * exports other references already read. Built from the statement summaries
 * (no tree walk) and cached per summaries array, which is replaced on every
 * edit of its file.
 */
import type { BlockInfo, StatementSummary } from '../../model/types';
import type { CatalogView } from '../../knowledge';

export interface ExportInfo {
  name: string;
  /** Catalog type; undefined when not known (custom components, imported modules). */
  type?: string;
}

export interface Definitions {
  /** Component name -> label -> its block. */
  components: Map<string, Map<string, BlockInfo>>;
  declares: Map<string, BlockInfo>;
  imports: Map<string, BlockInfo>;
  arguments: Map<string, BlockInfo>;
}

export interface ScopeFile {
  text: string;
  statements: readonly StatementSummary[];
}

function emptyDefinitions(): Definitions {
  return { components: new Map(), declares: new Map(), imports: new Map(), arguments: new Map() };
}

const STRUCTURAL = new Set(['argument', 'export', 'declare', 'foreach']);

function addBlock(kb: CatalogView, defs: Definitions, block: BlockInfo): void {
  if (block.label === undefined) return;
  if (block.name === 'declare') defs.declares.set(block.label, block);
  else if (block.name.startsWith('import.')) defs.imports.set(block.label, block);
  else if (block.name === 'argument') defs.arguments.set(block.label, block);
  else if (!STRUCTURAL.has(block.name) && !(kb.getConfigBlock(block.name)?.label === 'none')) {
    let labels = defs.components.get(block.name);
    if (!labels) defs.components.set(block.name, (labels = new Map()));
    if (!labels.has(block.label)) labels.set(block.label, block);
  }
}

/** The definitions of a `declare` body (its own scope: it does not see the top level's components). */
export function declareScope(kb: CatalogView, declare: BlockInfo): Definitions {
  const defs = emptyDefinitions();
  for (const b of declare.blocks) addBlock(kb, defs, b);
  return defs;
}

/**
 * The definitions of a `declare` body read from its text (context.ts `bodyContents`), for a body the
 * summaries do not describe (half-typed text error recovery covers): names and labels only.
 */
export function declareScopeFromText(
  kb: CatalogView,
  blocks: readonly { name: string; label?: string }[],
): Definitions {
  const defs = emptyDefinitions();
  const none = { start: 0, end: 0 };
  for (const { name, label } of blocks) {
    addBlock(kb, defs, { name, label, nameSpan: none, span: none, bodySpan: none, attributes: [], blocks: [] });
  }
  return defs;
}

/**
 * Per statement (a summary survives edits elsewhere): the `label`, `export` readings of its references,
 * by the component name they start with.
 */
const usesCache = new WeakMap<StatementSummary, Map<string, [string, string][]>>();

function usesOf(s: StatementSummary): Map<string, [string, string][]> {
  let uses = usesCache.get(s);
  if (!uses) {
    uses = new Map();
    for (const ref of s.references) {
      const path = ref.path;
      let name = path[0];
      for (let k = 1; k + 1 < path.length; k++) {
        let list = uses.get(name);
        if (!list) uses.set(name, (list = []));
        list.push([path[k], path[k + 1]]);
        name = `${name}.${path[k]}`;
      }
    }
    usesCache.set(s, uses);
  }
  return uses;
}

export class ConfigurationScope {
  readonly top = emptyDefinitions();
  /** Labelless config blocks at the top level (`logging`, `tracing`, ...). */
  readonly singletons = new Set<string>();
  private used?: Map<string, Set<string>>;

  constructor(
    readonly kb: CatalogView,
    private readonly files: readonly ScopeFile[],
  ) {
    for (const file of files) {
      for (const s of file.statements) {
        if (!s.block) continue;
        addBlock(kb, this.top, s.block);
        if (s.block.label === undefined && kb.getConfigBlock(s.block.name)?.unique) this.singletons.add(s.block.name);
      }
    }
  }

  /** The exports of a component that references in the configuration read (per name, on first use). */
  private usedExportsOf(name: string): Set<string> {
    this.used ??= new Map();
    let set = this.used.get(name);
    if (set) return set;
    set = new Set();
    for (const file of this.files) {
      for (const s of file.statements) {
        const uses = usesOf(s).get(name);
        if (!uses) continue;
        const local = s.block?.name === 'declare' ? declareScope(this.kb, s.block) : undefined;
        const labels = local?.components.get(name) ?? this.top.components.get(name);
        for (const [label, exp] of uses) if (labels?.has(label)) set.add(exp);
      }
    }
    this.used.set(name, set);
    return set;
  }

  /**
   * What an instance of a component exports: the catalog's list, a `declare`'s `export` blocks,
   * and whatever the configuration's references already read from such a component.
   */
  exportsOf(name: string, local?: Definitions): ExportInfo[] {
    const out = new Map<string, ExportInfo>();
    const spec = this.kb.getComponent(name);
    if (spec) for (const e of spec.exports) out.set(e.name, { name: e.name, type: e.type });
    const declare = local?.declares.get(name) ?? this.top.declares.get(name);
    if (declare) {
      for (const b of declare.blocks) if (b.name === 'export' && b.label) out.set(b.label, { name: b.label });
    }
    for (const e of this.usedExportsOf(name)) if (!out.has(e)) out.set(e, { name: e });
    return [...out.values()];
  }
}

const cache = new WeakMap<readonly StatementSummary[], { scope: ConfigurationScope; others: unknown[] }>();

/** The scope of a configuration, reused while none of its files changed. */
export function configurationScope(kb: CatalogView, files: readonly ScopeFile[]): ConfigurationScope {
  const key = files[0]?.statements;
  if (!key) return new ConfigurationScope(kb, []);
  const others = files.slice(1).map((f) => f.statements);
  const hit = cache.get(key);
  if (hit && hit.scope.kb === kb && hit.others.length === others.length && hit.others.every((o, i) => o === others[i]))
    return hit.scope;
  const scope = new ConfigurationScope(kb, files);
  cache.set(key, { scope, others });
  return scope;
}

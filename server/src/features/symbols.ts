/**
 * The navigation index of a configuration: every named thing a person can
 * jump to, find or rename (component labels, `declare` names, `argument`
 * names, `import.*` namespaces) with its definition site and every place
 * that mentions it, in UTF-16 offsets. Built from the statement summaries
 * only; scopes follow Alloy's: a `declare` body is a scope of its own at any
 * depth (its components and arguments are not visible outside it, and it
 * does not see the components outside it), a `foreach` template also sees
 * the scope around it, and custom component names (`declare`, `import.*`)
 * are visible in nested scopes too.
 */
import type { Analysis } from '../analysis/analysis';
import type { ConfigFile } from '../analysis/configuration';
import { SINGLETON_BLOCKS, isImportBlock } from '../analysis/configuration';
import type { BlockInfo, Span, StatementSummary } from '../model/types';

export type NavKind = 'component' | 'declare' | 'argument' | 'import';

export interface NavSymbol {
  kind: NavKind;
  /** The label: a component's label, the custom component's name, the argument's name, the namespace. */
  name: string;
  /** The block's name: `prometheus.scrape`, `declare`, `argument`, `import.file`. */
  blockName: string;
  uri: string;
  block: BlockInfo;
  statement: StatementSummary;
  /** The block's header, from its name to the end of its label (absolute). */
  header: Span;
  /** The whole block (absolute). */
  span: Span;
  /** The label's text between the quotes (absolute): what a rename rewrites. */
  nameSpan: Span;
  /** The scope the symbol is defined in. */
  scope: Scope;
  /** For a `declare`: the scope of its body. */
  inner?: Scope;
}

export interface Occurrence {
  uri: string;
  /** What the cursor hits, and what references and highlights report. */
  span: Span;
  /** The identifier a rename rewrites. */
  renameSpan: Span;
  symbol: NavSymbol;
  declaration: boolean;
  /**
   * Mentions that only a rename touches: the custom component's name in a reference to one of its
   * instances (`mymod.a.out` when renaming `declare "mymod"`).
   */
  renameOnly?: boolean;
}

export type ScopeKind = 'top' | 'declare' | 'foreach';

export class Scope {
  readonly components = new Map<string, NavSymbol>();
  readonly declares = new Map<string, NavSymbol>();
  readonly imports = new Map<string, NavSymbol>();
  readonly arguments = new Map<string, NavSymbol>();
  constructor(
    readonly kind: ScopeKind,
    readonly parent?: Scope,
    /** The region of a nested scope: its block body (absolute), in `uri`. */
    readonly uri?: string,
    readonly region?: Span,
  ) {}

  /** A component visible here: this scope's, then through `foreach` templates the enclosing ones. */
  component(key: string): NavSymbol | undefined {
    return lookThrough(this, (s) => s.components.get(key), false);
  }

  argument(name: string): NavSymbol | undefined {
    return lookThrough(this, (s) => s.arguments.get(name), false);
  }

  /** A custom component name (`declare`) or namespace (`import.*`) visible here, innermost first. */
  namespace(name: string): NavSymbol | undefined {
    return lookThrough(this, (s) => s.declares.get(name) ?? s.imports.get(name), true);
  }
}

/** Looks in `from` and its parents: all of them, or only through `foreach` templates. */
function lookThrough(
  from: Scope,
  get: (s: Scope) => NavSymbol | undefined,
  allParents: boolean,
): NavSymbol | undefined {
  for (let s: Scope | undefined = from; s; s = allParents || s.kind === 'foreach' ? s.parent : undefined) {
    const found = get(s);
    if (found) return found;
  }
  return undefined;
}

const STRUCTURAL = new Set(['argument', 'export', 'declare', 'foreach']);
const IDENT_OR_COMMENT = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|#[^\n]*|[\p{L}_][\p{L}\p{Nd}_]*/gu;

/** The span of each identifier of a dotted chain (`a.b.c`) written in `text` within `span`. */
export function segmentSpans(text: string, span: Span): Span[] {
  const out: Span[] = [];
  IDENT_OR_COMMENT.lastIndex = span.start;
  for (let m = IDENT_OR_COMMENT.exec(text); m && m.index < span.end; m = IDENT_OR_COMMENT.exec(text)) {
    const c = m[0].charCodeAt(0);
    if (c === 0x2f || c === 0x23) continue; // a comment between segments
    out.push({ start: m.index, end: Math.min(m.index + m[0].length, span.end) });
  }
  return out;
}

export function isComponentBlock(block: BlockInfo): boolean {
  return (
    block.label !== undefined &&
    block.name !== '' &&
    !SINGLETON_BLOCKS.has(block.name) &&
    !STRUCTURAL.has(block.name) &&
    !isImportBlock(block.name)
  );
}

interface Instance {
  file: ConfigFile;
  statement: StatementSummary;
  block: BlockInfo;
  scope: Scope;
}

const abs = (span: Span, base: number): Span => ({ start: span.start + base, end: span.end + base });

/** The text between a label's quotes (absolute). */
function labelContent(block: BlockInfo, base: number): Span {
  const s = block.labelSpan!;
  return { start: s.start + base + 1, end: Math.max(s.start + base + 1, s.end + base - 1) };
}

export class NavIndex {
  readonly top = new Scope('top');
  /** Every symbol, in file order. */
  readonly symbols: NavSymbol[] = [];
  /** Occurrences per file URI, sorted by start. */
  private readonly byFile = new Map<string, Occurrence[]>();
  private readonly bySymbol = new Map<NavSymbol, Occurrence[]>();
  /** Nested scopes per file, in document order of their start. */
  private readonly scopes = new Map<string, Scope[]>();
  private readonly files = new Map<string, ConfigFile>();
  /** Components per file in document order (components never contain components). */
  private readonly componentsByFile = new Map<string, NavSymbol[]>();

  constructor(files: readonly ConfigFile[]) {
    const instances: Instance[] = [];
    for (const file of files) {
      this.files.set(file.uri, file);
      this.byFile.set(file.uri, []);
      this.scopes.set(file.uri, []);
      this.componentsByFile.set(file.uri, []);
      for (const statement of file.statements) {
        if (statement.block) this.visit(file, statement, statement.block, this.top, instances);
      }
    }
    for (const inst of instances) this.instanceOccurrences(inst);
    for (const file of files) {
      for (const statement of file.statements) {
        for (const ref of statement.references) {
          const span = abs(ref.span, statement.start);
          this.referenceOccurrences(file, span, ref.path);
        }
      }
    }
    for (const list of this.byFile.values())
      list.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  }

  private define(kind: NavKind, file: ConfigFile, statement: StatementSummary, block: BlockInfo, scope: Scope) {
    const base = statement.start;
    const label = block.labelSpan!;
    const symbol: NavSymbol = {
      kind,
      name: block.label!,
      blockName: block.name,
      uri: file.uri,
      block,
      statement,
      header: { start: block.nameSpan.start + base, end: label.end + base },
      span: abs(block.span, base),
      nameSpan: labelContent(block, base),
      scope,
    };
    this.symbols.push(symbol);
    this.add({
      uri: file.uri,
      span: abs(label, base),
      renameSpan: symbol.nameSpan,
      symbol,
      declaration: true,
    });
    return symbol;
  }

  private add(occ: Occurrence): void {
    this.byFile.get(occ.uri)?.push(occ);
    const list = this.bySymbol.get(occ.symbol) ?? [];
    list.push(occ);
    this.bySymbol.set(occ.symbol, list);
  }

  private nested(kind: ScopeKind, parent: Scope, file: ConfigFile, block: BlockInfo, base: number): Scope {
    const scope = new Scope(kind, parent, file.uri, abs(block.bodySpan, base));
    this.scopes.get(file.uri)!.push(scope);
    return scope;
  }

  /** Indexes a top-level block and the blocks inside it (iteratively: nesting depth is unbounded). */
  private visit(file: ConfigFile, statement: StatementSummary, top: BlockInfo, topScope: Scope, out: Instance[]) {
    const base = statement.start;
    const stack: { block: BlockInfo; scope: Scope }[] = [{ block: top, scope: topScope }];
    while (stack.length > 0) {
      const { block, scope } = stack.pop()!;
      const name = block.name;
      const labelled = block.label !== undefined && block.labelSpan !== undefined;
      const children: { block: BlockInfo; scope: Scope }[] = [];
      if (name === 'declare') {
        const inner = this.nested('declare', scope, file, block, base);
        if (labelled) {
          const symbol = this.define('declare', file, statement, block, scope);
          symbol.inner = inner;
          if (!scope.declares.has(symbol.name) && !scope.imports.has(symbol.name))
            scope.declares.set(symbol.name, symbol);
        }
        for (const child of block.blocks) children.push({ block: child, scope: inner });
      } else if (name === 'foreach') {
        const inner = this.nested('foreach', scope, file, block, base);
        for (const template of block.blocks) {
          if (template.name !== 'template') continue;
          for (const child of template.blocks) children.push({ block: child, scope: inner });
        }
      } else if (name === 'argument') {
        if (labelled) {
          const symbol = this.define('argument', file, statement, block, scope);
          if (!scope.arguments.has(symbol.name)) scope.arguments.set(symbol.name, symbol);
        }
      } else if (isImportBlock(name)) {
        if (labelled) {
          const symbol = this.define('import', file, statement, block, scope);
          if (!scope.imports.has(symbol.name) && !scope.declares.has(symbol.name))
            scope.imports.set(symbol.name, symbol);
        }
      } else if (isComponentBlock(block)) {
        const symbol = this.define('component', file, statement, block, scope);
        this.componentsByFile.get(file.uri)!.push(symbol);
        const key = `${name}.${symbol.name}`;
        if (!scope.components.has(key)) scope.components.set(key, symbol);
        out.push({ file, statement, block, scope });
      }
      // Depth first in document order: the first child is popped next.
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }

  /** A block named after a custom component or a namespace: its name, and the arguments it sets. */
  private instanceOccurrences(inst: Instance): void {
    const base = inst.statement.start;
    const nameSpan = abs(inst.block.nameSpan, base);
    const segments = segmentSpans(inst.file.text, nameSpan);
    if (segments.length === 0) return;
    const head = inst.block.name.split('.')[0];
    const target = inst.scope.namespace(head);
    if (!target) return;
    if (target.kind === 'declare' && segments.length === 1) {
      this.add({ uri: inst.file.uri, span: segments[0], renameSpan: segments[0], symbol: target, declaration: false });
      // `name = value` in the instance sets the argument `name` of the custom component.
      for (const attribute of inst.block.attributes) {
        const argument = target.inner?.arguments.get(attribute.name);
        if (!argument) continue;
        const span = abs(attribute.nameSpan, base);
        this.add({ uri: inst.file.uri, span, renameSpan: span, symbol: argument, declaration: false });
      }
    } else if (target.kind === 'import' && segments.length >= 2) {
      this.add({ uri: inst.file.uri, span: segments[0], renameSpan: segments[0], symbol: target, declaration: false });
    }
  }

  private referenceOccurrences(file: ConfigFile, span: Span, path: string[]): void {
    const scope = this.scopeAt(file.uri, span.start);
    const segments = segmentSpans(file.text, span);
    if (segments.length !== path.length) return;
    if (path[0] === 'argument') {
      if (path.length < 2) return;
      const argument = scope.argument(path[1]);
      if (argument) {
        this.add({
          uri: file.uri,
          span: { start: segments[0].start, end: segments[1].end },
          renameSpan: segments[1],
          symbol: argument,
          declaration: false,
        });
      }
      return;
    }
    for (let k = path.length; k >= 2; k--) {
      const component = scope.component(path.slice(0, k).join('.'));
      if (!component) continue;
      this.add({
        uri: file.uri,
        span: { start: segments[0].start, end: segments[k - 1].end },
        renameSpan: segments[k - 1],
        symbol: component,
        declaration: false,
      });
      const namespace = component.scope.namespace(path[0]);
      if (namespace && (namespace.kind === 'import' ? k >= 3 : k === 2)) {
        this.add({
          uri: file.uri,
          span: segments[0],
          renameSpan: segments[0],
          symbol: namespace,
          declaration: false,
          renameOnly: true,
        });
      }
      return;
    }
    // An instance that is not defined: its namespace is still a mention of the namespace.
    const namespace = scope.namespace(path[0]);
    if (namespace && path.length >= 2) {
      this.add({ uri: file.uri, span: segments[0], renameSpan: segments[0], symbol: namespace, declaration: false });
    }
  }

  /** The innermost scope around an offset of a file. */
  scopeAt(uri: string, offset: number): Scope {
    let best: Scope = this.top;
    for (const scope of this.scopes.get(uri) ?? []) {
      const r = scope.region!;
      if (r.start < offset && offset < r.end) {
        if (best === this.top || (best.region!.start <= r.start && r.end <= best.region!.end)) best = scope;
      }
    }
    return best;
  }

  /** The component whose block contains an offset (a reference's consumer). */
  componentAt(uri: string, offset: number): NavSymbol | undefined {
    const list = this.componentsByFile.get(uri) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].span.start <= offset) lo = mid + 1;
      else hi = mid;
    }
    const c = list[lo - 1];
    return c && offset < c.span.end ? c : undefined;
  }

  file(uri: string): ConfigFile | undefined {
    return this.files.get(uri);
  }

  occurrencesIn(uri: string): readonly Occurrence[] {
    return this.byFile.get(uri) ?? [];
  }

  occurrencesOf(symbol: NavSymbol): readonly Occurrence[] {
    return this.bySymbol.get(symbol) ?? [];
  }

  /**
   * The occurrence under an offset (a cursor right after an identifier counts), the narrowest when
   * several contain it; mentions only a rename touches come last.
   */
  at(uri: string, offset: number, includeRenameOnly = false): Occurrence | undefined {
    const list = this.byFile.get(uri) ?? [];
    // Binary search for the first occurrence starting after the offset.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].span.start <= offset) lo = mid + 1;
      else hi = mid;
    }
    let best: Occurrence | undefined;
    // Occurrences are short (a chain or a label): look back a bounded way.
    for (let i = lo - 1; i >= 0 && i >= lo - 16; i--) {
      const o = list[i];
      if (o.span.end < offset || (o.renameOnly && !includeRenameOnly)) continue;
      if (!best || o.span.end - o.span.start < best.span.end - best.span.start) best = o;
    }
    return best;
  }
}

const indexes = new WeakMap<Analysis, NavIndex>();

/** The navigation index of an analysed configuration, built once per analysis. */
export function navIndexOf(analysis: Analysis): NavIndex {
  let index = indexes.get(analysis);
  if (!index) {
    index = new NavIndex(analysis.configuration.files);
    indexes.set(analysis, index);
  }
  return index;
}

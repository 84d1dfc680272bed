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
 *
 * Incremental: what a top-level statement defines, its nested scopes and the
 * names it mentions are indexed once per statement summary (a summary
 * survives edits elsewhere in its file, only its `start` moves), with spans
 * relative to the statement. The top-level scope is kept up to date per
 * changed statement. The mentions of a statement are resolved when a request
 * needs them, and resolved again only when a top-level name they looked up
 * now names something else. So after a keystroke a request costs what the
 * edited statement and the request's own answer cost, not the whole file.
 */
import type { Analysis } from '../analysis/analysis';
import type { ConfigFile } from '../analysis/configuration';
import { SINGLETON_BLOCKS, isImportBlock } from '../analysis/configuration';
import { lastAtOrBefore } from '../positions';
import type { AttributeInfo, BlockInfo, ReferenceInfo, Span, StatementSummary } from '../model/types';

export type NavKind = 'component' | 'declare' | 'argument' | 'import' | 'variable';

export interface NavSymbol {
  kind: NavKind;
  /**
   * The label: a component's label, the custom component's name, the argument's name, the namespace; for a
   * `foreach` variable, the value of its `var`.
   */
  name: string;
  /** The block's name: `prometheus.scrape`, `declare`, `argument`, `import.file`, `foreach`. */
  blockName: string;
  uri: string;
  block: BlockInfo;
  statement: StatementSummary;
  /** The block's header, from its name to the end of its label (absolute). */
  readonly header: Span;
  /** The whole block (absolute). */
  readonly span: Span;
  /** The label's text between the quotes (absolute): what a rename rewrites. */
  readonly nameSpan: Span;
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

/**
 * While a statement's mentions are resolved: the top-level names looked up (`c:` components, `a:`
 * arguments, `n:` custom component names and namespaces), with the version of each at the time.
 */
let recording: { top: TopScope; deps: Map<string, number> } | undefined;

function record(scope: Scope, key: string): void {
  if (recording && scope === recording.top) recording.deps.set(key, recording.top.version(key));
}

export class Scope {
  readonly components = new Map<string, NavSymbol>();
  readonly declares = new Map<string, NavSymbol>();
  readonly imports = new Map<string, NavSymbol>();
  readonly arguments = new Map<string, NavSymbol>();
  /** For a `foreach` template: the variable its `var` names. */
  readonly variables = new Map<string, NavSymbol>();
  /** For the body of a labelled `declare`: its symbol. */
  owner?: NavSymbol;
  constructor(
    readonly kind: ScopeKind,
    readonly parent?: Scope,
    /** The file of a nested scope. */
    readonly uri?: string,
    /** The top-level statement a nested scope lies in. */
    private readonly statement?: StatementSummary,
    /** The region of a nested scope: its block body, relative to the statement. */
    readonly relativeRegion?: Span,
  ) {}

  /** The region of a nested scope: its block body (absolute), in `uri`. */
  get region(): Span | undefined {
    const r = this.relativeRegion;
    const base = this.statement?.start ?? 0;
    return r && { start: r.start + base, end: r.end + base };
  }

  /** A component visible here: this scope's, then through `foreach` templates the enclosing ones. */
  component(key: string): NavSymbol | undefined {
    return lookThrough(this, `c:${key}`, (s) => s.components.get(key), false);
  }

  argument(name: string): NavSymbol | undefined {
    return lookThrough(this, `a:${name}`, (s) => s.arguments.get(name), false);
  }

  /** A `foreach` variable visible here: this template's, then those of the templates around it. */
  variable(name: string): NavSymbol | undefined {
    if (this.kind !== 'foreach') return undefined;
    return lookThrough(this, `v:${name}`, (s) => s.variables.get(name), false);
  }

  /** A custom component name (`declare`) or namespace (`import.*`) visible here, innermost first. */
  namespace(name: string): NavSymbol | undefined {
    return lookThrough(this, `n:${name}`, (s) => s.declares.get(name) ?? s.imports.get(name), true);
  }
}

/**
 * Looks in `from` and its parents (all of them, or only through `foreach` templates), recording the
 * lookup of `key` in each scope it asks.
 */
function lookThrough(
  from: Scope,
  key: string,
  get: (s: Scope) => NavSymbol | undefined,
  allParents: boolean,
): NavSymbol | undefined {
  for (let s: Scope | undefined = from; s; s = allParents || s.kind === 'foreach' ? s.parent : undefined) {
    record(s, key);
    const found = get(s);
    if (found) return found;
  }
  return undefined;
}

/**
 * The top-level scope of a configuration, kept up to date per changed statement: every top-level
 * definition per name, the first one in document order winning (as Alloy reports the others as
 * duplicates), and a version per name that changes whenever the name's winner does.
 */
class TopScope extends Scope {
  private readonly candidates = new Map<string, NavSymbol[]>();
  private readonly versions = new Map<string, number>();
  private readonly touched = new Set<string>();

  constructor() {
    super('top');
  }

  version(key: string): number {
    return this.versions.get(key) ?? 0;
  }

  add(key: string, symbol: NavSymbol): void {
    const list = this.candidates.get(key);
    if (list) list.push(symbol);
    else this.candidates.set(key, [symbol]);
    this.touched.add(key);
  }

  remove(key: string, symbol: NavSymbol): void {
    const list = this.candidates.get(key);
    const i = list ? list.indexOf(symbol) : -1;
    if (i < 0) return;
    list!.splice(i, 1);
    if (list!.length === 0) this.candidates.delete(key);
    this.touched.add(key);
  }

  /** Picks the winner of every name touched since the last call; `order` sorts symbols in document order. */
  settle(order: (a: NavSymbol, b: NavSymbol) => number): void {
    for (const key of this.touched) {
      const list = this.candidates.get(key);
      let winner: NavSymbol | undefined;
      for (const s of list ?? []) if (!winner || order(s, winner) < 0) winner = s;
      const name = key.slice(2);
      let previous: NavSymbol | undefined;
      if (key.startsWith('c:')) {
        previous = this.components.get(name);
        if (winner) this.components.set(name, winner);
        else this.components.delete(name);
      } else if (key.startsWith('a:')) {
        previous = this.arguments.get(name);
        if (winner) this.arguments.set(name, winner);
        else this.arguments.delete(name);
      } else {
        previous = this.declares.get(name) ?? this.imports.get(name);
        this.declares.delete(name);
        this.imports.delete(name);
        if (winner?.kind === 'declare') this.declares.set(name, winner);
        else if (winner) this.imports.set(name, winner);
      }
      if (previous !== winner) this.versions.set(key, this.version(key) + 1);
    }
    this.touched.clear();
  }
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

const segmentCache = new WeakMap<ReferenceInfo, Span[]>();

const shift = (span: Span, base: number): Span => ({ start: span.start + base, end: span.end + base });

/** A symbol whose spans are kept relative to its statement, which moves when edits before it do. */
class StatementSymbol implements NavSymbol {
  inner?: Scope;
  constructor(
    readonly kind: NavKind,
    readonly uri: string,
    readonly statement: StatementSummary,
    readonly block: BlockInfo,
    readonly scope: Scope,
  ) {}

  get name(): string {
    return this.block.label!;
  }

  get blockName(): string {
    return this.block.name;
  }

  get header(): Span {
    const base = this.statement.start;
    return { start: this.block.nameSpan.start + base, end: this.block.labelSpan!.end + base };
  }

  get span(): Span {
    return shift(this.block.span, this.statement.start);
  }

  get nameSpan(): Span {
    return shift(labelContent(this.block), this.statement.start);
  }
}

/** A `foreach` variable: defined by the string value of the block's `var` attribute. */
class VariableSymbol implements NavSymbol {
  readonly kind = 'variable';
  constructor(
    readonly uri: string,
    readonly statement: StatementSummary,
    readonly block: BlockInfo,
    readonly scope: Scope,
    private readonly attribute: AttributeInfo,
  ) {}

  get name(): string {
    return this.attribute.value.text ?? '';
  }

  get blockName(): string {
    return this.block.name;
  }

  get header(): Span {
    return shift(this.attribute.value.span, this.statement.start);
  }

  get span(): Span {
    return shift(this.attribute.span, this.statement.start);
  }

  get nameSpan(): Span {
    return shift(stringContent(this.attribute.value.span), this.statement.start);
  }
}

/** The text between a string literal's quotes. */
function stringContent(s: Span): Span {
  return { start: s.start + 1, end: Math.max(s.start + 1, s.end - 1) };
}

/** The text between a label's quotes (relative to the statement). */
function labelContent(block: BlockInfo): Span {
  return stringContent(block.labelSpan!);
}

/** An occurrence with spans relative to its statement. */
interface LocalOccurrence {
  span: Span;
  renameSpan: Span;
  symbol: NavSymbol;
  declaration: boolean;
  renameOnly?: boolean;
}

interface Instance {
  block: BlockInfo;
  scope: Scope;
}

/** The key a top-level symbol is looked up by. */
function topKey(symbol: NavSymbol): string {
  switch (symbol.kind) {
    case 'component':
      return `c:${symbol.blockName}.${symbol.name}`;
    case 'argument':
      return `a:${symbol.name}`;
    default:
      return `n:${symbol.name}`;
  }
}

const byStart = (a: LocalOccurrence, b: LocalOccurrence) => a.span.start - b.span.start || b.span.end - a.span.end;

/** What one top-level statement defines and mentions (spans relative to the statement). */
class StatementNav {
  /** Symbols defined here, depth first in document order. */
  readonly symbols: NavSymbol[] = [];
  /** The symbol this statement defines in the top-level scope, if any. */
  topSymbol?: NavSymbol;
  /** Nested scopes, in document order of their start (nested ones after their parent). */
  readonly scopes: Scope[] = [];
  /** Components, in document order (components never contain components). */
  readonly components: NavSymbol[] = [];
  readonly instances: Instance[] = [];
  readonly declarations: LocalOccurrence[] = [];
  /** The top-level names the statement may look up: what `references` of a top-level symbol asks. */
  readonly mentions = new Set<string>();
  private resolved?: {
    deps: Map<string, number>;
    instanceOccurrences: LocalOccurrence[];
    referenceOccurrences: LocalOccurrence[];
    sorted: LocalOccurrence[];
  };

  constructor(
    readonly file: ConfigFile,
    readonly statement: StatementSummary,
    private readonly top: TopScope,
  ) {
    if (statement.block) this.visit(statement.block);
    for (const ref of statement.references) {
      const path = ref.path;
      if (path[0] === 'argument') {
        if (path.length >= 2) this.mentions.add(`a:${path[1]}`);
        continue;
      }
      for (let k = path.length; k >= 2; k--) this.mentions.add(`c:${path.slice(0, k).join('.')}`);
      this.mentions.add(`n:${path[0]}`);
    }
    for (const inst of this.instances) this.mentions.add(`n:${inst.block.name.split('.')[0]}`);
  }

  private define(kind: NavKind, block: BlockInfo, scope: Scope): NavSymbol {
    const symbol = new StatementSymbol(kind, this.file.uri, this.statement, block, scope);
    if (scope === this.top) this.topSymbol = symbol;
    this.declare(symbol, block.labelSpan!, labelContent(block));
    return symbol;
  }

  /** A symbol defined here, and its definition site (relative spans). */
  private declare(symbol: NavSymbol, span: Span, renameSpan: Span): void {
    this.symbols.push(symbol);
    this.declarations.push({ span, renameSpan, symbol, declaration: true });
  }

  private nested(kind: ScopeKind, parent: Scope, block: BlockInfo): Scope {
    const scope = new Scope(kind, parent, this.file.uri, this.statement, block.bodySpan);
    this.scopes.push(scope);
    return scope;
  }

  /** Indexes the top-level block and the blocks inside it (iteratively: nesting depth is unbounded). */
  private visit(topBlock: BlockInfo): void {
    const top = this.top;
    const stack: { block: BlockInfo; scope: Scope }[] = [{ block: topBlock, scope: top }];
    while (stack.length > 0) {
      const { block, scope } = stack.pop()!;
      const name = block.name;
      const labelled = block.label !== undefined && block.labelSpan !== undefined;
      const local = scope !== top;
      const children: { block: BlockInfo; scope: Scope }[] = [];
      if (name === 'declare') {
        const inner = this.nested('declare', scope, block);
        if (labelled) {
          const symbol = this.define('declare', block, scope);
          symbol.inner = inner;
          inner.owner = symbol;
          if (local && !scope.declares.has(symbol.name) && !scope.imports.has(symbol.name))
            scope.declares.set(symbol.name, symbol);
        }
        for (const child of block.blocks) children.push({ block: child, scope: inner });
      } else if (name === 'foreach') {
        const inner = this.nested('foreach', scope, block);
        const variable = block.attributes.find((a) => a.name === 'var');
        if (variable && variable.value.kind === 'string' && variable.value.text) {
          const symbol = new VariableSymbol(this.file.uri, this.statement, block, inner, variable);
          inner.variables.set(symbol.name, symbol);
          this.declare(symbol, variable.value.span, stringContent(variable.value.span));
        }
        for (const template of block.blocks) {
          if (template.name !== 'template') continue;
          for (const child of template.blocks) children.push({ block: child, scope: inner });
        }
      } else if (name === 'argument') {
        if (labelled) {
          const symbol = this.define('argument', block, scope);
          if (local && !scope.arguments.has(symbol.name)) scope.arguments.set(symbol.name, symbol);
        }
      } else if (isImportBlock(name)) {
        if (labelled) {
          const symbol = this.define('import', block, scope);
          if (local && !scope.imports.has(symbol.name) && !scope.declares.has(symbol.name))
            scope.imports.set(symbol.name, symbol);
        }
      } else if (isComponentBlock(block)) {
        const symbol = this.define('component', block, scope);
        this.components.push(symbol);
        const key = `${name}.${symbol.name}`;
        if (local && !scope.components.has(key)) scope.components.set(key, symbol);
        this.instances.push({ block, scope });
      }
      // Depth first in document order: the first child is popped next.
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }

  /** The occurrences, resolved against the current top-level scope (again only when a name they use changed). */
  private resolve(): NonNullable<StatementNav['resolved']> {
    const r = this.resolved;
    if (r) {
      let valid = true;
      for (const [key, version] of r.deps) {
        if (this.top.version(key) !== version) {
          valid = false;
          break;
        }
      }
      if (valid) return r;
    }
    const outer = recording;
    const deps = new Map<string, number>();
    recording = { top: this.top, deps };
    try {
      const instanceOccurrences: LocalOccurrence[] = [];
      const referenceOccurrences: LocalOccurrence[] = [];
      for (const inst of this.instances) this.instanceOccurrences(inst, instanceOccurrences);
      this.referenceOccurrences(referenceOccurrences);
      const sorted = [...this.declarations, ...instanceOccurrences, ...referenceOccurrences].sort(byStart);
      this.resolved = { deps, instanceOccurrences, referenceOccurrences, sorted };
      return this.resolved;
    } finally {
      recording = outer;
    }
  }

  /** A block named after a custom component or a namespace: its name, and the arguments it sets. */
  private instanceOccurrences(inst: Instance, out: LocalOccurrence[]): void {
    const base = this.statement.start;
    const nameSpan = shift(inst.block.nameSpan, base);
    const segments = segmentSpans(this.file.text, nameSpan).map((s) => shift(s, -base));
    if (segments.length === 0) return;
    const head = inst.block.name.split('.')[0];
    const target = inst.scope.namespace(head);
    if (!target) return;
    if (target.kind === 'declare' && segments.length === 1) {
      out.push({ span: segments[0], renameSpan: segments[0], symbol: target, declaration: false });
      // `name = value` in the instance sets the argument `name` of the custom component.
      for (const attribute of inst.block.attributes) {
        const argument = target.inner?.arguments.get(attribute.name);
        if (!argument) continue;
        out.push({ span: attribute.nameSpan, renameSpan: attribute.nameSpan, symbol: argument, declaration: false });
      }
    } else if (target.kind === 'import' && segments.length >= 2) {
      out.push({ span: segments[0], renameSpan: segments[0], symbol: target, declaration: false });
    }
  }

  /** The statement's references, each in the innermost scope around it (a sweep over the scopes in order). */
  private referenceOccurrences(out: LocalOccurrence[]): void {
    const statement = this.statement;
    const refs =
      statement.references.length > 1
        ? [...statement.references].sort((a, b) => a.span.start - b.span.start)
        : statement.references;
    const scopes = this.scopes;
    const open: Scope[] = [];
    let next = 0;
    for (const ref of refs) {
      const span = ref.span;
      while (next < scopes.length && scopes[next].relativeRegion!.start < span.start) {
        const scope = scopes[next++];
        while (open.length > 0 && open[open.length - 1].relativeRegion!.end <= scope.relativeRegion!.start) open.pop();
        open.push(scope);
      }
      while (open.length > 0 && open[open.length - 1].relativeRegion!.end <= span.start) open.pop();
      this.referenceOccurrence(span, ref, open[open.length - 1] ?? this.top, out);
    }
  }

  private referenceOccurrence(span: Span, ref: ReferenceInfo, scope: Scope, out: LocalOccurrence[]): void {
    const path = ref.path;
    // The segments' offsets relative to the reference survive edits elsewhere, like the reference.
    let relative = segmentCache.get(ref);
    if (!relative) {
      const absolute = shift(span, this.statement.start);
      relative = segmentSpans(this.file.text, absolute).map((s) => shift(s, -absolute.start));
      segmentCache.set(ref, relative);
    }
    if (relative.length !== path.length) return;
    const segments = relative.map((s) => shift(s, span.start));
    // Inside a `foreach` template its variable comes first (`each["__address__"]`, `each.x`).
    const variable = scope.variable(path[0]);
    if (variable) {
      out.push({ span: segments[0], renameSpan: segments[0], symbol: variable, declaration: false });
      return;
    }
    if (path[0] === 'argument') {
      if (path.length < 2) return;
      const argument = scope.argument(path[1]);
      if (argument) {
        out.push({
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
      out.push({
        span: { start: segments[0].start, end: segments[k - 1].end },
        renameSpan: segments[k - 1],
        symbol: component,
        declaration: false,
      });
      const namespace = component.scope.namespace(path[0]);
      if (namespace && (namespace.kind === 'import' ? k >= 3 : k === 2)) {
        out.push({
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
      out.push({ span: segments[0], renameSpan: segments[0], symbol: namespace, declaration: false });
    }
  }

  /** Every occurrence in the statement, by start (the narrower first among equal starts), relative. */
  sorted(): readonly LocalOccurrence[] {
    return this.resolve().sorted;
  }

  /** The occurrences from instances and from references, each in document order, relative. */
  mentionsOf(symbol: NavSymbol): { instances: LocalOccurrence[]; references: LocalOccurrence[] } {
    const r = this.resolve();
    return {
      instances: r.instanceOccurrences.filter((o) => o.symbol === symbol),
      references: r.referenceOccurrences.filter((o) => o.symbol === symbol),
    };
  }

  absolute(o: LocalOccurrence): Occurrence {
    const base = this.statement.start;
    const out: Occurrence = {
      uri: this.file.uri,
      span: shift(o.span, base),
      renameSpan: shift(o.renameSpan, base),
      symbol: o.symbol,
      declaration: o.declaration,
    };
    if (o.renameOnly) out.renameOnly = true;
    return out;
  }
}

/** The indexed statements of one file, in document order. */
interface FileNav {
  file: ConfigFile;
  /** The statements array last indexed (a new array after every edit). */
  statements: readonly StatementSummary[];
  navs: StatementNav[];
}

export class NavIndex {
  readonly top = new TopScope();
  private readonly navOf = new WeakMap<StatementSummary, StatementNav>();
  private readonly files = new Map<string, FileNav>();
  private order = new Map<string, number>();
  /** Per top-level name: the statements that may look it up. */
  private readonly mentioning = new Map<string, Set<StatementNav>>();

  constructor(files: readonly ConfigFile[]) {
    this.update(files);
  }

  /** Whether `files` are the files this index covers, in the same order. */
  covers(files: readonly ConfigFile[]): boolean {
    if (files.length !== this.files.size) return false;
    let i = 0;
    for (const [uri, f] of this.files) {
      if (files[i].uri !== uri || files[i] !== f.file) return false;
      i++;
    }
    return true;
  }

  /** Brings the index up to date with the files' current statements: only changed statements are indexed again. */
  update(files: readonly ConfigFile[]): void {
    if (!this.covers(files)) {
      for (const f of this.files.values()) for (const nav of f.navs) this.remove(nav);
      this.files.clear();
      this.order = new Map(files.map((f, i) => [f.uri, i]));
      for (const file of files) this.files.set(file.uri, { file, statements: [], navs: [] });
    }
    for (const file of files) {
      const f = this.files.get(file.uri)!;
      const next = file.statements;
      if (f.statements === next) continue;
      const old = f.statements;
      // The changed middle, between the statements kept at both ends.
      let prefix = 0;
      const max = Math.min(old.length, next.length);
      while (prefix < max && old[prefix] === next[prefix]) prefix++;
      let suffix = 0;
      while (suffix < max - prefix && old[old.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
      const added: StatementNav[] = [];
      for (let i = prefix; i < next.length - suffix; i++) added.push(this.nav(file, next[i]));
      const removed = f.navs.splice(prefix, old.length - prefix - suffix, ...added);
      for (const nav of removed) this.remove(nav);
      for (const nav of added) this.add(nav);
      f.statements = next;
    }
    this.top.settle((a, b) => this.order.get(a.uri)! - this.order.get(b.uri)! || a.statement.start - b.statement.start);
  }

  private nav(file: ConfigFile, statement: StatementSummary): StatementNav {
    let nav = this.navOf.get(statement);
    if (!nav || nav.file !== file) {
      nav = new StatementNav(file, statement, this.top);
      this.navOf.set(statement, nav);
    }
    return nav;
  }

  private add(nav: StatementNav): void {
    if (nav.topSymbol) this.top.add(topKey(nav.topSymbol), nav.topSymbol);
    for (const key of nav.mentions) {
      const set = this.mentioning.get(key);
      if (set) set.add(nav);
      else this.mentioning.set(key, new Set([nav]));
    }
  }

  private remove(nav: StatementNav): void {
    if (nav.topSymbol) this.top.remove(topKey(nav.topSymbol), nav.topSymbol);
    for (const key of nav.mentions) {
      const set = this.mentioning.get(key);
      set?.delete(nav);
      if (set?.size === 0) this.mentioning.delete(key);
    }
  }

  /** The indexed statements of a file, and the one at or before an offset (-1 when none). */
  private statementAt(uri: string, offset: number): { navs: readonly StatementNav[]; i: number } {
    const navs = this.files.get(uri)?.navs ?? [];
    if (navs.length === 0 || navs[0].statement.start > offset) return { navs, i: -1 };
    return { navs, i: lastAtOrBefore(navs.length, offset, (k) => navs[k].statement.start) };
  }

  /** The innermost scope around an offset of a file. */
  scopeAt(uri: string, offset: number): Scope {
    const { navs, i } = this.statementAt(uri, offset);
    let best: Scope = this.top;
    for (const scope of i >= 0 ? navs[i].scopes : []) {
      const r = scope.region!;
      if (r.start < offset && offset < r.end) {
        if (best === this.top || (best.region!.start <= r.start && r.end <= best.region!.end)) best = scope;
      }
    }
    return best;
  }

  /** Every symbol of a file, in document order. */
  symbolsIn(uri: string): NavSymbol[] {
    return (this.files.get(uri)?.navs ?? []).flatMap((n) => n.symbols);
  }

  /** The components of a file, in document order (also those inside `declare` bodies). */
  componentsIn(uri: string): readonly NavSymbol[] {
    return (this.files.get(uri)?.navs ?? []).flatMap((n) => n.components);
  }

  /** The component whose block contains an offset (a reference's consumer). */
  componentAt(uri: string, offset: number): NavSymbol | undefined {
    const { navs, i } = this.statementAt(uri, offset);
    if (i < 0) return undefined;
    const list = navs[i].components;
    let c: NavSymbol | undefined;
    for (const s of list) {
      if (s.block.span.start + navs[i].statement.start > offset) break;
      c = s;
    }
    return c && offset < c.span.end ? c : undefined;
  }

  file(uri: string): ConfigFile | undefined {
    return this.files.get(uri)?.file;
  }

  /** The occurrences of a file, sorted by start. */
  occurrencesIn(uri: string): Occurrence[] {
    return (this.files.get(uri)?.navs ?? []).flatMap((n) => n.sorted().map((o) => n.absolute(o)));
  }

  /** The occurrences of a file that start in [start, end), sorted by start. */
  occurrencesBetween(uri: string, start: number, end: number): Occurrence[] {
    const { navs, i } = this.statementAt(uri, Math.max(0, end - 1));
    const out: Occurrence[] = [];
    for (let k = i; k >= 0 && navs[k].statement.end >= start; k--) {
      const nav = navs[k];
      const base = nav.statement.start;
      const list = nav.sorted().filter((o) => o.span.start + base >= start && o.span.start + base < end);
      out.unshift(...list.map((o) => nav.absolute(o)));
    }
    return out;
  }

  /** Every occurrence of a symbol: its definition, then mentions in instances, then in references. */
  occurrencesOf(symbol: NavSymbol): readonly Occurrence[] {
    const own = this.navOf.get(symbol.statement);
    if (!own) return [];
    const candidates = new Set<StatementNav>([own]);
    let key: string | undefined;
    if (symbol.scope === this.top) key = topKey(symbol);
    else if (symbol.kind === 'argument' && symbol.scope.parent === this.top && symbol.scope.owner) {
      // Instances of a top-level custom component set its arguments, from any statement.
      key = topKey(symbol.scope.owner);
    }
    for (const nav of (key && this.mentioning.get(key)) || []) candidates.add(nav);
    const navs = [...candidates].sort(
      (a, b) => this.order.get(a.file.uri)! - this.order.get(b.file.uri)! || a.statement.start - b.statement.start,
    );
    const out: Occurrence[] = [];
    const declaration = own.declarations.find((o) => o.symbol === symbol);
    if (declaration) out.push(own.absolute(declaration));
    const found = navs.map((nav) => ({ nav, ...nav.mentionsOf(symbol) }));
    for (const f of found) for (const o of f.instances) out.push(f.nav.absolute(o));
    for (const f of found) for (const o of f.references) out.push(f.nav.absolute(o));
    return out;
  }

  /**
   * The occurrence under an offset (a cursor right after an identifier counts), the narrowest when
   * several contain it; mentions only a rename touches come last.
   */
  at(uri: string, offset: number, includeRenameOnly = false): Occurrence | undefined {
    const { navs, i: last } = this.statementAt(uri, offset);
    let best: { nav: StatementNav; o: LocalOccurrence } | undefined;
    let bestLength = Infinity;
    // Occurrences are short (a chain or a label): look back a bounded way.
    let budget = 16;
    for (let i = last; i >= 0 && budget > 0; i--) {
      const nav = navs[i];
      const base = nav.statement.start;
      const list = nav.sorted();
      // The last occurrence starting at or before the offset.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].span.start + base <= offset) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo - 1; k >= 0 && budget > 0; k--, budget--) {
        const o = list[k];
        if (o.span.end + base < offset || (o.renameOnly && !includeRenameOnly)) continue;
        const length = o.span.end - o.span.start;
        if (length < bestLength) {
          best = { nav, o };
          bestLength = length;
        }
      }
    }
    return best && best.nav.absolute(best.o);
  }
}

const indexes = new WeakMap<Analysis, NavIndex>();
/** The latest index per configuration, brought up to date for the next analysis of it. */
const latest = new Map<string, NavIndex>();
const LATEST_LIMIT = 64;

/** The navigation index of an analysed configuration, updated from the previous one of the same configuration. */
export function navIndexOf(analysis: Analysis): NavIndex {
  let index = indexes.get(analysis);
  const files = analysis.files;
  if (index) {
    index.update(files);
    return index;
  }
  index = latest.get(analysis.key);
  if (index && index.covers(files)) index.update(files);
  else index = new NavIndex(files);
  latest.delete(analysis.key);
  latest.set(analysis.key, index);
  if (latest.size > LATEST_LIMIT) latest.delete(latest.keys().next().value!);
  indexes.set(analysis, index);
  return index;
}

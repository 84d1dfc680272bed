/**
 * Completion: what may be written at a position, from the typing context
 * (context.ts), what the configuration defines (scope.ts) and the knowledge
 * catalog. Returns plain entries in offsets.
 */
import {
  type ArgumentSpec,
  type CatalogView,
  type BlockSpec,
  type ComponentSpec,
  type ReferenceSpec,
} from '../../knowledge';
import { literalChoices } from '../../knowledge/choices';
import { STDLIB_SIGNATURES, signatureLabel } from '../../knowledge/stdlibSignatures';
import type { BlockInfo, StatementSummary } from '../../model/types';
import { bodySpec } from '../blocks';
import { argumentDoc, blockDoc, componentDoc, stabilityNote } from '../describe';
import { bodyContents, completionContext, scanStart, type BlockFrame, type CompletionContext } from './context';
import { snippetEscape, type CompletionEntry } from './items';
import {
  configurationScope,
  declareScope,
  declareScopeFromText,
  type ConfigurationScope,
  type Definitions,
  type ScopeFile,
} from './scope';

export interface CompletionFile extends ScopeFile {
  uri: string;
}

export interface CompletionOptions {
  /** The catalog of the Alloy version the settings choose. */
  kb: CatalogView;
  /** Self-monitoring snippets to offer at the top level (none when the editor has them already). */
  snippets: readonly SnippetEntry[];
}

export interface SnippetEntry {
  prefix: string;
  name: string;
  description: string;
  body: string;
}

export interface CompletionResult {
  entries: CompletionEntry[];
  /** The list depends on more typing (e.g. a dotted name): ask again as the user types. */
  incomplete: boolean;
}

/** Where the owner of a body is: a component or config block, and the nested blocks below it. */
export interface Owner {
  /** Index in ctx.blocks of the owner's frame. */
  index: number;
  name: string;
  path: string[];
}

const TOP_LEVEL_CONTAINERS = new Set(['', 'declare']);

/**
 * The component or config block whose body (or nested block) a frame list is in. `declare`
 * bodies hold components of their own; a `foreach`'s `template` too.
 */
export function ownerOf(blocks: readonly { name: string }[]): Owner | undefined {
  let i = 1;
  while (i < blocks.length) {
    const b = blocks[i];
    const more = i + 1 < blocks.length;
    if (b.name === 'declare' && more) i++;
    else if (b.name === 'foreach' && more && blocks[i + 1].name === 'template' && i + 2 < blocks.length) i += 2;
    else break;
  }
  if (i >= blocks.length) return undefined;
  return {
    index: i,
    name: blocks[i].name,
    path: blocks.slice(i + 1).map((b) => b.name),
  };
}

/** Whether a body holds statements like the top level does (components, config blocks). */
function isContainer(blocks: readonly BlockFrame[]): boolean {
  const last = blocks[blocks.length - 1];
  if (TOP_LEVEL_CONTAINERS.has(last.name)) return true;
  return last.name === 'template' && blocks[blocks.length - 2]?.name === 'foreach';
}

/** The `declare` block the position is inside (its own scope), from the statement summaries. */
function enclosingDeclare(statements: readonly StatementSummary[], offset: number): BlockInfo | undefined {
  for (const s of statements) {
    if (s.start > offset) break;
    if (s.end >= offset && s.block?.name === 'declare') return s.block;
  }
  return undefined;
}

/** The innermost `declare` inside `top` (a top-level one starting at `base`) whose body holds `offset`. */
function innermostDeclare(top: BlockInfo, base: number | undefined, offset: number): BlockInfo {
  if (base === undefined) return top;
  let declare = top;
  for (;;) {
    const inner = declare.blocks.find(
      (b) => b.name === 'declare' && base + b.bodySpan.start < offset && offset < base + b.bodySpan.end,
    );
    if (!inner) return declare;
    declare = inner;
  }
}

function findStatement(statements: readonly StatementSummary[], offset: number): StatementSummary | undefined {
  let lo = 0;
  let hi = statements.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = statements[mid];
    if (s.end < offset) lo = mid + 1;
    else if (s.start > offset) hi = mid - 1;
    else return s;
  }
  return undefined;
}

export interface Site {
  /** The catalog of the Alloy version the settings choose. */
  kb: CatalogView;
  ctx: CompletionContext;
  scope: ConfigurationScope;
  /** The definitions of the enclosing `declare`, if any. */
  local?: Definitions;
  inDeclare: boolean;
}

/** The typing context and scope at an offset of a file of a configuration. */
export function siteAt(kb: CatalogView, file: CompletionFile, files: readonly CompletionFile[], offset: number): Site {
  const from = scanStart(file.statements, offset);
  const ctx = completionContext(file.text, from, offset);
  const scope = configurationScope(kb, files);
  // The innermost `declare` around the cursor (at any depth: modules nest them).
  let frame: BlockFrame | undefined;
  for (let i = ctx.blocks.length - 1; i > 0 && !frame; i--) if (ctx.blocks[i].name === 'declare') frame = ctx.blocks[i];
  const inDeclare = frame !== undefined;
  let local: Definitions | undefined;
  if (frame) {
    const statement = findStatement(file.statements, offset);
    const top = statement?.block?.name === 'declare' ? statement.block : enclosingDeclare(file.statements, offset);
    const declare = top && innermostDeclare(top, statement?.block === top ? statement.start : undefined, offset);
    // The summaries describe it (the same label as the text's): its blocks; otherwise (half-typed text an
    // ERROR covers) the names and labels its body's text gives.
    local =
      declare && declare.label === frame.label
        ? declareScope(kb, declare)
        : declareScopeFromText(kb, bodyContents(file.text, frame.bodyStart, { start: offset, end: offset }).labelled);
  }
  return { kb, ctx, scope, local, inDeclare };
}

export function complete(
  file: CompletionFile,
  files: readonly CompletionFile[],
  offset: number,
  options: CompletionOptions,
): CompletionResult {
  const site = siteAt(options.kb, file, files, offset);
  const { ctx } = site;
  switch (ctx.kind) {
    case 'statement':
      return statementEntries(site, file.text, options);
    case 'value':
      return valueEntries(site);
    case 'string':
      return stringEntries(site);
    default:
      return { entries: [], incomplete: false };
  }
}

// Statements: component names, config blocks, arguments and blocks of a body

function statementEntries(site: Site, text: string, options: CompletionOptions): CompletionResult {
  const { ctx } = site;
  const entries: CompletionEntry[] = [];
  const container = isContainer(ctx.blocks);
  if (container) containerEntries(site, entries, options);
  const owner = ownerOf(ctx.blocks);
  if (owner && !container) bodyEntries(site, owner, text, entries);
  return { entries, incomplete: ctx.word.includes('.') || ctx.word === '' };
}

/** The first free label for a new `name` block: `default`, `default_2`, ... */
function freeLabel(site: Site, name: string): string {
  const taken = (site.local ?? site.scope.top).components.get(name);
  if (!taken?.has('default')) return 'default';
  for (let n = 2; ; n++) if (!taken.has(`default_${n}`)) return `default_${n}`;
}

function containerEntries(site: Site, entries: CompletionEntry[], options: CompletionOptions): void {
  const { ctx } = site;
  const range = { start: ctx.wordStart, end: ctx.wordEnd };
  const dot = ctx.word.lastIndexOf('.');
  const prefix = dot >= 0 ? ctx.word.slice(0, dot + 1) : '';
  const nameOnly = /^\s*["{]/.test(ctx.after);
  const topLevel = ctx.blocks.length === 1;
  const inModule = site.inDeclare || ctx.blocks.length === 1;
  for (const c of site.kb.catalog.components) {
    if (c.removed || !c.name.startsWith(prefix)) continue;
    entries.push({
      label: c.name,
      kind: 'component',
      detail: componentDetail(c),
      labelDetail: stabilityNote(c),
      documentation: componentDoc(c),
      ...range,
      insert: nameOnly ? c.name : componentSnippet(c.name, freeLabel(site, c.name), c),
      snippet: !nameOnly,
      filterText: c.name,
      sortText: `${c.stability === 'generally-available' ? '1' : '2'}_${c.name}`,
    });
  }
  for (const b of site.kb.catalog.configBlocks) {
    if (!b.name.startsWith(prefix)) continue;
    if (b.forbiddenIn && !topLevel && b.forbiddenIn.includes(site.inDeclare ? 'declare' : 'foreach')) continue;
    if (b.moduleOnly && !inModule) continue;
    // At most one `logging`, `tracing`, ...: not offered again when there is one.
    if (b.unique && site.scope.singletons.has(b.name)) continue;
    const labelled = b.label === 'required';
    entries.push({
      label: b.name,
      kind: 'config-block',
      detail: `config block${b.unique ? ', at most one' : ''}`,
      labelDetail: stabilityNote(b),
      documentation: componentDoc(b),
      ...range,
      insert: nameOnly ? b.name : componentSnippet(b.name, labelled ? 'default' : undefined, b),
      snippet: !nameOnly,
      filterText: b.name,
      sortText: `0_${b.name}`,
    });
  }
  // Custom components: `declare` blocks in scope, and the namespaces of `import.*` blocks.
  const scopes = site.local ? [site.local, site.scope.top] : [site.scope.top];
  const seen = new Set<string>();
  for (const defs of scopes) {
    for (const [name, declare] of defs.declares) {
      if (seen.has(name) || !name.startsWith(prefix)) continue;
      seen.add(name);
      const args = declareArguments(declare).filter((a) => a.required);
      entries.push({
        label: name,
        kind: 'custom-component',
        detail: 'custom component (declare)',
        documentation: `Custom component declared in this configuration${args.length ? `; required arguments: ${args.map((a) => `\`${a.name}\``).join(', ')}` : ''}.`,
        ...range,
        insert: nameOnly ? name : blockSnippet(name, freeLabel(site, name), args, []),
        snippet: !nameOnly,
        filterText: name,
        sortText: `0_${name}`,
      });
    }
    for (const name of defs.imports.keys()) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (name.startsWith(prefix) && prefix !== `${name}.`) {
        entries.push({
          label: name,
          kind: 'namespace',
          detail: 'imported module',
          documentation: `Components of the module imported as \`${name}\`.`,
          ...range,
          insert: name,
          snippet: false,
          filterText: name,
          sortText: `0_${name}`,
        });
      }
      // After `name.`: the components of the module that this configuration already uses.
      if (prefix.startsWith(`${name}.`)) {
        for (const used of site.scope.top.components.keys()) {
          if (!used.startsWith(prefix) || seen.has(used)) continue;
          seen.add(used);
          entries.push({
            label: used,
            kind: 'custom-component',
            detail: `component of the module ${name}`,
            ...range,
            insert: nameOnly ? used : blockSnippet(used, freeLabel(site, used), [], []),
            snippet: !nameOnly,
            filterText: used,
            sortText: `0_${used}`,
          });
        }
      }
    }
  }
  if (topLevel && prefix === '') {
    for (const s of options.snippets) {
      entries.push({
        label: s.prefix,
        kind: 'snippet',
        detail: s.name,
        documentation: s.description,
        ...range,
        insert: s.body,
        snippet: true,
        filterText: s.prefix,
        sortText: `3_${s.prefix}`,
      });
    }
  }
}

function componentDetail(c: ComponentSpec): string {
  const required = c.arguments.filter((a) => a.required && !a.conditional).length;
  const parts = ['component'];
  if (c.community) parts.push('community');
  if (required > 0) parts.push(`${required} required argument${required === 1 ? '' : 's'}`);
  return parts.join(', ');
}

interface FieldSpec {
  name: string;
  type?: string;
  default?: string;
  required: boolean;
}

function declareArguments(declare: BlockInfo): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const b of declare.blocks) {
    if (b.name !== 'argument' || !b.label) continue;
    const optional = b.attributes.find((a) => a.name === 'optional')?.value.kind === 'true';
    const hasDefault = b.attributes.some((a) => a.name === 'default');
    out.push({ name: b.label, required: !optional && !hasDefault });
  }
  return out;
}

/** A placeholder for a value of `type`: `"$1"` for strings, `[$1]` for lists, ... */
export function placeholder(type: string | undefined, n: number, fallback?: string): string {
  const t = type ?? 'any';
  const def = fallback !== undefined ? fallback : undefined;
  if (t === 'bool') return def ? `\${${n}|${def === 'true' ? 'true,false' : 'false,true'}|}` : `\${${n}|true,false|}`;
  if (t === 'string' || t === 'duration' || t === 'secret' || t === 'secret | string') {
    const inner = def && def.startsWith('"') ? (JSON.parse(def) as string) : '';
    return `"\${${n}${inner ? `:${snippetEscape(inner)}` : ''}}"`;
  }
  if (def !== undefined && def !== 'null') return `\${${n}:${snippetEscape(def)}}`;
  if (/^(number|int|uint|float)$/.test(t)) return `\${${n}:0}`;
  if (t.startsWith('list(')) return `[\${${n}}]`;
  if (t.startsWith('map(') || t === 'object') return `{\${${n}}}`;
  return `\${${n}}`;
}

/** `name "label" {` + required arguments and blocks as placeholders + `}`. */
function componentSnippet(name: string, label: string | undefined, spec: ReferenceSpec): string {
  const args = spec.arguments.filter((a) => a.required && !a.conditional);
  const blocks = spec.blocks.filter((b) => b.required);
  return blockSnippet(name, label, args, blocks);
}

function blockSnippet(
  name: string,
  label: string | undefined,
  args: readonly FieldSpec[],
  blocks: readonly BlockSpec[],
): string {
  let n = 1;
  const head = label === undefined ? name : `${name} "\${${n++}:${snippetEscape(label)}}"`;
  const lines: string[] = [];
  const body = (indent: string, a: readonly FieldSpec[], b: readonly BlockSpec[]) => {
    const width = Math.max(0, ...a.map((x) => x.name.length));
    for (const arg of a) lines.push(`${indent}${arg.name.padEnd(width)} = ${placeholder(arg.type, n++)}`);
    for (const blk of b) {
      const inner = blk.arguments.filter((x) => x.required && !x.conditional);
      const innerBlocks = blk.blocks.filter((x) => x.required);
      if (inner.length === 0 && innerBlocks.length === 0) {
        lines.push(`${indent}${blk.name} {}`);
        continue;
      }
      lines.push(`${indent}${blk.name} {`);
      body(`${indent}\t`, inner, innerBlocks);
      lines.push(`${indent}}`);
    }
  };
  body('\t', args, blocks);
  if (lines.length === 0) return `${head} {\n\t$0\n}`;
  return `${head} {\n${lines.join('\n')}\n}$0`;
}

function bodyEntries(site: Site, owner: Owner, text: string, entries: CompletionEntry[]): void {
  const { ctx } = site;
  const frame = ctx.blocks[ctx.blocks.length - 1];
  const set = bodyContents(text, frame.bodyStart, { start: ctx.wordStart, end: ctx.wordEnd });
  const range = { start: ctx.wordStart, end: ctx.wordEnd };
  const nameOnlyArg = /^\s*=/.test(ctx.after);
  const nameOnlyBlock = /^\s*\{/.test(ctx.after);
  const declare =
    owner.path.length === 0 && !site.kb.getReference(owner.name)
      ? (site.local?.declares.get(owner.name) ?? site.scope.top.declares.get(owner.name))
      : undefined;
  const body = declare ? undefined : bodySpec(site.kb, owner.name, owner.path);
  const args: FieldSpec[] = declare ? declareArguments(declare) : [...(body?.arguments ?? [])];
  const blocks: readonly BlockSpec[] = body?.blocks ?? [];
  const docUrl = body?.docUrl;
  const docOwner = body?.owner ?? owner.name;
  const docPath = body?.path ?? owner.path;
  for (const a of args) {
    if (set.attributes.has(a.name)) continue;
    const required = a.required && !(a as ArgumentSpec).conditional;
    entries.push({
      label: a.name,
      kind: 'argument',
      detail: argumentDetail(a),
      documentation: argumentDoc(docOwner, docPath, a, docUrl),
      ...range,
      insert: nameOnlyArg ? a.name : `${a.name} = ${placeholder(a.type, 1, required ? undefined : a.default)}`,
      snippet: !nameOnlyArg,
      filterText: a.name,
      sortText: `${required ? '0' : '2'}_${a.name}`,
    });
  }
  for (const b of blocks) {
    // Blocks may repeat (`rule`, `endpoint`): ones already there are offered too, after the others.
    const present = set.blocks.has(b.name);
    const innerArgs = b.arguments.filter((x) => x.required && !x.conditional);
    const innerBlocks = b.blocks.filter((x) => x.required);
    entries.push({
      label: b.name,
      kind: 'block',
      detail: `block${b.required ? ', required' : ''}`,
      documentation: blockDoc(docOwner, [...docPath, b.name], b, docUrl),
      ...range,
      insert: nameOnlyBlock ? b.name : blockSnippet(b.name, undefined, innerArgs, innerBlocks),
      snippet: !nameOnlyBlock,
      filterText: b.name,
      sortText: `${b.required && !present ? '1' : present ? '4' : '3'}_${b.name}`,
    });
  }
}

function argumentDetail(a: FieldSpec): string {
  const type = a.type ?? 'any';
  if (a.required) return `${type}, required`;
  return a.default !== undefined ? `${type} = ${a.default}` : type;
}

// Values: references, standard library, literals

interface Candidate {
  path: string[];
  kind: 'export' | 'module-argument' | 'function' | 'constant';
  /** Type of the value the whole chain reads, when known. */
  type?: string;
  detail?: string;
  documentation?: string;
}

const PLAIN_TYPES = /^(string|bool|number|int|uint|float|duration|secret|any|object|secret \| string)$/;

/** The type the value at the cursor should have, and whether references should be limited to it. */
export function expectedType(site: Site): { type?: string; filter: boolean; owner?: Owner } {
  const { ctx } = site;
  const owner = ownerOf(ctx.blocks);
  if (!owner || !ctx.attribute) return { filter: false, owner };
  const arg = bodySpec(site.kb, owner.name, owner.path)?.arguments.find((a) => a.name === ctx.attribute);
  if (!arg) return { filter: false, owner };
  let type: string | undefined = arg.type;
  const nests = ctx.nests;
  if (nests.length === 1 && nests[0].type === 'array') type = /^list\((.*)\)$/.exec(arg.type)?.[1];
  else if (nests.length > 0) type = undefined;
  const filter = type !== undefined && !PLAIN_TYPES.test(type) && site.kb.exportsOfType(type).length > 0;
  return { type, filter, owner };
}

/**
 * The references, module arguments and standard-library names a value can start with; with `typed`
 * (the segments before the cursor's, `a.b` in `a.b.c`), only the components whose name and label agree
 * with them (the others would be dropped by the caller anyway, after building their entries).
 */
function valueCandidates(
  site: Site,
  want: { type?: string; filter: boolean },
  typed: readonly string[] = [],
): Candidate[] {
  const out: Candidate[] = [];
  const agrees = (segments: readonly string[]) => {
    for (let k = 0; k < segments.length && k < typed.length; k++) if (segments[k] !== typed[k]) return false;
    return true;
  };
  const defs = site.local ? [site.local] : [site.scope.top];
  // A foreach template sees the top level too.
  if (!site.local && site.ctx.blocks.some((b) => b.name === 'foreach')) defs.push(site.scope.top);
  const fits = (type: string | undefined) => !want.filter || type === undefined || type === want.type;
  const seen = new Set<string>();
  for (const d of defs) {
    for (const [name, labels] of d.components) {
      const segments = name.split('.');
      if (!agrees(segments)) continue;
      const exports = site.scope.exportsOf(name, site.local);
      for (const label of labels.keys()) {
        if (typed.length > segments.length && typed[segments.length] !== label) continue;
        for (const e of exports) {
          if (!fits(e.type)) continue;
          const key = `${name}.${label}.${e.name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            path: [...segments, label, e.name],
            kind: 'export',
            type: e.type,
            detail: e.type,
            documentation: site.kb.getComponent(name)
              ? `Export \`${e.name}\` of \`${name}\`${e.type ? `, type \`${e.type}\`` : ''}. [Reference](${site.kb.getComponent(name)!.docUrl})`
              : undefined,
          });
        }
      }
    }
    for (const name of d.arguments.keys()) {
      out.push({
        path: ['argument', name, 'value'],
        kind: 'module-argument',
        detail: 'module argument',
        documentation: `The value of this module's argument \`${name}\`.`,
      });
    }
  }
  // Arguments of the module when inside a `declare` (its `argument` blocks).
  if (!want.filter || want.type === 'list(map(string))' || want.type === undefined) {
    for (const f of site.kb.catalog.stdlib) {
      if (f.deprecated) continue;
      const sig = STDLIB_SIGNATURES[f.name];
      out.push({
        path: f.name.split('.'),
        kind: f.kind === 'constant' ? 'constant' : 'function',
        detail: sig ? `${signatureLabel(f.name, sig)} → ${sig.returns}` : f.kind,
        documentation: `Standard library ${f.kind}. [Reference](${f.docUrl})`,
      });
    }
  }
  return out;
}

function valueEntries(site: Site): CompletionResult {
  const { ctx } = site;
  const want = expectedType(site);
  const entries: CompletionEntry[] = [];
  const dot = ctx.word.lastIndexOf('.');
  const typed = dot >= 0 ? ctx.word.slice(0, dot).split('.') : [];
  const segStart = dot >= 0 ? ctx.wordStart + dot + 1 : ctx.wordStart;
  const range = { start: segStart, end: ctx.wordEnd };
  const continues = /^\s*\./.test(ctx.after);
  const called = /^\s*\(/.test(ctx.after);
  const candidates = valueCandidates(site, want, typed);
  if (typed.length === 0) {
    // Whole references: `prometheus.remote_write.default.receiver`.
    for (const c of candidates) {
      const full = c.path.join('.');
      const fn = c.kind === 'function';
      entries.push({
        label: full,
        kind: c.kind === 'export' ? 'reference' : c.kind,
        detail: c.detail,
        documentation: c.documentation,
        ...range,
        insert: fn && !called ? `${full}($1)` : full,
        snippet: fn && !called,
        filterText: full,
        sortText: `${c.kind === 'export' ? (want.filter ? '0' : '1') : c.kind === 'module-argument' ? '1' : '3'}_${full}`,
      });
    }
    literalEntries(site, want, range, entries);
    return { entries, incomplete: true };
  }
  // After `a.b.`: the next segments of the candidates that start with `a.b`.
  const next = new Map<string, { leaf?: Candidate; inner: Candidate[] }>();
  for (const c of candidates) {
    if (c.path.length <= typed.length) continue;
    let match = true;
    for (let k = 0; k < typed.length; k++) if (c.path[k] !== typed[k]) match = false;
    if (!match) continue;
    const seg = c.path[typed.length];
    const slot = next.get(seg) ?? { inner: [] };
    if (c.path.length === typed.length + 1) slot.leaf = c;
    else slot.inner.push(c);
    next.set(seg, slot);
  }
  const prefix = typed.join('.');
  for (const [seg, slot] of next) {
    const leaf = slot.leaf;
    if (leaf) {
      const fn = leaf.kind === 'function';
      entries.push({
        label: seg,
        kind: leaf.kind,
        detail: leaf.detail,
        documentation: leaf.documentation,
        ...range,
        insert: fn && !called ? `${seg}($1)` : seg,
        snippet: fn && !called,
        filterText: seg,
        sortText: `0_${seg}`,
      });
      continue;
    }
    const first = slot.inner[0];
    const isLabel = first.kind === 'export' && first.path.length - 2 === typed.length;
    const componentName = first.path.slice(0, typed.length).join('.');
    entries.push({
      label: seg,
      kind: isLabel ? 'label' : first.kind === 'export' ? 'namespace' : first.kind,
      detail: isLabel ? `${componentName} "${seg}"` : `${prefix}.${seg}`,
      documentation: isLabel ? labelDoc(componentName, seg, slot.inner) : undefined,
      ...range,
      insert: continues ? seg : `${seg}.`,
      snippet: false,
      filterText: seg,
      sortText: `1_${seg}`,
    });
  }
  return { entries, incomplete: true };
}

function labelDoc(component: string, label: string, exports: Candidate[]): string {
  const list = exports.map((e) => `\`${e.path[e.path.length - 1]}\`${e.type ? ` (${e.type})` : ''}`).join(', ');
  return `\`${component} "${label}"\`, defined in this configuration. Exports: ${list}.`;
}

function literalEntries(
  site: Site,
  want: { type?: string; owner?: Owner },
  range: { start: number; end: number },
  entries: CompletionEntry[],
): void {
  const { ctx } = site;
  if (want.type === 'bool' && ctx.nests.length === 0) {
    for (const v of ['true', 'false']) {
      entries.push({
        label: v,
        kind: 'literal',
        detail: 'bool',
        ...range,
        insert: v,
        snippet: false,
        sortText: `0_${v}`,
      });
    }
  }
  if (want.owner && ctx.attribute && ctx.nests.length === 0) {
    const choices = literalChoices(want.owner.name, want.owner.path, ctx.attribute);
    for (const v of choices?.values ?? []) {
      const quoted = JSON.stringify(v);
      entries.push({
        label: quoted,
        kind: 'literal',
        detail: `${want.owner.name}.${ctx.attribute}`,
        ...range,
        insert: quoted,
        snippet: false,
        filterText: quoted,
        sortText: `0_${v}`,
      });
    }
  }
}

/** Inside a string value: the literal choices, without quotes. */
function stringEntries(site: Site): CompletionResult {
  const { ctx } = site;
  const entries: CompletionEntry[] = [];
  const owner = ownerOf(ctx.blocks);
  if (!owner || !ctx.attribute || ctx.nests.length > 0 || ctx.stringStart === undefined) {
    return { entries, incomplete: false };
  }
  const choices = literalChoices(owner.name, owner.path, ctx.attribute);
  const start = ctx.stringStart + 1;
  let end = ctx.offset;
  while (end < ctx.offset + ctx.after.length && /[\w-]/.test(ctx.after[end - ctx.offset] ?? '')) end++;
  for (const v of choices?.values ?? []) {
    entries.push({
      label: v,
      kind: 'literal',
      detail: `${owner.name}.${ctx.attribute}`,
      start,
      end,
      insert: v,
      snippet: false,
      sortText: `0_${v}`,
    });
  }
  return { entries, incomplete: false };
}

/**
 * Plans the insertion of (parts of) a self-monitoring stack into a
 * configuration: binds each template piece to a component the configuration
 * already has, or to a new one with a label that collides with nothing, and
 * turns the result into edits of the target file.
 */
import { SINGLETON_BLOCKS, type BlockSite, type ComponentDecl, type ConfigFile } from '../analysis/configuration';
import type { AttributeInfo, BlockInfo, StatementSummary } from '../model/types';
import type { Signal } from '../protocol';
import type { Destination } from '../settings';
import { renderBlock, samplingFraction, renderValue, textContext, toText } from '../templates/render';
import { DESTINATION_TEMPLATES, dependencies, pieceOf } from '../templates/selfMonitoring';
import type { DestinationTemplate, Expr, TemplateAttribute } from '../templates/types';
import { topLevelComponents, type FixContext } from './context';
import { insertIntoBody, insertTopLevel, lineIndent, nextLineStart, type FileEdit } from './edits';

export interface Bound {
  name: string;
  label: string;
  /** The existing component the piece is bound to, if any. */
  decl?: ComponentDecl;
}

export type SignalStatus = 'present' | 'planned' | 'impossible';

export function attribute(block: BlockInfo, name: string): AttributeInfo | undefined {
  return block.attributes.find((a) => a.name === name);
}

/** Where config blocks go: after the last top-level config block, else after the leading comments. */
export function configAnchor(file: ConfigFile): number {
  let last: StatementSummary | undefined;
  for (const s of file.statements) if (s.block && SINGLETON_BLOCKS.has(s.block.name)) last = s;
  const text = file.text;
  if (last) return nextLineStart(text, last.end);
  const first = file.statements[0]?.start ?? text.length;
  let pos = 0;
  let sawComment = false;
  while (pos < first) {
    const next = nextLineStart(text, pos);
    const line = text.slice(pos, next).trim();
    if (line.startsWith('//')) {
      sawComment = true;
      pos = next;
    } else if (line.startsWith('/*')) {
      const close = text.indexOf('*/', pos);
      if (close < 0) break;
      sawComment = true;
      pos = nextLineStart(text, close);
    } else if (line === '') {
      if (sawComment) break;
      pos = next;
    } else break;
  }
  return sawComment ? Math.min(pos, text.length) : 0;
}

/** `write_to` is missing or a literal empty list. */
export function writesNowhere(block: BlockInfo): boolean {
  const w = attribute(block, 'write_to');
  return !w || (w.value.kind === 'array' && (w.value.elements?.length ?? 0) === 0);
}

/** Whether a literal `sampling_fraction` is 0. */
export function zeroSampling(block: BlockInfo): AttributeInfo | undefined {
  const f = attribute(block, 'sampling_fraction');
  return f && (f.value.kind === 'number' || f.value.kind === 'float') && Number(f.value.text) === 0 ? f : undefined;
}

export class StackBuilder {
  readonly template: DestinationTemplate;
  private readonly bound = new Map<string, Bound>();
  private readonly created: { id: string; label: string }[] = [];
  private readonly taken = new Set<string>();
  private readonly configBlocks: string[] = [];
  /** Edits other than the new top-level blocks. */
  readonly edits: FileEdit[] = [];
  /** New components go after this statement of the target file (else at the end of the file). */
  componentAnchor?: StatementSummary;

  constructor(
    readonly ctx: FixContext,
    destination: Destination = ctx.settings.destination,
  ) {
    this.template = DESTINATION_TEMPLATES[destination];
    for (const decl of ctx.configuration.allComponents()) this.taken.add(decl.key);
  }

  /** Component keys this plan creates (`name.label`). */
  get createdKeys(): string[] {
    return this.created.map((c) => `${pieceOf(this.template, c.id).block.name}.${c.label}`);
  }

  get isEmpty(): boolean {
    return this.created.length === 0 && this.configBlocks.length === 0 && this.edits.length === 0;
  }

  boundTo(id: string): Bound | undefined {
    return this.bound.get(id);
  }

  bindExisting(id: string, decl: ComponentDecl): void {
    this.bound.set(id, { name: decl.name, label: decl.label, decl });
  }

  private findExisting(id: string): ComponentDecl | undefined {
    const p = pieceOf(this.template, id);
    const all = topLevelComponents(this.ctx);
    const own = all.filter((d) => d.name === p.block.name);
    const same = own.find((d) => d.label === p.block.label) ?? own[0];
    if (same) return same;
    for (const alt of p.accepts) {
      const found = all.find((d) => d.name === alt);
      if (found) return found;
    }
    return undefined;
  }

  private freeLabel(name: string, base: string): string {
    for (let n = 1; ; n++) {
      const label = n === 1 ? base : `${base}_${n}`;
      if (!this.taken.has(`${name}.${label}`)) return label;
    }
  }

  /** Binds a piece to an existing component, or plans a new one (with a forced label when given). */
  require(id: string, label?: string): Bound {
    const known = this.bound.get(id);
    if (known) return known;
    const p = pieceOf(this.template, id);
    if (label === undefined && p.reuse) {
      const existing = this.findExisting(id);
      if (existing) {
        this.bindExisting(id, existing);
        return this.bound.get(id)!;
      }
    }
    const chosen = label ?? this.freeLabel(p.block.name, p.block.label ?? id);
    const b: Bound = { name: p.block.name, label: chosen };
    this.bound.set(id, b);
    this.taken.add(`${p.block.name}.${chosen}`);
    this.created.push({ id, label: chosen });
    this.requireDependencies(id);
    return b;
  }

  requireDependencies(id: string): void {
    for (const dep of dependencies(pieceOf(this.template, id))) this.require(dep);
  }

  private context() {
    return textContext(this.ctx.settings, (id) => {
      const b = this.bound.get(id);
      if (!b) throw new Error(`piece '${id}' is not bound`);
      return b;
    });
  }

  /** Text of a template attribute's value of a piece, e.g. the `write_to` list of `logging`. */
  valueOf(id: string, attributeName: string): string {
    const item = pieceOf(this.template, id).block.body.find(
      (b): b is TemplateAttribute => b.type === 'attribute' && b.name === attributeName,
    );
    if (!item) throw new Error(`piece '${id}' has no attribute '${attributeName}'`);
    return toText(renderValue(item.value, this.context()));
  }

  expressionText(e: Expr): string {
    return toText(renderValue(e, this.context()));
  }

  addConfigBlock(id: string): void {
    this.requireDependencies(id);
    this.configBlocks.push(toText(renderBlock(pieceOf(this.template, id).block, this.context())));
  }

  /** All edits: the changes to existing blocks, then the new blocks. */
  build(): FileEdit[] {
    const file = this.ctx.file;
    const ctx = this.context();
    const order = new Map(this.template.pieces.map((p, i) => [p.id, i]));
    const components = [...this.created]
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((c) => toText(renderBlock(pieceOf(this.template, c.id).block, ctx, c.label)));
    const out = [...this.edits];
    const configAt = configAnchor(file);
    const componentsAt = this.componentAnchor ? nextLineStart(file.text, this.componentAnchor.end) : file.text.length;
    if (this.configBlocks.length && components.length && configAt === componentsAt) {
      out.push({ uri: file.uri, ...insertTopLevel(file.text, configAt, [...this.configBlocks, ...components]) });
    } else {
      if (this.configBlocks.length)
        out.push({ uri: file.uri, ...insertTopLevel(file.text, configAt, this.configBlocks) });
      if (components.length) out.push({ uri: file.uri, ...insertTopLevel(file.text, componentsAt, components) });
    }
    return out;
  }

  // --- signals -------------------------------------------------------------

  /** The piece a config block writes to (`logging` -> the logs receiver, `tracing` -> the exporter). */
  sinkOf(signal: Signal): string {
    const root = this.template.roots[signal];
    if (signal === 'metrics') {
      const forward = dependencies(pieceOf(this.template, root)).filter((d) => d !== 'selfExporter');
      return forward[0];
    }
    return dependencies(pieceOf(this.template, root))[0];
  }

  /**
   * Plans one signal. `reason` limits the change to one problem of an
   * existing config block (the quick fix of that diagnostic); without it
   * every problem of the signal is fixed.
   */
  planSignal(signal: Signal, reason?: string): SignalStatus {
    if (signal === 'metrics') return this.planMetrics();
    const blockName = signal === 'logs' ? 'logging' : 'tracing';
    const id = this.template.roots[signal];
    const site = this.ctx.configuration.singletons.get(blockName)?.[0];
    if (!site) {
      this.addConfigBlock(id);
      return 'planned';
    }
    let planned = false;
    if (!reason || reason === 'missing-write-to' || reason === 'empty-write-to') {
      planned = this.fillWriteTo(site, id) || planned;
    }
    if (signal === 'traces' && (!reason || reason === 'zero-sampling')) {
      const zero = zeroSampling(site.block);
      if (zero) {
        const span = zero.value.span;
        this.edits.push({
          uri: site.file.uri,
          start: site.statement.start + span.start,
          end: site.statement.start + span.end,
          text: String(samplingFraction(this.ctx.settings)),
        });
        planned = true;
      }
    }
    return planned ? 'planned' : 'present';
  }

  /**
   * Makes `logging` (logs) or `tracing` (traces) write to an existing
   * component: creates the block, fills its `write_to`, or appends to it.
   */
  wire(signal: 'logs' | 'traces', decl: ComponentDecl): SignalStatus {
    this.bindExisting(this.sinkOf(signal), decl);
    const site = this.ctx.configuration.singletons.get(signal === 'logs' ? 'logging' : 'tracing')?.[0];
    if (!site || writesNowhere(site.block)) return this.planSignal(signal, site ? 'missing-write-to' : undefined);
    const w = attribute(site.block, 'write_to')!;
    const elements = w.value.elements ?? [];
    if (w.value.kind !== 'array' || elements.length === 0) return 'impossible';
    const item = `${decl.key}.${signal === 'logs' ? 'receiver' : 'input'}`;
    const text = site.file.text;
    const base = site.statement.start;
    const last = elements[elements.length - 1];
    const lastEnd = base + last.span.end;
    const close = base + w.value.span.end - 1;
    if (text.slice(lastEnd, close).includes('\n')) {
      // One element per line: add a line like the last one.
      const at = nextLineStart(text, lastEnd);
      if (!/^[ \t]*,?[ \t]*(\/\/.*)?\r?\n/.test(text.slice(lastEnd))) return 'impossible';
      this.edits.push({
        uri: site.file.uri,
        start: at,
        end: at,
        text: `${lineIndent(text, base + last.span.start)}${item},\n`,
      });
    } else {
      this.edits.push({ uri: site.file.uri, start: lastEnd, end: lastEnd, text: `, ${item}` });
    }
    return 'planned';
  }

  /** Inserts or fills `write_to` of an existing config block; false when it already writes somewhere. */
  private fillWriteTo(site: BlockSite, id: string): boolean {
    const w = attribute(site.block, 'write_to');
    if (!writesNowhere(site.block)) return false;
    this.requireDependencies(id);
    const value = this.valueOf(id, 'write_to');
    const base = site.statement.start;
    if (!w) {
      this.edits.push({
        uri: site.file.uri,
        ...insertIntoBody(site.file.text, base, site.block, [`write_to = ${value}`], 'after-attributes'),
      });
    } else {
      this.edits.push({
        uri: site.file.uri,
        start: base + w.value.span.start,
        end: base + w.value.span.end,
        text: value,
      });
    }
    return true;
  }

  private planMetrics(): SignalStatus {
    const config = this.ctx.configuration;
    const top = new Set(topLevelComponents(this.ctx));
    const selves = [...config.allComponents()].filter((d) => d.name === 'prometheus.exporter.self');
    if (selves.some((d) => config.referencesTo(d).length > 0 || !top.has(d))) return 'present';
    const existing = selves[0];
    if (existing && !this.bound.has('selfExporter')) {
      this.bindExisting('selfExporter', existing);
      if (existing.file === this.ctx.file) this.componentAnchor ??= existing.statement;
    }
    this.require(this.template.roots.metrics);
    return 'planned';
  }
}

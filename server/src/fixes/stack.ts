/**
 * Plans the insertion of (parts of) a self-monitoring stack into a
 * configuration: binds each template piece to a component the configuration
 * already has, or to a new one with a label that collides with nothing, and
 * turns the result into edits of the target file.
 *
 * Pieces are asked for with the signals they are to carry, and bound only
 * once every signal of the plan has asked: an OTLP exporter serves several
 * signals, and the one reused must fit all of them (see README.md in
 * ../templates for the rule).
 */
import { annotatedGraph } from '../graph/annotate';
import { deliver } from '../graph/reach';
import { ownSignalArrives } from '../graph/selfMonitoring';
import { SINGLETON_BLOCKS, type BlockSite, type ComponentDecl, type ConfigFile } from '../analysis/configuration';
import type { AttributeInfo, BlockInfo, StatementSummary } from '../model/types';
import { SIGNALS, type Signal } from '../protocol';
import type { Destination } from '../settings';
import { renderBlock, samplingFraction, renderValue, textContext, toText } from '../templates/render';
import type { Piece } from '../templates/types';
import { DESTINATION_TEMPLATES, dependencies, pieceOf, piecesForSignal } from '../templates/selfMonitoring';
import type { DestinationTemplate, Expr, TemplateAttribute } from '../templates/types';
import { topLevelComponents, type FixContext } from './context';
import { insertIntoBody, insertTopLevel, lineIndent, nextLineStart, type FileEdit } from './edits';
import { blockEdit } from './layout';

export interface Bound {
  name: string;
  label: string;
  /** The existing component the piece is bound to, if any. */
  decl?: ComponentDecl;
}

export type SignalStatus = 'present' | 'planned' | 'impossible';

type TextChange = { start: number; end: number; text: string };

/** Changes to one existing top-level block, made into one edit when the plan is built. */
interface BlockChange {
  site: BlockSite;
  /** Produce the change once every piece is bound (a value may name a piece). */
  edits: (() => TextChange)[];
  /** A statement is inserted: the block is laid out again (see layout.ts). */
  relayout: boolean;
}

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

/**
 * The signals the configuration sends to an OpenTelemetry exporter's `input`
 * (`output { metrics = [...] }`, `tracing { write_to = [...] }`, ...), or
 * undefined when it is read in a way that does not say (a module argument).
 */
export function signalsCarried(ctx: FixContext, decl: ComponentDecl): Set<Signal> | undefined {
  const out = new Set<Signal>();
  for (const r of ctx.configuration.referencesTo(decl)) {
    if (r.exportName !== 'input') continue;
    const last = r.ref.usage[r.ref.usage.length - 1];
    if (r.statement.block?.name === 'tracing' && r.ref.usage.length === 1 && last === 'write_to') out.add('traces');
    else if (
      r.ref.usage.length >= 2 &&
      r.ref.usage[r.ref.usage.length - 2] === 'output' &&
      SIGNALS.includes(last as Signal)
    )
      out.add(last as Signal);
    else return undefined;
  }
  return out;
}

/** The pieces of a template, each after every piece that refers to it. */
function topologicalOrder(template: DestinationTemplate): string[] {
  const seen = new Set<string>();
  const post: string[] = [];
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const dep of dependencies(pieceOf(template, id))) visit(dep);
    post.push(id);
  };
  for (const p of template.pieces) visit(p.id);
  return post.reverse();
}

export class StackBuilder {
  readonly template: DestinationTemplate;
  private readonly bound = new Map<string, Bound>();
  private readonly created: { id: string; label: string }[] = [];
  private readonly taken = new Set<string>();
  /** Pieces asked for, with the signals each is to carry. */
  private readonly needs = new Map<string, Set<Signal>>();
  /** Labels a new piece must have (a reference to a missing component names it). */
  private readonly forced = new Map<string, string>();
  private readonly configBlocks: string[] = [];
  private readonly changes: BlockChange[] = [];
  private resolved = false;
  /** New components go after this statement of the target file (else at the end of the file). */
  componentAnchor?: StatementSummary;

  constructor(
    readonly ctx: FixContext,
    destination: Destination = ctx.settings.destination,
  ) {
    this.template = DESTINATION_TEMPLATES[destination];
    for (const decl of ctx.configuration.allComponents()) this.taken.add(decl.key);
  }

  boundTo(id: string): Bound | undefined {
    return this.bound.get(id);
  }

  bindExisting(id: string, decl: ComponentDecl): void {
    this.bound.set(id, { name: decl.name, label: decl.label, decl });
  }

  /**
   * Asks for a piece that carries `signals`: bound to an existing component
   * that fits, or created (with `label` when given), when the plan is built.
   */
  need(id: string, signals: Iterable<Signal>, label?: string): void {
    if (this.resolved) throw new Error('the plan is already built');
    if (label !== undefined) this.forced.set(id, label);
    const set = this.needs.get(id) ?? new Set<Signal>();
    for (const s of signals) set.add(s);
    this.needs.set(id, set);
  }

  /** The signals whose stack reaches a piece in the template. */
  signalsOfPiece(id: string): Signal[] {
    return SIGNALS.filter((s) => piecesForSignal(this.template, s).some((p) => p.id === id));
  }

  private needDependencies(id: string, signals: Iterable<Signal>): void {
    for (const dep of dependencies(pieceOf(this.template, id))) this.need(dep, signals);
  }

  /**
   * An existing component that can stand in for a piece. Receivers carry
   * one signal: the one of the template's label, else the first of its
   * kind, else the first of an accepted kind. An OpenTelemetry exporter
   * carries whatever it is sent, to a backend that may take only some
   * signals: the template's own component (kind and label), one written
   * exactly as this template writes it (an earlier fix of the same run made
   * it), else one of the accepted kinds that already carries every signal
   * asked for, else one that carries nothing yet. A backend must take the
   * signals; a component that passes data on (a converting receiver) must
   * deliver them to a backend.
   */
  private findExisting(id: string, signals: ReadonlySet<Signal>): ComponentDecl | undefined {
    const p = pieceOf(this.template, id);
    const all = topLevelComponents(this.ctx);
    const own = all.find((d) => d.name === p.block.name && d.label === p.block.label);
    if (own) return own;
    const same = all.find((d) => d.name === p.block.name && this.writtenAsTemplate(d, p));
    if (same) return same;
    const g = annotatedGraph(this.ctx.configuration);
    const usable = (d: ComponentDecl) => {
      const node = g.nodeOf(d);
      if (!node) return false;
      if (node.behaviour === 'backend') return [...signals].every((s) => (node.accepts as string[]).includes(s));
      return [...signals].every((s) => deliver(g, node.id, s, s).status !== 'lost');
    };
    const candidates = [p.block.name, ...p.accepts].flatMap((kind) => all.filter((d) => d.name === kind && usable(d)));
    if (!p.block.name.startsWith('otelcol.exporter.')) return candidates[0];
    const carried = new Map(candidates.map((d) => [d, signalsCarried(this.ctx, d)]));
    return (
      candidates.find((d) => {
        const c = carried.get(d);
        return c !== undefined && c.size > 0 && [...signals].every((s) => c.has(s));
      }) ?? candidates.find((d) => carried.get(d)?.size === 0)
    );
  }

  /** Whether a component's body is the piece's, as this template renders it (whitespace aside). */
  private writtenAsTemplate(decl: ComponentDecl, p: Piece): boolean {
    const text = decl.file.text.slice(
      decl.statement.start + decl.block.bodySpan.start,
      decl.statement.start + decl.block.bodySpan.end,
    );
    const context = textContext(this.ctx.settings, (pieceId) => {
      const b = this.bound.get(pieceId);
      const q = pieceOf(this.template, pieceId);
      return b ?? { name: q.block.name, label: q.block.label ?? pieceId };
    });
    let rendered: string;
    try {
      rendered = toText(renderBlock(p.block, context, decl.label));
    } catch {
      return false;
    }
    const body = rendered.slice(rendered.indexOf('{'));
    const norm = (t: string) => t.replace(/\s+/g, '');
    // References to other pieces may name other labels: compare up to the labels of references.
    const loose = (t: string) =>
      norm(t).replace(/\.[A-Za-z_][A-Za-z0-9_]*\.(input|receiver|handler|targets)\b/g, '.$1');
    return loose(text) === loose(body);
  }

  private freeLabel(name: string, base: string): string {
    for (let n = 1; ; n++) {
      const label = n === 1 ? base : `${base}_${n}`;
      if (!this.taken.has(`${name}.${label}`)) return label;
    }
  }

  private create(id: string): void {
    const p = pieceOf(this.template, id);
    const label = this.forced.get(id) ?? this.freeLabel(p.block.name, p.block.label ?? id);
    this.bound.set(id, { name: p.block.name, label });
    this.taken.add(`${p.block.name}.${label}`);
    this.created.push({ id, label });
  }

  /** Binds every piece asked for, parents first, so that a piece knows every signal it carries. */
  private resolve(): void {
    if (this.resolved) return;
    for (const id of topologicalOrder(this.template)) {
      const signals = this.needs.get(id);
      if (!signals) continue;
      if (!this.bound.has(id)) {
        const p = pieceOf(this.template, id);
        const existing = p.reuse && !this.forced.has(id) ? this.findExisting(id, signals) : undefined;
        if (existing) this.bindExisting(id, existing);
        else this.create(id);
      }
      if (!this.bound.get(id)!.decl) this.needDependencies(id, signals);
    }
    this.resolved = true;
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

  addConfigBlock(id: string, signal: Signal): void {
    this.needDependencies(id, [signal]);
    this.configBlocks.push(id);
  }

  private change(site: BlockSite, edit: () => TextChange, relayout = false): void {
    let c = this.changes.find((x) => x.site.file === site.file && x.site.statement.start === site.statement.start);
    if (!c) {
      c = { site, edits: [], relayout: false };
      this.changes.push(c);
    }
    c.edits.push(edit);
    c.relayout ||= relayout;
  }

  /** All edits: the changes to existing blocks, then the new blocks. */
  build(): FileEdit[] {
    this.resolve();
    const file = this.ctx.file;
    const ctx = this.context();
    const order = new Map(this.template.pieces.map((p, i) => [p.id, i]));
    const components = [...this.created]
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((c) => toText(renderBlock(pieceOf(this.template, c.id).block, ctx, c.label)));
    const configBlocks = this.configBlocks.map((id) => toText(renderBlock(pieceOf(this.template, id).block, ctx)));
    const out: FileEdit[] = [];
    for (const c of this.changes) {
      const edit = blockEdit(
        this.ctx.language,
        c.site.file,
        c.site.statement,
        c.edits.map((e) => e()),
        c.relayout,
      );
      if (edit) out.push(edit);
    }
    const configAt = configAnchor(file);
    const componentsAt = this.componentAnchor ? nextLineStart(file.text, this.componentAnchor.end) : file.text.length;
    if (configBlocks.length && components.length && configAt === componentsAt) {
      out.push({ uri: file.uri, ...insertTopLevel(file.text, configAt, [...configBlocks, ...components]) });
    } else {
      if (configBlocks.length) out.push({ uri: file.uri, ...insertTopLevel(file.text, configAt, configBlocks) });
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
   * The existing component a signal ends up in after `build()`: the sink
   * itself, or the first existing component a new sink sends to (a new
   * `otelcol.receiver.prometheus` feeding an existing exporter); undefined
   * when the whole path is new.
   */
  existingSink(signal: Signal): ComponentDecl | undefined {
    let id: string | undefined = this.sinkOf(signal);
    const seen = new Set<string>();
    while (id !== undefined && !seen.has(id)) {
      seen.add(id);
      const b = this.bound.get(id);
      if (!b) return undefined;
      if (b.decl) return b.decl;
      id = dependencies(pieceOf(this.template, id))[0];
    }
    return undefined;
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
      this.addConfigBlock(id, signal);
      return 'planned';
    }
    let planned = false;
    if (!reason || reason === 'missing-write-to' || reason === 'empty-write-to') {
      planned = this.fillWriteTo(site, id, signal) || planned;
    }
    if ((!reason || reason === 'not-delivered') && !planned && !writesNowhere(site.block)) {
      if (!ownSignalArrives(this.ctx.configuration, signal)) {
        const status = this.appendWriteTo(site, id, signal);
        if (status === 'impossible') return planned ? 'planned' : 'impossible';
        planned = true;
      }
    }
    if (signal === 'traces' && (!reason || reason === 'zero-sampling')) {
      const zero = zeroSampling(site.block);
      if (zero) {
        const span = zero.value.span;
        const text = String(samplingFraction(this.ctx.settings));
        const base = site.statement.start;
        this.change(site, () => ({ start: base + span.start, end: base + span.end, text }));
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
    const item = `${decl.key}.${signal === 'logs' ? 'receiver' : 'input'}`;
    return this.appendElement(site, () => item);
  }

  /** Adds the template's sink of a signal to a `write_to` that sends it nowhere useful. */
  private appendWriteTo(site: BlockSite, id: string, signal: Signal): SignalStatus {
    const item = pieceOf(this.template, id).block.body.find(
      (b): b is TemplateAttribute => b.type === 'attribute' && b.name === 'write_to',
    );
    if (!item || item.value.kind !== 'list' || item.value.items.length !== 1) return 'impossible';
    const element = item.value.items[0];
    const status = this.appendElement(site, () => this.expressionText(element));
    if (status === 'planned') this.needDependencies(id, [signal]);
    return status;
  }

  /** Appends an element to the literal list `write_to` of a config block, in the list's own layout. */
  private appendElement(site: BlockSite, item: () => string): SignalStatus {
    const w = attribute(site.block, 'write_to')!;
    const elements = w.value.elements ?? [];
    if (w.value.kind !== 'array' || elements.length === 0) return 'impossible';
    const text = site.file.text;
    const base = site.statement.start;
    const last = elements[elements.length - 1];
    const lastEnd = base + last.span.end;
    const close = base + w.value.span.end - 1;
    if (text.slice(lastEnd, close).includes('\n')) {
      // One element per line: add a line like the last one.
      const at = nextLineStart(text, lastEnd);
      if (!/^[ \t]*,?[ \t]*(\/\/.*)?\r?\n/.test(text.slice(lastEnd))) return 'impossible';
      const indent = lineIndent(text, base + last.span.start);
      this.change(site, () => ({ start: at, end: at, text: `${indent}${item()},\n` }));
    } else {
      this.change(site, () => ({ start: lastEnd, end: lastEnd, text: `, ${item()}` }));
    }
    return 'planned';
  }

  /** Inserts or fills `write_to` of an existing config block; false when it already writes somewhere. */
  private fillWriteTo(site: BlockSite, id: string, signal: Signal): boolean {
    const w = attribute(site.block, 'write_to');
    if (!writesNowhere(site.block)) return false;
    this.needDependencies(id, [signal]);
    const base = site.statement.start;
    if (!w) {
      this.change(
        site,
        () =>
          insertIntoBody(
            site.file.text,
            base,
            site.block,
            [`write_to = ${this.valueOf(id, 'write_to')}`],
            'after-attributes',
          ),
        true,
      );
    } else {
      const span = w.value.span;
      this.change(site, () => ({ start: base + span.start, end: base + span.end, text: this.valueOf(id, 'write_to') }));
    }
    return true;
  }

  private planMetrics(): SignalStatus {
    const config = this.ctx.configuration;
    // Some start of Alloy's own metrics (a self exporter, a scrape of its endpoint) already reaches a backend.
    if (ownSignalArrives(config, 'metrics')) return 'present';
    const top = new Set(topLevelComponents(this.ctx));
    const existing = [...config.allComponents()].find((d) => d.name === 'prometheus.exporter.self' && top.has(d));
    if (existing && !this.bound.has('selfExporter')) {
      this.bindExisting('selfExporter', existing);
      if (existing.file === this.ctx.file) this.componentAnchor ??= existing.statement;
    }
    this.need(this.template.roots.metrics, ['metrics']);
    return 'planned';
  }
}

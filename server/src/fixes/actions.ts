/**
 * The fixes of each diagnostic and the "add self-monitoring" edit, as pure
 * functions from the configuration to text edits. Exactly one fix of a
 * diagnostic is preferred (the one `alloy-analyzer fix` applies), except
 * that removing a component nothing references is never preferred: in file
 * mode its reference may live in another file of the directory.
 */
import type { BlockSite } from '../analysis/configuration';
import { absolute, type BlockInfo, type Span } from '../model/types';
import { SIGNALS, type Signal } from '../protocol';
import { DESTINATIONS, type Destination } from '../settings';
import { renderBlock, samplingFraction, textContext, toText } from '../templates/render';
import { DESTINATION_TEMPLATES, creatableComponents } from '../templates/selfMonitoring';
import type { TemplateBlock } from '../templates/types';
import { statementAt, topLevelComponents, type FixContext } from './context';
import {
  insertIntoBody,
  insertStatements,
  insertTopLevel,
  nextLineStart,
  statementRemoval,
  type FileEdit,
} from './edits';
import { blockEdit } from './layout';
import { StackBuilder } from './stack';
import { annotatedGraph, deadEnds } from '../graph/annotate';
import { behaviourOf } from '../graph/behaviour';
import { nodeTitle } from '../graph/render';
import type { GraphNode } from '../graph/types';
import { inferDestination } from './destination';
import { withIndentation } from './indent';
import { schemaFixes } from './schema';
import { DEFAULT_ALLOY_VERSION } from '../knowledge';

export interface Fix {
  title: string;
  isPreferred: boolean;
  edits: FileEdit[];
}

/** A diagnostic as the fixes see it: code, file, absolute UTF-16 span and the rule's data. */
export interface FixTarget {
  code: string;
  uri: string;
  span: Span;
  data?: Record<string, unknown>;
}

const PHRASE: Record<Destination, string> = {
  'grafana-cloud': 'Grafana Cloud',
  otlp: 'an OTLP endpoint',
  'local-lgtm': 'a local LGTM stack',
};

/** The export a reference to a creatable component reads. */
const EXPORT_OF: Record<string, string> = {
  'prometheus.exporter.self': 'targets',
  'otelcol.receiver.prometheus': 'receiver',
  'prometheus.remote_write': 'receiver',
  'loki.write': 'receiver',
  'otelcol.receiver.loki': 'receiver',
  'otelcol.exporter.otlphttp': 'input',
};

/** The destination new parts go to: the pinned one, else the configuration's own, else the setting. */
function destinationOf(ctx: FixContext): Destination {
  return ctx.destination ?? inferDestination(ctx.configuration) ?? ctx.settings.destination;
}

/**
 * Destinations, the one the configuration already sends to first (all its backends local: the local stack;
 * Grafana Cloud endpoints: Grafana Cloud), else the configured one.
 */
function destinationsFor(ctx: FixContext): Destination[] {
  const first = destinationOf(ctx);
  return [first, ...DESTINATIONS.filter((d) => d !== first)];
}

function sameEdits(a: FileEdit[], b: FileEdit[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function signalOf(target: FixTarget): Signal | undefined {
  const s = target.data?.signal ?? target.code.replace('self-monitoring-', '');
  return SIGNALS.find((x) => x === s);
}

/** Where a built plan sends a signal: the existing component it ends up in, else the destination. */
function sinkPhrase(b: StackBuilder, signal: Signal, destination: Destination): string {
  return b.existingSink(signal)?.key ?? PHRASE[destination];
}

function selfMonitoringFixes(target: FixTarget, ctx: FixContext): Fix[] {
  const signal = signalOf(target);
  if (!signal) return [];
  const reason = typeof target.data?.reason === 'string' ? target.data.reason : undefined;
  if (reason === 'zero-sampling') {
    const b = new StackBuilder(ctx);
    if (b.planSignal('traces', reason) !== 'planned') return [];
    const fraction = samplingFraction(ctx.settings);
    return [{ title: `Set tracing.sampling_fraction to ${fraction}`, isPreferred: true, edits: b.build() }];
  }
  const out: Fix[] = [];
  for (const destination of destinationsFor(ctx)) {
    const b = new StackBuilder(ctx, destination);
    if (b.planSignal(signal, reason) !== 'planned') continue;
    const edits = b.build();
    if (out.some((f) => sameEdits(f.edits, edits))) continue;
    const to = sinkPhrase(b, signal, destination);
    const title =
      signal === 'metrics'
        ? `Collect Alloy's own metrics and send them to ${to}`
        : `Send Alloy's own ${signal} to ${to}${reason === 'missing-write-to' || reason === 'empty-write-to' ? ` (${signal === 'logs' ? 'logging' : 'tracing'}.write_to)` : ''}`;
    out.push({ title, isPreferred: out.length === 0, edits });
  }
  return out;
}

function siteAt(ctx: FixContext, name: string, target: FixTarget): { first: BlockSite; later: BlockSite } | undefined {
  const sites = ctx.configuration.singletons.get(name) ?? [];
  const later = sites.find(
    (s, i) =>
      i > 0 && s.file.uri === target.uri && absolute(s.block.nameSpan, s.statement.start).start === target.span.start,
  );
  return later ? { first: sites[0], later } : undefined;
}

function normalized(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function textOf(site: BlockSite, span: Span): string {
  return site.file.text.slice(site.statement.start + span.start, site.statement.start + span.end);
}

/** An attribute's value for a title: one line, at most 40 characters. */
function shortValue(text: string): string {
  const one = normalized(text);
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}

function blockKey(b: BlockInfo): string {
  return b.label === undefined ? b.name : `${b.name} "${b.label}"`;
}

/**
 * Removing the later block is preferred: it is what Alloy needs and
 * changes nothing else. Merging is offered when the later block has
 * something the first lacks; its title names every value of the later
 * block that the first block's own value overrides (dropped, not merged).
 */
function duplicateBlockFixes(target: FixTarget, ctx: FixContext): Fix[] {
  const name = target.data?.block;
  if (typeof name !== 'string') return [];
  const found = siteAt(ctx, name, target);
  if (!found) return [];
  const { first, later } = found;
  const removal: FileEdit = {
    uri: later.file.uri,
    text: '',
    ...statementRemoval(later.file.text, later.statement.start, later.statement.end),
  };
  const fixes: Fix[] = [{ title: `Remove this duplicate '${name}' block`, isPreferred: true, edits: [removal] }];
  const attributes: string[] = [];
  const blocks: string[] = [];
  const dropped: string[] = [];
  for (const a of later.block.attributes) {
    const value = textOf(later, a.value.span);
    const mine = first.block.attributes.find((x) => x.name === a.name);
    if (!mine) attributes.push(`${a.name} = ${value}`);
    else if (normalized(textOf(first, mine.value.span)) !== normalized(value)) {
      dropped.push(`${a.name} = ${shortValue(value)}`);
    }
  }
  for (const inner of later.block.blocks) {
    const mine = first.block.blocks.find((x) => blockKey(x) === blockKey(inner));
    if (!mine) blocks.push(textOf(later, inner.span));
    else if (normalized(textOf(first, mine.span)) !== normalized(textOf(later, inner.span))) {
      dropped.push(`${blockKey(inner)} block`);
    }
  }
  if (attributes.length + blocks.length > 0) {
    const insert = blockEdit(
      ctx.language,
      first.file,
      first.statement,
      insertStatements(first.file.text, first.statement.start, first.block, attributes, blocks),
      true,
    );
    if (insert) {
      fixes.push({
        title: `Merge into the first '${name}' block${dropped.length ? `, dropping this block's ${dropped.join(', ')}` : ''}`,
        isPreferred: false,
        edits: [insert, removal],
      });
    }
  }
  return fixes;
}

/** A `prometheus.scrape` of an exporter's targets into a metrics receiver. */
function scrapeFor(
  ctx: FixContext,
  exporter: { name: string; label: string },
  receiver: { name: string; label: string },
): string {
  const taken = new Set([...ctx.configuration.allComponents()].map((d) => d.key));
  const short = exporter.name.split('.').pop()!;
  const candidates = [exporter.label, `${short}_${exporter.label}`];
  let label = candidates.find((l) => !taken.has(`prometheus.scrape.${l}`));
  for (let n = 2; !label; n++)
    if (!taken.has(`prometheus.scrape.${short}_${exporter.label}_${n}`)) label = `${short}_${exporter.label}_${n}`;
  const block: TemplateBlock = {
    type: 'block',
    name: 'prometheus.scrape',
    body: [
      { type: 'attribute', name: 'targets', value: { kind: 'ref', piece: 'exporter', field: 'targets' } },
      {
        type: 'attribute',
        name: 'forward_to',
        value: { kind: 'list', items: [{ kind: 'ref', piece: 'receiver', field: 'receiver' }] },
      },
    ],
  };
  const context = textContext(ctx.settings, (id) => (id === 'exporter' ? exporter : receiver));
  return toText(renderBlock(block, context, label));
}

/** A metrics receiver for the user's own metrics: one that delivers, and not one only Alloy's own metrics use. */
function userMetricsReceiver(ctx: FixContext) {
  const g = annotatedGraph(ctx.configuration);
  const onlyOwn = (n: GraphNode | undefined) =>
    n !== undefined &&
    n.selfMonitoring.includes('metrics') &&
    g.incoming(n.id).every((e) => e.selfMonitoring.includes('metrics') || e.carries.includes('value'));
  const receivers = topLevelComponents(ctx).filter(
    (d) =>
      (d.name === 'prometheus.remote_write' || d.name === 'otelcol.receiver.prometheus') &&
      !g.nodeOf(d)?.marks.includes('unwired') &&
      !g.nodeOf(d)?.marks.includes('dangling'),
  );
  const mine = receivers.find((d) => !onlyOwn(g.nodeOf(d)));
  return { receiver: mine ?? receivers[0], onlyOwn: mine === undefined };
}

/**
 * The connection an unwired exporter was probably meant to get: a component
 * of the user's pipeline that receives a signal the exporter takes and sends
 * it nowhere (a batch processor without a traces output, a relabel with an
 * empty forward_to). The fix adds the exporter there.
 */
function connectionFor(
  ctx: FixContext,
  exporter: GraphNode,
): { node: GraphNode; signal: string; edit: FileEdit } | undefined {
  const g = annotatedGraph(ctx.configuration);
  const otel = exporter.name.startsWith('otelcol.');
  const exportName = otel ? 'input' : 'receiver';
  for (const node of g.nodes) {
    if (node.uri !== ctx.file.uri || node.id === exporter.id) continue;
    if (node.name.startsWith('otelcol.') !== otel) continue;
    for (const lost of deadEnds(g, node)) {
      for (const signal of behaviourOf(node.name).emits(lost)) {
        if (!(exporter.accepts as string[]).includes(signal)) continue;
        const decl = [...ctx.configuration.allComponents()].find((d) => g.nodeOf(d) === node);
        if (!decl) continue;
        const item = `${exporter.name}.${exporter.label}.${exportName}`;
        const base = decl.statement.start;
        let change: { start: number; end: number; text: string } | undefined;
        if (otel) {
          const output = decl.block.blocks.find((b) => b.name === 'output');
          if (output && !output.attributes.some((a) => a.name === signal)) {
            change = insertIntoBody(ctx.file.text, base, output, [`${signal} = [${item}]`], 'after-attributes');
          }
        } else {
          const forward = decl.block.attributes.find((a) => a.name === 'forward_to');
          if (forward && forward.value.kind === 'array' && (forward.value.elements?.length ?? 0) === 0) {
            const span = forward.value.span;
            change = { start: base + span.start, end: base + span.end, text: `[${item}]` };
          }
        }
        if (!change) continue;
        const edit = blockEdit(ctx.language, decl.file, decl.statement, [change], true);
        if (edit) return { node, signal, edit };
      }
    }
  }
  return undefined;
}

function unwiredExporterFixes(target: FixTarget, ctx: FixContext): Fix[] {
  const { component, label } = target.data ?? {};
  if (typeof component !== 'string' || typeof label !== 'string') return [];
  const decl = ctx.configuration.components.get(`${component}.${label}`)?.[0];
  if (!decl) return [];
  const fixes: Fix[] = [];
  if (component === 'prometheus.exporter.self') {
    const b = new StackBuilder(ctx, destinationsFor(ctx)[0]);
    b.bindExisting('selfExporter', decl);
    if (decl.file === ctx.file) b.componentAnchor = decl.statement;
    b.need(b.template.roots.metrics, ['metrics']);
    const edits = b.build();
    fixes.push({
      title: `Scrape it and send Alloy's own metrics to ${sinkPhrase(b, 'metrics', destinationsFor(ctx)[0])}`,
      isPreferred: true,
      edits,
    });
  } else if (component.startsWith('prometheus.exporter.')) {
    const { receiver, onlyOwn } = userMetricsReceiver(ctx);
    if (receiver && decl.file === ctx.file) {
      const text = scrapeFor(ctx, decl, receiver);
      fixes.push({
        title: `Scrape it with a new prometheus.scrape forwarding to ${receiver.key}`,
        // The receiver of Alloy's own metrics is named for them: host metrics do not belong there unasked.
        isPreferred: !onlyOwn,
        edits: [
          {
            uri: ctx.file.uri,
            ...insertTopLevel(ctx.file.text, nextLineStart(ctx.file.text, decl.statement.end), [text]),
          },
        ],
      });
    }
  } else {
    // Never Alloy's own telemetry: the exporter was set up for the user's data, which does not reach it.
    const node = annotatedGraph(ctx.configuration).nodeOf(decl);
    const found = node && connectionFor(ctx, node);
    if (found) {
      fixes.push({
        title: `Send the ${found.signal} of ${nodeTitle(found.node)} to it (they go nowhere now)`,
        isPreferred: true,
        edits: [found.edit],
      });
    }
  }
  fixes.push({
    title: `Remove ${component} "${label}" (nothing uses it)`,
    isPreferred: false,
    edits: [
      { uri: decl.file.uri, text: '', ...statementRemoval(decl.file.text, decl.statement.start, decl.statement.end) },
    ],
  });
  return fixes;
}

function undefinedReferenceFixes(target: FixTarget, ctx: FixContext): Fix[] {
  const path = target.data?.path;
  if (!Array.isArray(path) || !path.every((p) => typeof p === 'string')) return [];
  const names = creatableComponents();
  for (let k = path.length - 1; k >= 2; k--) {
    const name = path.slice(0, k).join('.');
    if (!names.has(name)) continue;
    const label = path[k] as string;
    const field = path[k + 1] as string | undefined;
    if (field !== undefined && EXPORT_OF[name] !== field) return [];
    const candidates = destinationsFor(ctx).filter((d) =>
      DESTINATION_TEMPLATES[d].pieces.some((p) => p.block.name === name && p.reuse),
    );
    const destination =
      candidates.find((d) =>
        DESTINATION_TEMPLATES[d].pieces.some((p) => p.block.name === name && p.block.label === label),
      ) ?? candidates[0];
    if (!destination) return [];
    const piece = DESTINATION_TEMPLATES[destination].pieces.find((p) => p.block.name === name && p.reuse)!;
    const b = new StackBuilder(ctx, destination);
    b.need(piece.id, b.signalsOfPiece(piece.id), label);
    const at = statementAt(ctx, target.span.start);
    if (at?.block?.label !== undefined && ctx.configuration.components.has(`${at.block.name}.${at.block.label}`)) {
      b.componentAnchor = at;
    }
    return [
      {
        title: `Create ${name} "${label}" from the self-monitoring template (${DESTINATION_TEMPLATES[destination].title})`,
        isPreferred: true,
        edits: b.build(),
      },
    ];
  }
  return [];
}

function deprecatedFunctionFixes(target: FixTarget, ctx: FixContext): Fix[] {
  const { name, replacement } = target.data ?? {};
  if (typeof name !== 'string' || typeof replacement !== 'string') return [];
  const current = ctx.file.text.slice(target.span.start, target.span.end);
  if (current.replace(/\s+/g, '') !== name) return [];
  return [
    {
      title: `Replace '${name}' with '${replacement}'`,
      isPreferred: true,
      edits: [{ uri: target.uri, start: target.span.start, end: target.span.end, text: replacement }],
    },
  ];
}

function fixesOf(target: FixTarget, ctx: FixContext): Fix[] {
  switch (target.code) {
    case 'self-monitoring-metrics':
    case 'self-monitoring-logs':
    case 'self-monitoring-traces':
      return selfMonitoringFixes(target, ctx);
    case 'duplicate-block':
      return duplicateBlockFixes(target, ctx);
    case 'unwired-exporter':
      return unwiredExporterFixes(target, ctx);
    case 'undefined-reference':
      return undefinedReferenceFixes(target, ctx);
    case 'deprecated-function':
      return deprecatedFunctionFixes(target, ctx);
    default:
      return schemaFixes(target, ctx, ctx.version ?? DEFAULT_ALLOY_VERSION) ?? [];
  }
}

/** Inserted text takes the line ending of the file it goes into (CRLF files stay CRLF). */
function withLineEndings(edits: FileEdit[], ctx: FixContext): FileEdit[] {
  return edits.map((e) => {
    const text = ctx.configuration.files.find((f) => f.uri === e.uri)?.text ?? '';
    const nl = text.indexOf('\n');
    return nl > 0 && text[nl - 1] === '\r' ? { ...e, text: e.text.replace(/\r?\n/g, '\r\n') } : e;
  });
}

/** The fixes of one diagnostic, the preferred one first; inserted text in each file's indentation and line endings. */
export function fixesFor(target: FixTarget, ctx: FixContext): Fix[] {
  return fixesOf(target, ctx).map((f) => ({ ...f, edits: withLineEndings(withIndentation(f.edits, ctx), ctx) }));
}

export const ADD_SELF_MONITORING_TITLE = 'Add Alloy self-monitoring (metrics, logs, traces)';

/**
 * The edits that add whatever of the self-monitoring stack is missing for
 * `signals` (all three by default), or undefined when nothing is missing or
 * the configuration is a module or has syntax errors.
 */
export function addSelfMonitoring(
  ctx: FixContext,
  signals: readonly Signal[] = SIGNALS,
  destination: Destination = destinationOf(ctx),
): { edits: FileEdit[]; signals: Signal[] } | undefined {
  const config = ctx.configuration;
  if (config.isModule || config.hasSyntaxErrors) return undefined;
  const b = new StackBuilder(ctx, destination);
  const planned = SIGNALS.filter((s) => signals.includes(s) && b.planSignal(s) === 'planned');
  if (planned.length === 0) return undefined;
  return { edits: withLineEndings(withIndentation(b.build(), ctx), ctx), signals: planned };
}

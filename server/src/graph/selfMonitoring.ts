/**
 * Where Alloy's own telemetry goes: its logs from the `logging` block, its
 * traces from the `tracing` block, its metrics from each
 * `prometheus.exporter.self` (targets, scraped into metrics) or from a
 * `prometheus.scrape` of its own HTTP endpoint.
 */
import type { Configuration } from '../analysis/configuration';
import type { DataSignal } from '../knowledge/signals';
import { scrapesOwnEndpointDecls } from './ownEndpoint';
import { signalGraph } from './build';
import { deliver, type Delivery } from './reach';
import { nodeTitle } from './render';

export type OwnSignal = 'metrics' | 'logs' | 'traces';

export interface OwnDelivery {
  /** The node the signal starts from. */
  start: string;
  delivery: Delivery;
}

const cache = new WeakMap<Configuration, Map<OwnSignal, OwnDelivery[]>>();

/** Every start of a signal of Alloy's own, with where it goes (cached per configuration). */
export function ownDeliveries(config: Configuration, signal: OwnSignal): OwnDelivery[] {
  let perConfig = cache.get(config);
  if (!perConfig) {
    perConfig = new Map();
    cache.set(config, perConfig);
  }
  const hit = perConfig.get(signal);
  if (hit) return hit;
  const g = signalGraph(config);
  const out: OwnDelivery[] = [];
  if (signal === 'metrics') {
    for (const decl of config.allComponents()) {
      if (decl.name !== 'prometheus.exporter.self') continue;
      const node = g.nodeOf(decl);
      if (node) out.push({ start: node.id, delivery: deliver(g, node.id, 'targets', 'metrics') });
    }
    for (const decl of scrapesOwnEndpointDecls(config)) {
      const node = g.nodeOf(decl);
      if (node) out.push({ start: node.id, delivery: deliver(g, node.id, 'metrics', 'metrics') });
    }
  } else {
    const site = config.singletons.get(signal === 'logs' ? 'logging' : 'tracing')?.[0];
    const node = site && g.nodeOfSite(site);
    if (node) out.push({ start: node.id, delivery: deliver(g, node.id, signal, signal as DataSignal) });
  }
  perConfig.set(signal, out);
  return out;
}

/** True when some start of the signal reaches a backend (or leaves for a module the graph cannot see). */
export function ownSignalArrives(config: Configuration, signal: OwnSignal): boolean {
  return ownDeliveries(config, signal).some((d) => d.delivery.status !== 'lost');
}

/** Why a lost signal is lost, in words, from the first place the graph lost it. */
export function lossPhrase(config: Configuration, d: Delivery, signal: OwnSignal): string {
  const g = signalGraph(config);
  const loss = d.losses[0];
  if (!loss) {
    const start = g.node(d.path[0] ?? '') ?? (d.start !== undefined ? g.node(d.start) : undefined);
    if (start?.name === 'prometheus.scrape') return `${nodeTitle(start)} forwards them nowhere`;
    return signal === 'metrics' ? 'nothing scrapes its targets' : 'nothing takes them';
  }
  const node = g.node(loss.node);
  const name = node ? (node.label !== undefined ? `${node.name} "${node.label}"` : node.name) : loss.node;
  switch (loss.why) {
    case 'not-accepted':
      return `${name} does not take ${loss.signal}`;
    case 'drop':
      return `${name} only prints them to the console`;
    case 'dead-end':
      return `${name} sends its ${loss.signal} nowhere`;
  }
}

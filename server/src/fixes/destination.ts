/**
 * Where a configuration already sends its data, from the endpoints of its
 * backends: all on this machine or on bare service names (`localhost`,
 * `127.0.0.1`, `tempo:4317`) means a local stack, a `grafana.net` host means
 * Grafana Cloud; endpoints read from the environment do not count. New
 * self-monitoring parts follow it rather than the default destination.
 */
import type { Configuration } from '../analysis/configuration';
import { annotatedGraph } from '../graph/annotate';
import type { BlockInfo } from '../model/types';
import type { Destination } from '../settings';

/** Attributes of a backend's blocks that hold where it sends: `url`, `endpoint`. */
const ENDPOINT_ATTRIBUTES = new Set(['url', 'endpoint']);

function endpointStrings(block: BlockInfo, out: string[]): void {
  for (const a of block.attributes) {
    if (!ENDPOINT_ATTRIBUTES.has(a.name)) continue;
    if (a.value.kind === 'string' && a.value.text !== undefined) out.push(a.value.text);
    else out.push(''); // read from the environment or computed: unknown
  }
  for (const b of block.blocks) endpointStrings(b, out);
}

function hostOf(url: string): string | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url.trim());
  return m?.[1]?.toLowerCase();
}

function isLocalHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host === '[::1]' ||
    host === '0.0.0.0' ||
    /^127\./.test(host) ||
    host.endsWith('.localhost') ||
    // A bare service name (docker compose, a Kubernetes service in the same namespace).
    /^[a-z][a-z0-9_-]*$/.test(host)
  );
}

/** The destination the configuration's backends point at, or undefined when they do not say. */
export function inferDestination(config: Configuration): Destination | undefined {
  const g = annotatedGraph(config);
  const urls: string[] = [];
  for (const decl of config.allComponents()) {
    if (g.nodeOf(decl)?.behaviour !== 'backend') continue;
    endpointStrings(decl.block, urls);
  }
  // An endpoint read from the environment or computed says nothing about where the data goes (the parts the
  // fixes add are all of that kind); the written ones decide.
  const hosts = urls.map(hostOf).filter((h): h is string => h !== undefined);
  if (hosts.length === 0) return undefined;
  if (hosts.some((h) => h.endsWith('grafana.net'))) return 'grafana-cloud';
  if (hosts.every(isLocalHost)) return 'local-lgtm';
  return undefined;
}

/**
 * Hand-written roles on top of the generated catalog: what the connecting
 * types mean (which signal flows through a `LogsReceiver`, ...) and which
 * components are pipeline ends whose export must be used somewhere. Keyed by
 * export type wherever possible, so new components of the docs are covered
 * without editing this file. Tests check every entry against the catalog.
 */
import type { TypeName } from './schema';

/** What flows through a connection. `targets` are discovery/exporter target lists. */
export type Flow = 'metrics' | 'logs' | 'traces' | 'profiles' | 'targets';

export interface ConnectionRole {
  /** The export type, e.g. `LogsReceiver`. */
  type: TypeName;
  flows: readonly Flow[];
  /** A few words for messages: "logs receiver". */
  noun: string;
  /** A typical export of this type, for messages and completions. */
  example: string;
}

/** Export types that carry telemetry (or targets) from one component to another. */
export const CONNECTION_ROLES: Readonly<Record<string, ConnectionRole>> = {
  MetricsReceiver: {
    type: 'MetricsReceiver',
    flows: ['metrics'],
    noun: 'metrics receiver',
    example: 'prometheus.remote_write.LABEL.receiver',
  },
  LogsReceiver: {
    type: 'LogsReceiver',
    flows: ['logs'],
    noun: 'logs receiver',
    example: 'loki.write.LABEL.receiver',
  },
  'otelcol.Consumer': {
    type: 'otelcol.Consumer',
    flows: ['metrics', 'logs', 'traces'],
    noun: 'OpenTelemetry consumer',
    example: 'otelcol.exporter.otlphttp.LABEL.input',
  },
  ProfilesReceiver: {
    type: 'ProfilesReceiver',
    flows: ['profiles'],
    noun: 'profiles receiver',
    example: 'pyroscope.write.LABEL.receiver',
  },
  'list(map(string))': {
    type: 'list(map(string))',
    flows: ['targets'],
    noun: 'list of targets',
    example: 'prometheus.exporter.self.LABEL.targets',
  },
};

export type SinkKind = 'exporter' | 'sink';

export interface ReferenceRequirement {
  /** A component name, or a namespace prefix ending in `.*`. */
  pattern: string;
  /** The export something else has to reference, or the component is useless. */
  export: string;
  /** `exporter`: produces targets or forwards OTLP; `sink`: writes to a backend. */
  kind: SinkKind;
}

/**
 * Components whose only purpose is served through one export: if nothing
 * references it, the component runs for nothing (an unwired exporter).
 */
export const MUST_BE_REFERENCED: readonly ReferenceRequirement[] = [
  { pattern: 'prometheus.exporter.*', export: 'targets', kind: 'exporter' },
  { pattern: 'otelcol.exporter.*', export: 'input', kind: 'exporter' },
  { pattern: 'loki.write', export: 'receiver', kind: 'sink' },
  { pattern: 'prometheus.remote_write', export: 'receiver', kind: 'sink' },
  { pattern: 'pyroscope.write', export: 'receiver', kind: 'sink' },
];

export interface WiringAttribute {
  /** A config block or component name. */
  owner: string;
  /** Blocks between the owner and the attribute (empty for a top-level attribute). */
  path: readonly string[];
  attribute: string;
  /** The element type expected (each element of the list when `list` is true). */
  type: TypeName;
  list: boolean;
}

/**
 * The wiring attributes that self-monitoring depends on. The catalog gives
 * the same types (a test checks it); these are spelled out so the rules do
 * not silently lose them if a docs table changes.
 */
export const WIRING_ATTRIBUTES: readonly WiringAttribute[] = [
  { owner: 'logging', path: [], attribute: 'write_to', type: 'LogsReceiver', list: true },
  { owner: 'tracing', path: [], attribute: 'write_to', type: 'otelcol.Consumer', list: true },
  { owner: 'prometheus.scrape', path: [], attribute: 'forward_to', type: 'MetricsReceiver', list: true },
  { owner: 'prometheus.scrape', path: [], attribute: 'targets', type: 'list(map(string))', list: false },
];

/** Does `name` match a `MUST_BE_REFERENCED` pattern? */
export function matchesPattern(pattern: string, name: string): boolean {
  return pattern.endsWith('.*')
    ? name.startsWith(pattern.slice(0, -1)) && name.length > pattern.length - 1
    : pattern === name;
}

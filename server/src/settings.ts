/**
 * The analyzer's settings (section `alloy` in VS Code, `initializationOptions`
 * or `workspace/configuration` elsewhere) and their defaults. The settings
 * schema in the extension's package.json is checked against these defaults
 * by a test.
 */
import { RULE_CODES, RULE_METADATA, type RuleCode } from './rules/metadata';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';
export type ConfigMode = 'file' | 'directory';
export type Destination = 'grafana-cloud' | 'otlp' | 'local-lgtm';
export const DESTINATIONS: readonly Destination[] = ['grafana-cloud', 'otlp', 'local-lgtm'];

export interface SelfMonitoringSettings {
  /** Where the inserted self-monitoring stack sends Alloy's telemetry. */
  destination: Destination;
  /** `tracing.sampling_fraction` of the inserted stack. */
  samplingFraction: number;
  /** `prometheus.scrape.scrape_interval` of the inserted stack. */
  scrapeInterval: string;
  /** `logging.level` of the inserted stack. */
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** `logging.format` of the inserted stack. */
  logFormat: 'logfmt' | 'json';
}

/**
 * The Alloy versions the knowledge catalog covers (`1.13` ... `1.18`, and
 * `dev` for the development snapshot of the docs), newest release first in
 * importance: it is the default. A test checks this list against the
 * catalog's releases, so the client does not have to load the catalog.
 */
export const ALLOY_VERSION_NAMES = ['1.13', '1.14', '1.15', '1.16', '1.17', '1.18', 'dev'] as const;
export const DEFAULT_ALLOY_VERSION_NAME = '1.18';

/** `1.16`, `v1.16.3`, `1.16.0`, `dev` -> the catalog's name of that version, or undefined. */
export function normalizeAlloyVersion(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const text = input.trim().toLowerCase();
  if (text === 'dev' || text === 'development' || text === 'main') return 'dev';
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text);
  const name = m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
  return name !== undefined && (ALLOY_VERSION_NAMES as readonly string[]).includes(name) ? name : undefined;
}

export interface Settings {
  /** Per-file analysis, or one configuration per directory as `alloy run DIR` loads it. */
  configMode: ConfigMode;
  /** The Alloy release the rules judge by (`1.13` ... `1.18`, or `dev`). */
  version: string;
  /** Severity of each rule, or `off`. */
  rules: Record<RuleCode, SeveritySetting>;
  selfMonitoring: SelfMonitoringSettings;
  /** Files larger than this many megabytes get one diagnostic instead of analysis. */
  maxFileSize: number;
}

/** Each rule's default severity, from its metadata (rules/metadata.ts). */
export const DEFAULT_RULE_SEVERITY = Object.fromEntries(
  RULE_CODES.map((code) => [code, RULE_METADATA[code].defaultSeverity]),
) as Record<RuleCode, SeveritySetting>;

export const DEFAULT_SETTINGS: Settings = {
  configMode: 'file',
  version: DEFAULT_ALLOY_VERSION_NAME,
  rules: DEFAULT_RULE_SEVERITY,
  selfMonitoring: {
    destination: 'grafana-cloud',
    samplingFraction: 0.1,
    scrapeInterval: '60s',
    logLevel: 'info',
    logFormat: 'json',
  },
  maxFileSize: 50,
};

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

function pick<T>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/**
 * Merges user-supplied settings (any shape: they come from editors) over the
 * defaults, ignoring unknown keys and values of the wrong type.
 */
export function resolveSettings(input: unknown): Settings {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const rulesIn = (raw.rules && typeof raw.rules === 'object' ? raw.rules : {}) as Record<string, unknown>;
  const rules = { ...DEFAULT_RULE_SEVERITY };
  for (const code of Object.keys(rules) as RuleCode[]) rules[code] = pick(rulesIn[code], SEVERITIES, rules[code]);
  const smIn = (raw.selfMonitoring && typeof raw.selfMonitoring === 'object' ? raw.selfMonitoring : {}) as Record<
    string,
    unknown
  >;
  const d = DEFAULT_SETTINGS.selfMonitoring;
  const fraction = smIn.samplingFraction;
  return {
    configMode: pick(raw.configMode, ['file', 'directory'] as const, DEFAULT_SETTINGS.configMode),
    version: normalizeAlloyVersion(raw.version) ?? DEFAULT_SETTINGS.version,
    rules,
    selfMonitoring: {
      destination: pick(smIn.destination, DESTINATIONS, d.destination),
      samplingFraction: typeof fraction === 'number' && fraction > 0 && fraction <= 1 ? fraction : d.samplingFraction,
      scrapeInterval:
        typeof smIn.scrapeInterval === 'string' && /^\d+(ms|s|m|h)$/.test(smIn.scrapeInterval)
          ? smIn.scrapeInterval
          : d.scrapeInterval,
      logLevel: pick(smIn.logLevel, ['error', 'warn', 'info', 'debug'] as const, d.logLevel),
      logFormat: pick(smIn.logFormat, ['logfmt', 'json'] as const, d.logFormat),
    },
    maxFileSize:
      typeof raw.maxFileSize === 'number' && raw.maxFileSize > 0 && Number.isFinite(raw.maxFileSize)
        ? raw.maxFileSize
        : DEFAULT_SETTINGS.maxFileSize,
  };
}

/**
 * The self-monitoring template's choices as command-line flags: the VS Code settings `alloy.selfMonitoring.*` with
 * the same names in kebab case (`samplingFraction` -> `--sampling-fraction`) and the same defaults and ranges.
 */
import { DEFAULT_SETTINGS, DESTINATIONS, type SelfMonitoringSettings } from '../settings';

type Key = keyof SelfMonitoringSettings;

const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
const LOG_FORMATS = ['logfmt', 'json'] as const;

/** Flag name for each setting. */
export const TEMPLATE_FLAGS: Record<Key, string> = {
  destination: 'destination',
  samplingFraction: 'sampling-fraction',
  scrapeInterval: 'scrape-interval',
  logLevel: 'log-level',
  logFormat: 'log-format',
};

export const TEMPLATE_OPTION_SPEC: Record<string, 'string'> = Object.fromEntries(
  Object.values(TEMPLATE_FLAGS).map((f) => [f, 'string' as const]),
);

const d = DEFAULT_SETTINGS.selfMonitoring;

export const TEMPLATE_USAGE = `  --destination NAME   where it sends data: ${DESTINATIONS.join(', ')} (default ${d.destination})
  --sampling-fraction N  tracing sampling_fraction, more than 0 and at most 1 (default ${d.samplingFraction})
  --scrape-interval D  scrape_interval of Alloy's own metrics, e.g. 15s, 1m (default ${d.scrapeInterval})
  --log-level LEVEL    logging level: ${LOG_LEVELS.join(', ')} (default ${d.logLevel})
  --log-format FORMAT  logging format: ${LOG_FORMATS.join(', ')} (default ${d.logFormat})
`;

/** The template settings from parsed options, or a usage error. */
export function templateSettings(options: Record<string, string | boolean>): SelfMonitoringSettings | string {
  const get = (k: Key) => options[TEMPLATE_FLAGS[k]] as string | undefined;
  const out: SelfMonitoringSettings = { ...d };
  const destination = get('destination');
  if (destination !== undefined) {
    if (!(DESTINATIONS as readonly string[]).includes(destination)) {
      return `unknown destination '${destination}' (use ${DESTINATIONS.join(', ')})`;
    }
    out.destination = destination as SelfMonitoringSettings['destination'];
  }
  const fraction = get('samplingFraction');
  if (fraction !== undefined) {
    const n = Number(fraction);
    if (fraction.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1) {
      return `--sampling-fraction '${fraction}' is not a number more than 0 and at most 1`;
    }
    out.samplingFraction = n;
  }
  const interval = get('scrapeInterval');
  if (interval !== undefined) {
    if (!/^\d+(ms|s|m|h)$/.test(interval)) return `--scrape-interval '${interval}' is not a duration such as 15s or 1m`;
    out.scrapeInterval = interval;
  }
  const level = get('logLevel');
  if (level !== undefined) {
    if (!(LOG_LEVELS as readonly string[]).includes(level)) {
      return `unknown log level '${level}' (use ${LOG_LEVELS.join(', ')})`;
    }
    out.logLevel = level as SelfMonitoringSettings['logLevel'];
  }
  const format = get('logFormat');
  if (format !== undefined) {
    if (!(LOG_FORMATS as readonly string[]).includes(format)) {
      return `unknown log format '${format}' (use ${LOG_FORMATS.join(', ')})`;
    }
    out.logFormat = format as SelfMonitoringSettings['logFormat'];
  }
  return out;
}

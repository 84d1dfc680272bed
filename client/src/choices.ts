/** The choices "Alloy: Add Self-Monitoring" offers, in the order it offers them. */
import { SIGNALS, type Signal } from '../../server/src/protocol';
import { DESTINATIONS, type Destination } from '../../server/src/settings';

export interface Choice<T extends string> {
  value: T;
  label: string;
  detail: string;
}

const DESTINATION_DETAILS: Record<Destination, string> = {
  'grafana-cloud': 'Grafana Cloud: credentials and endpoints read from environment variables with sys.env',
  otlp: 'Any OTLP endpoint, such as an OpenTelemetry Collector, with its address from an environment variable',
  'local-lgtm': 'A local Loki, Grafana, Tempo and Mimir stack on this machine, without authentication',
};

const SIGNAL_DETAILS: Record<Signal, string> = {
  metrics: "Scrape Alloy's own metrics (prometheus.exporter.self + prometheus.scrape)",
  logs: "Send Alloy's own logs (logging { write_to = [...] })",
  traces: "Send Alloy's own traces (tracing { write_to = [...] })",
};

/** Every destination, the configured default first. */
export function destinationChoices(preferred: unknown): Choice<Destination>[] {
  const first = DESTINATIONS.find((d) => d === preferred);
  const ordered = first ? [first, ...DESTINATIONS.filter((d) => d !== first)] : [...DESTINATIONS];
  return ordered.map((value) => ({
    value,
    label: value,
    detail: DESTINATION_DETAILS[value],
  }));
}

/** Every signal; all of them are preselected. */
export function signalChoices(): Choice<Signal>[] {
  return SIGNALS.map((value) => ({ value, label: value, detail: SIGNAL_DETAILS[value] }));
}

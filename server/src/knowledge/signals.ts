/**
 * What each component does with the data it is sent, per signal: the facts
 * the signal-flow graph (server/src/graph) needs beyond the catalog's export
 * and argument types. The catalog says that `otelcol.exporter.syslog`
 * exports an `otelcol.Consumer`; only its page says that it takes logs and
 * ignores every other signal.
 *
 * Each entry names the reference page it comes from (relative to the Alloy
 * docs repository, as the catalog's `source`) and quotes the sentence that
 * says it; a test checks every quote against the docs snapshot. Components
 * without an entry get their behaviour from the catalog alone (see
 * `signalBehaviour`): the signal of their receiver export, and `pass` when
 * they have arguments that send data on, `backend` otherwise.
 */

/** A telemetry signal that flows between components. */
export type DataSignal = 'metrics' | 'logs' | 'traces' | 'profiles';
/** What an edge of the graph carries: a signal, a list of targets, or another value (a handler, a secret, rules). */
export type Carried = DataSignal | 'targets' | 'value';

export const DATA_SIGNALS: readonly DataSignal[] = ['metrics', 'logs', 'traces', 'profiles'];
const OTLP: DataSignal[] = ['metrics', 'logs', 'traces'];

/**
 * - `backend`: writes what it accepts to an endpoint outside Alloy (or a durable store): the data arrives.
 * - `pass`: hands what it accepts on through its outputs (processors, relabels, converting receivers, connectors).
 * - `drop`: accepts data and keeps it nowhere (prints it to the console).
 * - `source`: produces data or targets and accepts none.
 */
export type Behaviour = 'backend' | 'pass' | 'drop' | 'source';

export interface SignalFact {
  /** A component name, or a namespace prefix ending in `.*`. Exact names win over prefixes. */
  component: string;
  /** The signals (or `targets`) the component takes through its input export or its `targets` argument. */
  accepts: readonly (DataSignal | 'targets')[];
  behaviour: Behaviour;
  /** For `pass`: what it sends on for each signal it accepts (by default, the same signal). */
  emits?: Partial<Record<DataSignal | 'targets', readonly DataSignal[]>>;
  /** Reference page, relative to the docs repository. */
  source: string;
  /** The sentence of the page that says so (checked against the docs by a test). */
  evidence: string;
}

const page = (name: string) =>
  `docs/sources/reference/components/${name.split('.')[0]}/${name.replace(/\.\*$/, '')}.md`;

function fact(
  component: string,
  accepts: readonly (DataSignal | 'targets')[],
  behaviour: Behaviour,
  evidence: string,
  emits?: SignalFact['emits'],
): SignalFact {
  return { component, accepts, behaviour, emits, source: page(component), evidence };
}

const ANY = 'data for any telemetry signal (metrics, logs, or traces)';

export const SIGNAL_FACTS: readonly SignalFact[] = [
  // OpenTelemetry exporters: the signals their `input` takes.
  fact('otelcol.exporter.otlp', OTLP, 'backend', `\`input\` accepts \`otelcol.Consumer\` ${ANY}.`),
  fact('otelcol.exporter.otlphttp', OTLP, 'backend', `\`input\` accepts \`otelcol.Consumer\` ${ANY}.`),
  fact(
    'otelcol.exporter.syslog',
    ['logs'],
    'backend',
    '`input` accepts `otelcol.Consumer` data for logs. Other telemetry signals are ignored.',
  ),
  fact(
    'otelcol.exporter.faro',
    ['logs', 'traces'],
    'backend',
    '`input` accepts `otelcol.Consumer` data for logs and traces.',
  ),
  fact(
    'otelcol.exporter.loadbalancing',
    ['logs', 'traces'],
    'backend',
    'accepts logs and traces from other `otelcol` components',
  ),
  fact('otelcol.exporter.kafka', OTLP, 'backend', `\`input\` accepts \`otelcol.Consumer\` ${ANY}.`),
  fact('otelcol.exporter.awss3', OTLP, 'backend', `\`input\` accepts \`otelcol.Consumer\` ${ANY}.`),
  fact('otelcol.exporter.file', OTLP, 'backend', 'accepts metrics, logs, and traces telemetry data'),
  fact('otelcol.exporter.googlecloud', OTLP, 'backend', 'accepts metrics, traces, and logs'),
  fact('otelcol.exporter.googlecloudpubsub', OTLP, 'backend', 'accepts metrics, traces, and logs'),
  fact(
    'otelcol.exporter.datadog',
    ['metrics', 'traces'],
    'backend',
    'accepts metrics and traces telemetry data from other `otelcol` components and sends it to Datadog.',
  ),
  fact(
    'otelcol.exporter.splunkhec',
    ['metrics', 'traces'],
    'backend',
    'accepts metrics and traces telemetry data from other `otelcol` components and sends it to Splunk HEC.',
  ),
  fact(
    'otelcol.exporter.debug',
    OTLP,
    'drop',
    'accepts telemetry data from other `otelcol` components and writes them to the console (stderr).',
  ),
  // Exporters that convert to Alloy's own pipelines (they send on through `forward_to`).
  fact(
    'otelcol.exporter.prometheus',
    ['metrics'],
    'pass',
    '`input` accepts `otelcol.Consumer` data for metrics. Other telemetry signals are ignored.',
  ),
  fact(
    'otelcol.exporter.loki',
    ['logs'],
    'pass',
    '`input` accepts `otelcol.Consumer` data for logs. Other telemetry signals are ignored.',
  ),
  // Receivers that convert Prometheus metrics and Loki entries to OTLP.
  fact(
    'otelcol.receiver.prometheus',
    ['metrics'],
    'pass',
    'receives Prometheus metrics, converts them to the OpenTelemetry metrics format',
  ),
  fact(
    'otelcol.receiver.loki',
    ['logs'],
    'pass',
    'receives Loki log entries, converts them to the OpenTelemetry logs format',
  ),
  // Processors: pass on what they receive.
  fact('otelcol.processor.attributes', OTLP, 'pass', `\`input\` accepts \`otelcol.Consumer\` ${ANY}.`),
  fact(
    'otelcol.processor.batch',
    OTLP,
    'pass',
    '`input` accepts `otelcol.Consumer` data for any telemetry signal including metrics, logs, or traces.',
  ),
  fact(
    'otelcol.processor.cumulativetodelta',
    ['metrics'],
    'pass',
    '`input` accepts `otelcol.Consumer` data for metrics.',
  ),
  fact(
    'otelcol.processor.deltatocumulative',
    ['metrics'],
    'pass',
    '`input` accepts `otelcol.Consumer` data for metrics.',
  ),
  fact('otelcol.processor.discovery', ['traces'], 'pass', 'OTLP-formatted data for telemetry signals of these types'),
  fact('otelcol.processor.filter', OTLP, 'pass', `\`input\` accepts \`otelcol.Consumer\` ${ANY}.`),
  fact('otelcol.processor.groupbyattrs', OTLP, 'pass', `\`input\` accepts \`otelcol.Consumer\` ${ANY}.`),
  fact('otelcol.processor.interval', ['metrics'], 'pass', '`input` accepts `otelcol.Consumer` data for metrics.'),
  fact('otelcol.processor.k8sattributes', OTLP, 'pass', `\`input\` accepts \`otelcol.Consumer\` ${ANY}.`),
  fact('otelcol.processor.memory_limiter', OTLP, 'pass', `\`input\` accepts \`otelcol.Consumer\` ${ANY}.`),
  fact(
    'otelcol.processor.metric_start_time',
    ['metrics'],
    'pass',
    '`input` accepts `otelcol.Consumer` data for metrics.',
  ),
  fact(
    'otelcol.processor.probabilistic_sampler',
    ['logs', 'traces'],
    'pass',
    'OTLP-formatted data for any telemetry signal of these types',
  ),
  fact('otelcol.processor.redaction', OTLP, 'pass', `\`input\` accepts \`otelcol.Consumer\` ${ANY}.`),
  fact(
    'otelcol.processor.resourcedetection',
    OTLP,
    'pass',
    'OTLP-formatted data for any telemetry signal of these types',
  ),
  fact(
    'otelcol.processor.span',
    ['traces'],
    'pass',
    '`input` accepts `otelcol.Consumer` OTLP-formatted data for traces telemetry signals.',
  ),
  fact('otelcol.processor.tail_sampling', OTLP, 'pass', `\`input\` accepts \`otelcol.Consumer\` ${ANY}.`),
  fact('otelcol.processor.transform', OTLP, 'pass', `\`input\` accepts \`otelcol.Consumer\` ${ANY}.`),
  // Connectors: turn one signal into another.
  fact(
    'otelcol.connector.spanmetrics',
    ['traces'],
    'pass',
    '`input` accepts `otelcol.Consumer` traces telemetry data.',
    { traces: ['metrics'] },
  ),
  fact(
    'otelcol.connector.servicegraph',
    ['traces'],
    'pass',
    '`input` accepts `otelcol.Consumer` traces telemetry data.',
    { traces: ['metrics'] },
  ),
  fact('otelcol.connector.host_info', ['traces'], 'pass', '`input` accepts `otelcol.Consumer` traces telemetry data.', {
    traces: ['metrics'],
  }),
  fact(
    'otelcol.connector.spanlogs',
    ['traces'],
    'pass',
    'accepts traces telemetry data from other `otelcol` components and outputs logs telemetry data',
    { traces: ['logs'] },
  ),
  fact(
    'otelcol.connector.count',
    OTLP,
    'pass',
    '`input` accepts `otelcol.Consumer` data for traces, metrics, and logs.',
    { traces: ['metrics'], metrics: ['metrics'], logs: ['metrics'] },
  ),
  fact(
    'otelcol.connector.signaltometrics',
    OTLP,
    'pass',
    '`input` accepts `otelcol.Consumer` data for traces, metrics, and logs.',
    { traces: ['metrics'], metrics: ['metrics'], logs: ['metrics'] },
  ),
  // Alloy's own pipelines.
  fact(
    'prometheus.remote_write',
    ['metrics'],
    'backend',
    'collects metrics sent from other components into a Write-Ahead Log (WAL) and forwards them over the network',
  ),
  fact(
    'loki.write',
    ['logs'],
    'backend',
    'receives log entries from other loki components and sends them over the network',
  ),
  fact(
    'pyroscope.write',
    ['profiles'],
    'backend',
    'receives performance profiles from other components and forwards them',
  ),
  fact(
    'prometheus.echo',
    ['metrics'],
    'drop',
    'receives Prometheus metrics and writes them to stdout in Prometheus exposition format',
  ),
  fact('loki.echo', ['logs'], 'drop', 'receives log entries from other `loki` components and prints them'),
  // Components that turn targets into data.
  fact('prometheus.scrape', ['targets'], 'pass', 'configures a Prometheus scraping job for a given set of `targets`', {
    targets: ['metrics'],
  }),
  fact('pyroscope.scrape', ['targets'], 'pass', 'performance profiles for a given set of HTTP `targets`', {
    targets: ['profiles'],
  }),
];

export interface SignalBehaviour {
  accepts: ReadonlySet<DataSignal | 'targets'>;
  behaviour: Behaviour;
  /** What it sends on, per accepted signal. */
  emits(signal: DataSignal | 'targets'): readonly DataSignal[] | undefined;
  /** The fact it comes from; undefined when derived from the catalog alone. */
  fact?: SignalFact;
}

let exact: Map<string, SignalFact> | undefined;
function exactIndex(): Map<string, SignalFact> {
  exact ??= new Map(SIGNAL_FACTS.filter((f) => !f.component.endsWith('.*')).map((f) => [f.component, f]));
  return exact;
}

/** The recorded fact of a component, if any (exact names first, then prefixes). */
export function signalFact(component: string): SignalFact | undefined {
  const hit = exactIndex().get(component);
  if (hit) return hit;
  return SIGNAL_FACTS.find((f) => f.component.endsWith('.*') && component.startsWith(f.component.slice(0, -1)));
}

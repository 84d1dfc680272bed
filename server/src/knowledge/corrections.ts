/**
 * What the reference docs get wrong or leave out, where a schema rule would
 * otherwise report a configuration Alloy accepts. Each entry names the block
 * (component or config block, then the path of nested blocks), what to
 * correct, and where Alloy shows the docs are incomplete: a configuration in
 * Alloy's own repository (grafana/alloy) that Alloy's tests load, or the
 * docs' own prose. The rules read these facts; they guess nothing.
 */
export interface Correction {
  owner: string;
  path: readonly string[];
  /** The docs do not list every argument (or nested block) here: unknown names are not reported. */
  incomplete?: readonly ('arguments' | 'blocks')[];
  /** Arguments or blocks the docs mark required that Alloy does not require (or requires one of). */
  notRequired?: readonly string[];
  /** Argument types that differ from the docs' Type column. */
  types?: Readonly<Record<string, string>>;
  /** Nested blocks may also be any top-level block of the owner (loki.process `stage.match` holds stages). */
  nestsOwnerBlocks?: true;
  source: string;
}

const CONVERTER = 'grafana/alloy internal/converter/internal';

export const CORRECTIONS: readonly Correction[] = [
  {
    owner: 'loki.process',
    path: ['stage.match'],
    nestsOwnerBlocks: true,
    source:
      'loki.process reference page: stage.match runs its nested stages; modules repository kubernetes/core/logs.alloy',
  },
  {
    owner: 'prometheus.remote_write',
    path: ['endpoint', 'azuread'],
    notRequired: ['managed_identity', 'oauth', 'sdk', 'workload_identity'],
    source: 'prometheus.remote_write reference page: "exactly one of" these blocks',
  },
  {
    owner: 'loki.source.docker',
    path: [],
    notRequired: ['labels'],
    source: `${CONVERTER}/promtailconvert/testdata/docker.alloy; integration-tests/docker/tests/loki-docker/config.alloy`,
  },
  {
    owner: 'prometheus.exporter.kafka',
    path: [],
    notRequired: ['kafka_uris'],
    source: `${CONVERTER}/staticconvert/testdata/integrations.alloy`,
  },
  {
    owner: 'loki.source.windowsevent',
    path: [],
    incomplete: ['arguments'],
    source: `${CONVERTER}/promtailconvert/testdata_windows/windowsevents.alloy (legacy_bookmark_path)`,
  },
  ...['http', 'grpc'].flatMap((server) => [
    {
      owner: 'loki.source.api',
      path: [server, 'tls'],
      incomplete: ['arguments'] as const,
      source: `${CONVERTER}/promtailconvert/testdata/push_api.alloy (client_ca)`,
    },
    {
      owner: 'loki.source.gcplog',
      path: ['push', server, 'tls'],
      incomplete: ['arguments'] as const,
      source: `${CONVERTER}/promtailconvert/testdata/gcplog.alloy (client_ca)`,
    },
  ]),
  {
    owner: 'http',
    path: ['tls', 'windows_certificate_filter', 'server'],
    notRequired: ['system_store'],
    source: `${CONVERTER}/staticconvert/testdata_windows/integrations.alloy`,
  },
  {
    owner: 'otelcol.processor.tail_sampling',
    path: ['policy', 'composite'],
    incomplete: ['arguments', 'blocks'],
    source: `${CONVERTER}/otelcolconvert/testdata/tail_sampling.alloy (policy_order, rate_allocation)`,
  },
  {
    owner: 'otelcol.receiver.solace',
    path: [],
    incomplete: ['blocks'],
    notRequired: ['authentication'],
    source: `${CONVERTER}/otelcolconvert/testdata/solace.alloy (auth, flow_control)`,
  },
  ...['include', 'exclude'].map((side) => ({
    owner: 'otelcol.processor.span',
    path: [side],
    incomplete: ['arguments', 'blocks'] as const,
    source: `${CONVERTER}/otelcolconvert/testdata/span_full.alloy (log_bodies, log_severity)`,
  })),
  {
    owner: 'otelcol.processor.redaction',
    path: ['db_sanitizer'],
    incomplete: ['blocks'],
    source: `${CONVERTER}/otelcolconvert/testdata/redactionprocessor.alloy (sql, redis, mongo, ...)`,
  },
  {
    owner: 'otelcol.processor.probabilistic_sampler',
    path: [],
    incomplete: ['blocks'],
    source: `${CONVERTER}/otelcolconvert/testdata/probabilistic_sampler.alloy (output)`,
  },
  {
    owner: 'otelcol.exporter.googlecloud',
    path: ['metric'],
    incomplete: ['blocks'],
    notRequired: ['directory'],
    source: `${CONVERTER}/otelcolconvert/testdata/googlecloud.alloy (experimental_wal)`,
  },
  {
    owner: 'otelcol.receiver.googlecloudpubsub',
    path: [],
    incomplete: ['arguments'],
    source: `${CONVERTER}/otelcolconvert/testdata/googlecloud.alloy (user_agent)`,
  },
  {
    owner: 'otelcol.exporter.googlecloudpubsub',
    path: ['watermark'],
    incomplete: ['arguments'],
    source: `${CONVERTER}/otelcolconvert/testdata/googlecloud.alloy (allowed_drift)`,
  },
  {
    owner: 'otelcol.exporter.googlecloudpubsub',
    path: ['ordering'],
    types: { remove_resource_attribute: 'bool' },
    source: `${CONVERTER}/otelcolconvert/testdata/googlecloud.alloy (remove_resource_attribute = true)`,
  },
  {
    owner: 'otelcol.receiver.cloudflare',
    path: [],
    incomplete: ['arguments'],
    source: `${CONVERTER}/otelcolconvert/testdata/cloudflarereceiver.alloy (separator)`,
  },
  {
    owner: 'otelcol.exporter.splunkhec',
    path: ['splunk', 'telemetry'],
    incomplete: ['arguments'],
    source: `${CONVERTER}/otelcolconvert/testdata/splunkhec.alloy (extra_attributes)`,
  },
  {
    owner: 'otelcol.exporter.kafka',
    path: ['producer'],
    incomplete: ['arguments'],
    source: `${CONVERTER}/otelcolconvert/testdata/kafka.alloy (allow_auto_topic_creation)`,
  },
  {
    owner: 'otelcol.connector.signaltometrics',
    path: ['logs'],
    incomplete: ['arguments'],
    source: `${CONVERTER}/otelcolconvert/testdata/signaltometrics.alloy (name, description, conditions)`,
  },
  ...['spans', 'spanevents', 'metrics', 'datapoints', 'logs'].map((signal) => ({
    owner: 'otelcol.connector.count',
    path: [signal],
    incomplete: ['arguments'] as const,
    source: `${CONVERTER}/otelcolconvert/testdata/count.alloy (name, description)`,
  })),
  ...[
    'otelcol.receiver.filelog',
    'otelcol.receiver.syslog',
    'otelcol.receiver.tcplog',
    'otelcol.receiver.fluentforward',
  ].map((owner) => ({
    owner,
    path: [],
    notRequired: ['output'],
    source: `${CONVERTER}/otelcolconvert/testdata/${owner.split('.')[2]}.alloy (no output block)`,
  })),
  {
    owner: 'otelcol.receiver.filelog',
    path: ['multiline'],
    notRequired: ['line_start_pattern', 'line_end_pattern'],
    source: `${CONVERTER}/otelcolconvert/testdata/filelog.alloy (one of the two patterns)`,
  },
  {
    owner: 'otelcol.receiver.filelog',
    path: ['ordering_criteria'],
    notRequired: ['sort_by'],
    source: `${CONVERTER}/otelcolconvert/testdata/fileexporter.alloy`,
  },
  ...['file.path', 'file.name'].flatMap((attr) =>
    ['metrics_include', 'metrics_exclude'].map((filter) => ({
      owner: 'otelcol.receiver.file_stats',
      path: ['resource_attributes', attr, filter],
      notRequired: ['strict', 'regexp'],
      source: `${CONVERTER}/otelcolconvert/testdata/filestatsreceiver.alloy (one of strict and regexp)`,
    })),
  ),
  ...[['dimension'], ['events', 'dimension']].map((path) => ({
    owner: 'otelcol.connector.spanmetrics',
    path,
    notRequired: ['name'],
    source: `${CONVERTER}/otelcolconvert/testdata/spanmetrics.alloy`,
  })),
];

const byKey = new Map<string, Correction>();
for (const c of CORRECTIONS) byKey.set(`${c.owner}#${c.path.join(' > ')}`, c);

/** The correction of one block, if the docs need one there. */
export function correctionOf(owner: string, path: readonly string[]): Correction | undefined {
  return byKey.get(`${owner}#${path.join(' > ')}`);
}

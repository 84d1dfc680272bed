/**
 * The self-monitoring stacks: what Alloy needs to ship its own metrics, logs
 * and traces, per destination. The single source of the code actions, the
 * `fix` command and the VS Code snippets (see README.md in this folder for
 * the environment variables each destination reads).
 *
 * Facts: `prometheus.exporter.self` takes no arguments and exports `targets`;
 * `logging.write_to` takes logs receivers, `tracing.write_to` OpenTelemetry
 * consumers; `otelcol.receiver.prometheus` converts scraped metrics to OTLP
 * and `otelcol.receiver.loki` converts log entries to OTLP.
 */
import type { Signal } from '../protocol';
import type { Destination } from '../settings';
import type { DestinationTemplate, Expr, Piece, TemplateAttribute, TemplateBlock } from './types';

const str = (value: string): Expr => ({ kind: 'string', value });
const env = (name: string): Expr => ({ kind: 'env', name });
const ref = (piece: string, field: string): Expr => ({ kind: 'ref', piece, field });
const list = (...items: Expr[]): Expr => ({ kind: 'list', items });
const concat = (...parts: Expr[]): Expr => ({ kind: 'concat', parts });
const attr = (name: string, value: Expr): TemplateAttribute => ({ type: 'attribute', name, value });
const block = (name: string, label: string | undefined, ...body: (TemplateAttribute | TemplateBlock)[]) =>
  ({ type: 'block', name, label, body }) as TemplateBlock;

function piece(
  id: string,
  description: string,
  b: TemplateBlock,
  options: { accepts?: string[]; reuse?: boolean } = {},
): Piece {
  return { id, block: b, description, accepts: options.accepts ?? [], reuse: options.reuse ?? true };
}

/** `logging` writing to the piece `logs` (a logs receiver). */
const logging = (logs: string) =>
  piece(
    'logging',
    "Alloy's own logs: level and format, sent to a logs receiver",
    block(
      'logging',
      undefined,
      attr('level', { kind: 'setting', key: 'logLevel' }),
      attr('format', { kind: 'setting', key: 'logFormat' }),
      attr('write_to', list(ref(logs, 'receiver'))),
    ),
  );

/** `tracing` writing to the piece `traces` (an OpenTelemetry consumer). */
const tracing = (traces: string) =>
  piece(
    'tracing',
    "Alloy's own traces: a sampling fraction, sent to an OpenTelemetry exporter",
    block(
      'tracing',
      undefined,
      attr('sampling_fraction', { kind: 'setting', key: 'samplingFraction' }),
      attr('write_to', list(ref(traces, 'input'))),
    ),
  );

const selfExporter = piece(
  'selfExporter',
  "Alloy's own metrics, as a scrape target",
  block('prometheus.exporter.self', 'default'),
);

/** `prometheus.scrape` of the self exporter, forwarding to the piece `metrics` (a metrics receiver). */
const selfScrape = (metrics: string) =>
  piece(
    'selfScrape',
    "Scrapes Alloy's own metrics and forwards them to a metrics receiver",
    block(
      'prometheus.scrape',
      'alloy_metrics',
      attr('targets', ref('selfExporter', 'targets')),
      attr('forward_to', list(ref(metrics, 'receiver'))),
      attr('scrape_interval', { kind: 'setting', key: 'scrapeInterval' }),
    ),
    { reuse: false },
  );

/** `otelcol.receiver.prometheus` converting metrics to OTLP for the piece `exporter`. */
const prometheusToOtlp = (exporter: string) =>
  piece(
    'metricsReceiver',
    'Converts scraped metrics to OTLP for an OpenTelemetry exporter',
    block(
      'otelcol.receiver.prometheus',
      'alloy_metrics',
      block('output', undefined, attr('metrics', list(ref(exporter, 'input')))),
    ),
    { accepts: ['prometheus.remote_write'] },
  );

const GRAFANA_CLOUD: DestinationTemplate = {
  id: 'grafana-cloud',
  title: 'Grafana Cloud',
  pieces: [
    logging('logsReceiver'),
    tracing('otlpExporter'),
    selfExporter,
    selfScrape('metricsReceiver'),
    prometheusToOtlp('otlpExporter'),
    piece(
      'otlpExporter',
      "Sends OTLP to Grafana Cloud's OTLP gateway",
      block(
        'otelcol.exporter.otlphttp',
        'grafana_cloud',
        block(
          'client',
          undefined,
          attr('endpoint', concat(str('https://'), env('GRAFANA_CLOUD_OTLP_ENDPOINT'))),
          attr('auth', ref('otlpAuth', 'handler')),
        ),
      ),
      // No accepted alternative: the gateway takes OTLP over HTTP, and an otelcol.exporter.otlp
      // (gRPC) in a Grafana Cloud configuration goes to Tempo directly, traces only.
    ),
    piece(
      'otlpAuth',
      "HTTP basic authentication for the OTLP gateway: the stack's instance ID and an access policy token",
      block(
        'otelcol.auth.basic',
        'grafana_cloud',
        attr('username', env('GRAFANA_CLOUD_INSTANCE_ID')),
        attr('password', env('GRAFANA_CLOUD_API_KEY')),
      ),
    ),
    piece(
      'logsReceiver',
      'Pushes log entries to Grafana Cloud Logs (Loki)',
      block(
        'loki.write',
        'grafana_cloud',
        block(
          'endpoint',
          undefined,
          attr('url', env('GRAFANA_CLOUD_LOKI_ENDPOINT')),
          block(
            'basic_auth',
            undefined,
            attr('username', env('GRAFANA_CLOUD_LOKI_INSTANCE_ID')),
            attr('password', env('GRAFANA_CLOUD_API_KEY')),
          ),
        ),
      ),
      { accepts: ['otelcol.receiver.loki'] },
    ),
  ],
  roots: { metrics: 'selfScrape', logs: 'logging', traces: 'tracing' },
  env: [
    {
      name: 'GRAFANA_CLOUD_OTLP_ENDPOINT',
      description: 'Host and path of the OTLP gateway, without the scheme (metrics and traces)',
      example: 'otlp-gateway-prod-us-west-0.grafana.net/otlp',
    },
    {
      name: 'GRAFANA_CLOUD_INSTANCE_ID',
      description: 'Instance ID of the stack, the basic-auth username of the OTLP gateway (metrics and traces)',
      example: '123456',
    },
    {
      name: 'GRAFANA_CLOUD_LOKI_ENDPOINT',
      description: 'Full Loki push URL (logs)',
      example: 'https://logs-prod-012.grafana.net/loki/api/v1/push',
    },
    {
      name: 'GRAFANA_CLOUD_LOKI_INSTANCE_ID',
      description: 'Loki user (instance ID), the basic-auth username',
      example: '654321',
    },
    {
      name: 'GRAFANA_CLOUD_API_KEY',
      description:
        'Grafana Cloud access policy token with metrics:write, logs:write and traces:write, the basic-auth password of the OTLP gateway and of Loki',
      example: 'glc_...',
    },
  ],
};

const OTLP: DestinationTemplate = {
  id: 'otlp',
  title: 'OTLP endpoint',
  pieces: [
    logging('logsReceiver'),
    tracing('otlpExporter'),
    selfExporter,
    selfScrape('metricsReceiver'),
    prometheusToOtlp('otlpExporter'),
    piece(
      'logsReceiver',
      'Converts log entries to OTLP for an OpenTelemetry exporter',
      block(
        'otelcol.receiver.loki',
        'alloy_logs',
        block('output', undefined, attr('logs', list(ref('otlpExporter', 'input')))),
      ),
      { accepts: ['loki.write'] },
    ),
    piece(
      'otlpExporter',
      'Sends OTLP over HTTP to one endpoint (metrics, logs and traces)',
      block('otelcol.exporter.otlphttp', 'otlp', block('client', undefined, attr('endpoint', env('OTLP_ENDPOINT')))),
      { accepts: ['otelcol.exporter.otlp'] },
    ),
  ],
  roots: { metrics: 'selfScrape', logs: 'logging', traces: 'tracing' },
  env: [
    {
      name: 'OTLP_ENDPOINT',
      description:
        'Base URL of an OTLP/HTTP receiver, with the scheme; the exporter appends /v1/metrics, /v1/logs and /v1/traces',
      example: 'http://otel-collector:4318',
    },
  ],
};

const LOCAL_LGTM: DestinationTemplate = {
  id: 'local-lgtm',
  title: 'local LGTM stack',
  pieces: [
    logging('logsReceiver'),
    tracing('tracesExporter'),
    selfExporter,
    selfScrape('metricsReceiver'),
    piece(
      'metricsReceiver',
      'Sends metrics to Mimir or Prometheus with the remote-write protocol',
      block(
        'prometheus.remote_write',
        'mimir',
        block('endpoint', undefined, attr('url', env('MIMIR_REMOTE_WRITE_URL'))),
      ),
      { accepts: ['otelcol.receiver.prometheus'] },
    ),
    piece(
      'logsReceiver',
      'Pushes log entries to Loki',
      block('loki.write', 'loki', block('endpoint', undefined, attr('url', env('LOKI_PUSH_URL')))),
      { accepts: ['otelcol.receiver.loki'] },
    ),
    piece(
      'tracesExporter',
      'Sends traces to Tempo over OTLP/HTTP',
      block(
        'otelcol.exporter.otlphttp',
        'tempo',
        block('client', undefined, attr('endpoint', env('TEMPO_OTLP_ENDPOINT'))),
      ),
      { accepts: ['otelcol.exporter.otlp'] },
    ),
  ],
  roots: { metrics: 'selfScrape', logs: 'logging', traces: 'tracing' },
  env: [
    {
      name: 'MIMIR_REMOTE_WRITE_URL',
      description: 'Remote-write URL of Mimir, or of Prometheus started with --web.enable-remote-write-receiver',
      example: 'http://localhost:9009/api/v1/push (Mimir), http://localhost:9090/api/v1/write (Prometheus)',
    },
    { name: 'LOKI_PUSH_URL', description: 'Loki push URL', example: 'http://localhost:3100/loki/api/v1/push' },
    {
      name: 'TEMPO_OTLP_ENDPOINT',
      description: 'Base URL of the OTLP/HTTP receiver of Tempo, with the scheme',
      example: 'http://localhost:4318',
    },
  ],
};

export const DESTINATION_TEMPLATES: Record<Destination, DestinationTemplate> = {
  'grafana-cloud': GRAFANA_CLOUD,
  otlp: OTLP,
  'local-lgtm': LOCAL_LGTM,
};

export function pieceOf(destination: DestinationTemplate, id: string): Piece {
  const p = destination.pieces.find((x) => x.id === id);
  if (!p) throw new Error(`template ${destination.id} has no piece '${id}'`);
  return p;
}

/** The ids of the pieces another piece refers to, in order of appearance. */
export function dependencies(p: Piece): string[] {
  const out: string[] = [];
  const visitExpr = (e: Expr): void => {
    if (e.kind === 'ref') {
      if (!out.includes(e.piece)) out.push(e.piece);
    } else if (e.kind === 'concat') e.parts.forEach(visitExpr);
    else if (e.kind === 'list') e.items.forEach(visitExpr);
    else if (e.kind === 'object') e.fields.forEach(([, v]) => visitExpr(v));
  };
  const visit = (b: TemplateBlock): void => {
    for (const item of b.body) {
      if (item.type === 'attribute') visitExpr(item.value);
      else visit(item);
    }
  };
  visit(p.block);
  return out;
}

/** Every piece a signal needs, its root first. */
export function piecesForSignal(destination: DestinationTemplate, signal: Signal): Piece[] {
  const out: Piece[] = [];
  const walk = (id: string) => {
    const p = pieceOf(destination, id);
    if (out.includes(p)) return;
    out.push(p);
    dependencies(p).forEach(walk);
  };
  walk(destination.roots[signal]);
  return out;
}

/** Component names a stack can create from a template, e.g. for a reference to a missing one. */
export function creatableComponents(): Set<string> {
  const names = new Set<string>();
  for (const d of Object.values(DESTINATION_TEMPLATES)) {
    for (const p of d.pieces) if (p.block.label !== undefined && p.reuse) names.add(p.block.name);
  }
  return names;
}

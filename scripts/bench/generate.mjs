// Deterministic generator of realistic Alloy configurations for the benchmark:
// Kubernetes metrics and logs pipelines, static scrapes, exporters, OpenTelemetry
// pipelines, file log tailing and custom components (`declare`), with comments,
// strings, maps, arrays and references between components. Everything depends
// only on the seed, so every run (and every machine) benchmarks the same text.

/** A small seeded PRNG (mulberry32). test/model/incremental.test.ts draws its random edits from it too. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APPS = [
  'checkout',
  'cart',
  'payments',
  'search',
  'catalog',
  'recommendations',
  'shipping',
  'billing',
  'auth',
  'gateway',
  'inventory',
  'notifications',
  'reviews',
  'pricing',
  'ledger',
  'frontend',
  'orders',
  'profile',
];
const TEAMS = ['payments', 'storefront', 'platform', 'growth', 'identity', 'fulfilment', 'data'];
const ENVS = ['prod', 'staging', 'dev'];
const INTERVALS = ['15s', '30s', '60s', '1m', '2m'];
const EXPORTERS = [
  [
    'prometheus.exporter.redis',
    (p) => [
      ['redis_addr', q(`${p}-redis.cache.svc:6379`)],
      ['redis_password', 'sys.env("REDIS_PASSWORD")'],
    ],
  ],
  ['prometheus.exporter.postgres', (p) => [['data_source_names', `[sys.env("${p.toUpperCase()}_PG_DSN")]`]]],
  ['prometheus.exporter.mysql', (p) => [['data_source_name', `sys.env("${p.toUpperCase()}_MYSQL_DSN")`]]],
  ['prometheus.exporter.blackbox', (p) => [['config_file', q(`/etc/alloy/blackbox-${p}.yaml`)]]],
];

/** An Alloy string literal (ASCII input; Go escapes coincide with JSON's for it). */
export function q(s) {
  return JSON.stringify(s);
}

/** Writes Alloy text with two-space indentation and `=` aligned within runs of attributes, like alloy fmt. */
class Writer {
  lines = [];
  depth = 0;
  pad() {
    return '  '.repeat(this.depth);
  }
  line(s = '') {
    this.lines.push(s === '' ? '' : this.pad() + s);
  }
  comment(s) {
    this.line(`// ${s}`);
  }
  /** attrs: [name, value][] written as one aligned run. */
  attrs(pairs) {
    const width = Math.max(...pairs.map(([k]) => k.length));
    for (const [k, v] of pairs) this.line(`${k.padEnd(width)} = ${v}`);
  }
  /** name = { k = v, ... } over several lines. */
  object(name, entries) {
    this.line(`${name} = {`);
    this.depth++;
    const width = Math.max(...entries.map(([k]) => k.length));
    for (const [k, v] of entries) this.line(`${k.padEnd(width)} = ${v},`);
    this.depth--;
    this.line('}');
  }
  block(head, body) {
    this.line(`${head} {`);
    this.depth++;
    body();
    this.depth--;
    this.line('}');
  }
}

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

function header(w, r, id) {
  const cluster = `${pick(r, ENVS)}-${pick(r, ['eu-west-1', 'us-east-2', 'ap-south-1'])}-${id}`;
  w.line('/*');
  w.line(`Cluster ${cluster}: metrics, logs and traces of the shop workloads.`);
  w.line('Secrets come from the environment; see the deployment manifest.');
  w.line('*/');
  w.line('');
  w.block('logging', () => {
    w.attrs([
      ['level', q('info')],
      ['format', q('logfmt')],
      ['write_to', '[loki.write.default.receiver]'],
    ]);
  });
  w.line('');
  w.block('tracing', () => {
    w.attrs([
      ['sampling_fraction', '0.1'],
      ['write_to', '[otelcol.exporter.otlphttp.default.input]'],
    ]);
  });
  w.line('');
  w.comment("Alloy's own metrics.");
  w.block('prometheus.exporter.self "default"', () => {});
  w.line('');
  w.block('prometheus.scrape "self"', () => {
    w.attrs([
      ['targets', 'prometheus.exporter.self.default.targets'],
      ['forward_to', '[prometheus.remote_write.default.receiver]'],
      ['scrape_interval', q('60s')],
    ]);
  });
  w.line('');
  w.block('prometheus.remote_write "default"', () => {
    w.block('endpoint', () => {
      w.attrs([['url', 'sys.env("PROMETHEUS_URL")']]);
      w.line('');
      w.block('basic_auth', () => {
        w.attrs([
          ['username', 'sys.env("PROMETHEUS_USERNAME")'],
          ['password', 'sys.env("GRAFANA_CLOUD_API_KEY")'],
        ]);
      });
      w.line('');
      w.block('queue_config', () => {
        w.attrs([
          ['capacity', '10000'],
          ['max_shards', '50'],
          ['max_samples_per_send', '2000'],
        ]);
      });
    });
    w.line('');
    w.object('external_labels', [
      ['cluster', q(cluster)],
      ['region', q(cluster.split('-').slice(1, 4).join('-'))],
    ]);
  });
  w.line('');
  w.block('loki.write "default"', () => {
    w.block('endpoint', () => {
      w.attrs([
        ['url', 'sys.env("LOKI_URL")'],
        ['tenant_id', q(`tenant-${id}`)],
      ]);
      w.line('');
      w.block('basic_auth', () => {
        w.attrs([
          ['username', 'sys.env("LOKI_USERNAME")'],
          ['password', 'sys.env("GRAFANA_CLOUD_API_KEY")'],
        ]);
      });
    });
    w.object('external_labels', [['cluster', q(cluster)]]);
  });
  w.line('');
  w.block('otelcol.auth.basic "default"', () => {
    w.attrs([
      ['username', 'sys.env("OTLP_USERNAME")'],
      ['password', 'sys.env("GRAFANA_CLOUD_API_KEY")'],
    ]);
  });
  w.line('');
  w.block('otelcol.exporter.otlphttp "default"', () => {
    w.block('client', () => {
      w.attrs([
        ['endpoint', 'sys.env("OTLP_ENDPOINT")'],
        ['auth', 'otelcol.auth.basic.default.handler'],
      ]);
    });
  });
}

function relabelRules(w, r, app, team) {
  const rules = [
    [
      ['source_labels', '["__meta_kubernetes_pod_annotation_prometheus_io_scrape"]'],
      ['regex', q('true')],
      ['action', q('keep')],
    ],
    [
      ['source_labels', '["__meta_kubernetes_namespace"]'],
      ['target_label', q('namespace')],
    ],
    [
      ['source_labels', '["__meta_kubernetes_pod_name"]'],
      ['target_label', q('pod')],
    ],
    [
      ['source_labels', '["__meta_kubernetes_pod_container_name"]'],
      ['target_label', q('container')],
    ],
    [
      ['source_labels', '["__address__", "__meta_kubernetes_pod_annotation_prometheus_io_port"]'],
      ['regex', q('([^:]+)(?::\\d+)?;(\\d+)')],
      ['replacement', q('$1:$2')],
      ['target_label', q('__address__')],
    ],
    [
      ['regex', q('__meta_kubernetes_pod_label_(.+)')],
      ['action', q('labelmap')],
    ],
    [
      ['source_labels', '["__meta_kubernetes_pod_node_name"]'],
      ['target_label', q('node')],
    ],
    [
      ['target_label', q('team')],
      ['replacement', q(team)],
    ],
    [
      ['source_labels', '["__meta_kubernetes_pod_phase"]'],
      ['regex', q('Pending|Succeeded|Failed|Completed')],
      ['action', q('drop')],
    ],
  ];
  const count = 4 + Math.floor(r() * 5);
  for (let i = 0; i < count; i++) {
    if (i === 2) w.comment(`Standard labels for ${app}.`);
    w.block('rule', () => w.attrs(rules[i]));
    if (i < count - 1 && r() < 0.3) w.line('');
  }
}

function kubernetesUnit(w, r, app, label) {
  const team = pick(r, TEAMS);
  const ns = `${team}-${pick(r, ENVS)}`;
  w.comment(`---- ${app} (${team}) --------------------------------------------------`);
  w.comment(`Pods of ${app} in ${ns}: scraped for metrics, tailed for logs.`);
  w.block(`discovery.kubernetes "${label}"`, () => {
    w.attrs([['role', q('pod')]]);
    w.line('');
    w.block('namespaces', () => w.attrs([['names', `[${q(ns)}, ${q(`${ns}-canary`)}]`]]));
    w.line('');
    w.block('selectors', () =>
      w.attrs([
        ['role', q('pod')],
        ['label', q(`app.kubernetes.io/name=${app},app.kubernetes.io/part-of=shop`)],
      ]),
    );
  });
  w.line('');
  w.block(`discovery.relabel "${label}"`, () => {
    w.attrs([['targets', `discovery.kubernetes.${label}.targets`]]);
    w.line('');
    relabelRules(w, r, app, team);
  });
  w.line('');
  w.block(`prometheus.scrape "${label}"`, () => {
    w.attrs([
      ['targets', `discovery.relabel.${label}.output`],
      ['forward_to', `[prometheus.relabel.${label}.receiver]`],
      ['job_name', q(`${ns}/${app}`)],
      ['scrape_interval', q(pick(r, INTERVALS))],
      ['scrape_timeout', q('10s')],
      ['sample_limit', String(1000 * (1 + Math.floor(r() * 20)))],
    ]);
    w.line('');
    w.block('clustering', () => w.attrs([['enabled', 'true']]));
  });
  w.line('');
  w.block(`prometheus.relabel "${label}"`, () => {
    w.attrs([['forward_to', '[prometheus.remote_write.default.receiver]']]);
    w.line('');
    w.comment('Drop runtime series nobody looks at.');
    w.block('rule', () =>
      w.attrs([
        ['source_labels', '["__name__"]'],
        ['regex', q('go_gc_.*|go_memstats_.*_total|process_.*')],
        ['action', q('drop')],
      ]),
    );
    w.block('rule', () =>
      w.attrs([
        ['target_label', q('service')],
        ['replacement', q(app)],
      ]),
    );
  });
  w.line('');
  w.block(`loki.source.kubernetes "${label}"`, () => {
    w.attrs([
      ['targets', `discovery.relabel.${label}.output`],
      ['forward_to', `[loki.process.${label}.receiver]`],
    ]);
  });
  w.line('');
  w.block(`loki.process "${label}"`, () => {
    w.attrs([['forward_to', '[loki.write.default.receiver]']]);
    w.line('');
    w.block('stage.json', () =>
      w.object('expressions', [
        ['level', q('level')],
        ['msg', q('message')],
        ['trace_id', q('traceID')],
        ['ts', q('time')],
      ]),
    );
    w.line('');
    w.block('stage.labels', () => w.object('values', [['level', q('')]]));
    w.line('');
    w.block('stage.timestamp', () =>
      w.attrs([
        ['source', q('ts')],
        ['format', q('RFC3339Nano')],
      ]),
    );
    if (r() < 0.6) {
      w.line('');
      w.comment('Debug logs stay in the pod.');
      w.block('stage.drop', () =>
        w.attrs([
          ['source', q('level')],
          ['expression', q('debug|trace')],
          ['drop_counter_reason', q('debug_logs')],
        ]),
      );
    }
    if (r() < 0.5) {
      w.line('');
      w.block('stage.static_labels', () =>
        w.object('values', [
          ['service', q(app)],
          ['team', q(team)],
        ]),
      );
    }
  });
}

function staticUnit(w, r, app, label) {
  const env = pick(r, ENVS);
  w.comment(`Legacy ${app} VMs (${env}), not in Kubernetes yet.`);
  w.block(`prometheus.scrape "${label}_vms"`, () => {
    w.line('targets = [');
    w.depth++;
    const n = 2 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) {
      w.line(`{"__address__" = ${q(`${app}-${env}-${i + 1}.internal:9100`)}, "env" = ${q(env)}, "role" = ${q(app)}},`);
    }
    w.depth--;
    w.line(']');
    w.attrs([
      ['forward_to', '[prometheus.remote_write.default.receiver]'],
      ['job_name', q(`vm/${app}`)],
      ['scrape_interval', q(pick(r, INTERVALS))],
      ['metrics_path', q('/metrics')],
    ]);
  });
}

function exporterUnit(w, r, app, label) {
  const [name, args] = pick(r, EXPORTERS);
  w.comment(`${name.split('.').pop()} backing ${app}.`);
  w.block(`${name} "${label}"`, () => w.attrs(args(app)));
  w.line('');
  w.block(`prometheus.scrape "${label}_exporter"`, () =>
    w.attrs([
      ['targets', `${name}.${label}.targets`],
      ['forward_to', '[prometheus.remote_write.default.receiver]'],
      ['scrape_interval', q(pick(r, INTERVALS))],
    ]),
  );
}

function otelUnit(w, r, app, label) {
  const port = 4317 + Math.floor(r() * 100) * 2;
  w.comment(`OpenTelemetry from ${app}: batched, tagged and sent to the gateway.`);
  w.block(`otelcol.receiver.otlp "${label}"`, () => {
    w.block('grpc', () => w.attrs([['endpoint', q(`0.0.0.0:${port}`)]]));
    w.line('');
    w.block('http', () => w.attrs([['endpoint', q(`0.0.0.0:${port + 1}`)]]));
    w.line('');
    w.block('output', () =>
      w.attrs([
        ['metrics', `[otelcol.processor.attributes.${label}.input]`],
        ['logs', `[otelcol.processor.attributes.${label}.input]`],
        ['traces', `[otelcol.processor.attributes.${label}.input]`],
      ]),
    );
  });
  w.line('');
  w.block(`otelcol.processor.attributes "${label}"`, () => {
    w.block('action', () =>
      w.attrs([
        ['key', q('service.namespace')],
        ['value', q(app)],
        ['action', q('upsert')],
      ]),
    );
    w.block('action', () =>
      w.attrs([
        ['key', q('http.request.header.authorization')],
        ['action', q('delete')],
      ]),
    );
    w.line('');
    w.block('output', () =>
      w.attrs([
        ['metrics', `[otelcol.processor.batch.${label}.input]`],
        ['logs', `[otelcol.processor.batch.${label}.input]`],
        ['traces', `[otelcol.processor.batch.${label}.input]`],
      ]),
    );
  });
  w.line('');
  w.block(`otelcol.processor.batch "${label}"`, () => {
    w.attrs([
      ['timeout', q('5s')],
      ['send_batch_size', String(512 * (1 + Math.floor(r() * 8)))],
    ]);
    w.line('');
    w.block('output', () =>
      w.attrs([
        ['metrics', '[otelcol.exporter.otlphttp.default.input]'],
        ['logs', '[otelcol.exporter.otlphttp.default.input]'],
        ['traces', '[otelcol.exporter.otlphttp.default.input]'],
      ]),
    );
  });
}

function fileLogsUnit(w, r, app, label) {
  w.comment(`Host logs of ${app}.`);
  w.block(`local.file_match "${label}"`, () => {
    w.line('path_targets = [');
    w.depth++;
    w.line(`{"__path__" = ${q(`/var/log/${app}/*.log`)}, "job" = ${q(`${app}/files`)}},`);
    w.line(`{"__path__" = ${q(`/var/log/${app}/audit/*.log`)}, "job" = ${q(`${app}/audit`)}},`);
    w.depth--;
    w.line(']');
    w.attrs([['sync_period', q('10s')]]);
  });
  w.line('');
  w.block(`loki.source.file "${label}"`, () =>
    w.attrs([
      ['targets', `local.file_match.${label}.targets`],
      ['forward_to', `[loki.process.${label}_files.receiver]`],
    ]),
  );
  w.line('');
  w.block(`loki.process "${label}_files"`, () => {
    w.attrs([['forward_to', '[loki.write.default.receiver]']]);
    w.line('');
    w.block('stage.regex', () =>
      w.attrs([['expression', q('^(?P<ts>\\S+) (?P<level>[A-Z]+) (?P<caller>\\S+) (?P<msg>.*)$')]]),
    );
    w.line('');
    w.block('stage.labels', () =>
      w.object('values', [
        ['level', q('')],
        ['caller', q('')],
      ]),
    );
    w.line('');
    w.block('stage.multiline', () =>
      w.attrs([
        ['firstline', q('^\\d{4}-\\d{2}-\\d{2}')],
        ['max_wait_time', q('3s')],
        ['max_lines', String(128 + Math.floor(r() * 4) * 128)],
      ]),
    );
  });
}

function moduleUnit(w, r, app, label) {
  w.comment(`Reusable pipeline for ${app}'s batch jobs.`);
  w.block(`declare "${label}_jobs"`, () => {
    w.block('argument "forward_to"', () =>
      w.attrs([['comment', q('Must be a list(MetricsReceiver) where collected metrics should be forwarded to')]]),
    );
    w.line('');
    w.block('argument "namespace"', () =>
      w.attrs([
        ['optional', 'true'],
        ['default', q(`${app}-jobs`)],
      ]),
    );
    w.line('');
    w.block('discovery.kubernetes "jobs"', () => {
      w.attrs([['role', q('pod')]]);
      w.block('namespaces', () => w.attrs([['names', '[argument.namespace.value]']]));
    });
    w.line('');
    w.block('prometheus.scrape "jobs"', () =>
      w.attrs([
        ['targets', 'discovery.kubernetes.jobs.targets'],
        ['forward_to', 'argument.forward_to.value'],
        ['job_name', q(`${app}/jobs`)],
      ]),
    );
    w.line('');
    w.block('export "targets"', () => w.attrs([['value', 'discovery.kubernetes.jobs.targets']]));
  });
  w.line('');
  w.block(`${label}_jobs "default"`, () => w.attrs([['forward_to', '[prometheus.remote_write.default.receiver]']]));
}

const UNITS = [
  [kubernetesUnit, 5],
  [staticUnit, 1],
  [exporterUnit, 1],
  [otelUnit, 2],
  [fileLogsUnit, 1],
  [moduleUnit, 1],
];
const WEIGHT = UNITS.reduce((a, [, n]) => a + n, 0);

function pickUnit(r) {
  let x = r() * WEIGHT;
  for (const [fn, n] of UNITS) {
    if ((x -= n) < 0) return fn;
  }
  return UNITS[0][0];
}

/**
 * A configuration of about `lines` lines (never fewer), built from the seed.
 * Returns its text (LF line ends, final newline).
 */
export function generateConfig(lines, seed = 1) {
  const r = rng(seed);
  const w = new Writer();
  header(w, r, seed);
  for (let i = 0; w.lines.length < lines; i++) {
    w.line('');
    const app = APPS[i % APPS.length];
    const label = `${app}_${i}`;
    // The first unit is always a Kubernetes one, so even small files have the common shape.
    (i === 0 ? kubernetesUnit : pickUnit(r))(w, r, app, label);
  }
  return `${w.lines.join('\n')}\n`;
}

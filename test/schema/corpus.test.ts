/**
 * The schema rules against the real corpus (../shared/corpus, read in place;
 * skipped with a message when it is not beside the repository):
 * - files of Alloy's own repository and of its modules repository (`alloy__*`,
 *   `modules__*`) get no finding: Alloy runs them in its tests. They come from
 *   Alloy's development branch, so they are judged by `alloy.version = dev`.
 * - every finding in the docs snippets (`docs__*`) is a real mistake of the
 *   docs (a fragment shown without its component, a shortened example, a
 *   misspelt name), listed below with the reason; nothing else is reported.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { corpusDir, diagnose } from '../helpers';

export const SCHEMA_CODES = new Set([
  'unknown-component',
  'unknown-attribute',
  'unknown-block',
  'missing-required',
  'type-mismatch',
  'duplicate-attribute',
  'unknown-function',
  'unknown-export',
  'reference-cycle',
]);

/** [file, line, code, why it is a mistake of the docs]. */
const DOCS_MISTAKES: readonly [string, number, string, string][] = [
  [
    'docs__reference__components__pyroscope__pyroscope.scrape__4.alloy',
    7,
    'type-mismatch',
    'a list of targets put inside another list (the export is already a list of targets)',
  ],
  [
    'docs__collect__datadog-traces-metrics__2.alloy',
    1,
    'unknown-component',
    'fragment: the nested block basic_auth shown without the component around it',
  ],
  [
    'docs__collect__opentelemetry-data__8.alloy',
    1,
    'unknown-component',
    'fragment: the nested block grpc shown without the component around it',
  ],
  [
    'docs__collect__opentelemetry-data__9.alloy',
    2,
    'unknown-attribute',
    "an otelcol receiver's http block shown as a top-level block: the top-level http block takes no endpoint",
  ],
  [
    'docs__collect__prometheus-metrics__12.alloy',
    1,
    'unknown-component',
    'fragment: the nested block selectors shown without the component around it',
  ],
  [
    'docs__collect__prometheus-metrics__13.alloy',
    1,
    'unknown-component',
    'fragment: the nested block selectors shown without the component around it',
  ],
  [
    'docs__collect__prometheus-metrics__6.alloy',
    1,
    'unknown-component',
    'fragment: the nested block selectors shown without the component around it',
  ],
  [
    'docs__collect__prometheus-metrics__7.alloy',
    1,
    'unknown-component',
    'fragment: the nested block selectors shown without the component around it',
  ],
  [
    'docs__configure__clustering__distribute-prometheus-scrape-load__1.alloy',
    1,
    'unknown-component',
    'fragment: the nested block clustering shown without the component around it',
  ],
  [
    'docs__configure__load-remote-configuration__1.alloy',
    6,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__configure__load-remote-configuration__2.alloy',
    2,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  ['docs__get-started__components___index__1.alloy', 1, 'unknown-component', 'placeholder name in a usage template'],
  [
    'docs__get-started__components__build-pipelines__7.alloy',
    2,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__get-started__components__build-pipelines__7.alloy',
    2,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__get-started__components__build-pipelines__7.alloy',
    3,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__get-started__components__build-pipelines__7.alloy',
    3,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__get-started__components__build-pipelines__7.alloy',
    6,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__get-started__components__build-pipelines__7.alloy',
    6,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__get-started__components__build-pipelines__7.alloy',
    7,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__get-started__components__build-pipelines__7.alloy',
    7,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__get-started__components__component-controller__1.alloy',
    3,
    'reference-cycle',
    'the page shows this cycle on purpose, as a configuration Alloy refuses',
  ],
  [
    'docs__get-started__components__component-controller__2.alloy',
    3,
    'reference-cycle',
    'the page shows this cycle on purpose, as a configuration Alloy refuses',
  ],
  [
    'docs__get-started__components__configure-components__1.alloy',
    1,
    'unknown-component',
    'placeholder name in a usage template',
  ],
  [
    'docs__get-started__components__configure-components__4.alloy',
    11,
    'unknown-block',
    'queue_config belongs inside endpoint, not directly in prometheus.remote_write',
  ],
  [
    'docs__get-started__components__configure-components__7.alloy',
    3,
    'reference-cycle',
    'the page shows this cycle on purpose, as a configuration Alloy refuses',
  ],
  [
    'docs__get-started__components__configure-components__8.alloy',
    3,
    'reference-cycle',
    'the page shows this cycle on purpose, as a configuration Alloy refuses',
  ],
  [
    'docs__get-started__expressions__operators__1.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  ['docs__get-started__syntax__2.alloy', 5, 'missing-required', 'shortened example: the required setting is left out'],
  ['docs__get-started__syntax__3.alloy', 2, 'missing-required', 'shortened example: the required setting is left out'],
  ['docs__get-started__syntax__3.alloy', 6, 'missing-required', 'shortened example: the required setting is left out'],
  [
    'docs__get-started__syntax__4.alloy',
    11,
    'unknown-block',
    'queue_config belongs inside endpoint, not directly in prometheus.remote_write',
  ],
  ['docs__get-started__syntax__5.alloy', 1, 'unknown-component', 'placeholder name in a usage template'],
  ['docs__get-started__syntax__6.alloy', 2, 'unknown-component', 'placeholder name in a usage template'],
  ['docs__get-started__syntax__7.alloy', 8, 'missing-required', 'shortened example: the required setting is left out'],
  [
    'docs__reference__components__beyla__beyla.ebpf__2.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__beyla__beyla.ebpf__3.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__beyla__beyla.ebpf__4.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__beyla__beyla.ebpf__6.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__beyla__beyla.ebpf__8.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__database_observability__database_observability.mysql__2.alloy',
    8,
    'unknown-block',
    "the example uses cloud_provider > aws, which the component's block table does not list",
  ],
  [
    'docs__reference__components__database_observability__database_observability.mysql__3.alloy',
    46,
    'unknown-export',
    'discovery.relabel exports output, not targets',
  ],
  [
    'docs__reference__components__database_observability__database_observability.postgres__2.alloy',
    9,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__database_observability__database_observability.postgres__2.alloy',
    10,
    'unknown-attribute',
    'misspelt: the argument is data_source_names',
  ],
  [
    'docs__reference__components__database_observability__database_observability.postgres__2.alloy',
    50,
    'unknown-export',
    'discovery.relabel exports output, not targets',
  ],
  [
    'docs__reference__components__discovery__discovery.docker__3.alloy',
    6,
    'unknown-export',
    'reads a label as if it were an export (discovery.docker exports targets)',
  ],
  [
    'docs__reference__components__faro__faro.receiver__2.alloy',
    1,
    'unknown-component',
    'fragment: the nested block location shown without the component around it',
  ],
  [
    'docs__reference__components__local__local.file__2.alloy',
    5,
    'unknown-component',
    'not a component of any Alloy release',
  ],
  [
    'docs__reference__components__loki__loki.process__10.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__loki__loki.process__12.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__loki__loki.process__14.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.label_drop shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__15.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.label_keep shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__16.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.labels shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__17.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.labels shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__17.alloy',
    10,
    'unknown-component',
    'fragment: the nested block stage.structured_metadata_drop shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__18.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.limit shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__19.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.limit shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__2.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.cri shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__25.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.metrics shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__25.alloy',
    12,
    'unknown-component',
    'fragment: the nested block stage.metrics shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__26.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.regex shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__26.alloy',
    4,
    'unknown-component',
    'fragment: the nested block stage.metrics shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__26.alloy',
    13,
    'unknown-component',
    'fragment: the nested block stage.metrics shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__27.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.regex shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__27.alloy',
    4,
    'unknown-component',
    'fragment: the nested block stage.metrics shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__28.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.metrics shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__3.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.decolorize shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__30.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.pack shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__4.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.docker shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__40.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.sampling shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__41.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.split_json shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__42.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.json shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__42.alloy',
    5,
    'unknown-component',
    'fragment: the nested block stage.split_json shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__43.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.static_labels shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__44.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.structured_metadata shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__45.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.structured_metadata_drop shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__46.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__47.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__48.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__49.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__49.alloy',
    5,
    'unknown-component',
    'fragment: the nested block stage.output shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__5.alloy',
    2,
    'unknown-component',
    'fragment: the nested block stage.json shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__5.alloy',
    8,
    'unknown-component',
    'fragment: the nested block stage.docker shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__5.alloy',
    10,
    'unknown-component',
    'fragment: the nested block stage.json shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__50.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__50.alloy',
    5,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__51.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__52.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__52.alloy',
    5,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__52.alloy',
    9,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__53.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__53.alloy',
    5,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__54.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__54.alloy',
    5,
    'unknown-component',
    'fragment: the nested block stage.template shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__55.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.tenant shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__56.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.json shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__56.alloy',
    4,
    'unknown-component',
    'fragment: the nested block stage.tenant shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__57.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.labels shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__57.alloy',
    7,
    'unknown-component',
    'fragment: the nested block stage.tenant shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__58.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.timestamp shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__59.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.timestamp shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__6.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.drop shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__7.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.drop shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__7.alloy',
    6,
    'unknown-component',
    'fragment: the nested block stage.drop shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__7.alloy',
    11,
    'unknown-component',
    'fragment: the nested block stage.drop shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__8.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.json shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.process__8.alloy',
    8,
    'unknown-component',
    'fragment: the nested block stage.eventlogmessage shown without the component around it',
  ],
  [
    'docs__reference__components__loki__loki.secretfilter__3.alloy',
    2,
    'type-mismatch',
    'path_targets takes a list of objects, the example gives a string',
  ],
  [
    'docs__reference__components__loki__loki.source.gelf__2.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__loki__loki.source.syslog__2.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__mimir__mimir.alerts.kubernetes__3.alloy',
    1,
    'unknown-component',
    'fragment: the nested block alertmanagerconfig_matcher shown without the component around it',
  ],
  [
    'docs__reference__components__otelcol__otelcol.exporter.datadog__2.alloy',
    23,
    'unknown-attribute',
    "the example sets an argument the metrics block's table does not list",
  ],
  [
    'docs__reference__components__otelcol__otelcol.extension.jaeger_remote_sampling__4.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__otelcol__otelcol.processor.k8sattributes__2.alloy',
    1,
    'unknown-component',
    'fragment: the nested block pod_association shown without the component around it',
  ],
  [
    'docs__reference__components__otelcol__otelcol.processor.k8sattributes__2.alloy',
    8,
    'unknown-component',
    'fragment: the nested block pod_association shown without the component around it',
  ],
  [
    'docs__reference__components__otelcol__otelcol.processor.transform__2.alloy',
    1,
    'unknown-component',
    'fragment: the nested block statements shown without the component around it',
  ],
  [
    'docs__reference__components__otelcol__otelcol.processor.transform__3.alloy',
    1,
    'unknown-component',
    'fragment: the nested block statements shown without the component around it',
  ],
  [
    'docs__reference__components__otelcol__otelcol.processor.transform__4.alloy',
    1,
    'unknown-component',
    'fragment: the nested block metric_statements shown without the component around it',
  ],
  [
    'docs__reference__components__otelcol__otelcol.processor.transform__5.alloy',
    1,
    'unknown-component',
    'fragment: the nested block metric_statements shown without the component around it',
  ],
  [
    'docs__reference__components__otelcol__otelcol.receiver.awss3__2.alloy',
    10,
    'unknown-attribute',
    'the example sets an argument the s3downloader table does not list',
  ],
  [
    'docs__reference__components__otelcol__otelcol.receiver.jaeger__3.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__otelcol__otelcol.receiver.zipkin__3.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__prometheus__prometheus.exporter.azure__2.alloy',
    2,
    'type-mismatch',
    'subscriptions takes a list of strings, the example gives a string',
  ],
  [
    'docs__reference__components__prometheus__prometheus.scrape__4.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__prometheus__prometheus.scrape__4.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__reference__components__remote__remote.http__2.alloy',
    11,
    'unknown-block',
    'prometheus.remote_write has no client block (the example means endpoint)',
  ],
  [
    'docs__reference__components__remote__remote.vault__3.alloy',
    16,
    'unknown-component',
    'old Grafana Agent name; Alloy calls it prometheus.remote_write',
  ],
  ['docs__release-notes__1.alloy', 1, 'missing-required', 'shortened example: the required setting is left out'],
  ['docs__release-notes__1.alloy', 1, 'missing-required', 'shortened example: the required setting is left out'],
  ['docs__release-notes__2.alloy', 1, 'missing-required', 'shortened example: the required setting is left out'],
  ['docs__release-notes__2.alloy', 1, 'missing-required', 'shortened example: the required setting is left out'],
  [
    'docs__shared__reference__components__extract-field-block__1.alloy',
    1,
    'unknown-component',
    'fragment: the nested block extract shown without the component around it',
  ],
  [
    'docs__shared__reference__components__pyroscope-troubleshooting__1.alloy',
    1,
    'missing-required',
    'shortened example: the required setting is left out',
  ],
  [
    'docs__tutorials__logs-and-relabeling-basics__2.alloy',
    1,
    'unknown-component',
    'fragment: the nested block rule shown without the component around it',
  ],
  [
    'docs__tutorials__processing-logs__3.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.json shown without the component around it',
  ],
  [
    'docs__tutorials__processing-logs__4.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.timestamp shown without the component around it',
  ],
  [
    'docs__tutorials__processing-logs__5.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.json shown without the component around it',
  ],
  [
    'docs__tutorials__processing-logs__6.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.drop shown without the component around it',
  ],
  [
    'docs__tutorials__processing-logs__7.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.labels shown without the component around it',
  ],
  [
    'docs__tutorials__processing-logs__8.alloy',
    1,
    'unknown-component',
    'fragment: the nested block stage.output shown without the component around it',
  ],
];

async function findings(prefixes: string[], version: string): Promise<string[]> {
  const dir = path.join(corpusDir()!, 'real', 'valid');
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.alloy') || !prefixes.some((p) => name.startsWith(p))) continue;
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const result = await diagnose({ [name]: text }, { version });
    for (const d of result[name] ?? []) {
      if (SCHEMA_CODES.has(String(d.code))) out.push(`${name}:${d.range.start.line + 1}:${d.code}: ${d.message}`);
    }
  }
  return out;
}

test('no schema finding in the valid files of Alloy and its modules repository', async (t) => {
  if (!corpusDir()) return t.skip('corpus (../shared/corpus) not available');
  assert.deepEqual(await findings(['alloy__', 'modules__'], 'dev'), []);
});

test('every schema finding in the docs snippets is a listed mistake of the docs', async (t) => {
  if (!corpusDir()) return t.skip('corpus (../shared/corpus) not available');
  const got = (await findings(['docs__'], 'dev')).map((f) => f.split(': ')[0]).sort();
  const listed = DOCS_MISTAKES.map(([file, line, code]) => `${file}:${line}:${code}`).sort();
  assert.deepEqual(got, listed);
  for (const [, , , why] of DOCS_MISTAKES) assert.ok(why.length > 10);
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CONNECTION_ROLES,
  MUST_BE_REFERENCED,
  WIRING_ATTRIBUTES,
  componentNamespaces,
  deprecatedFunction,
  expectedReceiverType,
  exportsKnown,
  exportsOfType,
  getArgument,
  getBlock,
  getCatalog,
  getComponent,
  getConfigBlock,
  getExport,
  getStdlibFunction,
  inputExports,
  isComponentName,
  isSecretArgument,
  mustBeReferenced,
  provenance,
  receiverSignal,
  stdlibNamespaces,
  typeContainsSecret,
} from '../../server/src/knowledge/index';
import type { BlockSpec, ComponentSpec } from '../../server/src/knowledge/index';

// Measured on the docs at the recorded commit; the catalog may grow, not shrink.
const MEASURED_COMPONENTS = 185;
// Components with a section whose table could not be read (see `issues`).
const MEASURED_MISSING_TABLES = 5;
const MEASURED_BLOCKS_WITHOUT_ARGUMENT_SECTION = 179;

const catalog = getCatalog();

function exportType(component: string, name: string): string | undefined {
  return getExport(component, name)?.type;
}

describe('component facts', () => {
  test('prometheus.exporter.self takes no arguments and exports targets', () => {
    const c = getComponent('prometheus.exporter.self');
    assert.ok(c);
    assert.deepEqual(c.arguments, []);
    assert.equal(c.parse.arguments, 'none');
    assert.deepEqual(c.blocks, []);
    assert.deepEqual(c.exports, [{ name: 'targets', type: 'list(map(string))' }]);
    assert.equal(c.stability, 'generally-available');
    assert.equal(
      c.docUrl,
      'https://grafana.com/docs/alloy/latest/reference/components/prometheus/prometheus.exporter.self/',
    );
  });

  test('export types from the self-monitoring facts', () => {
    assert.equal(exportType('otelcol.exporter.otlphttp', 'input'), 'otelcol.Consumer');
    assert.equal(exportType('otelcol.exporter.otlp', 'input'), 'otelcol.Consumer');
    assert.equal(exportType('otelcol.processor.batch', 'input'), 'otelcol.Consumer');
    assert.equal(exportType('loki.write', 'receiver'), 'LogsReceiver');
    assert.equal(exportType('loki.process', 'receiver'), 'LogsReceiver');
    assert.equal(exportType('otelcol.receiver.loki', 'receiver'), 'LogsReceiver');
    assert.equal(exportType('otelcol.receiver.prometheus', 'receiver'), 'MetricsReceiver');
    assert.equal(exportType('prometheus.remote_write', 'receiver'), 'MetricsReceiver');
    assert.equal(exportType('prometheus.relabel', 'receiver'), 'MetricsReceiver');
    assert.equal(exportType('pyroscope.write', 'receiver'), 'ProfilesReceiver');
  });

  test('a bare `receiver` type on a loki page is normalised to LogsReceiver, keeping the docs spelling', () => {
    assert.deepEqual(getExport('loki.relabel', 'receiver'), {
      name: 'receiver',
      type: 'LogsReceiver',
      docType: 'receiver',
    });
    const forward = getArgument('otelcol.exporter.loki', [], 'forward_to');
    assert.equal(forward?.type, 'list(LogsReceiver)');
    assert.equal(forward?.required, true);
  });

  test('arguments carry type, default and required flag', () => {
    assert.deepEqual(getArgument('prometheus.scrape', [], 'forward_to'), {
      name: 'forward_to',
      type: 'list(MetricsReceiver)',
      required: true,
    });
    assert.deepEqual(getArgument('prometheus.remote_write', ['endpoint'], 'remote_timeout'), {
      name: 'remote_timeout',
      type: 'duration',
      default: '"30s"',
      required: false,
    });
    assert.equal(getArgument('prometheus.remote_write', ['endpoint'], 'url')?.required, true);
    // Shared snippet (otelcol-tls-client-block.md) says `boolean`; normalised to Alloy's `bool`.
    const insecure = getArgument('otelcol.exporter.otlphttp', ['client', 'tls'], 'insecure');
    assert.equal(insecure?.type, 'bool');
    assert.equal(insecure?.docType, 'boolean');
  });

  test('nested blocks follow the docs hierarchy, including blocks from shared snippets', () => {
    assert.ok(getBlock('prometheus.remote_write', ['endpoint', 'basic_auth']));
    assert.ok(getBlock('prometheus.remote_write', ['endpoint', 'oauth2', 'tls_config']));
    assert.equal(getBlock('prometheus.remote_write', ['basic_auth']), undefined);
    const client = getBlock('otelcol.exporter.otlphttp', ['client']);
    assert.equal(client?.required, true);
    assert.equal(client?.arguments.find((a) => a.name === 'endpoint')?.required, true);
    assert.equal(client?.arguments.find((a) => a.name === 'auth')?.type, 'capsule(otelcol.Handler)');
    assert.ok(getBlock('otelcol.exporter.otlphttp', ['client', 'tls', 'tpm']));
    assert.deepEqual(
      getBlock('prometheus.remote_write', ['endpoint', 'basic_auth'])?.arguments.map((a) => [a.name, a.type]),
      [
        ['password', 'secret'],
        ['password_file', 'string'],
        ['username', 'string'],
      ],
    );
  });

  test('secret arguments are recognised by owner, block path and name', () => {
    assert.equal(isSecretArgument('prometheus.remote_write', ['endpoint', 'basic_auth'], 'password'), true);
    assert.equal(isSecretArgument('prometheus.remote_write', ['endpoint', 'basic_auth'], 'username'), false);
    assert.equal(isSecretArgument('prometheus.remote_write', ['endpoint'], 'bearer_token'), true);
    assert.equal(isSecretArgument('loki.write', ['endpoint', 'basic_auth'], 'password'), true);
    assert.equal(isSecretArgument('otelcol.auth.basic', [], 'password'), true);
    assert.equal(isSecretArgument('http', ['auth', 'basic'], 'password'), true);
    assert.equal(isSecretArgument('remotecfg', ['basic_auth'], 'password'), true);
    assert.equal(isSecretArgument('no.such.component', [], 'password'), false);
    // `http_headers` holds secrets inside a map; it is not itself a secret.
    const headers = getArgument('prometheus.remote_write', ['endpoint'], 'http_headers');
    assert.equal(headers?.type, 'map(list(secret))');
    assert.equal(isSecretArgument('prometheus.remote_write', ['endpoint'], 'http_headers'), false);
    assert.equal(typeContainsSecret('map(list(secret))'), true);
    assert.equal(typeContainsSecret('list(string)'), false);
  });

  test('object fields listed as `parent` > `field` rows become fields of the parent', () => {
    const filters = getArgument('otelcol.exporter.googlecloud', ['log'], 'resource_filters');
    assert.equal(filters?.type, 'list(object)');
    assert.deepEqual(
      filters?.fields?.map((f) => f.name),
      ['prefix', 'regex'],
    );
  });

  test('name and namespace lookups', () => {
    assert.equal(isComponentName('prometheus.scrape'), true);
    assert.equal(isComponentName('prometheus.scrapes'), false);
    assert.equal(isComponentName('logging'), false);
    const namespaces = componentNamespaces();
    for (const ns of ['prometheus', 'loki', 'otelcol', 'discovery', 'pyroscope', 'local', 'remote', 'beyla', 'faro']) {
      assert.ok(namespaces.has(ns), ns);
    }
    assert.equal(namespaces.has('sys'), false);
    assert.deepEqual([...namespaces], [...namespaces].sort());
    assert.equal(getComponent('otelcol.receiver.opencensus')?.removed, true);
    assert.equal(getComponent('otelcol.exporter.datadog')?.community, true);
  });

  test('exportsOfType finds every component exporting a type', () => {
    const logs = exportsOfType('LogsReceiver').map((e) => e.component);
    for (const name of ['loki.write', 'loki.process', 'loki.relabel', 'otelcol.receiver.loki'])
      assert.ok(logs.includes(name), name);
    assert.ok(
      exportsOfType('LogsReceiver').every((e) => getExport(e.component, e.export.name)?.type === 'LogsReceiver'),
    );
    assert.deepEqual(exportsOfType('no-such-type'), []);
  });

  test('exports are known unless the page lists none it claims to have', () => {
    assert.equal(exportsKnown('prometheus.exporter.self'), true);
    assert.equal(exportsKnown('prometheus.scrape'), true);
    assert.equal(getComponent('prometheus.scrape')?.exports.length, 0);
    assert.equal(exportsKnown('database_observability.mysql'), false);
    assert.equal(exportsKnown('no.such.component'), false);
  });
});

describe('catalog shape and provenance', () => {
  test(`holds at least ${MEASURED_COMPONENTS} components, each with an official docs URL`, () => {
    assert.ok(catalog.components.length >= MEASURED_COMPONENTS, `${catalog.components.length}`);
    for (const c of catalog.components) {
      assert.match(c.docUrl, /^https:\/\/grafana\.com\/docs\/alloy\//, c.name);
      assert.equal(c.namespace, c.name.split('.')[0]);
      assert.match(c.source, /^docs\/sources\/reference\/components\/[a-z_]+\/[a-z0-9_.]+\.md$/);
    }
  });

  test('components, config blocks and stdlib entries are sorted and unique', () => {
    for (const list of [catalog.components, catalog.configBlocks, catalog.stdlib]) {
      const names = list.map((x) => x.name);
      assert.deepEqual(
        names,
        [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      assert.equal(new Set(names).size, names.length);
    }
  });

  test('provenance names the docs commit and generator, and its counts match the data', () => {
    const p = provenance();
    assert.equal(p.commit, '66ebea856dffb242f921775e9552a133f60dc5c1');
    assert.equal(p.repository, 'https://github.com/grafana/alloy');
    assert.equal(p.generator, 'scripts/knowledge/generate.mjs');
    assert.equal(p.counts.components, catalog.components.length);
    assert.equal(p.counts.configBlocks, catalog.configBlocks.length);
    assert.equal(p.counts.componentsWithExports, catalog.components.filter((c) => c.exports.length > 0).length);
    assert.equal(p.counts.componentsWithArguments, catalog.components.filter((c) => c.arguments.length > 0).length);
    const countBlocks = (blocks: BlockSpec[]): number => blocks.reduce((n, b) => n + 1 + countBlocks(b.blocks), 0);
    assert.equal(
      p.counts.blocks,
      catalog.components.reduce((n, c) => n + countBlocks(c.blocks), 0),
    );
    assert.deepEqual(p.unresolvedIncludes, []);
  });

  test(`components whose tables could not be read stay at or below ${MEASURED_MISSING_TABLES}`, () => {
    const failed = catalog.components.filter((c: ComponentSpec) => Object.values(c.parse).includes('missing'));
    assert.equal(failed.length, provenance().counts.componentsWithMissingTables);
    assert.ok(failed.length <= MEASURED_MISSING_TABLES, failed.map((c) => c.name).join(', '));
    for (const c of failed) assert.ok(c.issues && c.issues.length > 0, c.name);
    assert.ok(provenance().counts.blocksWithoutArgumentSection <= MEASURED_BLOCKS_WITHOUT_ARGUMENT_SECTION);
  });

  test('most components have their arguments and exports read from a table', () => {
    const parsed = (field: 'arguments' | 'exports') =>
      catalog.components.filter((c) => c.parse[field] === 'parsed').length;
    assert.ok(parsed('arguments') >= 171, `${parsed('arguments')}`);
    assert.ok(parsed('exports') >= 129, `${parsed('exports')}`);
  });
});

describe('config blocks', () => {
  test('logging has level, format, destination and write_to', () => {
    const logging = getConfigBlock('logging');
    assert.ok(logging);
    assert.deepEqual(
      logging.arguments.map((a) => a.name),
      ['destination', 'format', 'level', 'write_to'],
    );
    assert.equal(getArgument('logging', [], 'level')?.default, '"info"');
    assert.equal(getArgument('logging', [], 'format')?.default, '"logfmt"');
    assert.equal(getArgument('logging', [], 'write_to')?.type, 'list(LogsReceiver)');
    assert.equal(logging.label, 'none');
    assert.equal(logging.unique, true);
    assert.deepEqual(logging.forbiddenIn, ['declare', 'foreach']);
    assert.equal(logging.docUrl, 'https://grafana.com/docs/alloy/latest/reference/config-blocks/logging/');
  });

  test('tracing has sampling_fraction, write_to, send_traceparent and sampler > jaeger_remote', () => {
    assert.equal(getArgument('tracing', [], 'sampling_fraction')?.default, '0.1');
    assert.equal(getArgument('tracing', [], 'write_to')?.type, 'list(otelcol.Consumer)');
    assert.equal(getArgument('tracing', [], 'write_to')?.default, '[]');
    assert.ok(getArgument('tracing', [], 'send_traceparent'));
    assert.deepEqual(
      getBlock('tracing', ['sampler', 'jaeger_remote'])?.arguments.map((a) => a.name),
      ['max_operations', 'refresh_interval', 'url'],
    );
    assert.deepEqual(getConfigBlock('tracing')?.forbiddenIn, ['declare', 'foreach']);
  });

  test('unlabelled config blocks are unique per configuration; labelled ones are not', () => {
    for (const name of ['logging', 'tracing', 'http', 'remotecfg', 'livedebugging', 'labelstore']) {
      const b = getConfigBlock(name);
      assert.equal(b?.unique, true, name);
      assert.equal(b?.label, 'none', name);
    }
    assert.equal(getConfigBlock('labelstore')?.documented, false);
    for (const name of [
      'import.file',
      'import.git',
      'import.http',
      'import.string',
      'declare',
      'foreach',
      'argument',
      'export',
    ]) {
      const b = getConfigBlock(name);
      assert.equal(b?.label, 'required', name);
      assert.equal(b?.unique, false, name);
    }
    assert.equal(getConfigBlock('argument')?.moduleOnly, true);
    assert.equal(getConfigBlock('export')?.moduleOnly, true);
    assert.equal(getConfigBlock('prometheus.scrape'), undefined);
  });
});

describe('standard library', () => {
  // The authoritative list of current names (Alloy's syntax/internal/stdlib).
  const CURRENT = [
    'array.combine_maps',
    'array.concat',
    'array.group_by',
    'coalesce',
    'constants.arch',
    'constants.hostname',
    'constants.os',
    'constants.version',
    'convert.nonsensitive',
    'encoding.from_URLbase64',
    'encoding.from_base64',
    'encoding.from_json',
    'encoding.from_yaml',
    'encoding.to_URLbase64',
    'encoding.to_base64',
    'encoding.to_json',
    'encoding.url_decode',
    'encoding.url_encode',
    'file.path_join',
    'json_path',
    'string.format',
    'string.join',
    'string.replace',
    'string.split',
    'string.to_lower',
    'string.to_upper',
    'string.trim',
    'string.trim_prefix',
    'string.trim_space',
    'string.trim_suffix',
    'sys.env',
  ];
  const DEPRECATED: Record<string, string> = {
    env: 'sys.env',
    nonsensitive: 'convert.nonsensitive',
    concat: 'array.concat',
    json_decode: 'encoding.from_json',
    yaml_decode: 'encoding.from_yaml',
    base64_decode: 'encoding.from_base64',
    format: 'string.format',
    join: 'string.join',
    replace: 'string.replace',
    split: 'string.split',
    to_lower: 'string.to_lower',
    to_upper: 'string.to_upper',
    trim: 'string.trim',
    trim_prefix: 'string.trim_prefix',
    trim_suffix: 'string.trim_suffix',
    trim_space: 'string.trim_space',
  };

  test('current names are exactly the authoritative list', () => {
    const current = catalog.stdlib.filter((f) => !f.deprecated).map((f) => f.name);
    assert.deepEqual(
      current,
      [...CURRENT].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    assert.equal(getStdlibFunction('constants.os')?.kind, 'constant');
    assert.equal(getStdlibFunction('sys.env')?.kind, 'function');
    assert.equal(getStdlibFunction('sys.env')?.docUrl, 'https://grafana.com/docs/alloy/latest/reference/stdlib/sys/');
    assert.deepEqual([...stdlibNamespaces()], ['array', 'constants', 'convert', 'encoding', 'file', 'string', 'sys']);
  });

  test('every deprecated name maps to its replacement', () => {
    for (const [name, replacement] of Object.entries(DEPRECATED)) {
      assert.equal(deprecatedFunction(name), replacement, name);
      assert.ok(getStdlibFunction(replacement), replacement);
      assert.equal(getStdlibFunction(replacement)?.deprecated, undefined);
    }
    assert.equal(catalog.stdlib.filter((f) => f.deprecated).length, Object.keys(DEPRECATED).length);
    assert.equal(deprecatedFunction('sys.env'), undefined);
    assert.equal(deprecatedFunction('not_a_function'), undefined);
  });
});

describe('roles', () => {
  test('receiver types map to the signal they carry', () => {
    assert.deepEqual(receiverSignal('MetricsReceiver')?.flows, ['metrics']);
    assert.deepEqual(receiverSignal('LogsReceiver')?.flows, ['logs']);
    assert.deepEqual(receiverSignal('otelcol.Consumer')?.flows, ['metrics', 'logs', 'traces']);
    assert.deepEqual(receiverSignal('ProfilesReceiver')?.flows, ['profiles']);
    assert.deepEqual(receiverSignal('list(map(string))')?.flows, ['targets']);
    assert.equal(receiverSignal('string'), undefined);
    assert.equal(receiverSignal('toString'), undefined);
  });

  test('every role type is exported by some component, and its example export exists', () => {
    for (const role of Object.values(CONNECTION_ROLES)) {
      assert.ok(exportsOfType(role.type).length > 0, role.type);
      const m = /^(.+)\.LABEL\.(\w+)$/.exec(role.example);
      assert.ok(m, role.example);
      assert.equal(exportType(m[1], m[2]), role.type, role.example);
    }
  });

  test('exporters and sinks name the export that must be referenced', () => {
    assert.equal(mustBeReferenced('prometheus.exporter.self'), 'targets');
    assert.equal(mustBeReferenced('prometheus.exporter.unix'), 'targets');
    assert.equal(mustBeReferenced('otelcol.exporter.otlphttp'), 'input');
    assert.equal(mustBeReferenced('loki.write'), 'receiver');
    assert.equal(mustBeReferenced('prometheus.remote_write'), 'receiver');
    assert.equal(mustBeReferenced('pyroscope.write'), 'receiver');
    assert.equal(mustBeReferenced('prometheus.scrape'), undefined);
    assert.equal(mustBeReferenced('loki.source.file'), undefined);
    assert.equal(mustBeReferenced('prometheus.exporter.nonexistent'), undefined);
  });

  test('every catalog component matched by a pattern really has that export', () => {
    for (const rule of MUST_BE_REFERENCED) {
      const prefix = rule.pattern.endsWith('.*') ? rule.pattern.slice(0, -1) : undefined;
      const matched = catalog.components.filter((c) => (prefix ? c.name.startsWith(prefix) : c.name === rule.pattern));
      assert.ok(matched.length > 0, rule.pattern);
      for (const c of matched) {
        assert.equal(mustBeReferenced(c.name), rule.export, c.name);
        // Either the export is listed, or the page's export list is known to be incomplete.
        assert.ok(getExport(c.name, rule.export) || !exportsKnown(c.name), c.name);
      }
    }
  });

  test('wiring attributes agree with the catalog types', () => {
    for (const w of WIRING_ATTRIBUTES) {
      const arg = getArgument(w.owner, w.path, w.attribute);
      assert.equal(arg?.type, w.list ? `list(${w.type})` : w.type, `${w.owner}.${w.attribute}`);
    }
  });

  test('expectedReceiverType for logging, tracing, scrape and otelcol output blocks', () => {
    const logging = expectedReceiverType('logging', 'write_to');
    assert.equal(logging?.type, 'LogsReceiver');
    assert.equal(logging?.list, true);
    assert.match(logging?.description ?? '', /loki\.write\.LABEL\.receiver/);
    assert.equal(expectedReceiverType('tracing', 'write_to')?.type, 'otelcol.Consumer');
    assert.equal(expectedReceiverType('prometheus.scrape', 'forward_to')?.type, 'MetricsReceiver');
    const targets = expectedReceiverType('prometheus.scrape', 'targets');
    assert.equal(targets?.type, 'list(map(string))');
    assert.equal(targets?.list, false);
    // Not in the hand-written list: read from the catalog.
    assert.equal(expectedReceiverType('otelcol.receiver.otlp', 'traces', ['output'])?.type, 'otelcol.Consumer');
    assert.equal(expectedReceiverType('loki.source.file', 'forward_to')?.type, 'LogsReceiver');
    assert.equal(expectedReceiverType('pyroscope.scrape', 'forward_to')?.type, 'ProfilesReceiver');
    assert.equal(expectedReceiverType('prometheus.scrape', 'job_name'), undefined);
    assert.equal(expectedReceiverType('logging', 'level'), undefined);
  });

  test('inputExports lists the exports data enters through', () => {
    assert.deepEqual(
      inputExports('prometheus.relabel').map((e) => e.name),
      ['receiver'],
    );
    assert.deepEqual(inputExports('prometheus.exporter.self'), []);
  });
});

/**
 * Completion, hover and signature help against the real server process over
 * JSON-RPC (stdio), in half-typed text as it is while someone types.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  CompletionItem,
  CompletionList,
  Hover,
  MarkupContent,
  SignatureHelp,
} from 'vscode-languageserver-protocol';
import { TestClient } from '../server/client';

let docs = 0;

/** Opens `text` (the cursor is at `|`) and returns the position of the cursor. */
async function openAt(client: TestClient, marked: string) {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no cursor in the test text');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const uri = `file:///virtual/completion-${++docs}.alloy`;
  await client.open(uri, text);
  const before = text.slice(0, offset).split('\n');
  return { uri, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

async function completion(client: TestClient, marked: string): Promise<CompletionItem[]> {
  const { uri, position } = await openAt(client, marked);
  const list = (await client.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position,
  })) as CompletionList | null;
  assert.ok(list, 'no completion list');
  return list.items;
}

async function hoverText(client: TestClient, marked: string): Promise<string | undefined> {
  const { uri, position } = await openAt(client, marked);
  const h = (await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position,
  })) as Hover | null;
  return h ? (h.contents as MarkupContent).value : undefined;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const byLabel = (items: CompletionItem[], label: string) => {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} among ${labels(items).slice(0, 40).join(', ')}`);
  return item;
};
const newText = (item: CompletionItem) => (item.textEdit as { newText: string }).newText;

const PIPELINE = `prometheus.exporter.self "default" { }

prometheus.remote_write "mimir" {
	endpoint {
		url = "http://mimir:9009/api/v1/push"
	}
}

loki.write "grafana" {
	endpoint {
		url = "http://loki:3100/loki/api/v1/push"
	}
}

otelcol.exporter.otlphttp "cloud" {
	client {
		endpoint = "https://otlp.example"
	}
}

discovery.relabel "pods" {
	targets = []
}
`;

describe('completion over JSON-RPC', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    const init = await client.initialize({});
    assert.ok(init.capabilities.completionProvider, 'completion is advertised');
    assert.equal(init.capabilities.hoverProvider, true);
    assert.ok(init.capabilities.signatureHelpProvider, 'signature help is advertised');
  });
  after(() => client.stop());

  test("after a namespace dot: that namespace's components, stability marked; accepting one inserts its required arguments", async () => {
    const items = await completion(client, `${PIPELINE}\nprometheus.|`);
    assert.ok(
      items.every((i) => String(i.label).startsWith('prometheus.')),
      labels(items).join(', '),
    );
    const scrape = byLabel(items, 'prometheus.scrape');
    assert.equal(scrape.insertTextFormat, 2, 'snippet');
    assert.equal(
      newText(scrape),
      'prometheus.scrape "${1:default}" {\n\tforward_to = [${2}]\n\ttargets    = [${3}]\n}$0',
    );
    const edit = scrape.textEdit as { range: { start: { character: number }; end: { character: number } } };
    assert.deepEqual([edit.range.start.character, edit.range.end.character], [0, 'prometheus.'.length]);
    // A component that is not generally available says so.
    const experimental = items.find((i) => i.labelDetails?.description === 'experimental');
    assert.ok(experimental, 'an experimental prometheus.* component is marked');
    // The label is one that is not taken.
    const self = byLabel(items, 'prometheus.exporter.self');
    assert.match(newText(self), /^prometheus\.exporter\.self "\$\{1:default_2\}" \{/);
  });

  test('at the top level: config blocks, declared custom components with their required arguments, import namespaces, snippets', async () => {
    const items = await completion(
      client,
      `import.file "mods" {\n\tfilename = "m.alloy"\n}\n\ndeclare "pipeline" {\n\targument "endpoint" { }\n\targument "level" {\n\t\toptional = true\n\t}\n}\n\n|`,
    );
    const names = labels(items);
    for (const n of ['logging', 'tracing', 'prometheus.scrape', 'pipeline', 'mods', 'alloy-self-monitoring']) {
      assert.ok(names.includes(n), `${n} offered`);
    }
    assert.equal(newText(byLabel(items, 'pipeline')), 'pipeline "${1:default}" {\n\tendpoint = ${2}\n}$0');
    assert.equal(newText(byLabel(items, 'logging')).split('\n')[0], 'logging {');
    const snippet = byLabel(items, 'alloy-self-monitoring');
    assert.equal(snippet.kind, 15, 'snippet kind');
    assert.match(newText(snippet), /prometheus\.exporter\.self/);
    assert.equal(names.filter((n) => n === 'alloy-logging').length, 1, 'each snippet once');
  });

  test('an existing logging block is not offered again', async () => {
    const items = await completion(client, 'logging {\n\tlevel = "info"\n}\n\nlog|');
    assert.ok(!labels(items).includes('logging'));
  });

  test('block body: the arguments not set yet, required first, type and default in the detail', async () => {
    const items = await completion(
      client,
      `${PIPELINE}\nprometheus.scrape "s" {\n\ttargets = prometheus.exporter.self.default.targets\n\t|\n}\n`,
    );
    const names = labels(items);
    assert.ok(!names.includes('targets'), 'targets is set already');
    const forward = byLabel(items, 'forward_to');
    const interval = byLabel(items, 'scrape_interval');
    assert.equal(forward.detail, 'list(MetricsReceiver), required');
    assert.equal(interval.detail, 'duration = "60s"');
    assert.ok(forward.sortText! < interval.sortText!, 'required first');
    assert.equal(newText(interval), 'scrape_interval = "${1:60s}"');
    assert.ok(names.includes('basic_auth'), 'nested blocks too');
    assert.match(newText(byLabel(items, 'basic_auth')), /^basic_auth \{/);
  });

  test('half-typed argument name in a block tree-sitter cannot parse; `=` already there is not inserted again', async () => {
    const items = await completion(client, 'prometheus.scrape "s" {\n\ttargets = [\n\tsc| = "10s"\n}\n');
    assert.equal(newText(byLabel(items, 'scrape_interval')), 'scrape_interval', 'the open [ does not hide the block');
    assert.ok(!labels(items).includes('targets'), 'targets is set');
    const again = await completion(client, 'prometheus.scrape "s" {\n\tforward_to = []\n\tscr| = "10s"\n}\n');
    assert.equal(newText(byLabel(again, 'scrape_interval')), 'scrape_interval');
    const nested = await completion(client, 'prometheus.remote_write "r" {\n\tendpoint {\n\t\tur|\n\t}\n');
    assert.match(newText(byLabel(nested, 'url')), /^url = "\$\{1\}"$/);
  });

  test("custom component instance: the declare's arguments", async () => {
    const items = await completion(
      client,
      'declare "pipeline" {\n\targument "endpoint" { }\n\targument "level" {\n\t\tdefault = "info"\n\t}\n}\n\npipeline "p" {\n\t|\n}\n',
    );
    assert.deepEqual(labels(items).sort(), ['endpoint', 'level']);
  });

  test('forward_to of prometheus.scrape: only metrics receivers', async () => {
    const items = await completion(client, `${PIPELINE}\nprometheus.scrape "s" {\n\tforward_to = [|]\n}\n`);
    assert.deepEqual(labels(items), ['prometheus.remote_write.mimir.receiver']);
    assert.equal(items[0].detail, 'MetricsReceiver');
  });

  test('targets: only target lists (and functions that build them)', async () => {
    const items = await completion(client, `${PIPELINE}\nprometheus.scrape "s" {\n\ttargets = |\n}\n`);
    const refs = labels(items).filter((l) => !String(l).includes('(') && items.find((i) => i.label === l)!.kind === 18);
    assert.deepEqual(refs.sort(), ['discovery.relabel.pods.output', 'prometheus.exporter.self.default.targets']);
    assert.ok(labels(items).includes('array.concat'), 'array.concat is offered for target lists');
  });

  test('write_to of logging: logs receivers; tracing: OpenTelemetry consumers', async () => {
    const logs = await completion(client, `${PIPELINE}\nlogging {\n\twrite_to = [|]\n}\n`);
    assert.deepEqual(labels(logs), ['loki.write.grafana.receiver']);
    const traces = await completion(client, `${PIPELINE}\ntracing {\n\twrite_to = [otelcol.|]\n}\n`);
    assert.deepEqual(labels(traces), ['exporter']);
  });

  test('component. -> labels defined; component.label. -> its exports with types', async () => {
    const labelsOf = await completion(
      client,
      `${PIPELINE}\nprometheus.scrape "s" {\n\ttargets = prometheus.exporter.self.|\n}\n`,
    );
    assert.deepEqual(labels(labelsOf), ['default']);
    const exportsOf = await completion(client, `${PIPELINE}\nfoo "x" {\n\ty = loki.write.grafana.|\n}\n`);
    assert.deepEqual(labels(exportsOf), ['receiver']);
    assert.equal(exportsOf[0].detail, 'LogsReceiver');
  });

  test("references inside nested declares: the innermost declare's components, also in half-typed text", async () => {
    // A module wrapped in another declare, as the Kubernetes monitoring Helm chart renders them; the
    // reference being typed leaves an error that recovery covers the declares with.
    const module = (ref: string) =>
      'declare "feature" {\n\tdeclare "etcd" {\n\t\targument "forward_to" { }\n\n' +
      '\t\tdiscovery.kubernetes "etcd" {\n\t\t\trole = "pod"\n\t\t}\n\n' +
      `\t\tprometheus.scrape "etcd" {\n\t\t\ttargets    = ${ref}\n\t\t\tforward_to = argument.forward_to.value\n\t\t}\n\n` +
      '\t\tprometheus.relabel "etcd" {\n\t\t\tforward_to = []\n\t\t}\n\t}\n}\n\nprometheus.exporter.self "top" { }\n';
    assert.deepEqual(labels(await completion(client, module('discovery.kubernetes.etcd.|'))), ['targets']);
    assert.deepEqual(labels(await completion(client, module('discovery.kubernetes.|'))), ['etcd']);
    // The top level's components are not visible inside a declare.
    assert.deepEqual(labels(await completion(client, module('prometheus.exporter.self.|'))), []);
    assert.deepEqual(labels(await completion(client, module('argument.|'))), ['forward_to']);
  });

  test("argument. -> the module's arguments", async () => {
    const items = await completion(
      client,
      'argument "endpoint" { }\nargument "token" { }\n\nloki.write "w" {\n\tendpoint {\n\t\turl = argument.|\n\t}\n}\n',
    );
    assert.deepEqual(labels(items).sort(), ['endpoint', 'token']);
  });

  test('standard library: namespaces and functions with their signatures', async () => {
    const items = await completion(client, 'loki.write "w" {\n\tendpoint {\n\t\turl = sys.|\n\t}\n}\n');
    const env = byLabel(items, 'env');
    assert.equal(env.detail, 'sys.env(name) → string');
    assert.equal(newText(env), 'env($1)');
    const top = await completion(client, 'loki.write "w" {\n\tendpoint {\n\t\turl = |\n\t}\n}\n');
    assert.ok(labels(top).includes('string.format'));
    assert.ok(labels(top).includes('encoding.from_json'));
    assert.ok(!labels(top).includes('env'), 'deprecated names are not offered');
  });

  test('literal choices: logging level and format; true/false for bools', async () => {
    const level = await completion(client, 'logging {\n\tlevel = |\n}\n');
    for (const v of ['"error"', '"warn"', '"info"', '"debug"']) assert.ok(labels(level).includes(v), v);
    const inString = await completion(client, 'logging {\n\tformat = "|"\n}\n');
    assert.deepEqual(labels(inString).sort(), ['json', 'logfmt']);
    const bool = await completion(client, 'prometheus.scrape "s" {\n\thonor_labels = |\n}\n');
    assert.ok(labels(bool).includes('true') && labels(bool).includes('false'));
  });

  test('no completion inside comments', async () => {
    const items = await completion(client, '// prometheus.|\n');
    assert.deepEqual(items, []);
  });
});

describe('completion item documentation on demand', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize({
      textDocument: { completion: { completionItem: { resolveSupport: { properties: ['documentation'] } } } },
    });
  });
  after(() => client.stop());

  test('the list carries no documentation; completionItem/resolve adds it', async () => {
    const items = await completion(client, 'loki.|');
    const write = byLabel(items, 'loki.write');
    assert.equal(write.documentation, undefined);
    const resolved = (await client.connection.sendRequest('completionItem/resolve', write)) as CompletionItem;
    const doc = (resolved.documentation as MarkupContent).value;
    assert.match(doc, /\*\*loki\.write\*\*/);
    assert.match(doc, /reference\/components\/loki\/loki\.write\/\)/);
  });
});

describe('snippets when the editor has them itself', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize({}, { snippetsInEditor: true });
  });
  after(() => client.stop());

  test('the server leaves them out (VS Code shows the contributed ones once)', async () => {
    const items = await completion(client, '|');
    assert.ok(labels(items).includes('logging'));
    assert.ok(!items.some((i) => i.kind === 15), 'no snippet items');
  });
});

describe('hover and signature help over JSON-RPC', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize({});
  });
  after(() => client.stop());

  test('component name: name, stability, required arguments, exports with types, docs link', async () => {
    const text = await hoverText(client, 'loki.wr|ite "w" {\n}\n');
    assert.ok(text);
    assert.match(text, /\*\*loki\.write\*\* — component, generally available/);
    assert.match(text, /Exports: `receiver` \(LogsReceiver\)/);
    assert.match(text, /\(https:\/\/grafana\.com\/docs\/alloy\/latest\/reference\/components\/loki\/loki\.write\/\)/);
    const scrape = await hoverText(client, 'prometheus.scrape| "s" {\n}\n');
    assert.match(
      scrape!,
      /Required arguments: `forward_to` \(list\(MetricsReceiver\)\), `targets` \(list\(map\(string\)\)\)/,
    );
  });

  test('argument and block: type, default, required, link', async () => {
    const arg = await hoverText(client, 'prometheus.scrape "s" {\n\tscrape_in|terval = "10s"\n}\n');
    assert.match(arg!, /\*\*scrape_interval\*\* — argument of `prometheus\.scrape`/);
    assert.match(arg!, /Type: `duration`/);
    assert.match(arg!, /default `"60s"`/);
    assert.match(arg!, /prometheus\.scrape\/\)/);
    const block = await hoverText(client, 'prometheus.remote_write "r" {\n\tendpo|int {\n\t\turl = "x"\n\t}\n}\n');
    assert.match(block!, /\*\*endpoint\*\* — block of `prometheus\.remote_write`/);
    assert.match(block!, /Required arguments: `url`/);
  });

  test('reference: what it resolves to and the export type, or that it does not resolve', async () => {
    const ok = await hoverText(
      client,
      `${PIPELINE}\nprometheus.scrape "s" {\n\tforward_to = [prometheus.remote_write.mimir.rece|iver]\n}\n`,
    );
    assert.match(ok!, /`prometheus\.remote_write "mimir"` — defined in this configuration/);
    assert.match(ok!, /Export `receiver`, type `MetricsReceiver`/);
    const missing = await hoverText(
      client,
      `${PIPELINE}\nprometheus.scrape "s" {\n\tforward_to = [prometheus.remote_write.nope.rece|iver]\n}\n`,
    );
    assert.match(missing!, /does not resolve: no `prometheus\.remote_write "nope"` is defined/);
  });

  test('standard-library function and config block', async () => {
    const fn = await hoverText(client, 'loki.write "w" {\n\tendpoint {\n\t\turl = sys.e|nv("URL")\n\t}\n}\n');
    assert.match(fn!, /sys\.env\(name\)/);
    assert.match(fn!, /reference\/stdlib\/sys\//);
    const block = await hoverText(client, 'logg|ing {\n}\n');
    assert.match(block!, /\*\*logging\*\* — configuration block/);
    assert.match(block!, /At most one per configuration/);
    assert.match(block!, /config-blocks\/logging\//);
  });

  test('signature help for standard-library calls, with the active parameter', async () => {
    const { uri, position } = await openAt(
      client,
      'loki.write "w" {\n\tendpoint {\n\t\turl = string.replace(sys.env("U"), "a", |\n\t}\n}\n',
    );
    const help = (await client.connection.sendRequest('textDocument/signatureHelp', {
      textDocument: { uri },
      position,
    })) as SignatureHelp;
    assert.equal(help.signatures[0].label, 'string.replace(string, substring, replacement)');
    assert.equal(help.activeParameter, 2);
    const inner = await openAt(client, 'x "y" {\n\ta = string.format("%s", sys.env(|))\n}\n');
    const h2 = (await client.connection.sendRequest('textDocument/signatureHelp', {
      textDocument: { uri: inner.uri },
      position: inner.position,
    })) as SignatureHelp;
    assert.equal(h2.signatures[0].label, 'sys.env(name)');
    assert.equal(h2.activeParameter, 0);
  });
});

/**
 * Definition, declaration, references, document highlights and rename over a
 * real JSON-RPC connection to the server process.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Location, LocationLink, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TestClient } from './client';
import { applyEdits, positionOf, textOf } from './text';

const CONFIG = `declare "pipeline" {
	argument "write_to" {
		optional = false
	}

	prometheus.scrape "inner" {
		targets    = prometheus.exporter.self.inner.targets
		forward_to = argument.write_to.value
	}

	prometheus.exporter.self "inner" { }

	export "scraped" {
		value = prometheus.scrape.inner.targets
	}
}

prometheus.exporter.self "default" { }

prometheus.scrape "default" {
	targets    = prometheus.exporter.self.default.targets
	forward_to = [prometheus.remote_write.cloud.receiver]
}

pipeline "main" {
	write_to = [prometheus.remote_write.cloud.receiver]
}

prometheus.remote_write "cloud" {
	endpoint {
		url = "http://mimir:9009/api/v1/push"
	}
}

discovery.relabel "k" {
	targets = concat(prometheus.exporter.self.default.targets, [])
}

prometheus.exporter.self "spare" { }
`;

describe('navigation over JSON-RPC', () => {
  let client: TestClient;
  const uri = 'file:///virtual/nav.alloy';
  before(async () => {
    client = new TestClient();
    const init = await client.initialize({});
    for (const cap of [
      'definitionProvider',
      'declarationProvider',
      'referencesProvider',
      'documentHighlightProvider',
      'renameProvider',
    ]) {
      assert.ok(init.capabilities[cap], `${cap} announced`);
    }
    await client.open(uri, CONFIG);
  });
  after(() => client.stop());

  const request = <T>(method: string, params: object) => client.connection.sendRequest(method, params) as Promise<T>;
  const at = (needle: string, delta = 0, nth = 0) => ({
    textDocument: { uri },
    position: positionOf(CONFIG, needle, delta, nth),
  });

  test('definition of a reference: every segment of the component part leads to the header', async () => {
    for (const delta of [0, 'prometheus.'.length, 'prometheus.exporter.self.'.length + 2]) {
      const locs = await request<Location[]>(
        'textDocument/definition',
        at('prometheus.exporter.self.default.targets', delta),
      );
      assert.equal(locs.length, 1);
      assert.equal(locs[0].uri, uri);
      assert.equal(textOf(CONFIG, locs[0].range), 'prometheus.exporter.self "default"');
    }
    // The export segment is not the component.
    const none = await request<Location[]>(
      'textDocument/definition',
      at('prometheus.exporter.self.default.targets', 36),
    );
    assert.deepEqual(none, []);
  });

  test('declaration answers like definition', async () => {
    const locs = await request<Location[]>(
      'textDocument/declaration',
      at('prometheus.remote_write.cloud.receiver', 26),
    );
    assert.equal(textOf(CONFIG, locs[0].range), 'prometheus.remote_write "cloud"');
  });

  test('inside a declare, references resolve in its own scope', async () => {
    const locs = await request<Location[]>('textDocument/definition', at('prometheus.exporter.self.inner.targets', 27));
    assert.equal(textOf(CONFIG, locs[0].range), 'prometheus.exporter.self "inner"');
    assert.ok(locs[0].range.start.line < 15, 'the one inside the declare');
  });

  test('argument.x.value leads to the argument block; a custom component name to its declare', async () => {
    const arg = await request<Location[]>('textDocument/definition', at('argument.write_to.value', 10));
    assert.equal(textOf(CONFIG, arg[0].range), 'argument "write_to"');
    const decl = await request<Location[]>('textDocument/definition', at('pipeline "main"', 2));
    assert.equal(textOf(CONFIG, decl[0].range), 'declare "pipeline"');
  });

  test('definition links when the client supports them', async () => {
    const c = new TestClient();
    try {
      await c.initialize({ textDocument: { definition: { linkSupport: true } } });
      await c.open(uri, CONFIG);
      const links = (await c.connection.sendRequest(
        'textDocument/definition',
        at('prometheus.exporter.self.default.targets', 3),
      )) as LocationLink[];
      assert.equal(links.length, 1);
      assert.equal(textOf(CONFIG, links[0].targetSelectionRange), 'prometheus.exporter.self "default"');
      assert.ok(textOf(CONFIG, links[0].targetRange).startsWith('prometheus.exporter.self "default" { }'));
      assert.equal(textOf(CONFIG, links[0].originSelectionRange!), 'prometheus.exporter.self.default');
    } finally {
      await c.stop();
    }
  });

  test('references honour includeDeclaration; a reference inside a call counts', async () => {
    const params = at('prometheus.exporter.self "default"', 27);
    const withDecl = await request<Location[]>('textDocument/references', {
      ...params,
      context: { includeDeclaration: true },
    });
    const texts = withDecl.map((l) => textOf(CONFIG, l.range));
    assert.deepEqual(texts, ['"default"', 'prometheus.exporter.self.default', 'prometheus.exporter.self.default']);
    const without = await request<Location[]>('textDocument/references', {
      ...params,
      context: { includeDeclaration: false },
    });
    assert.equal(without.length, 2);
    assert.ok(without.every((l) => textOf(CONFIG, l.range) === 'prometheus.exporter.self.default'));
  });

  test('document highlights: the label is written, the references read', async () => {
    const hs = await request<{ range: Range; kind: number }[]>(
      'textDocument/documentHighlight',
      at('prometheus.remote_write "cloud"', 26),
    );
    assert.deepEqual(
      hs.map((h) => [textOf(CONFIG, h.range), h.kind]),
      [
        ['"cloud"', 3],
        ['prometheus.remote_write.cloud', 2],
        ['prometheus.remote_write.cloud', 2],
      ],
    );
  });

  test('rename a component label: the header and every reference, nothing else', async () => {
    const prep = await request<{ range: Range; placeholder: string }>(
      'textDocument/prepareRename',
      at('prometheus.exporter.self.default.targets', 26),
    );
    assert.equal(prep.placeholder, 'default');
    assert.equal(textOf(CONFIG, prep.range), 'default');
    const edit = await request<WorkspaceEdit>('textDocument/rename', {
      ...at('prometheus.exporter.self.default.targets', 26),
      newName: 'alloy',
    });
    const renamed = applyEdits(CONFIG, edit, uri);
    assert.equal(
      renamed,
      CONFIG.replaceAll('prometheus.exporter.self "default"', 'prometheus.exporter.self "alloy"').replaceAll(
        'prometheus.exporter.self.default',
        'prometheus.exporter.self.alloy',
      ),
    );
  });

  test('rename an argument: its block, argument.x.value and the attribute of every instance', async () => {
    const edit = await request<WorkspaceEdit>('textDocument/rename', {
      ...at('argument.write_to.value', 12),
      newName: 'receivers',
    });
    const renamed = applyEdits(CONFIG, edit, uri);
    assert.match(renamed, /argument "receivers" \{/);
    assert.match(renamed, /forward_to = argument\.receivers\.value/);
    assert.match(renamed, /\treceivers = \[prometheus/);
    assert.doesNotMatch(renamed, /write_to/);
  });

  test('rename a custom component: the declare, its instances and references to them', async () => {
    const edit = await request<WorkspaceEdit>('textDocument/rename', {
      ...at('declare "pipeline"', 10),
      newName: 'scrape_self',
    });
    const renamed = applyEdits(CONFIG, edit, uri);
    assert.equal(
      renamed,
      CONFIG.replace('declare "pipeline"', 'declare "scrape_self"').replace('pipeline "main"', 'scrape_self "main"'),
    );
  });

  test('rename refuses an invalid identifier and a taken name, with a message', async () => {
    const params = at('prometheus.remote_write "cloud"', 26);
    await assert.rejects(
      request('textDocument/rename', { ...params, newName: 'no-dash' }),
      /not a valid component label/,
    );
    await assert.rejects(request('textDocument/rename', { ...params, newName: 'true' }), /not a valid/);
    // Its own name is not taken by someone else.
    const same = await request<WorkspaceEdit>('textDocument/rename', {
      ...at('prometheus.exporter.self "default"', 27),
      newName: 'default',
    });
    assert.equal(applyEdits(CONFIG, same, uri), CONFIG);
    // prometheus.exporter.self "inner" is in the declare's scope, not the top level: no clash there.
    const edit = await request<WorkspaceEdit>('textDocument/rename', {
      ...at('prometheus.exporter.self "default"', 27),
      newName: 'inner',
    });
    assert.equal(edit.changes?.[uri]?.length, 3);
    await assert.rejects(
      request('textDocument/rename', { ...at('prometheus.exporter.self "default"', 27), newName: 'spare' }),
      /already a prometheus\.exporter\.self "spare" here/,
    );
    const decl = at('declare "pipeline"', 10);
    await assert.rejects(request('textDocument/rename', { ...decl, newName: 'prometheus' }), /built-in components/);
    await assert.rejects(request('textDocument/prepareRename', at('endpoint {', 2)), /can be renamed/);
  });
});

describe('code lenses and document links over JSON-RPC', () => {
  let client: TestClient;
  const uri = 'file:///virtual/lens.alloy';
  before(async () => {
    client = new TestClient();
    const init = await client.initialize({});
    assert.ok(init.capabilities.codeLensProvider && init.capabilities.documentLinkProvider);
    await client.open(uri, CONFIG);
  });
  after(() => client.stop());

  test('each component says how many components consume it, and opens the references view', async () => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as {
      range: Range;
      command: { title: string; command: string; arguments: [string, unknown, Location[]] };
    }[];
    const byHeader = new Map(lenses.map((l) => [textOf(CONFIG, l.range), l.command]));
    assert.equal(byHeader.get('prometheus.exporter.self "default"')?.title, '2 consumers');
    assert.equal(byHeader.get('prometheus.remote_write "cloud"')?.title, '2 consumers');
    assert.equal(byHeader.get('prometheus.exporter.self "inner"')?.title, '1 consumer');
    assert.equal(byHeader.get('prometheus.exporter.self "spare"')?.title, 'not used');
    assert.equal(byHeader.get('pipeline "main"')?.title, 'not used');
    const cmd = byHeader.get('prometheus.exporter.self "default"')!;
    assert.equal(cmd.command, 'alloy.showReferences');
    assert.equal(cmd.arguments[0], uri);
    assert.deepEqual(
      cmd.arguments[2].map((l) => textOf(CONFIG, l.range)),
      ['prometheus.exporter.self.default', 'prometheus.exporter.self.default'],
    );
  });

  test('component and config block names link to their reference page', async () => {
    const links = (await client.connection.sendRequest('textDocument/documentLink', { textDocument: { uri } })) as {
      range: Range;
      target: string;
    }[];
    const byName = new Map(links.map((l) => [textOf(CONFIG, l.range), l.target]));
    assert.match(
      byName.get('prometheus.scrape')!,
      /^https:\/\/grafana\.com\/docs\/alloy\/.*\/reference\/components\/prometheus\/prometheus\.scrape\/$/,
    );
    assert.match(byName.get('declare')!, /reference\/config-blocks\/declare\/$/);
    assert.match(byName.get('argument')!, /reference\/config-blocks\/argument\/$/);
    // Nested blocks (endpoint) and custom components (pipeline) have no page.
    assert.ok(!byName.has('endpoint') && !byName.has('pipeline'));
  });
});

describe('navigation across the files of a directory', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-nav-'));
    client = new TestClient();
    await client.initialize({}, { configMode: 'directory' });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('definition into a sibling file, rename across files, import.file into the imported file', async () => {
    const a = `prometheus.exporter.self "alloy" { }\n\nlib.scrape "s" {\n\ttargets = prometheus.exporter.self.alloy.targets\n}\n`;
    const b = `import.file "lib" {\n\tfilename = "modules/lib.alloy"\n}\n\nprometheus.scrape "x" {\n\ttargets    = prometheus.exporter.self.alloy.targets\n\tforward_to = []\n}\n`;
    const lib = `declare "scrape" {\n\targument "targets" { }\n}\n`;
    fs.mkdirSync(path.join(dir, 'modules'));
    fs.writeFileSync(path.join(dir, 'a.alloy'), a);
    fs.writeFileSync(path.join(dir, 'b.alloy'), b);
    fs.writeFileSync(path.join(dir, 'modules', 'lib.alloy'), lib);
    const uriA = pathToFileURL(path.join(dir, 'a.alloy')).href;
    const uriB = pathToFileURL(path.join(dir, 'b.alloy')).href;
    const uriLib = pathToFileURL(path.join(dir, 'modules', 'lib.alloy')).href;
    await client.open(uriB, b);
    const def = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: uriB },
      position: positionOf(b, 'exporter.self.alloy', 14),
    })) as Location[];
    assert.equal(def[0].uri, uriA);
    assert.equal(textOf(a, def[0].range), 'prometheus.exporter.self "alloy"');

    const edit = (await client.connection.sendRequest('textDocument/rename', {
      textDocument: { uri: uriB },
      position: positionOf(b, 'exporter.self.alloy', 14),
      newName: 'own',
    })) as WorkspaceEdit;
    assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [uriA, uriB].sort());
    assert.equal(applyEdits(a, edit, uriA), a.replaceAll('alloy', 'own'));
    assert.equal(applyEdits(b, edit, uriB), b.replace('self.alloy', 'self.own'));

    // The namespace in a sibling leads to the import block; the component name into the imported file.
    await client.open(uriA, a);
    const ns = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: uriA },
      position: positionOf(a, 'lib.scrape', 1),
    })) as Location[];
    assert.equal(ns[0].uri, uriB);
    assert.equal(textOf(b, ns[0].range), 'import.file "lib"');
    const inside = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: uriA },
      position: positionOf(a, 'lib.scrape', 5),
    })) as Location[];
    assert.equal(inside[0].uri, uriLib);
    assert.equal(textOf(lib, inside[0].range), 'declare "scrape"');
    const file = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: uriB },
      position: positionOf(b, 'modules/lib', 3),
    })) as Location[];
    assert.equal(file[0].uri, uriLib);
  });
});

describe('foreach variables over JSON-RPC', () => {
  const FOREACH = `discovery.kubernetes "pods" {
	role = "pod"
}

foreach "redis" {
	collection = discovery.kubernetes.pods.targets
	var        = "each"

	template {
		prometheus.exporter.redis "default" {
			redis_addr = each["__address__"]
		}

		foreach "inner" {
			collection = [1, 2]
			var        = "n"

			template {
				prometheus.exporter.redis "nested" {
					redis_addr = each["__address__"] + n
				}
			}
		}
	}
}

prometheus.exporter.redis "outside" {
	redis_addr = "each"
}
`;
  let client: TestClient;
  const uri = 'file:///virtual/foreach.alloy';
  before(async () => {
    client = new TestClient();
    await client.initialize({});
    await client.open(uri, FOREACH);
  });
  after(() => client.stop());
  const at = (needle: string, delta = 0, nth = 0) => ({
    textDocument: { uri },
    position: positionOf(FOREACH, needle, delta, nth),
  });

  test('a use of the variable, also in a nested template, leads to the string of its var', async () => {
    for (const nth of [0, 1]) {
      const locs = (await client.connection.sendRequest(
        'textDocument/definition',
        at('each["__address__"]', 1, nth),
      )) as Location[];
      assert.equal(locs.length, 1);
      assert.equal(textOf(FOREACH, locs[0].range), '"each"');
      assert.equal(locs[0].range.start.line, 6);
    }
    const n = (await client.connection.sendRequest('textDocument/definition', at('+ n', 2))) as Location[];
    assert.equal(textOf(FOREACH, n[0].range), '"n"');
  });

  test('references of the variable are its uses inside the template, not a string elsewhere', async () => {
    const refs = (await client.connection.sendRequest('textDocument/references', {
      ...at('"each"', 2),
      context: { includeDeclaration: true },
    })) as Location[];
    assert.deepEqual(
      refs.map((l) => [l.range.start.line, textOf(FOREACH, l.range)]),
      [
        [6, '"each"'],
        [10, 'each'],
        [19, 'each'],
      ],
    );
  });

  test('rename the variable: its var string and every use, nothing else', async () => {
    const edit = (await client.connection.sendRequest('textDocument/rename', {
      ...at('each["__address__"]', 2),
      newName: 'target',
    })) as WorkspaceEdit;
    const renamed = applyEdits(FOREACH, edit, uri);
    assert.equal(
      renamed,
      FOREACH.replace('var        = "each"', 'var        = "target"').replaceAll(
        'each["__address__"]',
        'target["__address__"]',
      ),
    );
    const clash = await client.connection
      .sendRequest('textDocument/rename', { ...at('each["__address__"]', 2), newName: 'n' })
      .then(
        () => undefined,
        (e: Error) => e.message,
      );
    assert.match(clash ?? '', /nested template would hide it/, 'each is used where the inner variable n is visible');
  });
});

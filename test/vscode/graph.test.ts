/**
 * The pipeline graph view in the real editor: "Alloy: Show Pipeline Graph"
 * opens a webview that draws the nodes of the file, draws them again after an
 * edit, and reveals a block when its node is clicked (a DOM click in the page).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WAIT_MS, activateExtension, openEditor, withDeadline, writeFixture } from './helpers';

interface GraphRendered {
  uri: string;
  version: number;
  nodes: string[];
  edges: number;
  ms: number;
}
interface GraphApi {
  onDidRender: vscode.Event<GraphRendered>;
  lastRender: GraphRendered | undefined;
  click(id: string): Promise<void>;
  svg(): Promise<string>;
}

const TEXT = `logging {
	level    = "info"
	write_to = [loki.write.local.receiver]
}

loki.write "local" {
	endpoint {
		url = "http://localhost:3100/loki/api/v1/push"
	}
}

prometheus.exporter.self "default" { }

prometheus.scrape "self" {
	targets    = prometheus.exporter.self.default.targets
	forward_to = [prometheus.remote_write.local.receiver]
}

prometheus.remote_write "local" {
	endpoint {
		url = "http://localhost:9009/api/v1/push"
	}
}
`;

/** Resolves with the first drawing that satisfies `predicate` (the last one, or the next ones). */
function waitForRender(api: GraphApi, predicate: (r: GraphRendered) => boolean, what: string): Promise<GraphRendered> {
  return withDeadline(
    new Promise<GraphRendered>((resolve) => {
      if (api.lastRender && predicate(api.lastRender)) return resolve(api.lastRender);
      const sub = api.onDidRender((r) => {
        if (predicate(r)) {
          sub.dispose();
          resolve(r);
        }
      });
    }),
    WAIT_MS * 2,
    what,
  );
}

suite('pipeline graph view', () => {
  let api: GraphApi;
  suiteSetup(async () => {
    const ext = (await activateExtension()) as unknown as { graph: GraphApi };
    api = ext.graph;
    assert.ok(api, 'activate() result has no `graph`');
  });

  test('opens beside the editor, draws the nodes, follows edits and reveals a block on click', async () => {
    const uri = await writeFixture('graph-view.alloy', TEXT);
    const editor = await openEditor(uri);
    await vscode.commands.executeCommand('alloy.showPipelineGraph');
    const first = await waitForRender(api, (r) => r.uri === uri.toString(), 'the first drawing');
    assert.deepEqual(first.nodes, [
      'logging',
      'loki.write.local',
      'prometheus.exporter.self.default',
      'prometheus.scrape.self',
      'prometheus.remote_write.local',
    ]);
    assert.equal(first.edges, 3);
    const tabs = vscode.window.tabGroups.all.flatMap((g) =>
      g.tabs.map((t) => ({ label: t.label, column: g.viewColumn })),
    );
    const view = tabs.find((t) => t.label === 'Alloy Pipeline Graph');
    assert.ok(view, `no graph tab: ${JSON.stringify(tabs)}`);
    assert.notEqual(view.column, editor.viewColumn, 'the graph opens beside the editor');

    // An edit: a new component appears in the next drawing.
    await editor.edit((b) =>
      b.insert(editor.document.positionAt(editor.document.getText().length), '\nloki.echo "debug" { }\n'),
    );
    const second = await waitForRender(
      api,
      (r) => r.uri === uri.toString() && r.nodes.includes('loki.echo.debug'),
      'the drawing after the edit',
    );
    assert.equal(second.nodes.length, 6);

    // A click on the node of the remote write reveals its block.
    const moved = withDeadline(
      new Promise<vscode.TextEditorSelectionChangeEvent>((resolve) => {
        const sub = vscode.window.onDidChangeTextEditorSelection((e) => {
          if (e.textEditor.document.uri.toString() === uri.toString() && e.selections[0].start.line === 18) {
            sub.dispose();
            resolve(e);
          }
        });
      }),
      WAIT_MS,
      'the selection to move to prometheus.remote_write "local"',
    );
    await api.click('prometheus.remote_write.local');
    const e = await moved;
    const line = e.textEditor.document.lineAt(e.selections[0].start.line).text;
    assert.match(line, /^prometheus\.remote_write "local"/);
    assert.equal(
      e.textEditor.document.getText(e.selections[0]),
      'prometheus.remote_write',
      'the name of the block is selected',
    );

    const svg = await withDeadline(api.svg(), WAIT_MS, 'the exported SVG');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal((svg.match(/data-node=/g) ?? []).length, 6);
  });
});

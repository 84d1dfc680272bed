/**
 * "Alloy: Show Pipeline Graph": a webview beside the editor that draws the
 * signal-flow graph of the active Alloy file (asked from the server with
 * the `alloy/graph` request), redrawn as the file is edited (debounced).
 * Clicking a node reveals its block; the view can be saved as SVG. The
 * page loads only its own script and stylesheet (strict Content-Security-
 * Policy, no network) and takes its colours from the editor's theme.
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GRAPH_REQUEST, type GraphParams } from '../../server/src/protocol';
import type { GraphDocument } from '../../server/src/graph/render';
import { LANGUAGE_ID } from './constants';

/** How long typing must pause before the graph is asked for again. */
export const GRAPH_DEBOUNCE_MS = 300;

/** What the page reports after each drawing (used by the tests and for the status). */
export interface GraphRendered {
  uri: string;
  version: number;
  nodes: string[];
  edges: number;
  ms: number;
}

/** For tests and other extensions: what is shown, and a way to click a node as a user would. */
export interface GraphViewApi {
  readonly onDidRender: vscode.Event<GraphRendered>;
  readonly lastRender: GraphRendered | undefined;
  /** Clicks the node's element in the page (a DOM click event), which reveals its block. */
  click(nodeId: string): Promise<void>;
  /** The page's current drawing as a standalone SVG document. */
  svg(): Promise<string>;
}

type FromPage =
  | { type: 'ready' }
  | ({ type: 'rendered' } & GraphRendered)
  | { type: 'reveal'; id: string }
  | { type: 'export'; svg: string }
  | { type: 'svg'; svg: string; request: number }
  | { type: 'error'; message: string };

class GraphPanel {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private doc: GraphDocument | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  private requests = 0;
  private readonly svgWaiters = new Map<number, (svg: string) => void>();
  private readonly rendered = new vscode.EventEmitter<GraphRendered>();
  lastRender: GraphRendered | undefined;
  readonly onDidRender = this.rendered.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly whenRunning: () => Promise<void>,
  ) {}

  show(uri: vscode.Uri, column: vscode.ViewColumn | undefined): void {
    this.uri = uri;
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      this.schedule(0);
      return;
    }
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'client', 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(
      'alloy.pipelineGraph',
      'Alloy Pipeline Graph',
      { viewColumn: column === undefined ? vscode.ViewColumn.Beside : vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: true },
    );
    this.panel = panel;
    this.ready = false;
    panel.webview.html = this.html(panel.webview, media);
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
    });
    panel.webview.onDidReceiveMessage((m: FromPage) => this.onMessage(m));
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = crypto.randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Alloy Pipeline Graph</title>
</head>
<body>
<header>
  <span id="title"></span>
  <span id="legend"></span>
  <button id="export" type="button" title="Save the drawing as an SVG file">Export SVG</button>
</header>
<main id="graph" aria-live="polite"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  private onMessage(m: FromPage): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.doc) void this.post();
        else this.schedule(0);
        return;
      case 'rendered': {
        const { type: _type, ...r } = m;
        this.lastRender = r;
        this.rendered.fire(r);
        return;
      }
      case 'reveal':
        void this.reveal(m.id);
        return;
      case 'export':
        void this.export(m.svg);
        return;
      case 'svg':
        this.svgWaiters.get(m.request)?.(m.svg);
        this.svgWaiters.delete(m.request);
        return;
      case 'error':
        void vscode.window.showErrorMessage(`Alloy pipeline graph: ${m.message}`);
        return;
    }
  }

  /** Asks for the graph again after `delay` ms (a newer change cancels the pending one). */
  schedule(delay = GRAPH_DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  isShowing(uri: vscode.Uri): boolean {
    return this.panel !== undefined && this.uri?.toString() === uri.toString();
  }

  get visible(): boolean {
    return this.panel !== undefined;
  }

  private async refresh(): Promise<void> {
    const uri = this.uri;
    if (!uri || !this.panel) return;
    try {
      await this.whenRunning();
      const params: GraphParams = { textDocument: { uri: uri.toString() } };
      const doc = await this.client.sendRequest<GraphDocument | null>(GRAPH_REQUEST, params);
      if (!doc || uri !== this.uri) return;
      this.doc = doc;
      await this.post();
    } catch (e) {
      this.panel?.webview.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  private async post(): Promise<void> {
    if (!this.panel || !this.ready || !this.doc || !this.uri) return;
    const version = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri!.toString())?.version ?? 0;
    const name = this.uri.path.split('/').pop() ?? '';
    await this.panel.webview.postMessage({ type: 'graph', doc: this.doc, uri: this.uri.toString(), version, name });
  }

  private async reveal(id: string): Promise<void> {
    const node = this.doc?.nodes.find((n) => n.id === id);
    if (!node) return;
    const uri = vscode.Uri.parse(node.uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const start = doc.positionAt(node.nameSpan.start);
    const end = doc.positionAt(node.nameSpan.end);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
      selection: new vscode.Range(start, end),
    });
    editor.revealRange(
      new vscode.Range(start, doc.positionAt(node.span.end)),
      vscode.TextEditorRevealType.InCenterIfOutsideViewport,
    );
  }

  private async export(svg: string): Promise<void> {
    const base = this.uri
      ? vscode.Uri.joinPath(
          this.uri,
          '..',
          `${(this.uri.path.split('/').pop() ?? 'graph').replace(/\.alloy$/, '')}.graph.svg`,
        )
      : undefined;
    const target = await vscode.window.showSaveDialog({ defaultUri: base, filters: { SVG: ['svg'] } });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(svg, 'utf8'));
  }

  async click(nodeId: string): Promise<void> {
    if (!this.panel) throw new Error('the pipeline graph is not open');
    await this.panel.webview.postMessage({ type: 'click', id: nodeId });
  }

  svg(): Promise<string> {
    if (!this.panel) return Promise.reject(new Error('the pipeline graph is not open'));
    const request = ++this.requests;
    return new Promise((resolve) => {
      this.svgWaiters.set(request, resolve);
      void this.panel!.webview.postMessage({ type: 'svg', request });
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    this.rendered.dispose();
  }
}

export function registerGraphView(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  whenRunning: () => Promise<void>,
): { api: GraphViewApi; show: (arg?: unknown) => void; disposables: vscode.Disposable[] } {
  const view = new GraphPanel(context, client, whenRunning);
  const disposables: vscode.Disposable[] = [
    view,
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId === LANGUAGE_ID && view.visible && e.contentChanges.length > 0) {
        if (view.isShowing(e.document.uri) || e.document.uri.scheme === 'file') view.schedule();
      }
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor?.document.languageId === LANGUAGE_ID && view.visible && !view.isShowing(editor.document.uri)) {
        view.show(editor.document.uri, editor.viewColumn);
      }
    }),
  ];
  const show = (arg?: unknown) => {
    const uri =
      arg instanceof vscode.Uri
        ? arg
        : vscode.window.activeTextEditor?.document.languageId === LANGUAGE_ID
          ? vscode.window.activeTextEditor.document.uri
          : undefined;
    if (!uri) {
      void vscode.window.showInformationMessage('Open an Alloy file to show its pipeline graph.');
      return;
    }
    view.show(uri, vscode.window.activeTextEditor?.viewColumn);
  };
  return {
    show,
    api: {
      onDidRender: view.onDidRender,
      get lastRender() {
        return view.lastRender;
      },
      click: (id) => view.click(id),
      svg: () => view.svg(),
    },
    disposables,
  };
}

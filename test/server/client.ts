/**
 * A minimal LSP client for tests: spawns the real server (`serve --stdio`)
 * and talks JSON-RPC to it over the child's stdio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  Diagnostic,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { buildCli, CLI } from '../helpers';

export interface Published {
  version?: number;
  diagnostics: Diagnostic[];
}

export class TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** Every publishDiagnostics per URI, in arrival order. */
  readonly published = new Map<string, Published[]>();
  readonly logs: string[] = [];
  /** How many workspace/diagnostic/refresh requests the server sent. */
  refreshes = 0;
  private waiters: { uri: string; check: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  /** Answers to workspace/applyEdit and workspace/configuration. */
  onApplyEdit: (params: unknown) => { applied: boolean } = () => ({ applied: false });
  configuration: unknown = {};

  constructor() {
    buildCli();
    this.process = spawn(process.execPath, [CLI, 'serve', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d) => this.logs.push(String(d)));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.published.get(p.uri) ?? [];
      const entry = { version: p.version, diagnostics: p.diagnostics };
      list.push(entry);
      this.published.set(p.uri, list);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.check(entry)) {
          w.resolve(entry);
          return false;
        }
        return true;
      });
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.connection.onRequest('workspace/applyEdit', (p) => this.onApplyEdit(p));
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
      p.items.map(() => this.configuration),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      return null;
    });
    this.connection.listen();
  }

  async initialize(capabilities: ClientCapabilities = {}, initializationOptions?: unknown) {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  open(uri: string, text: string, version = 1) {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'grafana-alloy', version, text },
    });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]) {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  /** Resolves with the first publishDiagnostics for `uri` (already received or future) that satisfies `check`. */
  diagnostics(uri: string, check: (p: Published) => boolean = () => true, timeoutMs = 10_000): Promise<Published> {
    const seen = (this.published.get(uri) ?? []).find(check);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(this.published.get(uri))}`)),
        timeoutMs,
      );
      this.waiters.push({
        uri,
        check,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  /** Like diagnostics(), but only publishes that arrive after this call. */
  nextDiagnostics(uri: string, check: (p: Published) => boolean, timeoutMs = 10_000): Promise<Published> {
    const seen = (this.published.get(uri) ?? []).length;
    return this.diagnostics(uri, (p) => (this.published.get(uri) ?? []).indexOf(p) >= seen && check(p), timeoutMs);
  }

  /** Diagnostics published for exactly this document version. */
  forVersion(uri: string, version: number) {
    return this.diagnostics(uri, (p) => p.version === version);
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.process.kill();
        resolve();
      }, 3000);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

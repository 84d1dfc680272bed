/**
 * The language server: the protocol layer. Handlers convert LSP parameters,
 * call the analysis and feature functions, and convert back; the logic
 * lives in analysis/, rules/, format/ and fixes/.
 */
import {
  CodeActionKind,
  DiagnosticRefreshRequest,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  createConnection,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import type { Parser } from 'web-tree-sitter';
import { ADD_SELF_MONITORING_COMMAND, ADD_SELF_MONITORING_KIND } from '../protocol';
import { resolveSettings } from '../settings';
import { createParser } from '../syntax/parser';
import { VERSION } from '../version';
import { LargeDocuments } from './largeDocuments';
import { diagnosticsOf } from './diagnostics';
import { FEATURE_CAPABILITIES, registerFeatures, type ClientFeatures } from './features';
import { createState, type ServerState } from './state';
import { TRANSPORTS_USAGE, openTransport } from './transports';

export type { ServerState } from './state';

/** `alloy-analyzer serve --stdio|--node-ipc|--socket=PORT|--pipe=NAME`: runs until the client says exit. */
export async function serve(args: string[]): Promise<number> {
  const transport = await openTransport(args);
  if (!transport || 'error' in transport) {
    process.stderr.write(
      `alloy-analyzer serve: ${transport ? transport.error : `pick a transport: ${TRANSPORTS_USAGE}`}\n`,
    );
    return 2;
  }
  const connection = createConnection(ProposedFeatures.all, transport.reader, transport.writer);
  const parser = await createParser();
  startServer(connection, parser);
  connection.listen();
  return -1;
}

/** Wires every handler onto a connection (also used by in-process tests). */
export function startServer(connection: Connection, parser: Parser): ServerState {
  const state = createState(connection, parser);
  const { workspace } = state;
  let pullDiagnostics = false;
  let configurationPull = false;
  let watchedFilesDynamic = false;
  let clientFeatures: ClientFeatures = { definitionLinks: false };
  const pending = new Map<string, NodeJS.Immediate>();
  const published = new Map<string, string[]>();
  /**
   * What was last sent per URI, so that unchanged siblings are not sent again (its JSON made when first
   * compared: a single file is never compared with itself).
   */
  const lastSent = new Map<string, { version?: number; diagnostics: Diagnostic[]; json?: string }>();
  const sameAsSent = (fileUri: string, diagnostics: Diagnostic[], version?: number): boolean => {
    const sent = lastSent.get(fileUri);
    if (!sent || sent.version !== version) return false;
    sent.json ??= JSON.stringify(sent.diagnostics);
    return sent.json === JSON.stringify(diagnostics);
  };
  /** Open documents over the size limit: text only, one diagnostic. */
  const large = new LargeDocuments();

  /** Diagnostics for every file of the configuration `uri` belongs to. */
  function configurationDiagnostics(uri: string): Map<string, Diagnostic[]> {
    const analysis = state.analysisOf(uri);
    return new Map(analysis.docs.map((d) => [d.uri, diagnosticsOf(analysis, d.uri)]));
  }

  function publishLarge(uri: string): void {
    const doc = large.get(uri);
    if (doc && !pullDiagnostics) {
      const diagnostics = [LargeDocuments.diagnostic(doc, state.settings.maxFileSize)];
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    }
  }

  /** Moves documents between analysis and the over-the-limit set after the limit changed. */
  function applySizeLimit(): void {
    for (const uri of large.uris()) {
      const doc = large.get(uri)!;
      if (LargeDocuments.over(doc.getText(), state.settings.maxFileSize)) continue;
      large.delete(uri);
      workspace.openDocument(uri, doc.version, doc.getText());
      large.track(uri, doc.getText());
    }
    for (const [uri, doc] of [...workspace.open]) {
      if (!LargeDocuments.over(doc.text, state.settings.maxFileSize)) continue;
      large.add(uri, doc.version, doc.text);
      large.untrack(uri);
      workspace.closeDocument(uri);
      publishLarge(uri);
    }
  }

  /** Publishes the diagnostics of a document's configuration (push mode). */
  function validate(uri: string): void {
    const doc = workspace.open.get(uri);
    if (!doc) return;
    const version = doc.version;
    const all = configurationDiagnostics(uri);
    for (const [fileUri, diagnostics] of all) {
      const open = workspace.open.get(fileUri);
      // Never publish for a version older than the latest.
      if (fileUri === uri && open?.version !== version) continue;
      // A sibling (directory mode) whose diagnostics did not change is not sent again.
      if (fileUri !== uri && sameAsSent(fileUri, diagnostics, open?.version)) continue;
      lastSent.set(fileUri, { version: open?.version, diagnostics });
      void connection.sendDiagnostics({ uri: fileUri, version: open?.version, diagnostics });
    }
    // Files that left the configuration (e.g. mode switched) get their diagnostics cleared.
    const previous = published.get(uri) ?? [];
    for (const fileUri of previous) {
      if (!all.has(fileUri) && !workspace.open.has(fileUri)) {
        lastSent.delete(fileUri);
        void connection.sendDiagnostics({ uri: fileUri, diagnostics: [] });
      }
    }
    published.set(uri, [...all.keys()]);
  }

  /** Coalesces the changes of one event-loop turn; a newer change supersedes pending work. */
  function schedule(uri: string): void {
    const previous = pending.get(uri);
    if (previous) clearImmediate(previous);
    // Two turns of the event loop: the connection handles one queued message per turn, so a change
    // still queued behind this one supersedes it before the analysis runs (a burst is analysed once).
    pending.set(
      uri,
      setImmediate(() =>
        pending.set(
          uri,
          setImmediate(() => run(uri)),
        ),
      ),
    );
  }

  function run(uri: string): void {
    pending.delete(uri);
    try {
      validate(uri);
    } catch (e) {
      // Say so in the editor rather than leaving stale diagnostics.
      connection.console.error(`analysis of ${uri} failed: ${(e as Error).stack ?? e}`);
      const doc = workspace.open.get(uri);
      void connection.sendDiagnostics({
        uri,
        version: doc?.version,
        diagnostics: [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            severity: 1,
            source: 'alloy-analyzer',
            message: `alloy-analyzer could not analyse this file: ${(e as Error).message}`,
          },
        ],
      });
    }
  }

  let refreshPending = false;
  /**
   * Diagnostics of documents other than the one just opened or changed may have changed (settings,
   * files on disk, siblings in directory mode). A pull client asks for a document's diagnostics after
   * changing it by itself; it only needs telling (once) when others changed.
   */
  function othersChanged(uris: Iterable<string>): void {
    if (!pullDiagnostics) {
      for (const uri of uris) schedule(uri);
      return;
    }
    if (refreshPending) return;
    refreshPending = true;
    setImmediate(() => {
      refreshPending = false;
      void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
    });
  }

  function revalidateAll(): void {
    workspace.forgetAnalyses();
    othersChanged(workspace.open.keys());
  }

  let closedPushPending: string | undefined;
  /**
   * Pull clients only ask for open documents; in directory mode a file that is not open can hold the
   * problem (the duplicate logging block in a sibling), so its diagnostics are pushed.
   */
  function pushClosedSiblings(uri: string): void {
    if (!pullDiagnostics || state.settings.configMode !== 'directory') return;
    if (closedPushPending !== undefined) {
      closedPushPending = uri;
      return;
    }
    closedPushPending = uri;
    setImmediate(() => {
      const from = closedPushPending!;
      closedPushPending = undefined;
      if (!workspace.open.has(from)) return;
      try {
        for (const [fileUri, diagnostics] of configurationDiagnostics(from)) {
          if (workspace.open.has(fileUri)) continue;
          if (sameAsSent(fileUri, diagnostics)) continue;
          lastSent.set(fileUri, { diagnostics });
          void connection.sendDiagnostics({ uri: fileUri, diagnostics });
        }
      } catch (e) {
        connection.console.error(`analysis of ${from} failed: ${(e as Error).stack ?? e}`);
      }
    });
  }

  /** After `uri` was opened or changed: its own diagnostics, and in directory mode its siblings'. */
  function documentChanged(uri: string): void {
    if (!pullDiagnostics) {
      schedule(uri);
      // Files that import this one as a module (pull clients ask again by themselves: interFileDependencies).
      for (const importer of workspace.importersOf(uri)) schedule(importer);
    }
    if (state.settings.configMode !== 'directory') return;
    pushClosedSiblings(uri);
    const siblings = workspace
      .configurationOf(uri, 'directory')
      .docs.map((d) => d.uri)
      .filter((u) => u !== uri && workspace.open.has(u));
    if (siblings.length > 0) othersChanged(siblings);
  }

  async function pullSettings(): Promise<void> {
    if (!configurationPull) return;
    try {
      const [alloy] = await connection.workspace.getConfiguration([{ section: 'alloy' }]);
      state.settings = resolveSettings(alloy);
    } catch {
      // The client could not answer; keep what we have.
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    configurationPull = !!caps.workspace?.configuration;
    watchedFilesDynamic = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    clientFeatures = { definitionLinks: !!caps.textDocument?.definition?.linkSupport };
    const init = params.initializationOptions as Record<string, unknown> | undefined;
    state.settings = resolveSettings(init && typeof init === 'object' && 'alloy' in init ? init.alloy : init);
    state.editorHasSnippets = init?.snippetsInEditor === true;
    state.lazyCompletionDocs =
      !!caps.textDocument?.completion?.completionItem?.resolveSupport?.properties?.includes('documentation');
    return {
      serverInfo: { name: 'alloy-analyzer', version: VERSION },
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ADD_SELF_MONITORING_KIND] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        executeCommandProvider: { commands: [ADD_SELF_MONITORING_COMMAND] },
        ...FEATURE_CAPABILITIES,
      },
    };
  });

  connection.onInitialized(async () => {
    await pullSettings();
    if (watchedFilesDynamic) {
      try {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.alloy' }],
        });
        workspace.trustFileEvents = true;
      } catch {
        workspace.trustFileEvents = false;
      }
    }
  });

  connection.onDidChangeConfiguration(async (params) => {
    const s = params.settings as Record<string, unknown> | undefined;
    if (s && typeof s === 'object' && 'alloy' in s) state.settings = resolveSettings(s.alloy);
    else await pullSettings();
    applySizeLimit();
    revalidateAll();
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    large.delete(textDocument.uri);
    if (LargeDocuments.over(textDocument.text, state.settings.maxFileSize)) {
      workspace.closeDocument(textDocument.uri);
      large.add(textDocument.uri, textDocument.version, textDocument.text);
      publishLarge(textDocument.uri);
      return;
    }
    workspace.openDocument(textDocument.uri, textDocument.version, textDocument.text);
    large.track(textDocument.uri, textDocument.text);
    // A pull client now asks for this document itself: drop what was pushed while it was closed.
    if (pullDiagnostics && lastSent.delete(textDocument.uri)) {
      void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    }
    documentChanged(textDocument.uri);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const over = large.change(textDocument.uri, contentChanges, textDocument.version);
    if (over) {
      if (LargeDocuments.over(over.getText(), state.settings.maxFileSize)) publishLarge(textDocument.uri);
      else {
        large.delete(textDocument.uri);
        workspace.openDocument(textDocument.uri, over.version, over.getText());
        large.track(textDocument.uri, over.getText());
        documentChanged(textDocument.uri);
      }
      return;
    }
    const doc = workspace.open.get(textDocument.uri);
    if (!doc) return;
    if (textDocument.version !== null && textDocument.version <= doc.version) {
      connection.console.warn(
        `ignoring change to ${textDocument.uri}: version ${textDocument.version} is not newer than ${doc.version}`,
      );
      return;
    }
    // An edit that takes the document over the size limit: no parse, one diagnostic.
    const change = contentChanges.length === 1 && 'range' in contentChanges[0] ? contentChanges[0] : undefined;
    const span = change ? doc.lines.spanOf(change.range) : undefined;
    const before = doc.text;
    const uri = textDocument.uri;
    const size = change && span ? large.sizeAfter(uri, before.slice(span.start, span.end), change.text) : undefined;
    if (change && span && size !== undefined && LargeDocuments.overBytes(size, state.settings.maxFileSize)) {
      workspace.closeDocument(uri);
      large.untrack(uri);
      large.add(uri, textDocument.version, before.slice(0, span.start) + change.text + before.slice(span.end));
      publishLarge(uri);
      return;
    }
    doc.applyChanges(contentChanges, textDocument.version);
    if (size === undefined) {
      large.track(textDocument.uri, doc.text);
      if (LargeDocuments.over(doc.text, state.settings.maxFileSize)) {
        applySizeLimit();
        return;
      }
    }
    // In directory mode the siblings' diagnostics depend on this file too.
    documentChanged(textDocument.uri);
  });

  connection.onDidSaveTextDocument(({ textDocument }) => {
    workspace.forgetDisk(textDocument.uri);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const pendingWork = pending.get(textDocument.uri);
    if (pendingWork) clearImmediate(pendingWork);
    pending.delete(textDocument.uri);
    large.delete(textDocument.uri);
    large.untrack(textDocument.uri);
    workspace.closeDocument(textDocument.uri);
    lastSent.delete(textDocument.uri);
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    if (state.settings.configMode === 'directory') revalidateAll();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) workspace.forgetDisk(change.uri);
    if (state.settings.configMode === 'directory') revalidateAll();
  });

  connection.languages.diagnostics.on((params, token) => {
    const over = large.get(params.textDocument.uri);
    if (over) {
      const items = [LargeDocuments.diagnostic(over, state.settings.maxFileSize)];
      return { kind: DocumentDiagnosticReportKind.Full, items };
    }
    const doc = workspace.open.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return { kind: DocumentDiagnosticReportKind.Full, items: state.diagnosticsFor(params.textDocument.uri) };
  });

  registerFeatures(state, () => clientFeatures);

  connection.onShutdown(() => {
    for (const p of pending.values()) clearImmediate(p);
    pending.clear();
  });
  connection.onExit(() => workspace.dispose());
  return state;
}

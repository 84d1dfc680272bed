/**
 * The VS Code extension: starts the Alloy language server (bundled beside
 * the extension as server/dist/cli.js) for `grafana-alloy` documents and
 * contributes the Alloy commands.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerCommands, type ServerControl } from './commands';
import { CONFIG_SECTION, LANGUAGE_ID, MAX_RESTARTS, OUTPUT_CHANNEL_NAME, RESTART_WINDOW_MS } from './constants';
import { RestartPolicy } from './restartPolicy';
import { createTraceChannel } from './traceChannel';

/** What activate() returns: lets tests and other extensions wait for the server. */
export interface AlloyExtensionApi {
  client: LanguageClient;
  /** Resolves when the first start of the server has completed (rejects if it failed). */
  ready: Promise<void>;
}

let client: LanguageClient | undefined;

/** The `alloy` settings as plain data: sent as initialization options, so the first diagnostics use them. */
function currentSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return {
    configMode: config.get('configMode'),
    rules: config.get('rules'),
    selfMonitoring: config.get('selfMonitoring'),
    maxFileSize: config.get('maxFileSize'),
  };
}

export function activate(context: vscode.ExtensionContext): AlloyExtensionApi {
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const trace = createTraceChannel(output, () => vscode.workspace.getConfiguration(CONFIG_SECTION).get('trace.server'));
  const restarts = new RestartPolicy(MAX_RESTARTS, RESTART_WINDOW_MS);

  const serverModule = context.asAbsolutePath('server/dist/cli.js');
  const server = { module: serverModule, args: ['serve'], transport: TransportKind.ipc };
  const serverOptions: ServerOptions = { run: server, debug: server };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    synchronize: { configurationSection: CONFIG_SECTION },
    // The extension contributes the snippets itself: the server then leaves them out of its completions.
    initializationOptions: () => ({ ...currentSettings(), snippetsInEditor: true }),
    outputChannel: output,
    traceOutputChannel: trace,
    errorHandler: {
      error: (_error, _message, count) => ({
        action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
      }),
      closed: () => {
        if (restarts.shouldRestart(Date.now())) {
          return {
            action: CloseAction.Restart,
            message: 'The Alloy language server stopped; restarting it.',
            handled: true,
          };
        }
        void offerRestart(restarts.recentCrashes);
        return {
          action: CloseAction.DoNotRestart,
          message: `The Alloy language server stopped ${restarts.recentCrashes} times within ${RESTART_WINDOW_MS / 60000} minutes; it will not be restarted.`,
          handled: true,
        };
      },
    },
  };
  const languageClient = new LanguageClient(CONFIG_SECTION, 'Alloy Language Server', serverOptions, clientOptions);
  client = languageClient;

  const control: ServerControl = {
    whenRunning: () => whenRunning(languageClient),
    restart: async () => {
      restarts.reset();
      if (languageClient.state === State.Running) await languageClient.restart();
      else await languageClient.start();
    },
    showOutput: () => output.show(true),
  };

  async function offerRestart(crashes: number): Promise<void> {
    const choice = await vscode.window.showErrorMessage(
      `The Alloy language server stopped ${crashes} times within ${RESTART_WINDOW_MS / 60000} minutes and was not restarted.`,
      'Restart',
      'Show Output',
    );
    if (choice === 'Restart') await control.restart();
    else if (choice === 'Show Output') control.showOutput();
  }

  context.subscriptions.push(output, trace, ...registerCommands(control));

  const ready = languageClient.start();
  ready.catch((error: unknown) => {
    output.error(`The Alloy language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  });
  return { client: languageClient, ready };
}

export function deactivate(): Promise<void> | undefined {
  // A client that is starting or gave up cannot be stopped; its server exits with the extension host.
  return client?.isRunning() ? client.stop() : undefined;
}

/** Resolves once the client is running; rejects when it is stopped. */
function whenRunning(languageClient: LanguageClient): Promise<void> {
  if (languageClient.state === State.Running) return Promise.resolve();
  if (languageClient.state === State.Stopped) {
    return Promise.reject(
      new Error('the Alloy language server is not running (Alloy: Restart Language Server starts it)'),
    );
  }
  return new Promise((resolve, reject) => {
    const listener = languageClient.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) return;
      listener.dispose();
      if (newState === State.Running) resolve();
      else reject(new Error('the Alloy language server did not start; see the Alloy output'));
    });
  });
}

/**
 * A small stand-in for the `vscode` module, enough to run the client's
 * commands and trace channel under node's test runner: it records what the
 * code asks of the editor and answers quick picks from a queue. The real
 * editor runs the same code in test/vscode.
 */
import Module from 'node:module';

export interface Disposable {
  dispose(): void;
}

export class FakeUri {
  private constructor(private readonly value: string) {}
  static parse(value: string): FakeUri {
    return new FakeUri(value);
  }
  toString(): string {
    return this.value;
  }
}

export class FakeEventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** The values of vscode.LogLevel. */
export const LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 } as const;

export interface QuickPickItem {
  label: string;
  detail?: string;
  picked?: boolean;
  value?: string;
}

export interface QuickPickCall {
  items: QuickPickItem[];
  options: { canPickMany?: boolean; title?: string; placeHolder?: string };
}

export interface FakeEditorState {
  /** Commands registered through vscode.commands.registerCommand. */
  registered: Map<string, (...args: unknown[]) => unknown>;
  /** Calls of vscode.commands.executeCommand for commands not registered here (the server's). */
  executed: { command: string; args: unknown[] }[];
  executeResult: unknown;
  quickPicks: QuickPickCall[];
  /** Answers to the next quick picks, in order; none left means the user pressed Escape. */
  answers: ((items: QuickPickItem[]) => QuickPickItem | QuickPickItem[] | undefined)[];
  messages: { kind: 'info' | 'error'; text: string; actions: string[] }[];
  activeTextEditor: { document: { languageId: string; uri: FakeUri } } | undefined;
  /** Settings by full key, e.g. `alloy.selfMonitoring.destination`. */
  config: Record<string, unknown>;
  configChanged: FakeEventEmitter<{ affectsConfiguration(section: string): boolean }>;
}

export function createFakeVscode() {
  const state: FakeEditorState = {
    registered: new Map(),
    executed: [],
    executeResult: undefined,
    quickPicks: [],
    answers: [],
    messages: [],
    activeTextEditor: undefined,
    config: {},
    configChanged: new FakeEventEmitter(),
  };
  const vscode = {
    Uri: FakeUri,
    EventEmitter: FakeEventEmitter,
    LogLevel,
    commands: {
      registerCommand(id: string, handler: (...args: unknown[]) => unknown): Disposable {
        if (state.registered.has(id)) throw new Error(`command ${id} already registered`);
        state.registered.set(id, handler);
        return { dispose: () => state.registered.delete(id) };
      },
      async executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
        const own = state.registered.get(command);
        if (own) return own(...args);
        state.executed.push({ command, args });
        return state.executeResult;
      },
    },
    window: {
      get activeTextEditor() {
        return state.activeTextEditor;
      },
      async showQuickPick(items: QuickPickItem[], options: QuickPickCall['options']) {
        state.quickPicks.push({ items, options });
        return state.answers.shift()?.(items);
      },
      async showInformationMessage(text: string, ...actions: string[]) {
        state.messages.push({ kind: 'info', text, actions });
        return undefined;
      },
      async showErrorMessage(text: string, ...actions: string[]) {
        state.messages.push({ kind: 'error', text, actions });
        return undefined;
      },
    },
    workspace: {
      getConfiguration(section: string) {
        return { get: (key: string) => state.config[`${section}.${key}`] };
      },
      onDidChangeConfiguration: state.configChanged.event,
    },
  };
  return { vscode, state };
}

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

/** Makes `require('vscode')` return `fake` in this process. */
export function installFakeVscode(fake: unknown): void {
  const mod = Module as unknown as { _load: Loader };
  const load = mod._load;
  mod._load = function (this: unknown, request, parent, isMain) {
    return request === 'vscode' ? fake : load.call(this, request, parent, isMain);
  };
}

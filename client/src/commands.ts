/** The extension's commands. */
import * as vscode from 'vscode';
import {
  ADD_SELF_MONITORING_COMMAND,
  SIGNALS,
  type AddSelfMonitoringArgs,
  type Signal,
} from '../../server/src/protocol';
import { DESTINATIONS, type Destination } from '../../server/src/settings';
import { destinationChoices, signalChoices, type Choice } from './choices';
import { COMMANDS, CONFIG_SECTION, LANGUAGE_ID } from './constants';

/** What the commands need from the running language client. */
export interface ServerControl {
  /** Resolves once the server is running; rejects when it is not and will not be. */
  whenRunning(): Promise<void>;
  /** Restarts the server (or starts it when it gave up after crashing). */
  restart(): Promise<void>;
  showOutput(): void;
  /** Opens the pipeline graph view of an Alloy file (the active one by default). */
  showPipelineGraph?(arg?: unknown): void;
}

export function registerCommands(control: ServerControl): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.addSelfMonitoring, (args?: unknown) => addSelfMonitoring(control, args)),
    vscode.commands.registerCommand(COMMANDS.restartServer, () => control.restart()),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => control.showOutput()),
    vscode.commands.registerCommand(COMMANDS.showPipelineGraph, (arg?: unknown) => control.showPipelineGraph?.(arg)),
    vscode.commands.registerCommand(COMMANDS.showReferences, showReferences),
  ];
}

type PickItem<T extends string> = vscode.QuickPickItem & { value: T };

function toItems<T extends string>(choices: Choice<T>[], picked: boolean): PickItem<T>[] {
  return choices.map((c) => ({ label: c.label, detail: c.detail, value: c.value, picked }));
}

/**
 * "Alloy: Add Self-Monitoring": asks for a destination and the signals, then
 * lets the server insert the missing parts into the active Alloy file.
 * Called with `{ uri?, destination?, signals? }` (from a keybinding, another
 * extension or a test), it asks only for what is missing.
 */
export async function addSelfMonitoring(control: ServerControl, input?: unknown): Promise<unknown> {
  const given = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const editor = vscode.window.activeTextEditor;
  let uri: string | undefined;
  if (typeof given.uri === 'string') uri = given.uri;
  else if (given.uri instanceof vscode.Uri) uri = given.uri.toString();
  else if (editor?.document.languageId === LANGUAGE_ID) uri = editor.document.uri.toString();
  if (!uri) {
    void vscode.window.showInformationMessage(
      'Open an Alloy file (*.alloy) first: self-monitoring is added to the file in the active editor.',
    );
    return undefined;
  }

  let destination = DESTINATIONS.find((d) => d === given.destination);
  if (!destination) {
    const preferred = vscode.workspace
      .getConfiguration(CONFIG_SECTION, vscode.Uri.parse(uri))
      .get<string>('selfMonitoring.destination');
    const picked = await vscode.window.showQuickPick(toItems(destinationChoices(preferred), false), {
      title: 'Alloy: Add Self-Monitoring (1/2)',
      placeHolder: 'Where should Alloy send its own metrics, logs and traces?',
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    destination = picked.value as Destination;
  }

  let signals = Array.isArray(given.signals)
    ? SIGNALS.filter((s) => (given.signals as unknown[]).includes(s))
    : undefined;
  if (!signals) {
    const picked = await vscode.window.showQuickPick(toItems(signalChoices(), true), {
      title: `Alloy: Add Self-Monitoring (2/2) — ${destination}`,
      placeHolder: 'Which signals of Alloy itself should be collected?',
      canPickMany: true,
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    signals = picked.map((p) => p.value as Signal);
  }
  if (signals.length === 0) {
    void vscode.window.showInformationMessage('No signal selected: nothing to add.');
    return undefined;
  }

  const args: AddSelfMonitoringArgs = { uri, destination, signals };
  try {
    await control.whenRunning();
    return await vscode.commands.executeCommand(ADD_SELF_MONITORING_COMMAND, args);
  } catch (error) {
    const action = await vscode.window.showErrorMessage(
      `Alloy: could not add self-monitoring: ${error instanceof Error ? error.message : String(error)}`,
      'Show Output',
    );
    if (action === 'Show Output') control.showOutput();
    return undefined;
  }
}

interface LspPosition {
  line: number;
  character: number;
}
interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

/**
 * The code lens command of a component ("3 consumers"): opens the references view at its header
 * with the locations the server sent (LSP shapes, turned into VS Code's).
 */
export async function showReferences(uri?: unknown, position?: unknown, locations?: unknown): Promise<void> {
  if (typeof uri !== 'string' || !position || !Array.isArray(locations)) return;
  const pos = (p: LspPosition) => new vscode.Position(p.line, p.character);
  const p = position as LspPosition;
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    vscode.Uri.parse(uri),
    pos(p),
    (locations as LspLocation[]).map(
      (l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(pos(l.range.start), pos(l.range.end))),
    ),
  );
}

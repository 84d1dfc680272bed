/**
 * Shared helpers of the extension-host suite. Everything waits on editor
 * signals (diagnostic change events, promises of the extension API) with a
 * deadline; nothing sleeps for a fixed time.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, type RuleCode } from '../../server/src/protocol';

/** The repository root: out/test/vscode/helpers.js lives three levels below it. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO_ROOT, 'server', 'dist', 'cli.js');
/** How long to wait for a signal from the editor or the server before failing. */
export const WAIT_MS = Number(process.env.ALLOY_TEST_WAIT_MS ?? 20_000);

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
};
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

/** What the extension's activate() returns. */
export interface ExtensionApi {
  client: { isRunning?(): boolean };
  ready: Promise<unknown>;
}

/** Rejects with a message naming `what` if `promise` does not settle within `ms`. */
export function withDeadline<T>(promise: Thenable<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/** Activates the extension under test (once) and waits until its language client runs. */
export async function activateExtension(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  const api = await withDeadline(ext.activate(), WAIT_MS, `activation of ${EXTENSION_ID}`);
  assert.ok(api && typeof api === 'object', 'activate() returned no API object');
  assert.ok(api.client, 'activate() result has no `client`');
  assert.ok(api.ready && typeof api.ready.then === 'function', 'activate() result has no `ready` promise');
  await withDeadline(api.ready, WAIT_MS, 'the language client to be ready');
  return api;
}

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test host was started without a workspace folder');
  return folder.uri;
}

export function fixture(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), name);
}

/** Copies a workspace fixture to a new file, so that a test can edit it without touching the others. */
export async function copyFixture(from: string, to: string): Promise<vscode.Uri> {
  const target = fixture(to);
  await vscode.workspace.fs.copy(fixture(from), target, { overwrite: true });
  return target;
}

export async function writeFixture(name: string, text: string): Promise<vscode.Uri> {
  const target = fixture(name);
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  return target;
}

export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function codeOf(d: vscode.Diagnostic): string {
  const code = d.code;
  if (code !== null && typeof code === 'object') return String(code.value);
  return code === undefined ? '' : String(code);
}

/** The analyzer's diagnostics for `uri` (other extensions' are ignored). */
export function analyzerDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

export function codes(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map(codeOf).sort();
}

const SEVERITY_NAMES = ['error', 'warning', 'information', 'hint'];

export function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map(
      (d) =>
        `\n  ${codeOf(d)} ${SEVERITY_NAMES[d.severity]} ` +
        `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`,
    )
    .join('');
}

/**
 * Resolves with the analyzer's diagnostics for `uri` as soon as they satisfy
 * `predicate`: checked now and on every onDidChangeDiagnostics event for that
 * document. Fails after WAIT_MS with the diagnostics seen last.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  ms = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const finish = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    const check = (): void => {
      const current = analyzerDiagnostics(uri);
      if (predicate(current)) {
        finish();
        resolve(current);
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(
        new Error(
          `timed out after ${ms} ms waiting for ${what} in ${path.basename(uri.path)}; ` +
            `diagnostics now: ${describe(analyzerDiagnostics(uri))}`,
        ),
      );
    }, ms);
    check();
  });
}

/** Waits until the diagnostics contain every code in `expected` (and possibly others). */
export function waitForCodes(uri: vscode.Uri, expected: readonly string[], ms = WAIT_MS): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(
    uri,
    (ds) => expected.every((c) => ds.some((d) => codeOf(d) === c)),
    `diagnostics ${expected.join(', ')}`,
    ms,
  );
}

/** Waits until none of the diagnostics has one of the codes in `gone`. */
export function waitForCodesGone(uri: vscode.Uri, gone: readonly string[], ms = WAIT_MS): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(
    uri,
    (ds) => !ds.some((d) => gone.includes(codeOf(d))),
    `diagnostics ${gone.join(', ')} to disappear`,
    ms,
  );
}

function runCli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  // In the desktop extension host process.execPath is the editor's Electron binary: make it behave as node.
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: WAIT_MS,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface CliPosition {
  line: number;
  character: number;
}
export interface CliDiagnostic {
  code: string;
  severity: string | number;
  message: string;
  range: { start: CliPosition; end: CliPosition };
}

/** The diagnostics `alloy-analyzer check --format json FILE` reports for one file. */
export function cliCheck(file: vscode.Uri): CliDiagnostic[] {
  const fsPath = file.fsPath;
  const { status, stdout, stderr } = runCli(['check', '--format', 'json', fsPath], path.dirname(fsPath));
  let report: { files?: { path: string; diagnostics: CliDiagnostic[] }[] };
  try {
    report = JSON.parse(stdout) as typeof report;
  } catch {
    throw new Error(`'check --format json' printed no JSON (exit ${status}): ${(stderr || stdout).trim()}`);
  }
  assert.ok(Array.isArray(report.files), `'check --format json' output has no files array: ${stdout}`);
  const entry =
    report.files.find((f) => path.resolve(path.dirname(fsPath), f.path) === fsPath) ??
    (report.files.length === 1 ? report.files[0] : undefined);
  assert.ok(entry, `'check --format json' did not report ${fsPath}: ${stdout}`);
  return entry.diagnostics;
}

/** What `alloy-analyzer fmt FILE` prints. */
export function cliFormat(file: vscode.Uri): string {
  const { status, stdout, stderr } = runCli(['fmt', file.fsPath], path.dirname(file.fsPath));
  assert.equal(status, 0, `'fmt' failed (exit ${status}): ${stderr.trim()}`);
  return stdout;
}

function severityName(severity: string | number): string {
  // LSP numbers severities 1 (error) to 4 (hint).
  if (typeof severity === 'number') return SEVERITY_NAMES[severity - 1] ?? `severity ${severity}`;
  const s = severity.toLowerCase();
  return s === 'info' ? 'information' : s;
}

/** One comparable line per diagnostic: code, severity, range and message. */
export function keysOfCli(diagnostics: readonly CliDiagnostic[]): string[] {
  return diagnostics
    .map(
      (d) =>
        `${d.code} ${severityName(d.severity)} ${d.range.start.line}:${d.range.start.character}-` +
        `${d.range.end.line}:${d.range.end.character} ${d.message}`,
    )
    .sort();
}

export function keysOf(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .map(
      (d) =>
        `${codeOf(d)} ${SEVERITY_NAMES[d.severity]} ${d.range.start.line}:${d.range.start.character}-` +
        `${d.range.end.line}:${d.range.end.character} ${d.message}`,
    )
    .sort();
}

/** The position of the `occurrence`-th (0-based) match of `pattern` in the document. */
export function positionOf(doc: vscode.TextDocument, pattern: RegExp, occurrence = 0): vscode.Position {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  const text = doc.getText();
  let match: RegExpExecArray | null;
  let n = 0;
  while ((match = re.exec(text)) !== null) {
    if (n++ === occurrence) return doc.positionAt(match.index);
  }
  throw new Error(`${pattern} occurs fewer than ${occurrence + 1} times in ${path.basename(doc.uri.path)}`);
}

/** The code actions of `kind` the providers offer for `range`. */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  // Resolve every action so that lazily computed edits are filled in, as the light bulb does.
  return (
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
      kind,
      100,
    )) ?? []
  );
}

/** Applies a code action the way the editor does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit || action.command, `code action '${action.title}' has neither an edit nor a command`);
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applying '${action.title}' failed`);
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

export function fullRange(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
}

export const SELF_MONITORING_CODES: readonly RuleCode[] = [
  'self-monitoring-logs',
  'self-monitoring-metrics',
  'self-monitoring-traces',
];

export function isSelfMonitoring(d: vscode.Diagnostic): boolean {
  return (SELF_MONITORING_CODES as readonly string[]).includes(codeOf(d));
}

/**
 * Copies no-self-monitoring.alloy to `name`, opens it and waits for its three self-monitoring notes: where every
 * test of the self-monitoring fixes starts. Resolves with the editor and the analyzer's diagnostics at that point.
 */
export async function openWithoutSelfMonitoring(
  name: string,
): Promise<{ uri: vscode.Uri; editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  const uri = await copyFixture('no-self-monitoring.alloy', name);
  const editor = await openEditor(uri);
  const diagnostics = await waitForCodes(uri, SELF_MONITORING_CODES);
  return { uri, editor, diagnostics };
}

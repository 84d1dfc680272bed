import * as vscode from 'vscode';
import { CONFIG_SECTION } from './constants';

/**
 * The channel the language client writes its protocol trace to.
 *
 * vscode-languageclient (10 and later) traces only while its trace channel's
 * log level is Trace, and writes the trace at that level, which the Alloy
 * channel hides by default. This wrapper makes the `alloy.trace.server`
 * setting work as it reads: `messages` or `verbose` turn tracing on and the
 * trace appears in the Alloy channel at its default level. Setting the
 * channel's own level to Trace still works too.
 */
export function createTraceChannel(
  target: vscode.LogOutputChannel,
  traceSetting: () => unknown,
): vscode.LogOutputChannel & vscode.Disposable {
  const settingOn = () => {
    const value = traceSetting();
    return value === 'messages' || value === 'verbose';
  };
  const effective = () => (settingOn() ? vscode.LogLevel.Trace : target.logLevel);
  const changed = new vscode.EventEmitter<vscode.LogLevel>();
  let last = effective();
  const update = () => {
    const now = effective();
    if (now !== last) changed.fire((last = now));
  };
  const listeners = [
    changed,
    target.onDidChangeLogLevel(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIG_SECTION}.trace.server`)) update();
    }),
  ];

  return {
    get name() {
      return target.name;
    },
    get logLevel() {
      return effective();
    },
    onDidChangeLogLevel: changed.event,
    trace: (message, ...args) => (settingOn() ? target.info(message, ...args) : target.trace(message, ...args)),
    debug: (message, ...args) => target.debug(message, ...args),
    info: (message, ...args) => target.info(message, ...args),
    warn: (message, ...args) => target.warn(message, ...args),
    error: (error, ...args) => target.error(error, ...args),
    append: (value) => target.append(value),
    appendLine: (value) => target.appendLine(value),
    replace: (value) => target.replace(value),
    clear: () => target.clear(),
    show: (columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean) =>
      typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined
        ? target.show(columnOrPreserveFocus)
        : target.show(columnOrPreserveFocus, preserveFocus),
    hide: () => target.hide(),
    dispose: () => listeners.forEach((d) => d.dispose()),
  };
}

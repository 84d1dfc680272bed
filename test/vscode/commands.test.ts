import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ADD_SELF_MONITORING_COMMAND, type AddSelfMonitoringArgs } from '../../server/src/protocol';
import {
  SELF_MONITORING_CODES,
  WAIT_MS,
  activateExtension,
  analyzerDiagnostics,
  codeOf,
  describe,
  isSelfMonitoring,
  openWithoutSelfMonitoring,
  waitForCodesGone,
  waitForDiagnostics,
  withDeadline,
} from './helpers';

const CLIENT_COMMANDS = ['alloy.addSelfMonitoring', 'alloy.restartServer', 'alloy.showOutput'];

suite('commands', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('the extension registers its commands and the server command', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = [...CLIENT_COMMANDS, ADD_SELF_MONITORING_COMMAND].filter((c) => !all.has(c));
    assert.deepEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
  });

  test('alloy.restartServer clears the diagnostics and the new server publishes them again', async () => {
    const { uri } = await openWithoutSelfMonitoring('restart.alloy');

    let cleared = false;
    const key = uri.toString();
    const watch = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key) && analyzerDiagnostics(uri).length === 0) cleared = true;
    });
    try {
      await withDeadline(
        Promise.resolve(vscode.commands.executeCommand('alloy.restartServer')),
        WAIT_MS,
        'alloy.restartServer',
      );
      const back = await waitForDiagnostics(
        uri,
        (ds) => cleared && SELF_MONITORING_CODES.every((c) => ds.some((d) => codeOf(d) === c)),
        'the diagnostics to be cleared and to come back',
      );
      assert.equal(back.filter(isSelfMonitoring).length, 3, describe(back));
    } finally {
      watch.dispose();
    }
    const api = await activateExtension();
    if (typeof api.client.isRunning === 'function') assert.equal(api.client.isRunning(), true);
  });

  test('alloy.showOutput reveals the output channel', async () => {
    // An output channel's document opens when the channel is first shown (scheme `output`, path naming the channel).
    const isOurs = (d: vscode.TextDocument): boolean => d.uri.scheme === 'output' && /alloy/i.test(d.uri.path);
    let subscription: vscode.Disposable | undefined;
    const opened = new Promise<vscode.TextDocument>((resolve) => {
      subscription = vscode.workspace.onDidOpenTextDocument((doc) => {
        if (isOurs(doc)) resolve(doc);
      });
    });
    try {
      await withDeadline(
        Promise.resolve(vscode.commands.executeCommand('alloy.showOutput')),
        WAIT_MS,
        'alloy.showOutput',
      );
      const shown =
        vscode.workspace.textDocuments.find(isOurs) ??
        (await withDeadline(opened, WAIT_MS, 'the Alloy output channel to open'));
      assert.ok(isOurs(shown), `the output shown is ${shown.uri.toString()}`);
    } finally {
      subscription?.dispose();
    }
  });

  test(`${ADD_SELF_MONITORING_COMMAND} applies the requested signals through workspace/applyEdit`, async () => {
    const { uri, editor } = await openWithoutSelfMonitoring('server-command.alloy');

    const metricsOnly: AddSelfMonitoringArgs = { uri: uri.toString(), signals: ['metrics'] };
    await withDeadline(
      Promise.resolve(vscode.commands.executeCommand(ADD_SELF_MONITORING_COMMAND, metricsOnly)),
      WAIT_MS,
      ADD_SELF_MONITORING_COMMAND,
    );
    const after = await waitForCodesGone(uri, ['self-monitoring-metrics']);
    assert.deepEqual(
      after.filter(isSelfMonitoring).map(codeOf).sort(),
      ['self-monitoring-logs', 'self-monitoring-traces'],
      `signals: ['metrics'] added more than metrics: ${describe(after)}`,
    );

    const rest: AddSelfMonitoringArgs = { uri: uri.toString(), destination: 'otlp', signals: ['logs', 'traces'] };
    await withDeadline(
      Promise.resolve(vscode.commands.executeCommand(ADD_SELF_MONITORING_COMMAND, rest)),
      WAIT_MS,
      ADD_SELF_MONITORING_COMMAND,
    );
    const done = await waitForDiagnostics(uri, (ds) => !ds.some(isSelfMonitoring), 'all self-monitoring notes to go');
    assert.deepEqual(
      done.filter((d) => d.severity === vscode.DiagnosticSeverity.Error),
      [],
      `the inserted stack has errors: ${describe(done)}`,
    );
    assert.doesNotMatch(editor.document.getText(), /(^|[^.\w])env\(/m, 'the inserted stack uses the deprecated env()');
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import { ADD_SELF_MONITORING_COMMAND, SIGNALS } from '../../server/src/protocol';
import { DESTINATIONS } from '../../server/src/settings';
import { createFakeVscode, FakeUri, installFakeVscode, type QuickPickItem } from './fakeVscode';
import { repoRoot } from './textmate';

const { vscode, state } = createFakeVscode();
installFakeVscode(vscode);
const load = createRequire(__filename);
const { registerCommands } = load('../../client/src/commands') as typeof import('../../client/src/commands');

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; menus: { commandPalette: { command: string }[] } };
};

/** A ServerControl that records what the commands ask of it. */
function control(running = true) {
  const calls: string[] = [];
  return {
    calls,
    whenRunning: async () => {
      calls.push('whenRunning');
      if (!running) throw new Error('the server is not running');
    },
    restart: async () => void calls.push('restart'),
    showOutput: () => void calls.push('showOutput'),
  };
}

const pick =
  (...labels: string[]) =>
  (items: QuickPickItem[]) =>
    items.filter((i) => labels.includes(i.label));
const pickOne = (label: string) => (items: QuickPickItem[]) => items.find((i) => i.label === label);

const ALLOY_URI = 'file:///workspace/config.alloy';

function reset(server = control()) {
  for (const d of registered) d.dispose();
  registered = registerCommands(server);
  state.executed = [];
  state.quickPicks = [];
  state.answers = [];
  state.messages = [];
  state.config = {};
  state.activeTextEditor = { document: { languageId: 'grafana-alloy', uri: FakeUri.parse(ALLOY_URI) } };
  return server;
}
let registered: { dispose(): void }[] = [];

describe('commands', () => {
  let server: ReturnType<typeof control>;
  beforeEach(() => {
    server = reset();
  });

  test('registers exactly the commands package.json contributes', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual([...state.registered.keys()].sort(), contributed);
    for (const entry of manifest.contributes.menus.commandPalette) {
      assert.ok(contributed.includes(entry.command), `menu entry for unknown command ${entry.command}`);
    }
  });

  test('Add Self-Monitoring: destination (configured one first), then signals (all preselected), then the server command', async () => {
    state.config['alloy.selfMonitoring.destination'] = 'otlp';
    state.answers.push(pickOne('local-lgtm'), pick('metrics', 'traces'));
    await vscode.commands.executeCommand('alloy.addSelfMonitoring');

    assert.equal(state.quickPicks.length, 2);
    const [destinations, signals] = state.quickPicks;
    assert.deepEqual(
      destinations.items.map((i) => i.label),
      ['otlp', ...DESTINATIONS.filter((d) => d !== 'otlp')],
    );
    assert.ok(!destinations.options.canPickMany);
    assert.equal(signals.options.canPickMany, true);
    assert.deepEqual(
      signals.items.map((i) => [i.label, i.picked]),
      SIGNALS.map((s) => [s, true]),
    );
    assert.deepEqual(state.executed, [
      {
        command: ADD_SELF_MONITORING_COMMAND,
        args: [{ uri: ALLOY_URI, destination: 'local-lgtm', signals: ['metrics', 'traces'] }],
      },
    ]);
    assert.deepEqual(server.calls, ['whenRunning']);
  });

  test('an unset or unknown configured destination keeps the usual order', async () => {
    for (const configured of [undefined, 'nowhere']) {
      state.quickPicks = [];
      state.config['alloy.selfMonitoring.destination'] = configured;
      await vscode.commands.executeCommand('alloy.addSelfMonitoring');
      assert.deepEqual(
        state.quickPicks[0].items.map((i) => i.label),
        [...DESTINATIONS],
      );
    }
    assert.deepEqual(state.executed, []);
  });

  test('Add Self-Monitoring returns what the server command returns', async () => {
    state.executeResult = { applied: true };
    state.answers.push(pickOne('grafana-cloud'), pick(...SIGNALS));
    assert.deepEqual(await vscode.commands.executeCommand('alloy.addSelfMonitoring'), { applied: true });
    assert.deepEqual(state.executed[0].args, [{ uri: ALLOY_URI, destination: 'grafana-cloud', signals: [...SIGNALS] }]);
    state.executeResult = undefined;
  });

  test('without an active Alloy editor it says so and does nothing', async () => {
    state.activeTextEditor = { document: { languageId: 'yaml', uri: FakeUri.parse('file:///w/a.yaml') } };
    await vscode.commands.executeCommand('alloy.addSelfMonitoring');
    state.activeTextEditor = undefined;
    await vscode.commands.executeCommand('alloy.addSelfMonitoring');
    assert.equal(state.quickPicks.length, 0);
    assert.deepEqual(state.executed, []);
    assert.equal(state.messages.length, 2);
    for (const m of state.messages) {
      assert.equal(m.kind, 'info');
      assert.match(m.text, /Alloy file/);
    }
  });

  test('Escape at either question cancels; no signal selected adds nothing', async () => {
    await vscode.commands.executeCommand('alloy.addSelfMonitoring'); // Escape at the destination
    state.answers.push(pickOne('otlp')); // then Escape at the signals
    await vscode.commands.executeCommand('alloy.addSelfMonitoring');
    assert.equal(state.quickPicks.length, 3);
    assert.equal(state.messages.length, 0);
    state.answers.push(pickOne('otlp'), pick());
    await vscode.commands.executeCommand('alloy.addSelfMonitoring');
    assert.deepEqual(state.executed, []);
    assert.deepEqual(server.calls, []);
    assert.equal(state.messages.length, 1);
    assert.match(state.messages[0].text, /No signal/);
  });

  test('arguments skip the questions they answer', async () => {
    await vscode.commands.executeCommand('alloy.addSelfMonitoring', {
      uri: 'file:///other/dir/x.alloy',
      destination: 'otlp',
      signals: ['logs', 'bogus'],
    });
    assert.equal(state.quickPicks.length, 0);
    assert.deepEqual(state.executed, [
      {
        command: ADD_SELF_MONITORING_COMMAND,
        args: [{ uri: 'file:///other/dir/x.alloy', destination: 'otlp', signals: ['logs'] }],
      },
    ]);

    // An unknown destination is asked for; the given signals are kept.
    state.executed = [];
    state.answers.push(pickOne('grafana-cloud'));
    await vscode.commands.executeCommand('alloy.addSelfMonitoring', { destination: 'elsewhere', signals: ['metrics'] });
    assert.equal(state.quickPicks.length, 1);
    assert.deepEqual(state.executed[0].args, [{ uri: ALLOY_URI, destination: 'grafana-cloud', signals: ['metrics'] }]);
  });

  test('when the server is not running it reports an error instead of calling it', async () => {
    const stopped = reset(control(false));
    await vscode.commands.executeCommand('alloy.addSelfMonitoring', { destination: 'otlp', signals: ['logs'] });
    assert.deepEqual(state.executed, []);
    assert.deepEqual(stopped.calls, ['whenRunning']);
    assert.equal(state.messages.length, 1);
    assert.equal(state.messages[0].kind, 'error');
    assert.match(state.messages[0].text, /not running/);
    assert.deepEqual(state.messages[0].actions, ['Show Output']);
  });

  test('Restart Language Server and Show Output go to the client', async () => {
    await vscode.commands.executeCommand('alloy.restartServer');
    await vscode.commands.executeCommand('alloy.showOutput');
    assert.deepEqual(server.calls, ['restart', 'showOutput']);
  });
});

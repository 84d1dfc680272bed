import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { beforeEach, describe, test } from 'node:test';
import { createFakeVscode, FakeEventEmitter, installFakeVscode, LogLevel } from './fakeVscode';

const { vscode, state } = createFakeVscode();
installFakeVscode(vscode);
const load = createRequire(__filename);
const { createTraceChannel } = load('../../client/src/traceChannel') as typeof import('../../client/src/traceChannel');

/** A LogOutputChannel that records what is written at which level. */
function target() {
  const written: [string, string][] = [];
  const levelChanged = new FakeEventEmitter<number>();
  const channel = {
    name: 'Alloy',
    logLevel: LogLevel.Info as number,
    onDidChangeLogLevel: levelChanged.event,
    trace: (m: string) => void written.push(['trace', m]),
    debug: (m: string) => void written.push(['debug', m]),
    info: (m: string) => void written.push(['info', m]),
    warn: (m: string) => void written.push(['warn', m]),
    error: (m: string | Error) => void written.push(['error', String(m)]),
    append: (m: string) => void written.push(['append', m]),
    appendLine: (m: string) => void written.push(['appendLine', m]),
    replace: () => {},
    clear: () => {},
    show: () => {},
    hide: () => {},
    dispose: () => {},
  };
  return { channel, written, levelChanged };
}

function changeSetting(value: string | undefined) {
  state.config['alloy.trace.server'] = value;
  state.configChanged.fire({ affectsConfiguration: (s: string) => s === 'alloy.trace.server' || s === 'alloy' });
}

describe('trace channel (alloy.trace.server)', () => {
  beforeEach(() => {
    state.config = {};
  });

  function create(t: ReturnType<typeof target>) {
    // The stand-in implements only what the channel uses.
    return createTraceChannel(t.channel as never, () => state.config['alloy.trace.server']);
  }

  test('off: the client sees the Alloy channel level, and trace stays at trace level', () => {
    const t = target();
    const channel = create(t);
    assert.equal(channel.logLevel, LogLevel.Info);
    channel.trace('hidden');
    channel.info('shown');
    assert.deepEqual(t.written, [
      ['trace', 'hidden'],
      ['info', 'shown'],
    ]);
    channel.dispose();
  });

  test('messages or verbose: Trace level, and the trace is written where it shows', () => {
    for (const value of ['messages', 'verbose']) {
      state.config['alloy.trace.server'] = value;
      const t = target();
      const channel = create(t);
      assert.equal(channel.logLevel, LogLevel.Trace, value);
      channel.trace("Sending request 'initialize - (0)'.");
      assert.deepEqual(t.written, [['info', "Sending request 'initialize - (0)'."]]);
      channel.dispose();
    }
  });

  test('changing the setting tells the client once; unrelated changes do not', () => {
    const t = target();
    const channel = create(t);
    const seen: number[] = [];
    channel.onDidChangeLogLevel((level) => seen.push(level));
    changeSetting('verbose');
    changeSetting('messages'); // still tracing: no change to report
    state.configChanged.fire({ affectsConfiguration: (s: string) => s === 'editor' });
    changeSetting('off');
    assert.deepEqual(seen, [LogLevel.Trace, LogLevel.Info]);
    channel.dispose();
    changeSetting('verbose');
    assert.equal(seen.length, 2, 'no events after dispose');
  });

  test("setting the Alloy channel's own level to Trace still turns tracing on", () => {
    const t = target();
    const channel = create(t);
    const seen: number[] = [];
    channel.onDidChangeLogLevel((level) => seen.push(level));
    t.channel.logLevel = LogLevel.Trace;
    t.levelChanged.fire(LogLevel.Trace);
    assert.equal(channel.logLevel, LogLevel.Trace);
    assert.deepEqual(seen, [LogLevel.Trace]);
    channel.dispose();
  });
});

/**
 * Each rule against fixtures, asserting the exact diagnostics: code,
 * severity and range (`code severity startLine:startCol-endLine:endCol`,
 * 1-based, UTF-16 columns).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diagnose, diagnoseText, rangeOf, SELF_MONITORED } from '../helpers';

describe('syntax-error', () => {
  test('single-quoted string: the scanner and the parser error at the quote, as Alloy reports them', async () => {
    // Alloy: 3:9 illegal single-quoted string; use double quotes / 3:9 expected expression, got ILLEGAL
    assert.deepEqual(await diagnoseText(`loki.write "a" {\n\tendpoint {\n\t\turl = 'x'\n\t}\n}\n`), [
      'syntax-error error 3:9-3:10',
      'syntax-error error 3:9-3:12',
    ]);
  });
  test('missing comma after the last element of a multi-line list names the list', async () => {
    const d = await diagnose({ 'main.alloy': `${SELF_MONITORED}\nx "y" {\n\tv = [\n\t\t1,\n\t\t2\n\t]\n}\n` });
    const syntax = d['main.alloy'].filter((x) => x.code === 'syntax-error');
    assert.equal(syntax.length, 1);
    assert.match(syntax[0].message as string, /missing ',' in expression list/);
    assert.deepEqual(syntax[0].range.start, { line: 38, character: 3 });
  });
  test('missing comma in a multi-line object names the field list', async () => {
    const d = await diagnose({ 'main.alloy': `x "y" {\n\tv = {\n\t\ta = 1,\n\t\tb = 2\n\t}\n}\n` });
    assert.match(d['main.alloy'][0].message as string, /missing ',' in field list/);
  });
  test('the rules the grammar leaves to the server', async () => {
    // Alloy: 1:6 expected block body, got TERMINATOR; 2:3 expected block label, got TERMINATOR;
    // 2:8 escape sequence is invalid Unicode code point (at the character after the backslash).
    assert.deepEqual(await diagnoseText(`x "y"\n{\n}\n`), ['syntax-error error 1:6-1:6']);
    assert.deepEqual(await diagnoseText(`x "y" {\n\ta\n\t= 1\n}\n`), ['syntax-error error 2:3-2:3']);
    assert.deepEqual(await diagnoseText(`x "y" {\n\ta = "\\ud800"\n}\n`), ['syntax-error error 2:8-2:9']);
  });
  test("Alloy's own messages", async () => {
    const message = async (text: string) =>
      (await diagnose({ 'main.alloy': text }))['main.alloy'].find((d) => d.code === 'syntax-error')?.message as string;
    assert.equal(await message(`# comment\nx "y" {}\n`), "illegal character U+0023 '#'");
    assert.match((await message(`x "y" {\n\ta = "\\'"\n}\n`))!, /unknown escape sequence/);
    assert.match((await message(`x "y" {\n\ta = 1e\n}\n`))!, /exponent has no digits/);
    assert.match((await message(`x "with space" {\n}\n`))!, /valid identifier/);
    assert.match((await message(`x "y" {\n\ta = "open\n}\n`))!, /string literal not terminated/);
  });
  test('no syntax error in a valid configuration', async () => {
    assert.deepEqual(await diagnoseText(SELF_MONITORED), []);
  });
});

describe('duplicate-block', () => {
  test('a second logging block is an error pointing at the first', async () => {
    const d = (await diagnose({ 'main.alloy': `${SELF_MONITORED}\nlogging {\n\tlevel = "debug"\n}\n` }))['main.alloy'];
    assert.deepEqual(
      d.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.character]),
      [['duplicate-block', 1, 35, 0, 7]],
    );
    assert.equal(d[0].relatedInformation?.[0].location.range.start.line, 0);
  });
  test('across the files of a directory in directory mode only', async () => {
    const files = {
      'a.alloy': SELF_MONITORED,
      'b.alloy': `logging {\n\tlevel = "warn"\n}\n`,
    };
    const dir = await diagnose(files, { configMode: 'directory' });
    assert.deepEqual(
      dir['b.alloy'].map((x) => x.code),
      ['duplicate-block'],
    );
    assert.match(dir['b.alloy'][0].relatedInformation![0].location.uri, /a\.alloy$/);
    const perFile = await diagnose(files, { configMode: 'file' });
    assert.deepEqual(perFile['b.alloy'], []);
  });
});

describe('duplicate-component', () => {
  test('same name and label twice', async () => {
    assert.deepEqual(await diagnoseText(`${SELF_MONITORED}\nloki.write "cloud" {\n}\n`), [
      'duplicate-component error 36:1-36:11',
    ]);
  });
});

describe('duplicate-component (namespaces)', () => {
  test('a declare and an import with the same label', async () => {
    const text = `declare "m" {\n}\n\nimport.file "m" {\n\tfilename = "m.alloy"\n}\n`;
    assert.deepEqual(await diagnoseText(text), [`duplicate-component error ${rangeOf(text, 'import.file')}`]);
  });
});

describe('misplaced-block', () => {
  test('logging inside declare', async () => {
    assert.deepEqual(await diagnoseText(`${SELF_MONITORED}\ndeclare "m" {\n\tlogging {\n\t}\n}\n`), [
      'misplaced-block error 37:2-37:9',
    ]);
  });
  test('tracing inside a foreach template', async () => {
    const text = `${SELF_MONITORED}\nforeach "f" {\n\tcollection = [1]\n\tvar = "x"\n\ttemplate {\n\t\ttracing {\n\t\t}\n\t}\n}\n`;
    assert.deepEqual(await diagnoseText(text), ['misplaced-block error 40:3-40:10']);
  });
  test('a top-level attribute', async () => {
    assert.deepEqual(await diagnoseText(`${SELF_MONITORED}\nlog_level = "info"\n`), [
      'misplaced-block error 36:1-36:10',
    ]);
  });
  test('http nested in a component is that component’s own block', async () => {
    const text = `${SELF_MONITORED}\notelcol.receiver.otlp "in" {\n\thttp {\n\t}\n\toutput {\n\t\ttraces = [otelcol.exporter.otlphttp.cloud.input]\n\t}\n}\n`;
    assert.deepEqual(await diagnoseText(text), []);
  });
});

describe('self-monitoring-*', () => {
  const pipeline = `prometheus.exporter.unix "node" { }\n\nprometheus.scrape "s" {\n\ttargets    = prometheus.exporter.unix.node.targets\n\tforward_to = [prometheus.remote_write.r.receiver]\n}\n\nprometheus.remote_write "r" {\n\tendpoint {\n\t\turl = "http://mimir:9009/api/v1/push"\n\t}\n}\n`;
  test('a configuration without self-monitoring gets the three information diagnostics on its first component', async () => {
    assert.deepEqual(await diagnoseText(pipeline), [
      'self-monitoring-metrics information 1:1-1:25',
      'self-monitoring-logs information 1:1-1:25',
      'self-monitoring-traces information 1:1-1:25',
    ]);
  });
  test("scraping Alloy's own endpoint collects its metrics too", async () => {
    const text = SELF_MONITORED.replace('prometheus.exporter.self "default" { }\n', '').replace(
      'targets    = prometheus.exporter.self.default.targets',
      'targets    = [{ __address__ = "127.0.0.1:12345" }]',
    );
    assert.deepEqual(await diagnoseText(text), []);
  });

  test('tracing with an empty write_to', async () => {
    const text = SELF_MONITORED.replace(
      'write_to          = [otelcol.exporter.otlphttp.cloud.input]',
      'write_to          = []',
    );
    assert.deepEqual(await diagnoseText(text), ['self-monitoring-traces information 8:2-8:24']);
  });
  test('tracing without write_to, logging without write_to', async () => {
    const text = SELF_MONITORED.replace('\twrite_to          = [otelcol.exporter.otlphttp.cloud.input]\n', '').replace(
      '\twrite_to = [loki.write.cloud.receiver]\n',
      '',
    );
    const d = await diagnoseText(text);
    assert.ok(d.includes('self-monitoring-logs information 1:1-1:8'), d.join('\n'));
    assert.ok(d.includes('self-monitoring-traces information 5:1-5:8'), d.join('\n'));
  });
  test('sampling_fraction = 0', async () => {
    const text = SELF_MONITORED.replace('sampling_fraction = 0.1', 'sampling_fraction = 0.0');
    assert.deepEqual(await diagnoseText(text), ['self-monitoring-traces information 7:22-7:25']);
  });
  test('not for modules, files without components, or files with syntax errors', async () => {
    const selfMonitoring = async (text: string) =>
      (await diagnoseText(text)).filter((d) => d.startsWith('self-monitoring'));
    assert.deepEqual(await selfMonitoring(`argument "x" { }\n\nprometheus.exporter.unix "n" { }\n`), []);
    assert.deepEqual(await selfMonitoring(`declare "x" {\n\tprometheus.exporter.unix "n" { }\n}\n`), []);
    assert.deepEqual(await diagnoseText(`logging {\n\tlevel = "info"\n}\n`), []);
    assert.deepEqual(
      await diagnoseText(`${pipeline}\nx = [\n\t1\n]\n`).then((d) => d.filter((x) => x.startsWith('self'))),
      [],
    );
  });
  test('each rule can be switched off or given another severity', async () => {
    const d = await diagnoseText(pipeline, {
      rules: { 'self-monitoring-metrics': 'off', 'self-monitoring-logs': 'warning' },
    });
    assert.deepEqual(d, ['self-monitoring-logs warning 1:1-1:25', 'self-monitoring-traces information 1:1-1:25']);
  });
  test('in directory mode, the signals may live in other files', async () => {
    const dir = await diagnose({ 'a.alloy': pipeline, 'b.alloy': SELF_MONITORED }, { configMode: 'directory' });
    assert.deepEqual(dir['a.alloy'], []);
  });
});

describe('undefined-reference', () => {
  test('references to components that do not exist', async () => {
    const text = `${SELF_MONITORED}\nprometheus.scrape "x" {\n\ttargets = discovery.kubernetes.pods.targets\n\tforward_to = [prometheus.remote_write.missing.receiver]\n}\n`;
    assert.deepEqual(await diagnoseText(text), [
      'undefined-reference error 37:12-37:45',
      'undefined-reference error 38:16-38:56',
    ]);
  });
  test('names from import, declare, argument and foreach are defined', async () => {
    const module = `declare "pipeline" {\n\targument "url" { }\n\n\tprometheus.remote_write "out" {\n\t\tendpoint {\n\t\t\turl = argument.url.value\n\t\t}\n\t}\n\n\texport "receiver" {\n\t\tvalue = prometheus.remote_write.out.receiver\n\t}\n}\n`;
    const text = `${SELF_MONITORED}\nimport.file "mods" {\n\tfilename = "mods.alloy"\n}\n\n${module}\npipeline "main" {\n\turl = "http://x"\n}\n\nmods.thing "main" { }\n\nprometheus.scrape "a" {\n\ttargets    = prometheus.exporter.self.default.targets\n\tforward_to = [pipeline.main.receiver, mods.thing.main.receiver]\n}\n\nforeach "each" {\n\tcollection = ["a"]\n\tvar        = "item"\n\n\ttemplate {\n\t\tprometheus.exporter.unix "inner" { }\n\n\t\tprometheus.scrape "inner" {\n\t\t\ttargets    = prometheus.exporter.unix.inner.targets\n\t\t\tforward_to = [prometheus.remote_write.out.receiver]\n\t\t}\n\t}\n}\n`;
    const d = await diagnoseText(text);
    // Only the last reference is undefined: prometheus.remote_write.out lives inside the declare, not at the top level.
    assert.deepEqual(
      d.filter((x) => x.startsWith('undefined-reference')),
      [`undefined-reference error ${rangeOf(text, 'prometheus.remote_write.out.receiver')}`],
    );
  });
  test('an argument that is not declared', async () => {
    const d = await diagnose({
      'main.alloy': `argument "a" { }\n\nlocal.file "f" {\n\tfilename = argument.b.value\n}\n`,
    });
    assert.deepEqual(
      d['main.alloy'].map((x) => [x.code, x.message]),
      [['undefined-reference', `'argument.b' is not declared: add an argument "b" block`]],
    );
  });
});

describe('deprecated-function', () => {
  test('env names sys.env', async () => {
    const d = (await diagnose({ 'main.alloy': `${SELF_MONITORED}\nlocal.file "f" {\n\tfilename = env("HOME")\n}\n` }))[
      'main.alloy'
    ];
    assert.deepEqual(
      d.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.character, x.message]),
      [['deprecated-function', 2, 36, 12, 15, "'env' is deprecated; use 'sys.env' instead"]],
    );
  });
  test('sys.env is fine', async () => {
    assert.deepEqual(await diagnoseText(`${SELF_MONITORED}\nlocal.file "f" {\n\tfilename = sys.env("HOME")\n}\n`), []);
  });
});

describe('hardcoded-secret', () => {
  test('a password literal', async () => {
    const text = `${SELF_MONITORED}\nprometheus.remote_write "r" {\n\tendpoint {\n\t\turl = "http://x"\n\n\t\tbasic_auth {\n\t\t\tusername = "u"\n\t\t\tpassword = "hunter2"\n\t\t}\n\t}\n}\n`;
    const d = await diagnoseText(text);
    assert.ok(d.includes('hardcoded-secret warning 42:15-42:24'), d.join('\n'));
  });
  test('credentials in header maps', async () => {
    const text = `${SELF_MONITORED}\notelcol.exporter.otlphttp "other" {\n\tclient {\n\t\tendpoint = "https://otlp"\n\t\theaders  = {\n\t\t\t"Authorization" = "Bearer abc123",\n\t\t\t"X-Scope-OrgID" = "tenant",\n\t\t}\n\t}\n}\n\nprometheus.scrape "s" {\n\ttargets      = prometheus.exporter.self.default.targets\n\tforward_to   = [otelcol.receiver.prometheus.self.receiver]\n\thttp_headers = {\n\t\t"X-Api-Key" = ["k3y", "k4y"],\n\t\tHost        = ["localhost"],\n\t}\n}\n`;
    const d = await diagnoseText(text);
    assert.deepEqual(
      d.filter((x) => x.startsWith('hardcoded')),
      [
        `hardcoded-secret warning ${rangeOf(text, '"Bearer abc123"')}`,
        `hardcoded-secret warning ${rangeOf(text, '"k3y"')}`,
      ],
    );
  });

  test('from the environment or a file is fine', async () => {
    const text = `${SELF_MONITORED}\nprometheus.remote_write "r" {\n\tendpoint {\n\t\turl = "http://x"\n\n\t\tbasic_auth {\n\t\t\tusername      = "u"\n\t\t\tpassword      = sys.env("PASS")\n\t\t\tpassword_file = "/run/secrets/p"\n\t\t}\n\t}\n}\n`;
    assert.deepEqual(
      (await diagnoseText(text)).filter((x) => x.startsWith('hardcoded')),
      [],
    );
  });
});

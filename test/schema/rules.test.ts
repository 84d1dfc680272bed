/** The schema rules on small configurations: exact codes, lines, messages, versions and quick fixes. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { Configuration } from '../../server/src/analysis/configuration';
import { catalog } from '../../server/src/knowledge/index';
import { STDLIB_ARITY } from '../../server/src/knowledge/stdlibArity';
import { fixesFor } from '../../server/src/fixes/actions';
import { fixContext } from '../../server/src/fixes/context';
import { applyEdits } from '../../server/src/fixes/edits';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { ParsedDocument } from '../../server/src/syntax/document';
import { diagnose, repoRoot, runCli, sharedParser } from '../helpers';
import { SCHEMA_CODES } from './corpus.test';

async function schemaFindings(text: string, version?: string): Promise<Diagnostic[]> {
  const d = await diagnose({ 'main.alloy': text }, version ? { version } : {});
  return d['main.alloy'].filter((x) => SCHEMA_CODES.has(String(x.code)));
}

const brief = (d: Diagnostic) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`;

/** The text after applying the preferred fix of the first diagnostic with `code`. */
async function fixed(text: string, code: string, version = DEFAULT_SETTINGS.version): Promise<string> {
  const parser = await sharedParser();
  const uri = 'file:///fix.alloy';
  const doc = new ParsedDocument(parser, uri, 0, text);
  try {
    const file = { uri, text, statements: doc.model.statements, hasSyntaxErrors: doc.model.hasSyntaxErrors };
    const d = (await schemaFindings(text, version)).find((x) => x.code === code);
    assert.ok(d, `no ${code} in\n${text}`);
    const config = new Configuration([file]);
    const ctx = fixContext(config, uri, DEFAULT_SETTINGS.selfMonitoring, doc.tree.language, undefined, version)!;
    const offset = (p: { line: number; character: number }) =>
      text
        .split('\n')
        .slice(0, p.line)
        .reduce((n, l) => n + l.length + 1, 0) + p.character;
    const fixes = fixesFor(
      {
        code,
        uri,
        span: { start: offset(d.range.start), end: offset(d.range.end) },
        data: d.data as Record<string, unknown>,
      },
      ctx,
    );
    const preferred = fixes.find((f) => f.isPreferred);
    assert.ok(preferred, `no preferred fix for ${brief(d)}`);
    return applyEdits(text, preferred.edits);
  } finally {
    doc.dispose();
  }
}

describe('schema rules', () => {
  test('the examples of the issue: unknown component, missing forward_to, misspelt argument', async () => {
    const text = [
      'prometheus.scarpe "x" { }',
      '',
      'prometheus.scrape "s" {',
      '  targets = []',
      '}',
      '',
      'loki.write "w" {',
      '  endpoint {',
      '    urll = "http://loki:3100/loki/api/v1/push"',
      '  }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual((await schemaFindings(text)).map(brief), [
      "unknown-component 1:1 'prometheus.scarpe' is not an Alloy component; did you mean 'prometheus.scrape'?",
      "missing-required 3:1 prometheus.scrape is missing its required argument 'forward_to' (list(MetricsReceiver))",
      "missing-required 8:3 loki.write > endpoint is missing its required argument 'url' (string)",
      "unknown-attribute 9:5 loki.write > endpoint has no argument 'urll'; did you mean 'url'?",
    ]);
  });

  test('unknown blocks at every depth, duplicates, types, functions, exports and cycles', async () => {
    const text = [
      'prometheus.remote_write "r" {',
      '  endpoint {',
      '    url = "http://mimir/api/v1/push"',
      '    url = "http://other"',
      '    basic_auht {',
      '      username = "u"',
      '    }',
      '  }',
      '}',
      'prometheus.scrape "s" {',
      '  targets         = prometheus.exporter.self.me.target',
      '  forward_to      = [prometheus.remote_write.r.receiver]',
      '  scrape_interval = "15 seconds"',
      '  honor_labels    = "true"',
      '  job_name        = string.fromat("a")',
      '  params          = { "a" = [sys.env("A", "B")] }',
      '  sample_limit    = prometheus.exporter.self.me.targets',
      '}',
      'prometheus.exporter.self "me" { }',
      'local.file "a" {',
      '  filename = local.file.b.content',
      '}',
      'local.file "b" {',
      '  filename = local.file.a.content',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(
      (await schemaFindings(text)).map((d) => `${d.code} ${d.range.start.line + 1}`),
      [
        'duplicate-attribute 4',
        'unknown-block 5',
        'unknown-export 11',
        'type-mismatch 13',
        'type-mismatch 14',
        'unknown-function 15',
        'unknown-function 16',
        'type-mismatch 17',
        'reference-cycle 21',
      ],
    );
  });

  test('custom components: unknown and missing arguments against the declare', async () => {
    const text = [
      'declare "pipeline" {',
      '  argument "input" { }',
      '  argument "level" {',
      '    optional = true',
      '  }',
      '}',
      'pipeline "p" {',
      '  levle = "info"',
      '}',
      '',
    ].join('\n');
    assert.deepEqual((await schemaFindings(text)).map(brief), [
      "missing-required 7:1 custom component pipeline is missing its required argument 'input' (its argument block has no optional = true)",
      "unknown-attribute 8:3 custom component pipeline declares no argument 'levle'; did you mean 'level'?",
    ]);
  });

  test('nothing where the catalog cannot say: imported modules, undocumented blocks, any-typed values', async () => {
    const text = [
      'import.git "mods" {',
      '  repository = "https://github.com/grafana/alloy-modules.git"',
      '  path       = "modules/kubernetes/core/metrics.alloy"',
      '}',
      'mods.anything "x" {',
      '  whatever = true',
      '}',
      'labelstore { }',
      '',
    ].join('\n');
    assert.deepEqual((await schemaFindings(text)).map(brief), []);
  });

  test('versions: a component removed or added between releases gets the version message under one alloy.version and nothing under the other', async () => {
    const text = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'schema', 'versions.alloy'), 'utf8');
    const at = async (v: string) => (await schemaFindings(text, v)).map(brief);
    assert.deepEqual(await at('1.18'), []);
    assert.deepEqual(await at('1.17'), [
      "unknown-component 2:1 'discovery.aws' needs Alloy v1.18 or later (checking against Alloy v1.17)",
    ]);
    assert.deepEqual(await at('dev'), [
      "unknown-component 7:1 'prometheus.write.queue' was removed after Alloy v1.18 (checking against the development version of Alloy)",
    ]);
  });

  test('--alloy-version on the command line; an unknown version is a usage error', () => {
    const file = path.join(repoRoot, 'test', 'fixtures', 'schema', 'versions.alloy');
    const old = runCli(['check', '--alloy-version', 'v1.17.1', '--severity', 'self-monitoring-metrics=off', file]);
    assert.match(old.stdout, /unknown-component: 'discovery\.aws' needs Alloy v1\.18 or later/);
    assert.equal(old.status, 1);
    const current = runCli(['check', '--format', 'json', file]);
    assert.doesNotMatch(current.stdout, /unknown-component/);
    const bad = runCli(['check', '--alloy-version', '1.2', file]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown Alloy version '1\.2'/);
  });

  test('severity and off-switch through alloy.rules', async () => {
    const text = 'prometheus.scarpe "x" { }\n';
    const d = await diagnose({ 'main.alloy': text }, { rules: { 'unknown-component': 'off' } });
    assert.equal(d['main.alloy'].filter((x) => x.code === 'unknown-component').length, 0);
    const w = await diagnose({ 'main.alloy': text }, { rules: { 'unknown-component': 'warning' } });
    assert.equal(w['main.alloy'].find((x) => x.code === 'unknown-component')?.severity, 2);
  });
});

describe('schema quick fixes', () => {
  test('unknown component and argument: replaced by the nearest name', async () => {
    assert.equal(
      await fixed('prometheus.scarpe "x" {\n  targets    = []\n  forward_to = []\n}\n', 'unknown-component'),
      'prometheus.scrape "x" {\n  targets    = []\n  forward_to = []\n}\n',
    );
    assert.equal(
      await fixed('loki.write "w" {\n  endpoint {\n    urll = "http://x"\n  }\n}\n', 'unknown-attribute'),
      'loki.write "w" {\n  endpoint {\n    url = "http://x"\n  }\n}\n',
    );
  });

  test('missing required argument: inserted with a placeholder of its type, aligned like alloy fmt', async () => {
    assert.equal(
      await fixed('prometheus.scrape "s" {\n\ttargets  = []\n\tjob_name = "x"\n}\n', 'missing-required'),
      'prometheus.scrape "s" {\n\ttargets    = []\n\tjob_name   = "x"\n\tforward_to = []\n}\n',
    );
    assert.equal(
      await fixed('prometheus.remote_write "r" {\n\tendpoint { }\n}\n', 'missing-required'),
      'prometheus.remote_write "r" {\n\tendpoint {\n\t\turl = ""\n\t}\n}\n',
    );
  });
});

test('every standard-library function of every version has its number of arguments recorded', () => {
  for (const v of catalog.versions) {
    for (const f of catalog.at(v).catalog.stdlib) {
      if (f.kind !== 'function') continue;
      const name = f.deprecated?.replacement ?? f.name;
      assert.ok(STDLIB_ARITY[name], `${v}: ${f.name}`);
    }
  }
  for (const name of Object.keys(STDLIB_ARITY)) assert.ok(catalog.at('dev').getStdlibFunction(name), name);
});

/**
 * The self-monitoring templates: every destination's stack parses, is in
 * `alloy fmt` layout, is wired end to end, reads its endpoints and
 * credentials only through sys.env, and is documented in the README.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatTree } from '../../server/src/format/formatter';
import { DESTINATIONS, resolveSettings } from '../../server/src/settings';
import { renderBlock, textContext, toText } from '../../server/src/templates/render';
import { DESTINATION_TEMPLATES, pieceOf, piecesForSignal } from '../../server/src/templates/selfMonitoring';
import { stackText } from '../../server/src/templates/stackText';
import { repoRoot, sharedParser } from '../helpers';
import { analyse } from './support';

const SETTINGS = [
  resolveSettings({}).selfMonitoring,
  resolveSettings({
    selfMonitoring: { samplingFraction: 0.75, scrapeInterval: '15s', logLevel: 'debug', logFormat: 'logfmt' },
  }).selfMonitoring,
];

for (const destination of DESTINATIONS) {
  test(`the ${destination} stack parses, is formatted like alloy fmt and is quiet`, async () => {
    const parser = await sharedParser();
    for (const settings of SETTINGS) {
      const text = stackText(destination, settings);
      const tree = parser.parse(text)!;
      try {
        assert.equal(tree.rootNode.hasError, false, text);
        const formatted = formatTree(text, tree);
        assert.ok(formatted.ok, JSON.stringify(formatted));
        assert.equal(formatted.text, text, 'the rendered stack is not in alloy fmt layout');
      } finally {
        tree.delete();
      }
      const a = await analyse(text);
      assert.deepEqual(
        a.findings.map((f) => `${f.code}: ${f.message}`),
        [],
        `the ${destination} stack has diagnostics`,
      );
      // Wired end to end: every component but the scrape is read by another one, or by logging/tracing.
      const config = a.result.configuration;
      for (const [key, decls] of config.components) {
        if (decls[0].name === 'prometheus.scrape') continue;
        assert.ok(config.referencesTo(decls[0]).length > 0, `${destination}: nothing reads ${key}`);
      }
      assert.ok(config.singletons.has('logging') && config.singletons.has('tracing'));
      assert.ok(text.includes(`scrape_interval = "${settings.scrapeInterval}"`));
      assert.ok(text.includes(`sampling_fraction = ${settings.samplingFraction}`));
      assert.ok(text.includes(`level    = "${settings.logLevel}"`));
      assert.ok(text.includes(`format   = "${settings.logFormat}"`));
    }
  });

  test(`the ${destination} stack reads endpoints and credentials only with sys.env`, () => {
    const d = DESTINATION_TEMPLATES[destination];
    const text = stackText(destination, SETTINGS[0]);
    assert.doesNotMatch(text, /(^|[^.\w])env\(/, 'uses the deprecated env()');
    const used = [...text.matchAll(/sys\.env\("([A-Z0-9_]+)"\)/g)].map((m) => m[1]);
    assert.deepEqual(
      [...new Set(used)].sort(),
      d.env.map((e) => e.name).sort(),
      'documented variables differ from used',
    );
    // No literal endpoint, host or credential: besides variable names, the only literals are
    // setting values, the scheme and the authorization header's name and prefix.
    const allowed = new Set(['info', 'json', '60s', 'https://', 'authorization', 'Basic ']);
    const literals = [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
    for (const l of literals) {
      assert.ok(
        used.includes(l) || allowed.has(l) || /^[a-z_]+$/.test(l),
        `literal "${l}" in the ${destination} stack`,
      );
    }
  });

  test(`each signal of ${destination} renders on its own`, async () => {
    const d = DESTINATION_TEMPLATES[destination];
    for (const signal of ['metrics', 'logs', 'traces'] as const) {
      const pieces = piecesForSignal(d, signal);
      const ctx = textContext(SETTINGS[0], (id) => ({
        name: pieceOf(d, id).block.name,
        label: pieceOf(d, id).block.label!,
      }));
      const text = `${pieces.map((p) => toText(renderBlock(p.block, ctx, p.block.label))).join('\n\n')}\n`;
      const a = await analyse(text);
      const unexpected = a.findings.filter((f) => !f.code.startsWith('self-monitoring-'));
      assert.deepEqual(
        unexpected.map((f) => `${f.code}: ${f.message}`),
        [],
        `${destination} ${signal}:\n${text}`,
      );
      assert.ok(!a.findings.some((f) => f.code === `self-monitoring-${signal}`), `${destination} ${signal}`);
    }
  });
}

test('the templates README documents every variable of every destination', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'server', 'src', 'templates', 'README.md'), 'utf8');
  for (const destination of DESTINATIONS) {
    const start = readme.indexOf(`## \`${destination}\``);
    assert.ok(start >= 0, `no section for ${destination}`);
    const end = readme.indexOf('\n## ', start + 1);
    const section = readme.slice(start, end < 0 ? undefined : end);
    for (const v of DESTINATION_TEMPLATES[destination].env) {
      assert.ok(section.includes(`\`${v.name}\``), `${destination}: ${v.name} is not documented`);
    }
  }
});

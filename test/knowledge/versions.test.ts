/**
 * The versioned catalog: one generated file answers for every Alloy release
 * in ../shared/alloy-docs-versions and for the development snapshot.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { catalog, getComponent, provenance } from '../../server/src/knowledge/index';
import { parseRanges } from '../../server/src/knowledge/versions';

const root = path.resolve(__dirname, '..', '..', '..');
const versionsDir = process.env.ALLOY_DOCS_VERSIONS_DIR || path.resolve(root, '..', 'shared', 'alloy-docs-versions');
const haveVersions = fs.existsSync(versionsDir);

describe('versioned catalog API', () => {
  test('versions oldest first, the development snapshot last, the newest release the default', () => {
    assert.deepEqual(catalog.versions, ['1.13', '1.14', '1.15', '1.16', '1.17', '1.18', 'dev']);
    assert.equal(catalog.defaultVersion, '1.18');
    const releases = provenance().releases;
    assert.deepEqual(
      releases.map((r) => r.tag),
      ['v1.13.2', 'v1.14.2', 'v1.15.1', 'v1.16.3', 'v1.17.1', 'v1.18.1', undefined],
    );
    for (const r of releases) assert.match(r.commit, /^[0-9a-f]{40}$/);
    assert.equal(releases.at(-1)!.commit, provenance().commit);
    assert.equal(provenance().version, '1.18');
    assert.equal(provenance().counts.components, catalog.at('1.18').catalog.components.length);
  });

  test('each version has its own components', () => {
    assert.ok(catalog.at('1.13').getComponent('prometheus.write.queue'));
    assert.ok(catalog.at('1.18').getComponent('prometheus.write.queue'));
    assert.equal(catalog.at('dev').getComponent('prometheus.write.queue'), undefined);
    assert.equal(catalog.at('1.17').getComponent('discovery.aws'), undefined);
    assert.ok(catalog.at('1.18').getComponent('discovery.aws'));
    assert.equal(catalog.at('1.16').getComponent('otelcol.receiver.nginx'), undefined);
    assert.ok(catalog.at('1.17').getComponent('otelcol.receiver.nginx'));
    assert.equal(catalog.at('1.18').getComponent('otelcol.processor.redaction'), undefined);
    assert.ok(catalog.at('dev').getComponent('otelcol.processor.redaction'));
    // The module-level lookups answer for the default version.
    assert.equal(getComponent('otelcol.processor.redaction'), undefined);
    for (const v of catalog.versions) {
      assert.equal(
        catalog.at(v).catalog.components.length,
        provenance().releases.find((r) => r.version === v)!.counts.components,
      );
    }
  });

  test('properties that differ in older releases come from that release', () => {
    assert.equal(catalog.at('1.13').getComponent('loki.secretfilter')?.stability, 'experimental');
    assert.equal(catalog.at('dev').getComponent('loki.secretfilter')?.stability, 'public-preview');
    assert.equal(catalog.at('1.13').getComponent('database_observability.mysql')?.stability, 'public-preview');
  });

  test('which releases have a name, and the message for one the chosen release lacks', () => {
    const queue = catalog.releasesOfComponent('prometheus.write.queue');
    assert.deepEqual([...queue], ['1.13', '1.14', '1.15', '1.16', '1.17', '1.18']);
    assert.equal(catalog.versionNote(queue, 'dev'), 'was removed after Alloy v1.18');
    assert.equal(catalog.versionNote(queue, '1.16'), undefined);
    const nginx = catalog.releasesOfComponent('otelcol.receiver.nginx');
    assert.equal(catalog.versionNote(nginx, '1.13'), 'needs Alloy v1.17 or later');
    const redaction = catalog.releasesOfComponent('otelcol.processor.redaction');
    assert.equal(catalog.versionNote(redaction, '1.18'), 'needs the development version of Alloy');
    assert.equal(catalog.releasesOfComponent('prometheus.scarpe').size, 0);
    assert.equal(catalog.versionNote(new Set(), '1.18'), undefined);
    assert.equal(
      catalog.versionNote(new Set(['1.13', '1.17']), '1.15'),
      'was removed after Alloy v1.13 (it is back in Alloy v1.17 or later)',
    );
    // Arguments and blocks are only there when their block is.
    assert.equal(catalog.releasesOfArgument('prometheus.scrape', [], 'no_such_argument').size, 0);
    assert.equal(catalog.releasesOfArgument('prometheus.scrape', [], 'forward_to').size, catalog.versions.length);
    assert.equal(catalog.releasesOfBlock('loki.write', ['endpoint', 'basic_auth']).size, catalog.versions.length);
    // Read also where a release's table has a space inside its delimiter row's dashes (loki.process
    // `stage.timestamp` in v1.17 and v1.18).
    for (const name of ['source', 'format', 'location'])
      assert.equal(catalog.releasesOfArgument('loki.process', ['stage.timestamp'], name).size, catalog.versions.length);
    assert.deepEqual(
      [...catalog.releasesOfArgument('loki.process', ['stage.timestamp'], 'action_on_duplicate_timestamp')],
      ['1.17', '1.18', 'dev'],
    );
    assert.equal(catalog.releasesOfFunction('sys.env').size, catalog.versions.length);
  });

  test('versions as people write them', () => {
    assert.equal(catalog.normalizeVersion('v1.16.3'), '1.16');
    assert.equal(catalog.normalizeVersion('1.16'), '1.16');
    assert.equal(catalog.normalizeVersion('dev'), 'dev');
    assert.equal(catalog.normalizeVersion('1.12'), undefined);
    assert.equal(catalog.normalizeVersion('one'), undefined);
    assert.deepEqual([...parseRanges('1.13..1.14,dev', catalog.versions)], ['1.13', '1.14', 'dev']);
    assert.deepEqual([...parseRanges('1.17', catalog.versions)], ['1.17']);
  });
});

/**
 * The argument names a component page lists in the table under its
 * `## Arguments` heading, read here without the generator: rows whose first
 * cell is a backquoted identifier (not `a` > `b` field rows, not rows typed by
 * a link to a block section).
 */
function pageArguments(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let inArgs = false;
  let fence = false;
  let header: string[] = [];
  let previous = '';
  for (const line of lines) {
    const row = line.startsWith('|');
    if (row && !previous.startsWith('|')) header = line.split('|').map((c) => c.trim().toLowerCase());
    previous = line;
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    if (/^## /.test(line)) inArgs = /^## Arguments\s*$/i.test(line);
    if (/^### /.test(line) && inArgs) inArgs = false;
    if (!inArgs || !row) continue;
    // Argument tables only: Name, Type, and Default or Required columns.
    if (!header.includes('type') || !(header.includes('default') || header.includes('required'))) continue;
    const cells = line.split('|').map((c) => c.trim());
    const m = /^`([A-Za-z_][A-Za-z0-9_]*)`$/.exec(cells[1] ?? '');
    if (!m) continue;
    if (/\]\[|\]\(#/.test(cells[2] ?? '')) continue;
    out.push(m[1]);
  }
  return out;
}

function componentPages(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.md') && e.name !== '_index.md') out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

test(
  'for every component page of every release, that release has the component with the page’s arguments',
  { skip: !haveVersions && 'release docs (../shared/alloy-docs-versions) not available' },
  () => {
    let pages = 0;
    let argumentsChecked = 0;
    for (const release of provenance().releases) {
      if (!release.tag) continue;
      const dir = path.join(versionsDir, release.tag, 'docs', 'sources', 'reference', 'components');
      assert.ok(fs.existsSync(dir), dir);
      const view = catalog.at(release.version);
      const files = componentPages(dir);
      assert.equal(files.length, release.counts.components, release.tag);
      for (const file of files) {
        const name = path.basename(file, '.md');
        const spec = view.getComponent(name);
        assert.ok(spec, `${release.tag}: ${name} missing from catalog.at('${release.version}')`);
        const known = new Set(spec.arguments.map((a) => a.name));
        for (const arg of pageArguments(fs.readFileSync(file, 'utf8'))) {
          assert.ok(known.has(arg), `${release.tag}: ${name} lacks argument ${arg}`);
          assert.ok(view.getArgument(name, [], arg), `${release.tag}: getArgument(${name}, ${arg})`);
          argumentsChecked++;
        }
        pages++;
      }
      assert.equal(view.catalog.components.length, files.length, `${release.tag}: no components beyond the pages`);
    }
    assert.ok(pages >= 1088, `${pages} pages`);
    assert.ok(argumentsChecked > 3000, `${argumentsChecked} arguments`);
    console.log(`# ${pages} component pages, ${argumentsChecked} arguments checked`);
  },
);

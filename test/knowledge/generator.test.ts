import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BlockSpec, Catalog, ComponentSpec } from '../../server/src/knowledge/index';

const root = path.resolve(__dirname, '..', '..', '..');
const script = path.join(root, 'scripts', 'knowledge', 'generate.mjs');
const committed = path.join(root, 'server', 'src', 'knowledge', 'catalog.generated.json');

function run(args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
}

function page(canonical: string, title: string, body: string, extra = ''): string {
  return `---\ncanonical: ${canonical}\n${extra}title: ${title}\n---\n\n# \`${title}\`\n\n${body}\n`;
}

const row = (...cells: string[]) => `| ${cells.join(' | ')} |`;
const ARG_HEADER = [row('Name', 'Type', 'Description', 'Default', 'Required'), row('---', '---', '---', '---', '---')];
const BLOCK_HEADER = [row('Block', 'Description', 'Required'), row('---', '---', '---')];
const FIELD_HEADER = [row('Name', 'Type', 'Description'), row('---', '---', '---')];
const URL = 'https://grafana.com/docs/alloy/latest/reference';

/** A miniature docs tree exercising the shapes the real pages use. */
function writeFixture(dir: string): void {
  const write = (rel: string, text: string) => {
    const file = path.join(dir, 'docs', 'sources', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  write(
    'shared/reference/components/auth-snippet.md',
    [
      '---',
      'headless: true',
      '---',
      '',
      ...ARG_HEADER,
      row('`password`', '`secret`', 'x', '', 'no'),
      row('`username`', '`string`', 'x', '', 'no'),
    ].join('\n'),
  );
  write(
    'shared/reference/components/targets-snippet.md',
    ['---', 'headless: true', '---', '', ...FIELD_HEADER, row('`targets`', '`list(map(string))`', 'x')].join('\n'),
  );
  write(
    'reference/components/loki/loki.demo.md',
    page(
      `${URL}/components/loki/loki.demo/`,
      'loki.demo',
      [
        '## Usage',
        '',
        '```alloy',
        'loki.demo "<LABEL>" {',
        '  # not a heading',
        '```alloy',
        '## Exported fields',
        '| not | a | table |',
        '```',
        '',
        '## Arguments',
        '',
        ...ARG_HEADER,
        row('`forward_to`', '`list(receiver)`', 'x', '', 'yes'),
        row('`enabled`', '`boolean`', 'x', '`true`', 'no'),
        row('`period`', '`duration`', 'x', '`"1m"`', 'no'),
        row('`mode`', '`string`', 'x', '__See below__', 'conditional'),
        row('`filters`', '`list(object)`', 'x', '`[]`', 'no'),
        row('`filters` > `prefix`', '`string`', 'x', '', 'no'),
        '',
        '## Blocks',
        '',
        ...BLOCK_HEADER,
        row('[`endpoint`][endpoint]', 'x', 'yes'),
        row('`endpoint` > [`basic_auth`][basic_auth]', 'x', 'no'),
        row('[`metrics`][metrics]', 'x', 'no'),
        '',
        '[endpoint]: #endpoint',
        '[basic_auth]: #basic_auth',
        '[metrics]: #metrics',
        '',
        '### `endpoint`',
        '',
        ...ARG_HEADER,
        row('`url`', '`string`', 'x', '', 'yes'),
        '',
        '<!-- A disabled row the site does not render:',
        ...ARG_HEADER,
        row('`legacy`', '`string`', 'x', '', 'no'),
        '-->',
        '',
        '### `basic_auth`',
        '',
        '{{< docs/shared lookup="reference/components/auth-snippet.md" source="alloy" version="<ALLOY_VERSION>" >}}',
        '',
        '### `metrics`',
        '',
        ...ARG_HEADER,
        row('`demo.lines.count`', '[`metric`][]', 'x', '`true`', 'no'),
        '',
        '[`metric`]: #metric',
        '',
        '#### `metric`',
        '',
        ...ARG_HEADER,
        row('`enabled`', '`bool`', 'x', '`true`', 'no'),
        '',
        '## Exported fields',
        '',
        ...FIELD_HEADER,
        row('`receiver`', '`receiver`', 'x'),
        '',
        '{{< docs/shared lookup="reference/components/no-such-snippet.md" source="alloy" version="<ALLOY_VERSION>" >}}',
      ].join('\n'),
      'labels:\n  stage: experimental\n',
    ),
  );
  write(
    'reference/components/prometheus/prometheus.exporter.demo.md',
    page(
      `${URL}/components/prometheus/prometheus.exporter.demo/`,
      'prometheus.exporter.demo',
      [
        '## Arguments',
        '',
        "The component doesn't support any arguments.",
        '',
        '## Blocks',
        '',
        "The component doesn't support any blocks.",
        '',
        '## Exported fields',
        '',
        '{{< docs/shared lookup="reference/components/targets-snippet.md" source="alloy" version="<ALLOY_VERSION>" >}}',
      ].join('\n'),
      'labels:\n  tags:\n    - text: Community\n',
    ),
  );
  write(
    'reference/components/prometheus/prometheus.lost.md',
    page(
      `${URL}/components/prometheus/prometheus.lost/`,
      'prometheus.lost',
      ['## Arguments', '', 'Prose only.', '', '## Exported fields', '', 'Prose only.'].join('\n'),
    ),
  );
  write(
    'reference/config-blocks/logging.md',
    page(
      `${URL}/config-blocks/logging/`,
      'logging',
      [
        '## Usage',
        '',
        '```alloy',
        'logging {',
        '}',
        '```',
        '',
        '## Arguments',
        '',
        ...ARG_HEADER,
        row('`write_to`', '`list(LogsReceiver)`', 'x', '`[]`', 'no'),
      ].join('\n'),
    ),
  );
  write(
    'reference/config-blocks/import.demo.md',
    page(
      `${URL}/config-blocks/import.demo/`,
      'import.demo',
      ['## Usage', '', '```alloy', 'import.demo "<LABEL>" {', '}', '```'].join('\n'),
    ),
  );
  const stdlib = (name: string, heads: string[], aliases: string[] = []) =>
    write(
      `reference/stdlib/${name}.md`,
      page(
        `${URL}/stdlib/${name}/`,
        name,
        heads.map((h) => `## ${h}\n\nx\n\n### Examples\n`).join('\n'),
        aliases.length ? `aliases:\n${aliases.map((a) => `  - ./${a}/\n`).join('')}` : '',
      ),
    );
  stdlib('array', ['array.concat'], ['concat']);
  stdlib('convert', ['nonsensitive'], ['nonsensitive']);
  stdlib('encoding', ['`encoding.from_base64`', '`encoding.from_json`', '`encoding.from_yaml`']);
  stdlib('sys', ['sys.env'], ['env']);
  stdlib(
    'string',
    [
      'format',
      'join',
      'replace',
      'split',
      'to_lower',
      'to_upper',
      'trim',
      'trim_prefix',
      'trim_suffix',
      'trim_space',
    ].map((n) => `string.${n}`),
  );
  stdlib('coalesce', []);
  write(
    'reference/stdlib/constants.md',
    page(`${URL}/stdlib/constants/`, 'constants', '* `constants.os`: x\n* `constants.arch`: x\n'),
  );
}

describe('generator on a miniature docs tree', () => {
  let tmp = '';
  let out = '';
  let catalog: Catalog;
  let demo: ComponentSpec;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'knowledge-'));
    writeFixture(tmp);
    out = path.join(tmp, 'catalog.json');
    const r = run(['--docs', tmp, '--out', out, '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    catalog = JSON.parse(fs.readFileSync(out, 'utf8')) as Catalog;
    const found = catalog.components.find((c) => c.name === 'loki.demo');
    assert.ok(found);
    demo = found;
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('reads components sorted by name with front matter facts', () => {
    assert.deepEqual(
      catalog.components.map((c) => c.name),
      ['loki.demo', 'prometheus.exporter.demo', 'prometheus.lost'],
    );
    assert.equal(demo.stability, 'experimental');
    assert.equal(demo.namespace, 'loki');
    assert.equal(demo.docUrl, `${URL}/components/loki/loki.demo/`);
    assert.equal(demo.source, 'docs/sources/reference/components/loki/loki.demo.md');
    const exporter = catalog.components[1];
    assert.equal(exporter.community, true);
    assert.equal(exporter.stability, undefined);
  });

  test('argument rows: normalised types, literal defaults, required flags, object fields', () => {
    assert.deepEqual(demo.arguments, [
      { name: 'enabled', type: 'bool', docType: 'boolean', default: 'true', required: false },
      {
        name: 'filters',
        type: 'list(object)',
        default: '[]',
        required: false,
        fields: [{ name: 'prefix', type: 'string', required: false }],
      },
      { name: 'forward_to', type: 'list(LogsReceiver)', docType: 'list(receiver)', required: true },
      { name: 'mode', type: 'string', required: false, conditional: true },
      { name: 'period', type: 'duration', default: '"1m"', required: false },
    ]);
  });

  test('blocks: hierarchy from the table, arguments from sections and shared snippets, link-typed rows; HTML comments ignored', () => {
    const strip = (b: BlockSpec): unknown => ({
      name: b.name,
      required: b.required,
      args: b.arguments.map((a) => `${a.name}:${a.type}`),
      blocks: b.blocks.map(strip),
    });
    assert.deepEqual(demo.blocks.map(strip), [
      {
        name: 'endpoint',
        required: true,
        args: ['url:string'],
        blocks: [{ name: 'basic_auth', required: false, args: ['password:secret', 'username:string'], blocks: [] }],
      },
      {
        name: 'metrics',
        required: false,
        args: [],
        blocks: [{ name: 'demo.lines.count', required: false, args: ['enabled:bool'], blocks: [] }],
      },
    ]);
  });

  test('exports: fenced code is not structure; a bare receiver on a loki page is a LogsReceiver', () => {
    assert.deepEqual(demo.exports, [{ name: 'receiver', type: 'LogsReceiver', docType: 'receiver' }]);
    assert.deepEqual(demo.parse, { arguments: 'parsed', blocks: 'parsed', exports: 'parsed' });
    assert.deepEqual(catalog.provenance.unresolvedIncludes, ['reference/components/no-such-snippet.md']);
  });

  test('"doesn\'t support any" is none; a section without a table is missing and reported', () => {
    const exporter = catalog.components[1];
    assert.deepEqual(exporter.parse, { arguments: 'none', blocks: 'none', exports: 'parsed' });
    assert.deepEqual(exporter.exports, [{ name: 'targets', type: 'list(map(string))' }]);
    const lost = catalog.components[2];
    assert.deepEqual(lost.parse, { arguments: 'missing', blocks: 'none-section', exports: 'missing' });
    assert.deepEqual(lost.issues, ['arguments: no argument table found', 'exports: no export table found']);
    assert.equal(catalog.provenance.counts.componentsWithMissingTables, 1);
  });

  test('config blocks: label from the usage example, uniqueness, runtime facts, undocumented labelstore', () => {
    const byName = new Map(catalog.configBlocks.map((b) => [b.name, b]));
    assert.deepEqual([...byName.keys()], ['import.demo', 'labelstore', 'logging']);
    assert.equal(byName.get('logging')?.label, 'none');
    assert.equal(byName.get('logging')?.unique, true);
    assert.deepEqual(byName.get('logging')?.forbiddenIn, ['declare', 'foreach']);
    assert.equal(byName.get('logging')?.arguments[0].type, 'list(LogsReceiver)');
    assert.equal(byName.get('import.demo')?.label, 'required');
    assert.equal(byName.get('import.demo')?.unique, false);
    assert.equal(byName.get('labelstore')?.documented, false);
  });

  test('stdlib: namespaced headings, single-function pages, constants and deprecated names', () => {
    const get = (n: string) => catalog.stdlib.find((f) => f.name === n);
    assert.equal(get('convert.nonsensitive')?.kind, 'function');
    assert.equal(get('encoding.from_json')?.namespace, 'encoding');
    assert.equal(get('coalesce')?.kind, 'function');
    assert.equal(get('constants.os')?.kind, 'constant');
    assert.deepEqual(get('env')?.deprecated, { replacement: 'sys.env' });
    assert.equal(get('env')?.docUrl, `${URL}/stdlib/sys/`);
    assert.deepEqual(get('json_decode')?.deprecated, { replacement: 'encoding.from_json' });
    assert.equal(catalog.stdlib.filter((f) => f.deprecated).length, 16);
  });

  test('re-running on the same docs produces identical bytes', () => {
    const second = path.join(tmp, 'again.json');
    const r = run(['--docs', tmp, '--out', second, '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(second, 'utf8'), fs.readFileSync(out, 'utf8'));
  });

  test('fails with a clear message when the docs are absent', () => {
    const r = run(['--docs', path.join(tmp, 'nowhere'), '--out', path.join(tmp, 'never.json'), '--quiet']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Alloy docs not found/);
    assert.equal(fs.existsSync(path.join(tmp, 'never.json')), false);
  });

  test('fails when a deprecated name has no documented replacement', () => {
    fs.rmSync(path.join(tmp, 'docs', 'sources', 'reference', 'stdlib', 'sys.md'));
    const r = run(['--docs', tmp, '--out', path.join(tmp, 'broken.json'), '--quiet']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /deprecated env: replacement sys\.env is not a documented function/);
  });
});

const docs = process.env.ALLOY_DOCS_DIR || path.resolve(root, '..', 'shared', 'alloy-docs');
const haveDocs = fs.existsSync(path.join(docs, 'docs', 'sources', 'reference', 'components'));

test(
  'the committed catalog is what the generator produces from the docs',
  { skip: !haveDocs && 'Alloy docs not available' },
  () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'knowledge-'));
    try {
      const out = path.join(tmp, 'catalog.json');
      const r = run(['--docs', docs, '--out', out, '--quiet']);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(
        fs.readFileSync(out, 'utf8') === fs.readFileSync(committed, 'utf8'),
        'catalog.generated.json is out of date',
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
);

#!/usr/bin/env node
// @ts-check
// Generates server/src/knowledge/catalog.generated.json from the Grafana Alloy
// reference docs: every component page (arguments, nested blocks, exports),
// the config blocks and the standard library. Only facts are taken (names,
// types, defaults, required flags, stability, canonical URLs); no prose.
// The docs of each release in RELEASES and the development snapshot are read
// one by one and merged into one catalog that records which releases have
// each entry (see versions.mjs).
//
//   node scripts/knowledge/generate.mjs [--docs DIR] [--versions DIR|none] [--out FILE] [--quiet]
//
// --docs (the development snapshot) defaults to ../shared/alloy-docs relative
// to the repository root (or $ALLOY_DOCS_DIR); --versions (one folder per
// release tag, v1.13.2, ...) to alloy-docs-versions beside it (or
// $ALLOY_DOCS_VERSIONS_DIR); without release folders the catalog holds the
// snapshot alone. The output is sorted and formatted with the repository's
// Prettier settings, so re-running it on the same docs changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { descendants, linkAnchor, plain, readPage, slug } from './markdown.mjs';
import { normalizeType } from './types.mjs';
import { DEVELOPMENT, mergeReleases } from './versions.mjs';

/**
 * @typedef {import('./markdown.mjs').Page} Page
 * @typedef {import('./markdown.mjs').Section} Section
 * @typedef {import('./markdown.mjs').Table} Table
 * @typedef {{ name: string, type: string, docType?: string, default?: string, required: boolean, conditional?: true, fields?: Argument[] }} Argument
 * @typedef {{ name: string, type: string, docType?: string }} Export
 * @typedef {{ name: string, required: boolean, documented: boolean, arguments: Argument[], blocks: Block[] }} Block
 * @typedef {{ name: string, path: string[], required: boolean, anchors: Set<string>, documented: boolean, arguments: Map<string, Argument> }} BlockNode
 */

const SCRIPT = 'scripts/knowledge/generate.mjs';
const DOCS_REPOSITORY = 'https://github.com/grafana/alloy';
const DOCS_COMMIT = '66ebea856dffb242f921775e9552a133f60dc5c1';
const SCHEMA_VERSION = 2;

// The Alloy releases whose reference docs the catalog covers, oldest first:
// one folder per tag (docs/sources/reference and docs/sources/shared at that
// tag, unchanged). The development snapshot (--docs, DOCS_COMMIT) comes after
// them as version "dev".
const RELEASES = [
  { version: '1.13', tag: 'v1.13.2', commit: '33761899d1cd91766bdb14760139d8b6d14f2bb3', released: '2026-02-23' },
  { version: '1.14', tag: 'v1.14.2', commit: '3c53ff8299932f67e18c86a3febba4a46d56b6e6', released: '2026-03-24' },
  { version: '1.15', tag: 'v1.15.1', commit: '3e6d1d07d37a370b6e4139bc912b47b4106f7f20', released: '2026-04-13' },
  { version: '1.16', tag: 'v1.16.3', commit: '1e2007ea1d8f06c587dc2d61b61c89f21255d70d', released: '2026-06-08' },
  { version: '1.17', tag: 'v1.17.1', commit: '76a2e2af7b61a36de503087647a715b3b70523af', released: '2026-06-29' },
  { version: '1.18', tag: 'v1.18.1', commit: '6012ec4ac6a541ade720777ecec2f2b02b496def', released: '2026-08-06' },
];
const DOCS_BASE = 'https://grafana.com/docs/alloy/';

// Deprecated standard library names that Alloy still accepts, with the
// function that replaces each (Alloy's syntax/internal/stdlib). The docs keep
// most of them only as page aliases, so the list itself is fixed here; the
// replacements are checked against the generated function list below.
const DEPRECATED_STDLIB = {
  base64_decode: 'encoding.from_base64',
  concat: 'array.concat',
  env: 'sys.env',
  format: 'string.format',
  join: 'string.join',
  json_decode: 'encoding.from_json',
  nonsensitive: 'convert.nonsensitive',
  replace: 'string.replace',
  split: 'string.split',
  to_lower: 'string.to_lower',
  to_upper: 'string.to_upper',
  trim: 'string.trim',
  trim_prefix: 'string.trim_prefix',
  trim_space: 'string.trim_space',
  trim_suffix: 'string.trim_suffix',
  yaml_decode: 'encoding.from_yaml',
};

// Facts about config blocks that the reference pages don't state in a table:
// where Alloy's runtime rejects them, and the undocumented `labelstore`.
/** @type {Record<string, { forbiddenIn?: string[], moduleOnly?: true }>} */
const CONFIG_BLOCK_FACTS = {
  logging: { forbiddenIn: ['declare', 'foreach'] },
  tracing: { forbiddenIn: ['declare', 'foreach'] },
  argument: { moduleOnly: true },
  export: { moduleOnly: true },
};
const UNDOCUMENTED_CONFIG_BLOCKS = [{ name: 'labelstore', label: 'none' }];

const STAGES = new Map([
  ['general-availability', 'generally-available'],
  ['public-preview', 'public-preview'],
  ['experimental', 'experimental'],
]);

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BLOCK_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_OUT = path.join(root, 'server', 'src', 'knowledge', 'catalog.generated.json');

function parseArgs(argv) {
  /** @type {{ docs: string, versions: string | undefined, out: string, quiet: boolean }} */
  const opts = {
    docs: process.env.ALLOY_DOCS_DIR || path.resolve(root, '..', 'shared', 'alloy-docs'),
    versions: process.env.ALLOY_DOCS_VERSIONS_DIR,
    out: DEFAULT_OUT,
    quiet: false,
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--docs') opts.docs = path.resolve(argv[++i]);
    else if (argv[i] === '--versions') opts.versions = argv[++i] === 'none' ? '' : path.resolve(argv[i]);
    else if (argv[i] === '--out') opts.out = path.resolve(argv[++i]);
    else if (argv[i] === '--quiet') opts.quiet = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  // The release folders sit beside the development snapshot unless given.
  opts.versions ??= path.join(path.dirname(opts.docs), 'alloy-docs-versions');
  return opts;
}

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const byName = (/** @type {{name: string}} */ a, /** @type {{name: string}} */ b) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** @param {string} cell */
function codeOf(cell) {
  const m = /`([^`]+)`/.exec(cell);
  const code = (m ? m[1] : plain(cell)).trim();
  // A stray backtick inside a link text (`[name`][ref]`) still names `name`.
  return BLOCK_NAME.test(code) ? code : plain(cell).replace(/`/g, '').trim();
}

/**
 * @param {string[]} header
 * @returns {'arguments' | 'blocks' | 'fields' | undefined}
 */
function classify(header) {
  const h = header.map((c) => plain(c).toLowerCase());
  const has = (/** @type {string} */ name) => h.includes(name);
  if ((h[0] === 'name' || h[0] === 'attribute') && has('type') && (has('required') || has('default')))
    return 'arguments';
  if ((h[0] === 'block' || h[0] === 'name') && has('required') && !has('type')) return 'blocks';
  if (h[0] === 'name' && has('type')) return 'fields';
  return undefined;
}

/** @param {string} cell */
function parseDefault(cell) {
  const c = cell.trim();
  if (!c) return undefined;
  const code = /^`([^`]*)`$/.exec(c);
  if (code) return code[1];
  if (/^(-?\d+(\.\d+)?|true|false|null|"[^"]*")$/.test(c)) return c;
  return undefined; // prose such as "See below" is not a value
}

/**
 * Rows of an argument table. Two irregular row shapes are folded in: object
 * fields written as `parent` > `field` (or `parent.field`) become `fields` of
 * the parent argument, and rows whose Type links to another section
 * ([`metric`][]) are really blocks, returned apart with that anchor.
 * @param {Table} table
 * @param {string} owner
 * @param {string[]} issues
 * @param {Map<string, string>} refs
 * @returns {{ args: Argument[], linked: { name: string, anchor: string, required: boolean }[] }}
 */
function argumentRows(table, owner, issues, refs) {
  const h = table.header.map((c) => plain(c).toLowerCase());
  const col = (/** @type {string} */ n) => h.indexOf(n);
  const [iType, iDefault, iRequired] = [col('type'), col('default'), col('required')];
  /** @type {Map<string, Argument>} */
  const args = new Map();
  /** @type {{ path: string[], arg: Argument }[]} */
  const nested = [];
  /** @type {{ name: string, anchor: string, required: boolean }[]} */
  const linked = [];
  for (const row of table.rows) {
    const names = splitPath(row[0] ?? '').map(codeOf);
    const name = names.join('.');
    const typeCell = row[iType] ?? '';
    const req = plain(row[iRequired] ?? '')
      .toLowerCase()
      .replace(/\\/g, '');
    const required = /^yes\*?$/.test(req);
    const anchor = /\[[^\]]*\]\[[^\]]*\]|\]\(#/.test(typeCell) ? linkAnchor(typeCell, refs) : undefined;
    if (anchor !== undefined && BLOCK_NAME.test(name)) {
      linked.push({ name, anchor: slug(anchor), required });
      continue;
    }
    const docType = plain(typeCell);
    const type = normalizeType(typeCell, owner);
    /** @type {Argument} */
    const arg = { name: names[names.length - 1], type, required };
    if (docType.replace(/\s+/g, '') !== type.replace(/\s+/g, '')) arg.docType = docType;
    const def = iDefault >= 0 ? parseDefault(row[iDefault] ?? '') : undefined;
    if (def !== undefined) arg.default = def;
    if (!required && !/^no\*?$/.test(req) && req !== '') arg.conditional = true;
    const path = names.length > 1 ? names : name.split('.');
    if (path.length > 1 && path.every((n) => IDENT.test(n))) nested.push({ path, arg });
    else if (IDENT.test(name)) {
      if (!args.has(name)) args.set(name, arg);
    } else issues.push(`argument row "${name}" is not an identifier (line ${table.line})`);
  }
  for (const { path, arg } of nested) {
    let parent = args.get(path[0]);
    for (const seg of path.slice(1, -1)) parent = parent?.fields?.find((f) => f.name === seg);
    if (!parent) {
      issues.push(`argument row "${path.join('.')}" names a field of an unknown argument (line ${table.line})`);
      continue;
    }
    parent.fields ??= [];
    if (!parent.fields.some((f) => f.name === arg.name)) parent.fields.push(arg);
  }
  for (const a of args.values()) a.fields?.sort(byName);
  return { args: [...args.values()], linked };
}

/**
 * @param {Table} table
 * @param {string} owner
 * @param {string[]} issues
 * @returns {Export[]}
 */
function exportRows(table, owner, issues) {
  const iType = table.header.map((c) => plain(c).toLowerCase()).indexOf('type');
  /** @type {Export[]} */
  const out = [];
  for (const row of table.rows) {
    const name = codeOf(row[0] ?? '');
    if (!IDENT.test(name)) {
      issues.push(`export row "${name}" is not an identifier (line ${table.line})`);
      continue;
    }
    const docType = plain(row[iType] ?? '');
    const type = normalizeType(row[iType] ?? '', owner);
    out.push(docType.replace(/\s+/g, '') !== type.replace(/\s+/g, '') ? { name, type, docType } : { name, type });
  }
  return out;
}

/**
 * Rows of a block table: the path (`a` > [`b`][b]), the anchor the last
 * segment links to, and the required flag.
 * @param {Table} table
 * @param {Map<string, string>} refs
 * @param {string[]} issues
 */
function blockRows(table, refs, issues) {
  const iRequired = table.header.map((c) => plain(c).toLowerCase()).indexOf('required');
  /** @type {{ path: string[], anchor?: string, required: boolean }[]} */
  const out = [];
  for (const row of table.rows) {
    const segments = splitPath(row[0] ?? '');
    const names = segments.map(codeOf);
    if (names.length === 0 || !names.every((n) => BLOCK_NAME.test(n))) {
      issues.push(`block row "${plain(row[0] ?? '')}" is not a block path (line ${table.line})`);
      continue;
    }
    const anchor = linkAnchor(segments[segments.length - 1], refs);
    const required = /^yes/.test(plain(row[iRequired] ?? '').toLowerCase());
    out.push({ path: names, anchor: anchor === undefined ? undefined : slug(anchor), required });
  }
  return out;
}

/** Splits a block path cell on `>` outside code spans and link targets. @param {string} cell */
function splitPath(cell) {
  const parts = [];
  let cur = '';
  let code = false;
  let depth = 0;
  for (const c of cell) {
    if (c === '`') code = !code;
    if (!code && (c === '[' || c === '(')) depth++;
    if (!code && (c === ']' || c === ')')) depth--;
    if (c === '>' && !code && depth === 0) {
      parts.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  parts.push(cur.trim());
  return parts.filter((p) => p !== '');
}

/** @param {Section} s */
const sectionText = (s) => s.text.join(' ').replace(/\s+/g, ' ');

/**
 * Arguments, blocks and exports of one reference page.
 * @param {Page} page
 * @param {string} owner
 */
function parseReference(page, owner) {
  /** @type {string[]} */
  const issues = [];
  const { sections, refs } = page;
  const top = (/** @type {RegExp} */ re) => sections.find((s) => s.level === 2 && re.test(plain(s.title)));
  const tablesOf = (/** @type {Section | undefined} */ s, /** @type {string} */ kind) =>
    s ? s.tables.filter((t) => classify(t.header) === kind) : [];

  /** @type {Map<string, BlockNode>} */
  const nodes = new Map();
  const key = (/** @type {string[]} */ p) => p.join(' > ');
  const newNode = (/** @type {string[]} */ p, /** @type {boolean} */ required) => {
    /** @type {BlockNode} */
    const node = {
      name: p[p.length - 1],
      path: p,
      required,
      anchors: new Set(),
      documented: false,
      arguments: new Map(),
    };
    nodes.set(key(p), node);
    return node;
  };
  const addNode = (
    /** @type {string[]} */ p,
    /** @type {boolean} */ required,
    /** @type {string | undefined} */ anchor,
  ) => {
    for (let i = 1; i < p.length; i++) {
      if (!nodes.has(key(p.slice(0, i)))) {
        newNode(p.slice(0, i), false);
        issues.push(`block ${key(p.slice(0, i))} is only implied by its children`);
      }
    }
    const node = nodes.get(key(p)) ?? newNode(p, required);
    if (anchor) node.anchors.add(anchor);
    return node;
  };

  // Arguments
  const argSection = top(/^arguments$/i);
  /** @type {Map<string, Argument>} */
  const args = new Map();
  let argumentsState = 'none-section';
  if (argSection) {
    const tables = tablesOf(argSection, 'arguments');
    for (const t of tables) {
      const rows = argumentRows(t, owner, issues, refs);
      for (const a of rows.args) if (!args.has(a.name)) args.set(a.name, a);
      for (const l of rows.linked) addNode([l.name], l.required, l.anchor);
    }
    if (tables.length > 0) argumentsState = 'parsed';
    else if (
      /(doesn't|does not|don't) (support|accept|take|have) any arguments|no arguments/i.test(sectionText(argSection))
    )
      argumentsState = 'none';
    else {
      argumentsState = 'missing';
      issues.push('arguments: no argument table found');
    }
  }

  // Blocks: the table under "Blocks", then one section per block below it.
  const blockSection = top(/^blocks$/i);
  let blocksState = 'none-section';
  /** @type {number[]} */
  let blockSections = [];
  if (blockSection) {
    const tables = tablesOf(blockSection, 'blocks');
    for (const t of tables) for (const r of blockRows(t, refs, issues)) addNode(r.path, r.required, r.anchor);
    blockSections = descendants(sections, blockSection.index);
    // A section right under "Blocks" titled with one block name that the
    // table forgot is a top-level block when the page's examples open it
    // directly inside the component, or when no example opens it and it
    // doesn't sit in a run of deeper (nested block) sections.
    const opened = openedBlocks(sections);
    for (const i of blockSections) {
      const s = sections[i];
      const name = /^`([^`]+)`$/.exec(s.title.trim())?.[1];
      if (s.parent !== blockSection.index || !name || !BLOCK_NAME.test(name)) continue;
      if (tablesOf(s, 'arguments').length + tablesOf(s, 'blocks').length === 0) continue;
      if ([...nodes.values()].some((n) => n.name === name || n.anchors.has(slug(s.anchor)))) continue;
      const depth = opened.get(name);
      if (depth === undefined ? sections[i - 1].level > s.level : depth !== 1) continue;
      addNode([name], false, slug(s.anchor));
      issues.push(`block ${name} has a section but no row in the block table`);
    }
    if (nodes.size > 0) blocksState = 'parsed';
    else if (/(doesn't|does not|don't) (support|accept|have) any blocks|no blocks/i.test(sectionText(blockSection)))
      blocksState = 'none';
    else {
      blocksState = 'missing';
      issues.push('blocks: no block table found');
    }
  }

  /** Block nodes a section under "Blocks" documents: by anchor, else by its `a` > `b` title. */
  const targetsOf = (/** @type {Section} */ s) => {
    const byAnchor = [...nodes.values()].filter((n) => n.anchors.has(slug(s.anchor)));
    if (byAnchor.length > 0) return byAnchor;
    const title = s.title.replace(/\s+block$/i, '').trim();
    if (!/^`[^`]+`(\s*>\s*`[^`]+`)*$/.test(title)) return [];
    const suffix = splitPath(title).map(codeOf);
    return [...nodes.values()].filter(
      (n) => n.path.length >= suffix.length && key(n.path.slice(n.path.length - suffix.length)) === key(suffix),
    );
  };

  // Nested blocks first, until no new block appears: rows of block tables in a
  // block's section, and argument rows typed by a link to another section.
  for (let pass = 0; pass < 8; pass++) {
    const before = nodes.size;
    const sink = pass === 0 ? issues : [];
    for (const i of blockSections) {
      const s = sections[i];
      const blockTables = tablesOf(s, 'blocks');
      const argTables = tablesOf(s, 'arguments');
      if (blockTables.length + argTables.length === 0) continue;
      for (const target of targetsOf(s)) {
        for (const t of blockTables) {
          for (const r of blockRows(t, refs, sink)) {
            const absolute =
              r.path.length > target.path.length && key(r.path.slice(0, target.path.length)) === key(target.path);
            addNode(absolute ? r.path : [...target.path, ...r.path], r.required, r.anchor);
          }
        }
        for (const t of argTables) {
          for (const l of argumentRows(t, owner, [], refs).linked)
            addNode([...target.path, l.name], l.required, l.anchor);
        }
      }
    }
    // A section titled `a` > `b` whose row is missing (or unreadable) in the
    // table of `a` still documents block b inside a.
    for (const i of blockSections) {
      const s = sections[i];
      if (targetsOf(s).length > 0 || !/^`[^`]+`(\s*>\s*`[^`]+`)+$/.test(s.title.trim())) continue;
      const titled = splitPath(s.title).map(codeOf);
      const parents = [...nodes.values()].filter(
        (n) =>
          n.path.length >= titled.length - 1 &&
          key(n.path.slice(n.path.length - titled.length + 1)) === key(titled.slice(0, -1)),
      );
      for (const parent of parents) {
        addNode([...parent.path, titled[titled.length - 1]], false, slug(s.anchor));
        sink.push(
          `block ${key([...parent.path, titled[titled.length - 1]])} has a section but no row in its parent's table`,
        );
      }
    }
    if (nodes.size === before) break;
  }
  for (const i of blockSections) {
    const s = sections[i];
    const targets = targetsOf(s);
    const tables = tablesOf(s, 'arguments');
    if (targets.length === 0) {
      if (tables.length > 0) issues.push(`section "${plain(s.title)}" has arguments but matches no block`);
      continue;
    }
    for (const [n, target] of targets.entries()) {
      target.documented = true;
      for (const t of tables) {
        for (const a of argumentRows(t, owner, n === 0 ? issues : [], refs).args) {
          if (!target.arguments.has(a.name)) target.arguments.set(a.name, a);
        }
      }
    }
  }

  // Exports
  const exportSection = top(/^export(ed fields|s)$/i);
  /** @type {Map<string, Export>} */
  const exports = new Map();
  let exportsState = 'none-section';
  if (exportSection) {
    // Some pages give exports in a table with (empty) Default and Required columns.
    const tables = [exportSection, ...descendants(sections, exportSection.index).map((i) => sections[i])].flatMap(
      (s) => [...tablesOf(s, 'fields'), ...tablesOf(s, 'arguments')],
    );
    for (const t of tables.slice(0, 1)) for (const e of exportRows(t, owner, issues)) exports.set(e.name, e);
    if (tables.length > 0) exportsState = 'parsed';
    else if (
      /(doesn't|does not|don't) export any fields|no (exported )?fields|exports? nothing/i.test(
        sectionText(exportSection),
      )
    )
      exportsState = 'none';
    else {
      exportsState = 'missing';
      issues.push('exports: no export table found');
    }
  }

  // The generated "Compatible components" section says whether the component
  // has exports; trust it over a missing "Exported fields" section.
  const compatible = top(/^compatible components$/i);
  if (exportsState !== 'parsed' && compatible && /has exports that can be consumed/i.test(sectionText(compatible))) {
    exportsState = 'missing';
    issues.push('exports: the page says the component has exports but lists none');
  }

  /** @returns {Block[]} */
  const tree = (/** @type {string[]} */ parent) =>
    [...nodes.values()]
      .filter((n) => n.path.length === parent.length + 1 && key(n.path.slice(0, parent.length)) === key(parent))
      .map((n) => ({
        name: n.name,
        required: n.required,
        documented: n.documented,
        arguments: [...n.arguments.values()].sort(byName),
        blocks: tree(n.path),
      }))
      .sort(byName);

  const undocumented = [...nodes.values()].filter(
    (n) =>
      !n.documented &&
      ![...nodes.values()].some(
        (c) => c.path.length > n.path.length && key(c.path.slice(0, n.path.length)) === key(n.path),
      ),
  );
  for (const n of undocumented) issues.push(`block ${key(n.path)}: no section documents its arguments`);

  return {
    arguments: [...args.values()].sort(byName),
    blocks: tree([]),
    exports: [...exports.values()].sort(byName),
    states: { arguments: argumentsState, blocks: blocksState, exports: exportsState },
    blockCount: nodes.size,
    undocumentedBlocks: undocumented.length,
    issues,
  };
}

/**
 * Blocks that the page's code examples open, with the smallest brace depth
 * each is opened at (1: directly inside a component, as `endpoint` in
 * `x "l" { endpoint { } }`).
 * @param {Section[]} sections
 */
function openedBlocks(sections) {
  /** @type {Map<string, number>} */
  const depths = new Map();
  for (const code of sections.flatMap((s) => s.code)) {
    let depth = 0;
    for (const raw of code) {
      const line = raw.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\/\/.*$/, '');
      const open = /^\s*([A-Za-z_][\w.]*)\s*\{/.exec(line);
      if (open && depth > 0) depths.set(open[1], Math.min(depth, depths.get(open[1]) ?? Infinity));
      for (const c of line) {
        if (c === '{') depth++;
        else if (c === '}') depth = Math.max(0, depth - 1);
      }
    }
  }
  return depths;
}

/** @param {Page} page @param {string} rel */
function docUrl(page, rel) {
  const url = page.front.canonical;
  if (!url || !url.startsWith(DOCS_BASE)) throw new Error(`${rel}: missing or unexpected canonical URL ${url}`);
  return url;
}

/** @param {string} sources */
function generateComponents(sources) {
  const dir = path.join(sources, 'reference', 'components');
  const shared = path.join(sources, 'shared');
  const files = walk(dir)
    .filter((f) => f.endsWith('.md') && path.basename(f) !== '_index.md')
    .sort();
  const components = [];
  /** @type {Set<string>} */
  const unresolved = new Set();
  let blockCount = 0;
  let undocumentedBlocks = 0;
  for (const file of files) {
    const rel = path
      .relative(path.dirname(path.dirname(sources)), file)
      .split(path.sep)
      .join('/');
    const page = readPage(file, shared);
    const name = plain(page.front.title ?? '');
    if (name !== path.basename(file, '.md')) throw new Error(`${rel}: title ${name} doesn't match the file name`);
    const parsed = parseReference(page, name);
    for (const u of page.unresolvedIncludes) if (!u.startsWith('stability/')) unresolved.add(u);
    blockCount += parsed.blockCount;
    undocumentedBlocks += parsed.undocumentedBlocks;
    /** @type {Record<string, unknown>} */
    const spec = { name, namespace: name.split('.')[0] };
    const stage = page.front.stage ? STAGES.get(page.front.stage) : undefined;
    if (page.front.stage && !stage) throw new Error(`${rel}: unknown stage ${page.front.stage}`);
    if (stage) spec.stability = stage;
    if (page.front.tags.includes('Community')) spec.community = true;
    const intro = page.sections
      .slice(0, 3)
      .map((s) => s.text.join(' '))
      .join(' ');
    if (new RegExp('`' + name.replace(/\./g, '\\.') + '` is removed', 'i').test(intro)) spec.removed = true;
    spec.docUrl = docUrl(page, rel);
    spec.source = rel;
    spec.arguments = parsed.arguments;
    spec.blocks = parsed.blocks;
    spec.exports = parsed.exports;
    spec.parse = parsed.states;
    if (parsed.issues.length > 0) spec.issues = parsed.issues;
    components.push(spec);
  }
  return { components: components.sort(byName), unresolved: [...unresolved].sort(), blockCount, undocumentedBlocks };
}

/** @param {string} sources */
function generateConfigBlocks(sources) {
  const dir = path.join(sources, 'reference', 'config-blocks');
  const shared = path.join(sources, 'shared');
  const out = [];
  for (const file of walk(dir)
    .filter((f) => f.endsWith('.md') && path.basename(f) !== '_index.md')
    .sort()) {
    const rel = path
      .relative(path.dirname(path.dirname(sources)), file)
      .split(path.sep)
      .join('/');
    const page = readPage(file, shared);
    const name = plain(page.front.title ?? '');
    const parsed = parseReference(page, name);
    const usage = page.sections.find((s) => s.level === 2 && /^usage$/i.test(s.title));
    const first = usage?.code[0]?.find((l) => l.trim() !== '') ?? '';
    if (!first.trim().startsWith(name)) throw new Error(`${rel}: usage example doesn't start with ${name}`);
    const label = /^\s*[\w.]+\s+"/.test(first) ? 'required' : 'none';
    /** @type {Record<string, unknown>} */
    const spec = { name, label, unique: label === 'none', documented: true };
    const stage = page.front.stage ? STAGES.get(page.front.stage) : undefined;
    if (stage) spec.stability = stage;
    Object.assign(spec, CONFIG_BLOCK_FACTS[name] ?? {});
    spec.docUrl = docUrl(page, rel);
    spec.source = rel;
    spec.arguments = parsed.arguments;
    spec.blocks = parsed.blocks;
    spec.exports = parsed.exports;
    spec.parse = parsed.states;
    if (parsed.issues.length > 0) spec.issues = parsed.issues;
    out.push(spec);
  }
  for (const extra of UNDOCUMENTED_CONFIG_BLOCKS) {
    out.push({
      name: extra.name,
      label: extra.label,
      unique: true,
      documented: false,
      arguments: [],
      blocks: [],
      exports: [],
    });
  }
  return out.sort(byName);
}

/** @param {string} sources */
function generateStdlib(sources) {
  const dir = path.join(sources, 'reference', 'stdlib');
  const shared = path.join(sources, 'shared');
  /** @type {{ name: string, kind: string, namespace?: string, docUrl: string, source: string, deprecated?: { replacement: string } }[]} */
  const out = [];
  /** @type {Map<string, string>} alias page name -> namespace it redirects to */
  const aliases = new Map();
  for (const file of walk(dir)
    .filter((f) => f.endsWith('.md') && path.basename(f) !== '_index.md')
    .sort()) {
    const rel = path
      .relative(path.dirname(path.dirname(sources)), file)
      .split(path.sep)
      .join('/');
    const page = readPage(file, shared);
    const title = plain(page.front.title ?? '');
    const url = docUrl(page, rel);
    for (const a of page.front.aliases) {
      const m = /^\.\/([A-Za-z_]+)\/?$/.exec(a);
      if (m) aliases.set(m[1], title);
    }
    const heads = page.sections
      .filter((s) => s.level === 2 && !/^examples?\b/i.test(plain(s.title)))
      .map((s) => plain(s.title));
    if (heads.length > 0) {
      for (const h of heads) {
        const name = h.includes('.') ? h : `${title}.${h}`;
        if (!/^[A-Za-z_][\w]*\.[A-Za-z_]\w*$/.test(name)) throw new Error(`${rel}: unexpected function heading ${h}`);
        out.push({ name, kind: 'function', namespace: title, docUrl: url, source: rel });
      }
      continue;
    }
    // A page without function headings is either one function (`coalesce`)
    // or an object of constants listed as `title.name` bullets.
    const text = page.sections.flatMap((s) => s.text).join('\n');
    const constants = [...text.matchAll(new RegExp('^\\s*[*-]\\s+`(' + title + '\\.[A-Za-z_]+)`', 'gm'))].map(
      (m) => m[1],
    );
    if (constants.length > 0) {
      for (const c of constants) out.push({ name: c, kind: 'constant', namespace: title, docUrl: url, source: rel });
    } else {
      out.push({ name: title, kind: 'function', docUrl: url, source: rel });
    }
  }
  const known = new Map(out.map((f) => [f.name, f]));
  for (const [name, replacement] of Object.entries(DEPRECATED_STDLIB)) {
    const target = known.get(replacement);
    if (!target) throw new Error(`deprecated ${name}: replacement ${replacement} is not a documented function`);
    const ns = aliases.get(name);
    if (ns && ns !== target.namespace)
      throw new Error(`deprecated ${name}: docs alias it to ${ns}, not ${replacement}`);
    out.push({ name, kind: 'function', docUrl: target.docUrl, source: target.source, deprecated: { replacement } });
  }
  return out.sort(byName);
}

/**
 * The catalog of one docs checkout (a release folder or the development snapshot).
 * @param {string} docs
 */
function buildCatalog(docs) {
  const sources = path.join(docs, 'docs', 'sources');
  const comp = generateComponents(sources);
  const configBlocks = generateConfigBlocks(sources);
  const stdlib = generateStdlib(sources);
  const components = comp.components;
  const state = (/** @type {string} */ field, /** @type {string} */ value) =>
    components.filter((c) => /** @type {any} */ (c).parse[field] === value).length;
  const counts = {
    components: components.length,
    componentsWithArguments: components.filter((c) => /** @type {any[]} */ (c.arguments).length > 0).length,
    componentsWithoutArguments: state('arguments', 'none'),
    componentsWithExports: components.filter((c) => /** @type {any[]} */ (c.exports).length > 0).length,
    componentsWithoutExports: state('exports', 'none') + state('exports', 'none-section'),
    componentsWithIssues: components.filter((c) => c.issues).length,
    componentsWithMissingTables: components.filter((c) =>
      Object.values(/** @type {any} */ (c).parse).includes('missing'),
    ).length,
    blocks: comp.blockCount,
    blocksWithoutArgumentSection: comp.undocumentedBlocks,
    configBlocks: configBlocks.length,
    stdlibFunctions: stdlib.filter((f) => f.kind === 'function' && !f.deprecated).length,
    stdlibConstants: stdlib.filter((f) => f.kind === 'constant').length,
    stdlibDeprecated: stdlib.filter((f) => f.deprecated).length,
  };
  return { counts, unresolved: comp.unresolved, components, configBlocks, stdlib };
}

async function main() {
  const started = process.hrtime.bigint();
  const opts = parseArgs(process.argv.slice(2));
  const missing = (/** @type {string} */ docs) =>
    !fs.existsSync(path.join(docs, 'docs', 'sources', 'reference', 'components'));
  if (missing(opts.docs)) {
    console.error(
      `knowledge:generate: Alloy docs not found at ${opts.docs}\n` +
        `Expected a checkout of grafana/alloy's docs (commit ${DOCS_COMMIT}) containing docs/sources/reference/components.\n` +
        'Place it at ../shared/alloy-docs relative to the repository root, or pass --docs DIR / set ALLOY_DOCS_DIR.',
    );
    process.exit(2);
  }
  // Releases whose folder is there (all of them, or none for a docs tree on its own); a partial set is an error.
  const present = opts.versions ? RELEASES.filter((r) => !missing(path.join(opts.versions, r.tag))) : [];
  if (present.length > 0 && present.length < RELEASES.length) {
    const absent = RELEASES.filter((r) => !present.includes(r)).map((r) => r.tag);
    console.error(`knowledge:generate: release docs missing in ${opts.versions}: ${absent.join(', ')}`);
    process.exit(2);
  }
  /** @type {{ version: string, tag?: string, commit: string, released?: string, catalog: ReturnType<typeof buildCatalog> }[]} */
  const built = present.map((r) => ({
    ...r,
    catalog: buildCatalog(path.join(/** @type {string} */ (opts.versions), r.tag)),
  }));
  built.push({ version: DEVELOPMENT, commit: DOCS_COMMIT, catalog: buildCatalog(opts.docs) });
  const merged = mergeReleases(built.map((b) => ({ version: b.version, catalog: b.catalog })));
  const dev = built[built.length - 1].catalog;
  const catalog = {
    provenance: {
      source: 'grafana/alloy reference documentation',
      repository: DOCS_REPOSITORY,
      commit: DOCS_COMMIT,
      license: 'Apache-2.0',
      paths: [
        'docs/sources/reference/components',
        'docs/sources/reference/config-blocks',
        'docs/sources/reference/stdlib',
        'docs/sources/shared',
      ],
      generator: SCRIPT,
      schemaVersion: SCHEMA_VERSION,
      counts: dev.counts,
      unresolvedIncludes: dev.unresolved,
      releases: built.map((b) => {
        /** @type {Record<string, unknown>} */
        const r = { version: b.version };
        if (b.tag) r.tag = b.tag;
        r.commit = b.commit;
        if (b.released) r.released = b.released;
        r.counts = b.catalog.counts;
        r.unresolvedIncludes = b.catalog.unresolved;
        return r;
      }),
    },
    components: merged.components,
    configBlocks: merged.configBlocks,
    stdlib: merged.stdlib,
  };
  const require = createRequire(path.join(root, 'package.json'));
  const prettier = require('prettier');
  // The repository's settings, wherever the output goes (tests write to a temp dir).
  const options = (await prettier.resolveConfig(DEFAULT_OUT)) ?? {};
  const text = await prettier.format(JSON.stringify(catalog, null, 2), { ...options, parser: 'json' });
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  const previous = fs.existsSync(opts.out) ? fs.readFileSync(opts.out, 'utf8') : '';
  if (previous !== text) fs.writeFileSync(opts.out, text);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!opts.quiet) {
    const c = dev.counts;
    console.log(
      `${path.relative(root, opts.out) || opts.out}: ${previous === text ? 'unchanged' : 'written'}, ` +
        `${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB in ${ms.toFixed(0)} ms\n` +
        `releases ${built.map((b) => b.version).join(', ')}; development snapshot: ` +
        `components ${c.components} (arguments ${c.componentsWithArguments} + ${c.componentsWithoutArguments} none, ` +
        `exports ${c.componentsWithExports} + ${c.componentsWithoutExports} none, ` +
        `missing tables ${c.componentsWithMissingTables}, with issues ${c.componentsWithIssues}), ` +
        `blocks ${c.blocks} (${c.blocksWithoutArgumentSection} without argument section), ` +
        `config blocks ${c.configBlocks}, stdlib ${c.stdlibFunctions} functions + ${c.stdlibConstants} constants + ` +
        `${c.stdlibDeprecated} deprecated`,
    );
  }
}

main().catch((err) => {
  console.error(`knowledge:generate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

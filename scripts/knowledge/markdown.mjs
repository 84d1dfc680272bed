// @ts-check
// Just enough Markdown for the Alloy reference pages: front matter, Hugo
// `docs/shared` includes, headings (with the anchors Hugo gives them), pipe
// tables and reference-style link definitions. Fenced code is kept apart so a
// `# comment` or a `| x |` inside an example is never taken for structure.
import fs from 'node:fs';
import path from 'node:path';

/**
 * @typedef {{ canonical?: string, title?: string, stage?: string, tags: string[], aliases: string[] }} FrontMatter
 * @typedef {{ header: string[], rows: string[][], line: number }} Table
 * @typedef {{ level: number, title: string, anchor: string, index: number, text: string[], tables: Table[], code: string[][], parent: number }} Section
 * @typedef {{ front: FrontMatter, sections: Section[], refs: Map<string, string>, includes: string[], unresolvedIncludes: string[] }} Page
 */

/**
 * Reads the handful of front matter keys the catalog needs. The front matter of
 * these pages is a small, regular YAML subset, so a line-based reader is enough.
 * @param {string} text
 * @returns {{ front: FrontMatter, body: string }}
 */
export function splitFrontMatter(text) {
  /** @type {FrontMatter} */
  const front = { tags: [], aliases: [] };
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { front, body: text };
  let list = '';
  for (const line of match[1].split(/\r?\n/)) {
    const top = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (top) {
      list = top[1];
      if (top[1] === 'canonical') front.canonical = top[2].trim();
      if (top[1] === 'title') front.title = unquote(top[2].trim());
      continue;
    }
    const stage = /^\s+stage:\s*(\S+)/.exec(line);
    if (stage) front.stage = stage[1];
    const tag = /^\s+- text:\s*(.+)$/.exec(line);
    if (tag) front.tags.push(unquote(tag[1].trim()));
    const alias = /^\s+-\s+(\S+)/.exec(line);
    if (alias && list === 'aliases') front.aliases.push(alias[1]);
  }
  return { front, body: text.slice(match[0].length) };
}

/** @param {string} s */
function unquote(s) {
  return s.replace(/^(['"])(.*)\1$/, '$2');
}

const INCLUDE = /\{\{<\s*docs\/shared\s+lookup="([^"]+)".*?>\}\}/;

/**
 * Inlines `{{< docs/shared lookup="..." >}}` snippets (recursively), the way
 * Hugo renders them. Missing snippets are reported, not guessed.
 * @param {string} body
 * @param {string} sharedRoot
 * @param {{ includes: string[], unresolved: string[] }} acc
 * @param {string[]} [stack]
 * @returns {string}
 */
export function resolveIncludes(body, sharedRoot, acc, stack = []) {
  return body
    .split(/\r?\n/)
    .map((line) => {
      const m = INCLUDE.exec(line);
      if (!m) return line;
      const lookup = m[1];
      const file = path.join(sharedRoot, lookup);
      if (stack.includes(lookup) || !fs.existsSync(file)) {
        if (!acc.unresolved.includes(lookup)) acc.unresolved.push(lookup);
        return '';
      }
      if (!acc.includes.includes(lookup)) acc.includes.push(lookup);
      const { body: inner } = splitFrontMatter(fs.readFileSync(file, 'utf8'));
      return resolveIncludes(inner, sharedRoot, acc, [...stack, lookup]);
    })
    .join('\n');
}

/**
 * The anchor Hugo (goldmark, GitHub style) derives from a heading.
 * @param {string} text
 */
export function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/**
 * Splits one table row into trimmed cells. Follows GFM (only an escaped pipe
 * stays inside a cell); when that yields more cells than the header, the row
 * was written with bare pipes inside code spans, so those are kept instead.
 * @param {string} line
 * @param {number} [expected]
 */
export function splitRow(line, expected) {
  const gfm = splitCells(line, false);
  if (expected !== undefined && gfm.length > expected) return splitCells(line, true);
  return gfm;
}

/**
 * @param {string} line
 * @param {boolean} respectCode
 */
function splitCells(line, respectCode) {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells = [];
  let cur = '';
  let inCode = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
      continue;
    }
    if (c === '`') inCode = !inCode;
    if (c === '|' && !(respectCode && inCode)) {
      cells.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

/**
 * Parses a page body (includes already inlined) into flat sections. Section 0
 * is the text before the first heading.
 * @param {string} body
 * @returns {{ sections: Section[], refs: Map<string, string> }}
 */
export function parseSections(body) {
  const lines = body.split(/\r?\n/);
  /** @type {Section[]} */
  const sections = [{ level: 0, title: '', anchor: '', index: 0, text: [], tables: [], code: [], parent: -1 }];
  /** @type {Map<string, string>} */
  const refs = new Map();
  let fence = '';
  /** @type {string[] | null} */
  let code = null;
  /** @type {string[] | null} */
  let tableLines = null;
  let tableStart = 0;
  const current = () => sections[sections.length - 1];
  const flushTable = () => {
    if (tableLines) {
      const table = toTable(tableLines, tableStart);
      if (table) current().tables.push(table);
    }
    tableLines = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      // A closing fence has no info string (CommonMark): "```alloy" inside an
      // open block is content, not the end of it.
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) {
        fence = '';
        if (code) current().code.push(code);
        code = null;
      } else code?.push(line);
      continue;
    }
    if (fenceMatch) {
      flushTable();
      fence = fenceMatch[1];
      code = [];
      continue;
    }
    if (/^\s*\|/.test(line)) {
      if (!tableLines) {
        tableLines = [];
        tableStart = i + 1;
      }
      tableLines.push(line);
      continue;
    }
    flushTable();
    const heading = /^(#{1,6})\s+(.*?)\s*(?:\{#([^}]+)\})?\s*#*\s*$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      let parent = sections.length - 1;
      while (parent > 0 && sections[parent].level >= level) parent = sections[parent].parent;
      sections.push({
        level,
        title: heading[2],
        anchor: heading[3] ?? slug(heading[2]),
        index: sections.length,
        text: [],
        tables: [],
        code: [],
        parent,
      });
      continue;
    }
    const ref = /^\s*\[([^\]]+)\]:\s*(\S+)/.exec(line);
    if (ref) {
      const key = ref[1].toLowerCase();
      if (!refs.has(key)) refs.set(key, ref[2]);
      continue;
    }
    current().text.push(line);
  }
  flushTable();
  return { sections, refs };
}

/**
 * @param {string[]} lines
 * @param {number} line
 * @returns {Table | undefined}
 */
function toTable(lines, line) {
  if (lines.length < 2) return undefined;
  const header = splitRow(lines[0]);
  const sep = splitRow(lines[1]);
  // A delimiter row (`| --- | :---: |`); a space inside a cell's dashes is a typo some releases' pages have
  // (`| ------ ------ |`, the `stage.timestamp` table of loki.process in v1.17 and v1.18): still a delimiter.
  if (!sep.every((c) => /^:?-[- ]*:?$/.test(c))) return undefined;
  const rows = lines.slice(2).map((l) => splitRow(l, header.length));
  return { header, rows, line };
}

/**
 * Reads a page: front matter, includes inlined, sections and link references.
 * @param {string} file
 * @param {string} sharedRoot
 * @returns {Page}
 */
export function readPage(file, sharedRoot) {
  const { front, body } = splitFrontMatter(fs.readFileSync(file, 'utf8'));
  /** @type {{ includes: string[], unresolved: string[] }} */
  const acc = { includes: [], unresolved: [] };
  // HTML comments hold drafts and disabled rows that the site doesn't render.
  const inlined = resolveIncludes(body, sharedRoot, acc).replace(/<!--[\s\S]*?-->/g, '');
  const { sections, refs } = parseSections(inlined);
  return { front, sections, refs, includes: acc.includes, unresolvedIncludes: acc.unresolved };
}

/**
 * Indexes of every section nested under `index`.
 * @param {Section[]} sections
 * @param {number} index
 */
export function descendants(sections, index) {
  const out = [];
  for (let i = index + 1; i < sections.length; i++) {
    let p = sections[i].parent;
    while (p > index) p = sections[p].parent;
    if (p === index) out.push(i);
    else if (sections[i].level <= sections[index].level) break;
  }
  return out;
}

/**
 * Plain text of an inline Markdown cell: links reduced to their text, code
 * spans to their content, emphasis dropped.
 * @param {string} cell
 */
export function plain(cell) {
  return cell
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(^|\s)[_*]{1,2}([^_*]+)[_*]{1,2}(?=\s|$)/g, '$1$2')
    .replace(/\{\{<[^>]*>\}\}/g, '')
    .trim();
}

/**
 * The anchor a cell links to (`[x][ref]` with `[ref]: #a`, `[x][]`, `[x](#a)`).
 * @param {string} cell
 * @param {Map<string, string>} refs
 */
export function linkAnchor(cell, refs) {
  const inline = /\[([^\]]*)\]\((#[^)\s]*)\)/.exec(cell);
  if (inline) return inline[2].slice(1);
  const ref = /\[([^\]]*)\]\[([^\]]*)\]/.exec(cell);
  if (ref) {
    const key = (ref[2] || ref[1]).toLowerCase();
    const target = refs.get(key);
    if (target && target.startsWith('#')) return target.slice(1);
  }
  return undefined;
}

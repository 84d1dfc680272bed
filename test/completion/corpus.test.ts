/**
 * Completion and hover measured on real configurations, over JSON-RPC
 * against the server process: in every valid corpus file
 * (../shared/corpus/real/valid), a name is removed and completion is asked
 * for where it was. The removed name must be among the items, and
 * accepting that item must give the original text back:
 *
 * - argument: an attribute name cut after its first two letters (`sc| = "10s"`);
 * - block: a nested block's name removed (`| { url = ... }`);
 * - component: a component name cut after its namespace dot (`prometheus.| "x" {`);
 * - export: the last field of a reference to a component (`loki.write.default.|`);
 * - label: the label of such a reference (`loki.write.|.receiver`).
 *
 * Hover on component and argument names must name them and link to the docs.
 * Each kind must succeed at 95% of its sites. At most a few sites of each kind
 * are taken per file, spread over it, so the run stays short.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import type { BlockInfo, StatementSummary } from '../../server/src/model/types';
import { ParsedDocument } from '../../server/src/syntax/document';
import { corpusDir, sharedParser } from '../helpers';
import { TestClient } from '../server/client';

type Kind = 'argument' | 'block' | 'component' | 'export' | 'label';

interface Site {
  kind: Kind;
  /** The text [start, end) is removed; completion is asked at `start`. */
  start: number;
  end: number;
  /** The name that must come back. */
  name: string;
  /** Where the name starts in the original text (the accepted item must restore it from there). */
  nameStart: number;
}

interface HoverSite {
  kind: 'component' | 'argument';
  offset: number;
  name: string;
}

/** Sites of each kind per file: one by default (ALLOY_COMPLETION_SITES=3 for a fuller run). */
const PER_FILE = Math.max(1, Number(process.env.ALLOY_COMPLETION_SITES ?? 1));
const THRESHOLD = 0.95;

/** A few elements spread over a list: first, middle, last. */
function spread<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  if (n === 1) return [list[list.length >> 1]];
  const out: T[] = [];
  for (let k = 0; k < n; k++) out.push(list[Math.round((k * (list.length - 1)) / (n - 1))]);
  return out;
}

function collectSites(statements: readonly StatementSummary[], text: string): { sites: Site[]; hovers: HoverSite[] } {
  const byKind: Record<Kind, Site[]> = { argument: [], block: [], component: [], export: [], label: [] };
  const hovers: Record<'component' | 'argument', HoverSite[]> = { component: [], argument: [] };
  const components = new Set<string>();
  const visit = (block: BlockInfo, base: number, depth: number, container: boolean) => {
    const nameStart = block.nameSpan.start + base;
    if (depth > 0 && !container)
      byKind.block.push({
        kind: 'block',
        start: nameStart,
        end: block.nameSpan.end + base,
        name: block.name,
        nameStart,
      });
    if (container && block.label !== undefined) {
      const dot = block.name.indexOf('.');
      components.add(`${block.name}.${block.label}`);
      if (dot > 0 && !block.name.startsWith('import.')) {
        byKind.component.push({
          kind: 'component',
          start: nameStart + dot + 1,
          end: block.nameSpan.end + base,
          name: block.name,
          nameStart,
        });
        hovers.component.push({ kind: 'component', offset: nameStart + 1, name: block.name });
      }
    }
    for (const a of block.attributes) {
      if (a.name.length <= 2) continue;
      const s = a.nameSpan.start + base;
      byKind.argument.push({ kind: 'argument', start: s + 2, end: a.nameSpan.end + base, name: a.name, nameStart: s });
      hovers.argument.push({ kind: 'argument', offset: s + 1, name: a.name });
    }
    const inner = block.name === 'declare' || block.name === 'template';
    for (const b of block.blocks) visit(b, base, depth + 1, inner);
  };
  for (const s of statements) if (s.block) visit(s.block, s.start, 0, true);
  for (const s of statements) {
    for (const ref of s.references) {
      // A reference to a component defined in the file: `name.label.export`.
      for (let k = ref.path.length - 2; k >= 1; k--) {
        if (!components.has(ref.path.slice(0, k + 1).join('.'))) continue;
        if (k + 2 !== ref.path.length) break;
        const start = ref.span.start + s.start;
        const raw = text.slice(start, ref.span.end + s.start);
        if (raw !== ref.path.join('.')) break;
        const labelStart = start + ref.path.slice(0, k).join('.').length + 1;
        const label = ref.path[k];
        byKind.label.push({
          kind: 'label',
          start: labelStart,
          end: labelStart + label.length,
          name: label,
          nameStart: labelStart,
        });
        const exportStart = labelStart + label.length + 1;
        const exp = ref.path[k + 1];
        byKind.export.push({
          kind: 'export',
          start: exportStart,
          end: exportStart + exp.length,
          name: exp,
          nameStart: exportStart,
        });
        break;
      }
    }
  }
  const sites = (Object.keys(byKind) as Kind[]).flatMap((k) => spread(byKind[k], PER_FILE));
  return { sites, hovers: [...spread(hovers.component, PER_FILE), ...spread(hovers.argument, PER_FILE)] };
}

/** Applies an item's edit (snippet syntax reduced to its default text) to the document. */
function accept(doc: TextDocument, item: CompletionItem): string {
  const edit = item.textEdit as {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  };
  let text = edit.newText;
  if (item.insertTextFormat === 2) {
    text = text
      .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '')
      .replace(/\\([$}\\])/g, '$1');
  }
  return TextDocument.applyEdits(doc, [{ range: edit.range, newText: text }]);
}

/** Top-level blocks that are not allowed inside `declare`: files with them are not wrapped. */
const ROOT_ONLY = /^(logging|tracing|http|remotecfg|livedebugging|labelstore)\b/m;

const corpus = corpusDir();
const validDir = corpus && path.join(corpus, 'real', 'valid');

describe(
  'completion and hover on the real corpus, by deletion',
  { skip: !validDir && 'no ../shared/corpus beside the repository' },
  () => {
    let client: TestClient;
    before(async () => {
      client = new TestClient();
      // A pull-diagnostics client: the server does no diagnostics work on each edit.
      await client.initialize({ textDocument: { diagnostic: { dynamicRegistration: false } } });
    });
    after(() => client.stop());

    test(
      'the removed name is offered at >= 95% of the sites of each kind; hover names it with a docs link',
      { timeout: 600_000 },
      async () => {
        const parser = await sharedParser();
        const files = fs
          .readdirSync(validDir!)
          .filter((f) => f.endsWith('.alloy'))
          .sort();
        const tally: Record<string, { ok: number; total: number; misses: string[] }> = {};
        const count = (kind: string, ok: boolean, where: string) => {
          const t = (tally[kind] ??= { ok: 0, total: 0, misses: [] });
          t.total++;
          if (ok) t.ok++;
          else if (t.misses.length < 12) t.misses.push(where);
        };
        // Every file as it is, and every fourth one that can be a module wrapped in a declare (its own
        // declares become nested ones), as the Kubernetes monitoring Helm chart renders configurations:
        // those sites are tallied as `wrapped <kind>`.
        const inputs: { name: string; text: string; prefix: string }[] = [];
        for (const [i, name] of files.entries()) {
          const text = fs.readFileSync(path.join(validDir!, name), 'utf8');
          inputs.push({ name, text, prefix: '' });
          if (i % 4 === 0 && !ROOT_ONLY.test(text) && !text.includes('`')) {
            const wrapped = `declare "wrapped" {\n${text.replace(/\r\n/g, '\n').replace(/^(?=.)/gm, '\t')}\n}\n`;
            inputs.push({ name: `${name} (wrapped)`, text: wrapped, prefix: 'wrapped ' });
          }
        }
        for (const { name, text, prefix } of inputs) {
          if (text.length > 300_000) continue;
          const parsed = new ParsedDocument(parser, 'file:///corpus', 1, text);
          const { sites, hovers } = collectSites(parsed.model.statements, text);
          parsed.dispose();
          if (sites.length === 0 && hovers.length === 0) continue;
          const uri = `file:///corpus/${prefix ? 'wrapped/' : ''}${name.replace(/ \(wrapped\)$/, '')}`;
          let version = 1;
          await client.open(uri, text, version);
          const original = TextDocument.create(uri, 'grafana-alloy', 1, text);
          for (const h of hovers) {
            const result = (await client.connection.sendRequest('textDocument/hover', {
              textDocument: { uri },
              position: original.positionAt(h.offset),
            })) as Hover | null;
            const value = (result?.contents as MarkupContent | undefined)?.value ?? '';
            const ok = value.includes(h.name) && /\]\(https:\/\/grafana\.com\/docs\/alloy\//.test(value);
            count(`${prefix}hover ${h.kind}`, ok, `${name}:${original.positionAt(h.offset).line + 1} ${h.name}`);
          }
          for (const site of sites) {
            const range = { start: original.positionAt(site.start), end: original.positionAt(site.end) };
            void client.change(uri, ++version, [{ range, text: '' }]);
            const cut = TextDocument.create(
              uri,
              'grafana-alloy',
              version,
              text.slice(0, site.start) + text.slice(site.end),
            );
            const list = (await client.connection.sendRequest('textDocument/completion', {
              textDocument: { uri },
              position: range.start,
            })) as CompletionList | null;
            const items = list?.items ?? [];
            const wanted = text.slice(site.nameStart, site.end);
            const ok = items.some((item) => {
              const after = accept(cut, item);
              return (
                after.startsWith(wanted, site.nameStart) &&
                !/[\p{L}\p{Nd}_]/u.test(after[site.nameStart + wanted.length] ?? '')
              );
            });
            count(prefix + site.kind, ok, `${name}:${range.start.line + 1} ${site.name} (${items.length} items)`);
            await client.change(uri, ++version, [
              { range: { start: range.start, end: range.start }, text: text.slice(site.start, site.end) },
            ]);
          }
          await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        }
        const lines: string[] = [];
        for (const [kind, t] of Object.entries(tally)) {
          lines.push(`${kind}: ${t.ok}/${t.total} = ${((100 * t.ok) / t.total).toFixed(1)}%`);
          if (t.ok / t.total < THRESHOLD) lines.push(...t.misses.map((m) => `  missed ${m}`));
        }
        console.log(lines.join('\n'));
        for (const kind of ['argument', 'block', 'component', 'export', 'label', 'hover component', 'hover argument']) {
          for (const [prefix, least] of [
            ['', 300],
            ['wrapped ', 60],
          ] as const) {
            const t = tally[prefix + kind];
            assert.ok(t && t.total > least, `too few ${prefix}${kind} sites: ${t?.total}`);
            assert.ok(
              t.ok / t.total >= THRESHOLD,
              `${prefix}${kind}: ${t.ok}/${t.total} below ${THRESHOLD * 100}%\n${lines.join('\n')}`,
            );
          }
        }
      },
    );
  },
);

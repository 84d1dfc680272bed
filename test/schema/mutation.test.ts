/**
 * Mutation test over the public corpus (../shared/corpus/real/valid, read in
 * place; skipped when absent), with a fixed seed: real configurations get one
 * mistake each of the kinds people make, and the analysis must report a new
 * error or warning on the mutated line (for a removed required argument: on
 * its block's line) in at least 95% of the mutants of each kind.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { catalog } from '../../server/src/knowledge/index';
import { correctionOf } from '../../server/src/knowledge/corrections';
import type { BlockInfo } from '../../server/src/model/types';
import { schemaBlocks } from '../../server/src/rules/schemaFacts';
import { ParsedDocument } from '../../server/src/syntax/document';
import { corpusDir, diagnose, sharedParser } from '../helpers';

const VERSION = 'dev';
const PER_KIND = 150;

/** mulberry32: a small seeded generator, so every run mutates the same places. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Mutant {
  file: string;
  text: string;
  /** 0-based line where the new finding must be. */
  line: number;
}

type Kind =
  'argument name' | 'block name' | 'component name' | 'bool to string' | 'string to true' | 'required removed';

/** A misspelling: two neighbouring letters swapped, or one dropped. */
function misspell(name: string, rnd: () => number, taken: (s: string) => boolean): string | undefined {
  for (let attempt = 0; attempt < 6; attempt++) {
    const last = name.lastIndexOf('.') + 1;
    const word = name.slice(last);
    if (word.length < 3) return undefined;
    const i = 1 + Math.floor(rnd() * (word.length - 2));
    const mutated =
      rnd() < 0.5 ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i) + word.slice(i + 1);
    const full = name.slice(0, last) + mutated;
    if (mutated !== word && !taken(full) && /^[A-Za-z_]/.test(mutated)) return full;
  }
  return undefined;
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;
const splice = (text: string, start: number, end: number, insert: string) =>
  text.slice(0, start) + insert + text.slice(end);

function candidates(file: string, text: string, blocks: { top: BlockInfo; base: number }[], rnd: () => number) {
  const view = catalog.at(VERSION);
  const out: Record<Kind, Mutant[]> = {
    'argument name': [],
    'block name': [],
    'component name': [],
    'bool to string': [],
    'string to true': [],
    'required removed': [],
  };
  for (const { top, base } of blocks) {
    if (view.getComponent(top.name)) {
      const name = misspell(
        top.name,
        rnd,
        (s) => view.getComponent(s) !== undefined || view.getConfigBlock(s) !== undefined,
      );
      if (name) {
        const s = base + top.nameSpan.start;
        out['component name'].push({
          file,
          text: splice(text, s, base + top.nameSpan.end, name),
          line: lineOf(text, s),
        });
      }
    }
    for (const { block, schema } of schemaBlocks(view, top)) {
      const argNames = new Set(schema.arguments.map((a) => a.name));
      const blockNames = new Set(schema.blocks.map((b) => b.name));
      const notRequired = new Set(correctionOf(schema.owner, schema.path)?.notRequired ?? []);
      for (const a of block.attributes) {
        const spec = schema.arguments.find((x) => x.name === a.name);
        if (!spec) continue;
        const s = base + a.nameSpan.start;
        const name = misspell(a.name, rnd, (n) => argNames.has(n) || blockNames.has(n));
        if (name && schema.argumentsKnown)
          out['argument name'].push({
            file,
            text: splice(text, s, base + a.nameSpan.end, name),
            line: lineOf(text, s),
          });
        const v = a.value;
        const vs = base + v.span.start;
        if ((v.kind === 'true' || v.kind === 'false') && spec.type === 'bool')
          out['bool to string'].push({
            file,
            text: splice(text, vs, base + v.span.end, `"${v.kind}"`),
            line: lineOf(text, vs),
          });
        if ((v.kind === 'string' || v.kind === 'raw_string') && spec.type === 'string')
          out['string to true'].push({
            file,
            text: splice(text, vs, base + v.span.end, 'true'),
            line: lineOf(text, vs),
          });
        if (spec.required && !spec.conditional && !notRequired.has(spec.name) && schema.argumentsKnown) {
          out['required removed'].push({
            file,
            text: splice(text, base + a.span.start, base + a.span.end, ''),
            line: lineOf(text, base + block.nameSpan.start),
          });
        }
      }
      if (!schema.blocksKnown) continue;
      for (const b of block.blocks) {
        if (!blockNames.has(b.name)) continue;
        const name = misspell(b.name, rnd, (n) => blockNames.has(n) || argNames.has(n));
        if (!name) continue;
        const s = base + b.nameSpan.start;
        out['block name'].push({ file, text: splice(text, s, base + b.nameSpan.end, name), line: lineOf(text, s) });
      }
    }
  }
  return out;
}

const key = (d: Diagnostic) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`;
const serious = (d: Diagnostic) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning;

test('mutation test: each kind of mistake is caught on its line in at least 95% of the mutants', async (t) => {
  const corpus = corpusDir();
  if (!corpus) return t.skip('corpus (../shared/corpus) not available');
  const dir = path.join(corpus, 'real', 'valid');
  const parser = await sharedParser();
  const rnd = random(20261202);
  const pool: Record<Kind, Mutant[]> = {
    'argument name': [],
    'block name': [],
    'component name': [],
    'bool to string': [],
    'string to true': [],
    'required removed': [],
  };
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.alloy')) continue;
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const doc = new ParsedDocument(parser, `file:///${name}`, 0, text);
    try {
      if (doc.model.hasSyntaxErrors) continue;
      const blocks = doc.model.statements.filter((s) => s.block).map((s) => ({ top: s.block!, base: s.start }));
      const found = candidates(name, text, blocks, rnd);
      for (const k of Object.keys(pool) as Kind[]) pool[k].push(...found[k]);
    } finally {
      doc.dispose();
    }
  }
  const report: string[] = [];
  const baselines = new Map<string, Set<string>>();
  for (const kind of Object.keys(pool) as Kind[]) {
    const all = pool[kind];
    // A fixed-seed sample of each kind.
    const sample: Mutant[] = [];
    const taken = new Set<number>();
    while (sample.length < Math.min(PER_KIND, all.length)) {
      const i = Math.floor(rnd() * all.length);
      if (taken.has(i)) continue;
      taken.add(i);
      sample.push(all[i]);
    }
    let caught = 0;
    const missed: string[] = [];
    for (const m of sample) {
      let before = baselines.get(m.file);
      if (!before) {
        const original = fs.readFileSync(path.join(dir, m.file), 'utf8');
        before = new Set((await diagnose({ [m.file]: original }, { version: VERSION }))[m.file].map(key));
        baselines.set(m.file, before);
      }
      const after = (await diagnose({ [m.file]: m.text }, { version: VERSION }))[m.file];
      const hit = after.some((d) => serious(d) && d.range.start.line === m.line && !before.has(key(d)));
      if (hit) caught++;
      else missed.push(`${m.file}:${m.line + 1}`);
    }
    const rate = sample.length === 0 ? 0 : caught / sample.length;
    report.push(
      `${kind}: ${caught}/${sample.length} (${(rate * 100).toFixed(1)}%)${missed.length ? ` missed ${missed.slice(0, 5).join(', ')}` : ''}`,
    );
    assert.ok(sample.length >= 50, `${kind}: only ${sample.length} mutants`);
    assert.ok(rate >= 0.95, report.join('\n'));
  }
  t.diagnostic(report.join('\n'));
  console.log(`# mutation test\n# ${report.join('\n# ')}`);
});

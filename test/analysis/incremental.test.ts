/**
 * An analysis built from the previous one (the configuration rules' findings
 * moved through the edit when the statements' projections did not change)
 * equals an analysis of the same text from scratch: random edits of real
 * configurations, most of them where people type (inside strings and
 * numbers, whitespace, comments), some anywhere.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Analysis } from '../../server/src/analysis/analysis';
import type { Finding } from '../../server/src/rules/rule';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { ParsedDocument } from '../../server/src/syntax/document';
import { corpusDir, prng, SELF_MONITORED, sharedParser } from '../helpers';

const URI = 'file:///config.alloy';

function comparable(findings: readonly Finding[]) {
  return findings.map((f) => ({
    code: f.code,
    span: [f.span.start, f.span.end],
    message: f.message,
    related: f.related?.map((r) => [r.uri, r.span.start, r.span.end, r.message]),
    data: f.data,
  }));
}

/** One edit: [start, end) replaced by `insert`. */
type Edit = { start: number; end: number; insert: string };

function pickEdit(text: string, random: () => number): Edit {
  const any = <T>(xs: T[]): T | undefined => (xs.length ? xs[Math.floor(random() * xs.length)] : undefined);
  const kind = random();
  if (kind < 0.35) {
    // Type in or delete from a string literal.
    const m = any([...text.matchAll(/"([^"\\\n]*)"/g)]);
    if (m) {
      const at = m.index! + 1 + Math.floor(random() * (m[1].length + 1));
      if (random() < 0.3 && m[1].length > 0) return { start: m.index! + 1, end: m.index! + 2, insert: '' };
      return { start: at, end: at, insert: any(['a', 'Z', '0', '-', ':', '.', ' ']) ?? 'a' };
    }
  } else if (kind < 0.5) {
    // Type a digit into a number, or change the first digit.
    const m = any([...text.matchAll(/(?<=[=\s[,])\d+(\.\d+)?(?=[\s,\]])/g)]);
    if (m) {
      if (random() < 0.5) return { start: m.index!, end: m.index! + 1, insert: any(['0', '1', '7']) ?? '0' };
      return { start: m.index! + m[0].length, end: m.index! + m[0].length, insert: '5' };
    }
  } else if (kind < 0.62) {
    // Whitespace: a blank line or indentation, before a line.
    const m = any([...text.matchAll(/\n/g)]);
    if (m) return { start: m.index! + 1, end: m.index! + 1, insert: any(['\n', '\t', '  ']) ?? '\n' };
  } else if (kind < 0.66) {
    // Type a letter at the end of an attribute's name, or delete its last letter (also `forward_to`, `write_to`).
    const m = any([...text.matchAll(/^[ \t]*([a-z_]+)[ \t]*=/gm)]);
    if (m) {
      const end = m.index! + m[0].indexOf(m[1]) + m[1].length;
      if (random() < 0.4) return { start: end - 1, end, insert: '' };
      return { start: end, end, insert: any(['x', 's', '_']) ?? 'x' };
    }
  } else if (kind < 0.7) {
    // A comment at the end of a line.
    const m = any([...text.matchAll(/\n/g)]);
    if (m) return { start: m.index!, end: m.index!, insert: ' // note' };
  } else if (kind < 0.78) {
    // A value that configuration-level analysis reads.
    const m = any([
      ...text.matchAll(/sampling_fraction\s*=\s*([\d.]+)/g),
      ...text.matchAll(/"(127\.0\.0\.1|localhost):\d+"/g),
    ]);
    if (m) {
      const start = m.index! + m[0].length - m[1].length - (m[0].endsWith('"') ? 1 : 0);
      return { start, end: start + m[1].length, insert: m[0].startsWith('sampling') ? '0' : '127.0.0.1:12345"' };
    }
  }
  // Anything, anywhere: a character typed or deleted, a line removed.
  const at = Math.floor(random() * (text.length + 1));
  const r = random();
  if (r < 0.3) return { start: at, end: Math.min(text.length, at + 1), insert: '' };
  if (r < 0.4) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = text.indexOf('\n', at);
    return { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, insert: '' };
  }
  return { start: at, end: at, insert: any(['a', '.', '{', '}', '"', ',', '=', 'x', '\n']) ?? 'a' };
}

async function differential(
  texts: string[],
  seed: number,
  steps: number,
): Promise<{ steps: number; reused: number; flow: number }> {
  const parser = await sharedParser();
  let total = 0;
  let reused = 0;
  let flow = 0;
  for (const [n, text] of texts.entries()) {
    const random = await prng(seed + n);
    const doc = new ParsedDocument(parser, URI, 0, text);
    let previous: Analysis | undefined = new Analysis(URI, [doc], DEFAULT_SETTINGS);
    try {
      for (let version = 1; version <= steps; version++) {
        const current = doc.text;
        const e = pickEdit(current, random);
        // Keep surrogate pairs whole, as editors do.
        if (/[\uDC00-\uDFFF]/.test(current[e.start] ?? '') || /[\uDC00-\uDFFF]/.test(current[e.end] ?? '')) continue;
        const range = { start: doc.lines.positionAt(e.start), end: doc.lines.positionAt(e.end) };
        doc.applyChanges([{ range, text: e.insert }], version);
        // Now and then a feature asks for the configuration index between two keystrokes.
        if (random() < 0.2) void previous.configuration;
        const incremental: Analysis = new Analysis(URI, [doc], DEFAULT_SETTINGS, previous);
        const freshDoc = new ParsedDocument(parser, URI, 0, doc.text);
        try {
          const scratch = new Analysis(URI, [freshDoc], DEFAULT_SETTINGS);
          assert.deepEqual(
            comparable(incremental.findingsOf(URI)),
            comparable(scratch.findingsOf(URI)),
            `text ${n}, edit ${version} (${JSON.stringify(e)}), seed ${seed}`,
          );
          // The configuration index too: the same references resolve to the same definitions.
          if (random() < 0.25) {
            const refs = (a: Analysis) =>
              a.configuration.references.map((r) => [r.ref.path.join('.'), r.undefined, r.target?.key ?? null]);
            assert.deepEqual(refs(incremental), refs(scratch), `references, text ${n}, edit ${version}`);
          }
        } finally {
          freshDoc.dispose();
        }
        total++;
        if (!incremental.ranConfigurationRules) reused++;
        if (incremental.reusedFlowRules) flow++;
        previous = incremental;
      }
    } finally {
      doc.dispose();
    }
  }
  return { steps: total, reused, flow };
}

function corpusSample(count: number): string[] {
  const corpus = corpusDir();
  if (!corpus) return [];
  const dir = path.join(corpus, 'real', 'valid');
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.alloy'))
    .sort();
  const step = Math.max(1, Math.floor(names.length / count));
  const picked: string[] = [];
  for (let i = 0; i < names.length && picked.length < count; i += step) picked.push(names[i]);
  return picked.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

describe('incremental analysis', () => {
  test('equals an analysis from scratch after random edits of a self-monitored configuration', async () => {
    const r = await differential([SELF_MONITORED, SELF_MONITORED.replace('0.1', '0')], 11, 150);
    assert.ok(r.reused > r.steps / 4, `the configuration findings were reused in ${r.reused} of ${r.steps} edits`);
  });

  test('equals an analysis from scratch after random edits of real configurations', async (t) => {
    const texts = corpusSample(70);
    if (texts.length === 0) {
      t.diagnostic('corpus not found beside the repository (../shared/corpus): skipped');
      return;
    }
    const r = await differential(texts, 700, 25);
    t.diagnostic(
      `${r.steps} edits of ${texts.length} files; configuration findings reused after ${r.reused}, ` +
        `the flow rules' alone after ${r.flow}`,
    );
    assert.ok(r.reused > r.steps / 4, `the configuration findings were reused in ${r.reused} of ${r.steps} edits`);
    assert.ok(r.flow > 0, 'no edit reused the flow rules alone');
  });

  test('equals an analysis from scratch after random edits inside declare modules', async (t) => {
    // Real modules and configurations, each wrapped in a declare (their own declares become nested
    // ones), as the Kubernetes monitoring Helm chart renders them: the rules' findings of the
    // statements of a declare body are kept per statement (rules/schemaFacts.ts cachedPerUnit).
    const texts = corpusSample(140)
      .filter((text) => text.length < 20_000 && !/^(logging|tracing|http|remotecfg|livedebugging)\b/m.test(text))
      .slice(0, 30)
      .map((text) => `declare "wrapped" {\n${text.replace(/^(?=.)/gm, '\t')}\n}\n`);
    if (texts.length === 0) {
      t.diagnostic('corpus not found beside the repository (../shared/corpus): skipped');
      return;
    }
    const r = await differential(texts, 900, 25);
    t.diagnostic(`${r.steps} edits of ${texts.length} wrapped files`);
    assert.ok(r.steps > 500);
  });

  test('a change to a value the configuration rules read is not reused', async () => {
    const parser = await sharedParser();
    const doc = new ParsedDocument(parser, URI, 0, SELF_MONITORED);
    try {
      const before = new Analysis(URI, [doc], DEFAULT_SETTINGS);
      assert.ok(!before.findingsOf(URI).some((f) => f.code === 'self-monitoring-traces'));
      const at = doc.text.indexOf('0.1');
      doc.applyChanges(
        // 0.1 -> 0.0: the same kind of literal (a float), another value.
        [{ range: { start: doc.lines.positionAt(at + 2), end: doc.lines.positionAt(at + 3) }, text: '0' }],
        1,
      );
      const after = new Analysis(URI, [doc], DEFAULT_SETTINGS, before);
      assert.equal(after.ranConfigurationRules, true);
      assert.ok(after.findingsOf(URI).some((f) => f.code === 'self-monitoring-traces'));
    } finally {
      doc.dispose();
    }
  });

  test('renaming a top-level declare changes what its instances resolve to (the statement blocks are not kept)', async () => {
    const parser = await sharedParser();
    const text = 'declare "mod" {\n\targument "x" { }\n}\n\nmod "a" {\n\tx = 1\n}\n';
    const doc = new ParsedDocument(parser, URI, 0, text);
    try {
      const codes = (a: Analysis) =>
        a
          .findingsOf(URI)
          .map((f) => f.code)
          .filter((c) => !c.startsWith('self-monitoring'));
      const before = new Analysis(URI, [doc], DEFAULT_SETTINGS);
      assert.deepEqual(codes(before), []);
      const at = doc.text.indexOf('mod');
      doc.applyChanges(
        [{ range: { start: doc.lines.positionAt(at), end: doc.lines.positionAt(at + 3) }, text: 'other' }],
        1,
      );
      const renamed = new Analysis(URI, [doc], DEFAULT_SETTINGS, before);
      assert.ok(codes(renamed).includes('unknown-component'), codes(renamed).join());
      doc.applyChanges(
        [{ range: { start: doc.lines.positionAt(at), end: doc.lines.positionAt(at + 5) }, text: 'mod' }],
        2,
      );
      const back = new Analysis(URI, [doc], DEFAULT_SETTINGS, renamed);
      assert.deepEqual(codes(back), []);
    } finally {
      doc.dispose();
    }
  });
});

/**
 * Navigation over every valid real configuration of the shared corpus
 * (../shared/corpus/real/valid; skipped with a message when it is absent):
 * definitions lead to the component's header, references are exactly the
 * places that mention a component, renaming a label keeps the file free of
 * new undefined references and syntax errors, and the outline has every
 * top-level block.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { checkTexts } from '../../server/src/analysis/batch';
import { definition, references, rename } from '../../server/src/features/navigation';
import { outline } from '../../server/src/features/outline';
import { navIndexOf, segmentSpans } from '../../server/src/features/symbols';
import { resolveSettings } from '../../server/src/settings';
import { corpusDir, sharedParser } from '../helpers';

const dir = corpusDir() && path.join(corpusDir()!, 'real', 'valid');
const files =
  dir && fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.alloy'))
        .sort()
    : [];
const settings = resolveSettings({});
/** Renames per file (the first components of each file): enough to cover every shape, bounded in time. */
const RENAMES_PER_FILE = 4;

const key = (uri: string, s: { start: number; end: number }) => `${uri}#${s.start}-${s.end}`;

describe('navigation over the real corpus', { skip: files.length === 0 && 'no ../shared/corpus/real/valid' }, () => {
  test(`definition, references, rename and outline on ${files.length} files`, async (t) => {
    const parser = await sharedParser();
    let definitions = 0;
    let referenceSets = 0;
    let renames = 0;
    const failures: string[] = [];
    for (const name of files) {
      const text = fs.readFileSync(path.join(dir!, name), 'utf8');
      const [checked] = checkTexts(parser, [{ path: path.join(dir!, name), text }], settings);
      try {
        const analysis = checked.analysis;
        const uri = checked.doc.uri;
        const index = navIndexOf(analysis);
        const config = analysis.configuration;

        // Every reference the configuration resolves to a component: definition on each segment of its
        // component part (name segments and label) is that component's header.
        for (const r of config.references) {
          if (!r.target || r.file.uri !== uri) continue;
          const span = { start: r.ref.span.start + r.statement.start, end: r.ref.span.end + r.statement.start };
          const segments = segmentSpans(text, span);
          const componentSegments = r.target.name.split('.').length + 1;
          const header = {
            start: r.target.statement.start + r.target.block.nameSpan.start,
            end: r.target.statement.start + r.target.block.labelSpan!.end,
          };
          for (const seg of segments.slice(0, componentSegments)) {
            for (const offset of [seg.start, seg.end]) {
              const found = definition(index, uri, offset);
              definitions++;
              if (found.length !== 1 || key(found[0].uri, found[0].selection) !== key(r.target.file.uri, header)) {
                failures.push(
                  `${name}: definition at ${offset} (${r.ref.path.join('.')}) gave ${JSON.stringify(found.map((f) => f.selection))}, want ${JSON.stringify(header)}`,
                );
              }
            }
          }
        }

        // References of each component: its label and exactly the references that resolve to it.
        let renamed = 0;
        for (const decl of config.allComponents()) {
          if (decl.file.uri !== uri || !decl.block.labelSpan) continue;
          const label = decl.statement.start + decl.block.labelSpan.start;
          const want = new Set([key(uri, { start: label, end: decl.statement.start + decl.block.labelSpan.end })]);
          for (const r of config.referencesTo(decl)) {
            const span = { start: r.ref.span.start + r.statement.start, end: r.ref.span.end + r.statement.start };
            const segments = segmentSpans(text, span);
            const last = segments[decl.name.split('.').length];
            want.add(key(r.file.uri, { start: segments[0].start, end: last.end }));
          }
          const got = new Set(references(index, uri, label + 1, true).map((l) => key(l.uri, l.span)));
          referenceSets++;
          if ([...want].sort().join() !== [...got].sort().join()) {
            failures.push(`${name}: references of ${decl.key}: got ${[...got].join(' ')}, want ${[...want].join(' ')}`);
          }

          // Renaming the label, then checking the result: no new undefined-reference or syntax-error.
          if (renamed >= RENAMES_PER_FILE) continue;
          renamed++;
          const result = rename(index, uri, label + 1, `${decl.label}_renamed`);
          if (!result.ok) {
            failures.push(`${name}: rename of ${decl.key} refused: ${result.message}`);
            continue;
          }
          let out = text;
          for (const e of [...result.edits].sort((a, b) => b.span.start - a.span.start)) {
            out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
          }
          const [after] = checkTexts(parser, [{ path: path.join(dir!, name), text: out }], settings);
          const count = (f: readonly { code: string }[], code: string) => f.filter((x) => x.code === code).length;
          for (const code of ['undefined-reference', 'syntax-error']) {
            if (count(after.findings, code) > count(checked.findings, code)) {
              failures.push(`${name}: renaming ${decl.key} added ${code}`);
            }
          }
          after.doc.dispose();
          renames++;
        }

        // The outline has every top-level block, with its span.
        const items = new Set(outline(checked.doc.model.statements).map((i) => `${i.span.start}-${i.span.end}`));
        for (const s of checked.doc.model.statements) {
          if (s.block && !items.has(`${s.start}-${s.end}`))
            failures.push(`${name}: outline lacks ${s.block.name} at ${s.start}`);
        }
      } finally {
        checked.doc.dispose();
      }
    }
    t.diagnostic(`${definitions} definitions, ${referenceSets} reference sets, ${renames} renames checked`);
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures`);
    // The corpus has plenty of each: the checks above really ran.
    assert.ok(definitions > 1000, `${definitions} definitions checked`);
    assert.ok(referenceSets > 1000, `${referenceSets} reference sets checked`);
    assert.ok(renames > 500, `${renames} renames checked`);
  });
});

/**
 * The hand-written completion data against its sources: stdlib signatures
 * against the catalog (and the signature lines of the docs when they are beside
 * the repository), literal choices against the catalog's arguments.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { catalog } from '../../server/src/knowledge';
import { LITERAL_CHOICES } from '../../server/src/knowledge/choices';
import { STDLIB_SIGNATURES, signatureLabel } from '../../server/src/knowledge/stdlibSignatures';
import { repoRoot } from '../helpers';

test('every standard-library function of every catalog version has a signature, and every signature a function', () => {
  const names = new Set<string>();
  for (const version of catalog.versions) {
    for (const f of catalog.at(version).catalog.stdlib) {
      if (f.kind === 'function' && !f.deprecated) names.add(f.name);
    }
  }
  assert.ok(names.size >= 25, `only ${names.size} functions`);
  for (const name of names) assert.ok(STDLIB_SIGNATURES[name], `no signature for ${name}`);
  for (const name of Object.keys(STDLIB_SIGNATURES)) assert.ok(names.has(name), `${name} is not a catalog function`);
});

test(
  'signatures agree with the signature lines of the docs',
  { skip: !fs.existsSync(path.join(repoRoot, '..', 'shared', 'alloy-docs')) && 'no docs beside the repository' },
  () => {
    const dir = path.join(repoRoot, '..', 'shared', 'alloy-docs', 'docs', 'sources', 'reference', 'stdlib');
    let compared = 0;
    for (const file of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      // A fenced alloy block whose only line is `name(params)` (not an example `> name(...)`).
      for (const m of text.matchAll(/```alloy\n([a-z_]+\.[a-z_]+)\(([^)\n]*)\)\n```/g)) {
        const sig = STDLIB_SIGNATURES[m[1]];
        assert.ok(sig, `${m[1]} has a signature line in ${file} but no entry`);
        assert.equal(signatureLabel(m[1], sig), `${m[1]}(${m[2]})`, file);
        compared++;
      }
    }
    assert.ok(compared >= 5, `only ${compared} signature lines compared`);
  },
);

test('literal choices are for string arguments the catalog has', () => {
  for (const c of LITERAL_CHOICES) {
    const arg = catalog.at().getArgument(c.owner, c.path, c.argument);
    assert.ok(arg, `${c.owner} ${c.argument} is not in the catalog`);
    assert.equal(arg.type, 'string', `${c.owner} ${c.argument}`);
    if (arg.default?.startsWith('"'))
      assert.ok(c.values.includes(JSON.parse(arg.default) as string), `default of ${c.argument}`);
    assert.ok(
      fs.existsSync(path.join(repoRoot, '..', 'shared', 'alloy-docs', c.source)) ||
        !fs.existsSync(path.join(repoRoot, '..', 'shared', 'alloy-docs')),
      c.source,
    );
  }
});

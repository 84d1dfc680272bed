import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createParser } from '../../server/src/syntax/parser';
import * as path from 'node:path';
import { CORPUS_ABSENT, FOLDERS, checkFolder, corpusAvailable, repoRoot } from './corpus';

const available = corpusAvailable();

describe('grammar agrees with Alloy on the shared corpus', () => {
  for (const folder of FOLDERS) {
    const skip = available ? false : CORPUS_ABSENT;
    test(`${folder.name}: ${folder.valid ? 'no' : 'an'} ERROR/MISSING node in every file`, { skip }, async () => {
      const result = checkFolder(await createParser(), folder);
      assert.ok(result.files.length > 0, `no .alloy files in ${folder.name}`);
      const offenders = result.offenders.map((o) => `${o.file}${o.firstError ? ` (${o.firstError})` : ''}`);
      assert.deepEqual(offenders, [], `${offenders.length} of ${result.files.length} files disagree with Alloy`);
    });
  }
});

describe('the corpus checker reports disagreements', () => {
  const fixtures = path.join(repoRoot, 'test', 'fixtures', 'grammar', 'mini-corpus');

  test('a file Alloy accepts but the grammar rejects, with the first error position', async () => {
    const result = checkFolder(await createParser(), { name: 'real/valid', valid: true }, fixtures);
    assert.deepEqual(
      result.files.map((f) => f.file),
      ['good.alloy', 'missing-comma.alloy'],
    );
    assert.deepEqual(result.offenders, [{ file: 'missing-comma.alloy', firstError: '3:3 ERROR' }]);
  });

  test('a file Alloy rejects but the grammar accepts', async () => {
    const result = checkFolder(await createParser(), { name: 'real/invalid', valid: false }, fixtures);
    assert.deepEqual(result.offenders, [{ file: 'actually-valid.alloy' }]);
    const placeholder = result.files.find((f) => f.file === 'placeholder-label.alloy');
    assert.match(placeholder?.firstError ?? '', /^1:9 /);
  });

  test('folders that agree have no offenders', async () => {
    const parser = await createParser();
    assert.deepEqual(checkFolder(parser, { name: 'parser/valid', valid: true }, fixtures).offenders, []);
    assert.deepEqual(checkFolder(parser, { name: 'parser/invalid', valid: false }, fixtures).offenders, []);
  });
});

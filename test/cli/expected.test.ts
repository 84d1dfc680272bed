/**
 * The outputs CI expects from the installed package (scripts/ci/packed-cli.mjs runs the same cases with the packed
 * and installed CLI): here with the development build, from a copy of examples/ in a temporary directory.
 * UPDATE_FIXTURES=1 rewrites the expected outputs.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot, runCli } from '../helpers';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'cli-package');
const cases = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'cases.json'), 'utf8')) as {
  name: string;
  args: string[];
}[];

describe('expected outputs of the packaged CLI on the examples', () => {
  let work: string;
  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-expected-'));
    fs.cpSync(path.join(repoRoot, 'examples'), path.join(work, 'examples'), { recursive: true });
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  for (const c of cases) {
    test(`alloy-analyzer ${c.args.join(' ')}`, () => {
      const r = runCli(c.args, { cwd: work });
      const actual = `${r.stdout}--- stderr\n${r.stderr}--- exit ${r.status}\n`;
      const file = path.join(FIXTURES, `${c.name}.out`);
      if (process.env.UPDATE_FIXTURES) fs.writeFileSync(file, actual);
      assert.equal(
        actual,
        fs.readFileSync(file, 'utf8'),
        `${c.name}.out differs; if the change is intended: UPDATE_FIXTURES=1 npm test -- cli/expected`,
      );
    });
  }

  test('the examples are left as they were', () => {
    for (const name of ['broken/missing-self-monitoring.alloy', 'self-monitoring/grafana-cloud.alloy']) {
      assert.equal(
        fs.readFileSync(path.join(work, 'examples', name), 'utf8'),
        fs.readFileSync(path.join(repoRoot, 'examples', name), 'utf8'),
      );
    }
  });
});

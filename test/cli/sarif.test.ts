/**
 * `check --format sarif` validates against the SARIF 2.1.0 JSON schema (test/fixtures/sarif, with its source) and
 * names every rule with a help URI that leads to the rule's section of the package README.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { RULES } from '../../server/src/rules';
import { repoRoot, runCli } from '../helpers';

const schema = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'),
);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

interface SarifLog {
  runs: {
    tool: { driver: { informationUri: string; rules: { id: string; name: string; helpUri: string }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[];
      relatedLocations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[];
    }[];
  }[];
}

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, `not valid SARIF 2.1.0: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

describe('check --format sarif', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-sarif-'));
    fs.writeFileSync(path.join(dir, 'binary.alloy'), Buffer.from([0x61, 0x00]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the examples: valid SARIF, every rule described, every result located relative to %SRCROOT%', () => {
    const r = runCli(['check', '--format', 'sarif', '--config-mode', 'directory', 'examples/']);
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout) as SarifLog;
    assertValid(log);
    const run = log.runs[0];
    const rules = run.tool.driver.rules;
    assert.deepEqual(
      rules.map((x) => x.id),
      RULES.map((x) => x.code),
    );
    const readme = fs.readFileSync(path.join(repoRoot, 'server', 'README.md'), 'utf8');
    for (const rule of rules) {
      assert.match(rule.helpUri, new RegExp(`^${run.tool.driver.informationUri}#${rule.id}$`));
      assert.ok(readme.includes(`\n### \`${rule.id}\`\n`), `server/README.md has no section for ${rule.id}`);
      assert.match(rule.name, /^[A-Z][A-Za-z]+$/);
    }
    assert.ok(run.results.length > 5);
    for (const result of run.results) {
      assert.equal(rules[result.ruleIndex].id, result.ruleId);
      for (const l of [...result.locations, ...(result.relatedLocations ?? [])]) {
        assert.equal(l.physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
        assert.match(l.physicalLocation.artifactLocation.uri, /^examples\//);
      }
    }
    const duplicate = run.results.find((x) => x.ruleId === 'duplicate-block')!;
    assert.equal(
      duplicate.relatedLocations?.[0].physicalLocation.artifactLocation.uri,
      'examples/broken/duplicate-logging/main.alloy',
    );
    assert.deepEqual(run.invocations[0].executionSuccessful, true);
  });

  test('files outside the current directory and unreadable files: still valid', () => {
    // An empty working directory of its own, so that neither the files nor the checkout lie below it
    // (the checkout itself may be under the temporary directory).
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-sarif-cwd-'));
    const r = runCli(['check', '--format', 'sarif', dir, path.join(repoRoot, 'examples', 'broken')], { cwd });
    fs.rmSync(cwd, { recursive: true, force: true });
    assert.equal(r.status, 2);
    const log = JSON.parse(r.stdout) as SarifLog;
    assertValid(log);
    const notifications = log.runs[0].invocations[0].toolExecutionNotifications;
    assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
    assert.match(notifications[0].message.text, /binary\.alloy:1:2: not a text file: contains a NUL byte/);
    const uris = log.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation);
    assert.ok(uris.some((u) => u.uri.startsWith('file:///') && u.uriBaseId === undefined));
  });

  test('the validator rejects what is not SARIF', () => {
    const r = runCli(['check', '--format', 'sarif', 'examples/broken/missing-self-monitoring.alloy']);
    const log = JSON.parse(r.stdout);
    assertValid(log);
    log.runs[0].results[0].level = 'fatal';
    assert.equal(validate(log), false);
  });
});

/**
 * Rule metadata is defined once (server/src/rules/metadata.ts); the registered
 * rules, the settings schema in package.json and the README's rule table must
 * agree with it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../../server/src/rules';
import { RULE_CODES, RULE_METADATA } from '../../server/src/rules/metadata';
import { DEFAULT_RULE_SEVERITY } from '../../server/src/settings';
import { repoRoot } from '../helpers';

interface RuleProperty {
  default?: unknown;
  markdownDescription?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: {
    configuration: {
      properties: Record<string, { properties?: Record<string, RuleProperty>; default?: Record<string, string> }>;
    };
  };
};
const rulesSetting = manifest.contributes.configuration.properties['alloy.rules'];

/** The rows of the README's rule table (the table under `## Rules`): [code, default]. */
function readmeRules(): [string, string][] {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Rules\n'));
  assert.ok(section.length > 0, 'README has no "## Rules" section');
  const rows: [string, string][] = [];
  const lines = section.split('\n');
  let i = lines.findIndex((l) => /^\|\s*code\s*\|\s*default\s*\|/.test(l));
  assert.ok(i >= 0, 'README has no rule table (| code | default | ... |)');
  for (i += 2; i < lines.length && lines[i].startsWith('|'); i++) {
    const cells = lines[i].split('|').map((c) => c.trim());
    rows.push([cells[1].replace(/`/g, ''), cells[2]]);
  }
  return rows;
}

describe('rule metadata', () => {
  test('every registered rule has metadata, in the same order, and every code is registered', () => {
    assert.deepEqual(
      RULES.map((r) => r.code),
      RULE_CODES,
    );
  });

  test('settings defaults come from the metadata', () => {
    for (const code of RULE_CODES) assert.equal(DEFAULT_RULE_SEVERITY[code], RULE_METADATA[code].defaultSeverity, code);
  });

  test('package.json: one setting per rule, with its default severity and description', () => {
    const props = rulesSetting.properties ?? {};
    assert.deepEqual(Object.keys(props), RULE_CODES);
    for (const code of RULE_CODES) {
      assert.equal(props[code].default, RULE_METADATA[code].defaultSeverity, `${code}: default`);
      assert.equal(props[code].markdownDescription, RULE_METADATA[code].description, `${code}: markdownDescription`);
    }
    assert.deepEqual(
      rulesSetting.default,
      Object.fromEntries(RULE_CODES.map((c) => [c, RULE_METADATA[c].defaultSeverity])),
    );
  });

  test('README: the rule table lists every rule, in order, with its default severity', () => {
    assert.deepEqual(
      readmeRules(),
      RULE_CODES.map((c) => [c, RULE_METADATA[c].defaultSeverity]),
    );
  });
});

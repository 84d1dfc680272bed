/**
 * The settings schema in package.json and the server's settings
 * (server/src/settings.ts) must agree: same keys, same defaults, same allowed
 * values. resolveSettings is the server's reader of what the editor sends.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { RULE_CODES } from '../../server/src/protocol';
import { catalog } from '../../server/src/knowledge/index';
import {
  ALLOY_VERSION_NAMES,
  DEFAULT_RULE_SEVERITY,
  DEFAULT_SETTINGS,
  DESTINATIONS,
  resolveSettings,
  type ConfigMode,
  type SelfMonitoringSettings,
  type SeveritySetting,
} from '../../server/src/settings';
import { repoRoot } from './textmate';

/**
 * Every member of the union `U`, as an array; it does not compile when one is
 * missing, so a value added to a settings type breaks this test until the
 * schema is checked for it too.
 */
function allOf<U extends string>() {
  return <const V extends readonly U[]>(values: V & ([U] extends [V[number]] ? unknown : never)): V => values;
}
const SEVERITIES = allOf<SeveritySetting>()(['error', 'warning', 'information', 'hint', 'off']);
const CONFIG_MODES = allOf<ConfigMode>()(['file', 'directory']);
const LOG_LEVELS = allOf<SelfMonitoringSettings['logLevel']>()(['error', 'warn', 'info', 'debug']);
const LOG_FORMATS = allOf<SelfMonitoringSettings['logFormat']>()(['logfmt', 'json']);

interface Property {
  type: string;
  enum?: string[];
  enumDescriptions?: string[];
  default?: unknown;
  markdownDescription?: string;
  properties?: Record<string, Property>;
  additionalProperties?: boolean;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> } };
};
const props = manifest.contributes.configuration.properties;

function prop(key: string): Property {
  assert.ok(props[key], `package.json has no setting ${key}`);
  return props[key];
}

/** The object VS Code sends for the `alloy` section when every setting has the value `values[key]` or its default. */
function sectionFrom(values: Record<string, unknown> = {}): Record<string, unknown> {
  const section: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(props)) {
    const parts = key.split('.').slice(1);
    let at = section;
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[parts.at(-1)!] = key in values ? values[key] : p.default;
  }
  return section;
}

describe('settings schema (package.json) and server defaults', () => {
  test('exactly the settings the server reads, plus alloy.trace.server', () => {
    const expected = [
      'alloy.configMode',
      'alloy.version',
      'alloy.rules',
      ...Object.keys(DEFAULT_SETTINGS.selfMonitoring).map((k) => `alloy.selfMonitoring.${k}`),
      'alloy.maxFileSize',
      'alloy.trace.server',
    ];
    assert.deepEqual(Object.keys(props).sort(), expected.sort());
  });

  test('every setting has a type, a default and a description; enums are described one to one', () => {
    for (const [key, p] of Object.entries(props)) {
      assert.ok(p.type, `${key}: type`);
      assert.notEqual(p.default, undefined, `${key}: default`);
      assert.ok(p.markdownDescription && p.markdownDescription.length > 10, `${key}: markdownDescription`);
      if (p.enum && p.enumDescriptions) assert.equal(p.enumDescriptions.length, p.enum.length, key);
      if (p.enum) assert.ok(p.enum.includes(p.default as string), `${key}: default not in enum`);
    }
  });

  test('the defaults in package.json are the server defaults', () => {
    assert.deepEqual(resolveSettings(sectionFrom()), DEFAULT_SETTINGS);
    assert.equal(prop('alloy.configMode').default, DEFAULT_SETTINGS.configMode);
    assert.equal(prop('alloy.version').default, DEFAULT_SETTINGS.version);
    assert.equal(DEFAULT_SETTINGS.version, catalog.defaultVersion);
    assert.deepEqual(prop('alloy.rules').default, DEFAULT_RULE_SEVERITY);
    for (const [k, v] of Object.entries(DEFAULT_SETTINGS.selfMonitoring)) {
      assert.equal(prop(`alloy.selfMonitoring.${k}`).default, v, k);
    }
    assert.equal(prop('alloy.maxFileSize').default, DEFAULT_SETTINGS.maxFileSize);
    assert.equal(prop('alloy.trace.server').default, 'off');
  });

  test('alloy.rules: one property per rule code, each with the severities and the rule default', () => {
    const rules = prop('alloy.rules');
    assert.equal(rules.type, 'object');
    assert.equal(rules.additionalProperties, false);
    assert.deepEqual(Object.keys(rules.properties ?? {}), [...RULE_CODES]);
    for (const code of RULE_CODES) {
      const p = rules.properties![code];
      assert.equal(p.type, 'string', code);
      assert.deepEqual(p.enum, [...SEVERITIES], code);
      assert.equal(p.default, DEFAULT_RULE_SEVERITY[code], code);
      assert.ok(p.markdownDescription, `${code}: description`);
    }
  });

  test('enums list exactly the values of the server types', () => {
    assert.deepEqual(prop('alloy.configMode').enum, [...CONFIG_MODES]);
    assert.deepEqual(prop('alloy.selfMonitoring.destination').enum, [...DESTINATIONS]);
    assert.deepEqual(prop('alloy.selfMonitoring.logLevel').enum, [...LOG_LEVELS]);
    assert.deepEqual(prop('alloy.selfMonitoring.logFormat').enum, [...LOG_FORMATS]);
    assert.deepEqual(prop('alloy.trace.server').enum, ['off', 'messages', 'verbose']);
    // The versions the knowledge catalog covers, without the client loading the catalog.
    assert.deepEqual(prop('alloy.version').enum, [...ALLOY_VERSION_NAMES]);
    assert.deepEqual([...ALLOY_VERSION_NAMES], [...catalog.versions]);
  });

  test('alloy.version: release names as people write them; anything else is the default', () => {
    for (const [input, expected] of [
      ['1.16', '1.16'],
      ['v1.16.3', '1.16'],
      ['1.13.0', '1.13'],
      [' dev ', 'dev'],
      ['1.12', DEFAULT_SETTINGS.version],
      ['latest', DEFAULT_SETTINGS.version],
      [16, DEFAULT_SETTINGS.version],
    ] as const) {
      assert.equal(resolveSettings({ version: input }).version, expected, String(input));
    }
  });

  test('every value the schema allows reaches the server unchanged', () => {
    const cases: [string, unknown, (s: ReturnType<typeof resolveSettings>) => unknown][] = [
      ...CONFIG_MODES.map((v): [string, unknown, (s: ReturnType<typeof resolveSettings>) => unknown] => [
        'alloy.configMode',
        v,
        (s) => s.configMode,
      ]),
      ...ALLOY_VERSION_NAMES.map((v): [string, unknown, (s: ReturnType<typeof resolveSettings>) => unknown] => [
        'alloy.version',
        v,
        (s) => s.version,
      ]),
    ];
    for (const key of Object.keys(DEFAULT_SETTINGS.selfMonitoring) as (keyof SelfMonitoringSettings)[]) {
      const p = prop(`alloy.selfMonitoring.${key}`);
      for (const v of p.enum ?? []) cases.push([`alloy.selfMonitoring.${key}`, v, (s) => s.selfMonitoring[key]]);
    }
    for (const v of [0.001, 0.25, 1])
      cases.push(['alloy.selfMonitoring.samplingFraction', v, (s) => s.selfMonitoring.samplingFraction]);
    for (const v of ['500ms', '15s', '1m', '2h'])
      cases.push(['alloy.selfMonitoring.scrapeInterval', v, (s) => s.selfMonitoring.scrapeInterval]);
    for (const [key, value, read] of cases) {
      assert.equal(read(resolveSettings(sectionFrom({ [key]: value }))), value, `${key} = ${JSON.stringify(value)}`);
    }
    for (const code of RULE_CODES) {
      for (const severity of SEVERITIES) {
        const rules = { ...DEFAULT_RULE_SEVERITY, [code]: severity };
        assert.equal(
          resolveSettings(sectionFrom({ 'alloy.rules': rules })).rules[code],
          severity,
          `${code}: ${severity}`,
        );
      }
    }
  });

  test('number range and duration pattern: what the schema rejects, the server ignores', () => {
    const fraction = prop('alloy.selfMonitoring.samplingFraction');
    assert.equal(fraction.type, 'number');
    assert.deepEqual([fraction.exclusiveMinimum, fraction.maximum], [0, 1]);
    for (const v of [-0.1, 0, 1.5]) {
      assert.equal(
        resolveSettings(sectionFrom({ 'alloy.selfMonitoring.samplingFraction': v })).selfMonitoring.samplingFraction,
        DEFAULT_SETTINGS.selfMonitoring.samplingFraction,
      );
    }
    const interval = prop('alloy.selfMonitoring.scrapeInterval');
    const pattern = new RegExp(interval.pattern!);
    for (const v of ['500ms', '15s', '1m', '2h', '60s']) {
      assert.ok(pattern.test(v), v);
      assert.equal(
        resolveSettings(sectionFrom({ 'alloy.selfMonitoring.scrapeInterval': v })).selfMonitoring.scrapeInterval,
        v,
      );
    }
    for (const v of ['1d', '15', 's', '1.5s', ' 15s']) {
      assert.ok(!pattern.test(v), v);
      assert.equal(
        resolveSettings(sectionFrom({ 'alloy.selfMonitoring.scrapeInterval': v })).selfMonitoring.scrapeInterval,
        DEFAULT_SETTINGS.selfMonitoring.scrapeInterval,
        v,
      );
    }
  });
});

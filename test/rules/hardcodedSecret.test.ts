/**
 * hardcoded-secret is precise: placeholders, connection strings without a password, tenant headers and paths are
 * not secrets; and every finding in the public corpus is in a reviewed list of real literal credentials, with the
 * reason (test/fixtures/rules/hardcoded-secret-corpus.json).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { checkTexts } from '../../server/src/analysis/batch';
import { positionIn } from '../../server/src/positions';
import { placeholderKind } from '../../server/src/rules/secretValues';
import { resolveSettings } from '../../server/src/settings';
import { corpusDir, diagnoseText, rangeOf, repoRoot, SELF_MONITORED, sharedParser } from '../helpers';

const secrets = async (body: string) =>
  (await diagnoseText(`${SELF_MONITORED}\n${body}`)).filter((d) => d.startsWith('hardcoded-secret'));
const at = (body: string, needle: string) =>
  `hardcoded-secret warning ${rangeOf(`${SELF_MONITORED}\n${body}`, needle)}`;

describe('hardcoded-secret precision', () => {
  test('placeholders are not secrets', async () => {
    for (const value of [
      '<PASSWORD>',
      '<API TOKEN>',
      '${GRAFANA_TOKEN}',
      '{{ .Values.password }}',
      'REPLACE_ME',
      'changeme',
      'YOUR_ACCESS_KEY',
      'SPLUNK_TOKEN',
      'example-password',
      'my-secret-password-here',
      'fakepassword',
      '[REDACTED]',
      'xxxx==',
      'SCWXXXXXXXXXXXXXXXXX',
      '00000000-0000-0000-0000-000000000000',
      '1234567890abcdef1234567890abcdef',
      'secret1',
      'abc',
    ]) {
      assert.ok(placeholderKind(value), value);
      const body = `loki.write "w" {\n\tendpoint {\n\t\turl = "http://loki"\n\n\t\tbasic_auth {\n\t\t\tusername = "u"\n\t\t\tpassword = "${value}"\n\t\t}\n\t}\n}\n`;
      assert.deepEqual(await secrets(body), [], value);
    }
    for (const value of [
      'hunter2',
      'Worms123',
      'otel01$',
      'AKIAIOSFODNN7EXAMPLE2',
      'abc123',
      'eyJhbGciOiJIUzI1NiJ9.e30',
    ]) {
      assert.equal(placeholderKind(value), undefined, value);
    }
  });

  test('connection strings are secrets only with a password in them', async () => {
    const dsn = (component: string, attribute: string, value: string) =>
      `${component} "x" {\n\t${attribute} = "${value}"\n}\n\nprometheus.scrape "x" {\n\ttargets    = ${component}.x.targets\n\tforward_to = []\n}\n`;
    for (const [component, attribute, value] of [
      ['prometheus.exporter.mongodb', 'mongodb_uri', 'mongodb://127.0.0.1:27017'],
      ['prometheus.exporter.mysql', 'data_source_name', 'root@(server-a:3306)/'],
      ['prometheus.exporter.mssql', 'connection_string', 'sqlserver://<USERNAME>:<PASSWORD>@<HOST>:<PORT>'],
      ['prometheus.exporter.mysql', 'data_source_name', 'user:pass@tcp(mysql:3306)/'],
    ]) {
      assert.deepEqual(await secrets(dsn(component, attribute, value)), [], value);
    }
    for (const [component, attribute, value] of [
      ['prometheus.exporter.mysql', 'data_source_name', 'root:s3cr3t-Pw@tcp(mysql:3306)/testdb'],
      ['prometheus.exporter.oracledb', 'connection_string', 'oracle://system:Qx7vz9@db:1521/ORCL'],
    ]) {
      const body = dsn(component, attribute, value);
      assert.deepEqual(await secrets(body), [at(body, `"${value}"`)], value);
    }
  });

  test('header maps and header blocks: only credential headers', async () => {
    const body = `otelcol.auth.headers "h" {\n\theader {\n\t\tkey   = "X-Scope-OrgID"\n\t\tvalue = "tenant-1"\n\t}\n\n\theader {\n\t\tkey   = "User-ID"\n\t\tvalue = "user_id"\n\t}\n\n\theader {\n\t\tkey   = "Authorization"\n\t\tvalue = "Bearer 9f8e7d6c5b4a"\n\t}\n}\n\notelcol.exporter.otlphttp "o" {\n\tclient {\n\t\tendpoint = "https://otlp"\n\t\tauth     = otelcol.auth.headers.h.handler\n\t\theaders  = {\n\t\t\t"X-Scope-OrgID" = "tenant",\n\t\t\t"Authorization" = "Basic VVNFUk5BTUU6UEFTU1dPUkQ=",\n\t\t}\n\t}\n}\n\ntracing {\n\twrite_to = [otelcol.exporter.otlphttp.o.input]\n}\n`;
    // Basic VVNFUk5BTUU6UEFTU1dPUkQ= is base64 for USERNAME:PASSWORD, a placeholder.
    assert.deepEqual(await secrets(body), [at(body, '"Bearer 9f8e7d6c5b4a"')]);
  });

  test('a path where key material belongs is not a secret', async () => {
    const body = `loki.write "w" {\n\tendpoint {\n\t\turl = "https://loki"\n\n\t\ttls_config {\n\t\t\tkey_pem = "/var/lib/certs/client-key.pem"\n\t\t}\n\t}\n}\n`;
    assert.deepEqual(await secrets(body), []);
  });
});

interface Reviewed {
  file: string;
  line: number;
  value: string;
  reason: string;
}

describe('hardcoded-secret in the public corpus', () => {
  const corpus = corpusDir();
  test(
    'every finding is in the reviewed list of real literal credentials, and every entry is found',
    { skip: corpus ? false : 'the corpus (../shared/corpus) is not beside the repository' },
    async () => {
      const reviewed = JSON.parse(
        fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'rules', 'hardcoded-secret-corpus.json'), 'utf8'),
      ) as Reviewed[];
      for (const r of reviewed) assert.ok(r.reason.length > 10, `${r.file}:${r.line} has no reason`);
      const real = path.join(corpus!, 'real');
      const parser = await sharedParser();
      const settings = resolveSettings({});
      const found: string[] = [];
      for (const dir of ['valid', 'invalid']) {
        for (const name of fs
          .readdirSync(path.join(real, dir))
          .filter((n) => n.endsWith('.alloy'))
          .sort()) {
          const file = path.join(real, dir, name);
          const text = fs.readFileSync(file, 'utf8');
          const [checked] = checkTexts(parser, [{ path: file, text }], settings);
          for (const f of checked.findings) {
            if (f.code !== 'hardcoded-secret') continue;
            const value = text.slice(f.span.start + 1, f.span.end - 1);
            found.push(`${dir}/${name}:${positionIn(text, f.span.start).line + 1}: ${value}`);
          }
          checked.doc.dispose();
        }
      }
      assert.deepEqual(
        found,
        reviewed.map((r) => `${r.file}:${r.line}: ${r.value}`),
      );
    },
  );
});

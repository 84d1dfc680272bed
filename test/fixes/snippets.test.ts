/**
 * The VS Code snippets come from the templates: the committed file must be
 * what the templates generate, and every body, read the way VS Code reads
 * snippet syntax, must expand (with its defaults) to Alloy that parses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { snippets, snippetsFile } from '../../server/src/templates/snippets';
import { stackText } from '../../server/src/templates/stackText';
import { DEFAULT_SETTINGS, DESTINATIONS } from '../../server/src/settings';
import { repoRoot, sharedParser } from '../helpers';

const FILE = path.join(repoRoot, 'snippets', 'alloy.code-snippets');

interface Expanded {
  text: string;
  /** Tab stop number -> default text of its first occurrence. */
  stops: Map<number, string>;
}

/**
 * Expands a snippet body with the defaults: `${n:text}`, `${n|a,b|}` (first
 * choice), `${n}` / `$n` (mirror of n), `\$`, `\}`, `\\` escapes. Throws on
 * anything VS Code would not read as intended (an unescaped `$` or `}`).
 */
function expand(body: string): Expanded {
  const stops = new Map<number, string>();
  let i = 0;
  const readText = (stopAt: string): string => {
    let out = '';
    while (i < body.length && !stopAt.includes(body[i])) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
      } else if (c === '$') {
        out += readStop();
      } else if (c === '}') {
        throw new Error(`unescaped } at ${i} in ${JSON.stringify(body)}`);
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  const readStop = (): string => {
    i++; // $
    const simple = /^\d+/.exec(body.slice(i));
    if (simple) {
      i += simple[0].length;
      return stops.get(Number(simple[0])) ?? '';
    }
    if (body[i] !== '{') throw new Error(`unescaped $ at ${i - 1} in ${JSON.stringify(body)}`);
    i++;
    const n = /^\d+/.exec(body.slice(i));
    if (!n) throw new Error(`variables are not used: ${JSON.stringify(body)}`);
    i += n[0].length;
    const num = Number(n[0]);
    let value: string;
    if (body[i] === '}') {
      i++;
      value = stops.get(num) ?? '';
    } else if (body[i] === ':') {
      i++;
      value = readText('}');
      assert.equal(body[i], '}');
      i++;
    } else if (body[i] === '|') {
      i++;
      const choices = [readText(',|')];
      while (body[i] === ',') {
        i++;
        choices.push(readText(',|'));
      }
      assert.equal(body.slice(i, i + 2), '|}');
      i += 2;
      value = choices[0];
    } else throw new Error(`bad tab stop in ${JSON.stringify(body)}`);
    if (!stops.has(num)) stops.set(num, value);
    return value;
  };
  const text = readText('');
  return { text, stops };
}

test('snippets/alloy.code-snippets is what the templates generate (run npm run snippets)', () => {
  assert.equal(fs.readFileSync(FILE, 'utf8'), snippetsFile());
});

test('every snippet expands to Alloy that parses, with tab stops numbered from 1', async () => {
  const parser = await sharedParser();
  const all = snippets();
  const prefixes = Object.values(all).map((s) => s.prefix);
  assert.equal(new Set(prefixes).size, prefixes.length, 'duplicate prefixes');
  assert.ok(Object.keys(all).length >= 8);
  for (const [name, s] of Object.entries(all)) {
    const { text, stops } = expand(s.body.join('\n'));
    assert.deepEqual(
      [...stops.keys()].sort((a, b) => a - b),
      Array.from({ length: stops.size }, (_, k) => k + 1),
      name,
    );
    assert.ok(stops.size > 0, `${name} has no tab stop`);
    const tree = parser.parse(`${text}\n`)!;
    assert.equal(tree.rootNode.hasError, false, `${name}:\n${text}`);
    tree.delete();
    assert.doesNotMatch(text, /(^|[^.\w])env\(/, name);
  }
});

test('the whole-stack snippets expand to exactly the rendered stacks', () => {
  const all = Object.values(snippets());
  for (const destination of DESTINATIONS) {
    const prefix = destination === 'grafana-cloud' ? 'alloy-self-monitoring' : `alloy-self-monitoring-${destination}`;
    const s = all.find((x) => x.prefix === prefix);
    assert.ok(s, prefix);
    assert.equal(`${expand(s.body.join('\n')).text}\n`, stackText(destination, DEFAULT_SETTINGS.selfMonitoring));
  }
});

test('labels are tab stops mirrored between a component and the references to it', () => {
  const stack = Object.values(snippets()).find((s) => s.prefix === 'alloy-self-monitoring')!;
  const body = stack.body.join('\n');
  // logging comes first, so the label's tab stop is defined in write_to and mirrored in the block's header.
  const first = /loki\.write\.\$\{(\d+):grafana_cloud\}\.receiver/.exec(body);
  assert.ok(first, body);
  assert.ok(body.includes(`loki.write "\${${first[1]}}" {`), 'the loki.write label is not mirrored');
});

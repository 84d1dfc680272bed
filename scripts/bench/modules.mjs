// A real-shaped module-heavy configuration for the benchmark, built at bench
// time from the public corpus (never copied into the repository): real module
// files and configurations of a few hundred lines each, each wrapped in a
// `declare` block (so their own `declare`s become nested ones), until the file
// has about `lines` lines — the shape Grafana's Kubernetes monitoring Helm
// chart renders.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Top-level blocks that are not allowed inside `declare`. */
const ROOT_ONLY = /^(logging|tracing|http|remotecfg|livedebugging|labelstore)\b/m;

/**
 * The configuration text, or undefined when the corpus is not there. Files
 * are taken in name order, modules first, alternating with configurations.
 */
export function moduleHeavyConfig(corpusValidDir, lines = 2500) {
  if (!fs.existsSync(corpusValidDir)) return undefined;
  const candidates = fs
    .readdirSync(corpusValidDir)
    .filter((n) => n.endsWith('.alloy'))
    .sort()
    .map((n) => ({ name: n, text: fs.readFileSync(path.join(corpusValidDir, n), 'utf8').replace(/\r\n/g, '\n') }))
    .filter((f) => {
      const count = f.text.split('\n').length;
      return count >= 100 && count <= 480 && !ROOT_ONLY.test(f.text) && !f.text.includes('`');
    });
  const modules = candidates.filter((f) => f.name.startsWith('modules__'));
  const configs = candidates.filter((f) => !f.name.startsWith('modules__') && !/^\s*(argument|export)\s/m.test(f.text));
  const picked = [];
  let total = 0;
  for (let i = 0; total < lines && (i < modules.length || i < configs.length); i++) {
    for (const f of [modules[i], configs[i]]) {
      if (!f || total >= lines) continue;
      picked.push(f);
      total += f.text.split('\n').length + 3;
    }
  }
  if (picked.length === 0) return undefined;
  const out = [];
  picked.forEach((f, i) => {
    const label = `feature_${i}_${path
      .basename(f.name, '.alloy')
      .replace(/[^A-Za-z0-9_]/g, '_')
      .slice(0, 40)}`;
    const body = f.text.trimEnd().replace(/^(?=.)/gm, '\t');
    out.push(`declare "${label}" {\n${body}\n}\n`);
  });
  return { text: out.join('\n'), sources: picked.map((f) => f.name) };
}
